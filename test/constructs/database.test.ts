import { catalogEntry } from '../../lib/images/catalog';
import { FIRST_START_SECONDS, postgres, redis } from '../../lib/catalog';
import { find, LOCAL, podSpec, PRODUCTION, synthServices } from '../util';

const PG = postgres({ flavour: 'alpine', database: 'shop', user: 'shop', passwordKey: 'pg', initScripts: { '01.sql': 'SELECT 1;' } });
const SECRETS = [{ key: 'pg', description: 'pg' }];

describe('Database', () => {
  test('creates a StatefulSet with a data volumeClaimTemplate in the profile storage class', () => {
    const sts = find(synthServices([PG], PRODUCTION, { secrets: SECRETS }), 'StatefulSet', 'postgres');
    expect(sts.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'data', labels: expect.objectContaining({ 'app.kubernetes.io/name': 'postgres' }) },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', resources: { requests: { storage: '10Gi' } } },
    }]);
    expect(podSpec(sts).containers[0].volumeMounts[0]).toEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
  });

  test('uses the cluster default StorageClass locally', () => {
    const sts = find(synthServices([PG], LOCAL, { secrets: SECRETS }), 'StatefulSet', 'postgres');
    expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBeUndefined();
  });

  test('governs the StatefulSet with a headless Service named after the compose service', () => {
    const objects = synthServices([PG], PRODUCTION, { secrets: SECRETS });
    const sts = find(objects, 'StatefulSet', 'postgres');
    const svc = find(objects, 'Service', 'postgres');
    expect(sts.spec.serviceName).toBe('postgres');
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.selector).toEqual(sts.spec.selector.matchLabels);
    expect(svc.spec.ports).toEqual([{ name: 'postgres', port: 5432, targetPort: 5432 }]);
  });

  test('probes readiness with pg_isready every 10s, 5s timeout, 5 retries, as the seeds do; liveness only the port', () => {
    const c = podSpec(find(synthServices([PG], PRODUCTION, { secrets: SECRETS }), 'StatefulSet', 'postgres')).containers[0];
    const timing = { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 5 };
    expect(c.readinessProbe).toEqual({ exec: { command: ['sh', '-c', 'pg_isready -h 127.0.0.1 -p 5432 -U "$POSTGRES_USER" -d "$POSTGRES_DB"'] }, ...timing });
    // Crash recovery makes pg_isready report "rejecting connections": that must not restart PostgreSQL.
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 5432 }, ...timing });
  });

  test('mounts init scripts from a ConfigMap into docker-entrypoint-initdb.d', () => {
    const objects = synthServices([PG], PRODUCTION, { secrets: SECRETS });
    expect(find(objects, 'ConfigMap', 'postgres-files').data).toEqual({ '01.sql': 'SELECT 1;' });
    const spec = podSpec(find(objects, 'StatefulSet', 'postgres'));
    expect(spec.containers[0].volumeMounts).toContainEqual({ mountPath: '/docker-entrypoint-initdb.d', name: 'files', readOnly: true });
    expect(spec.volumes).toContainEqual({ name: 'files', configMap: { name: 'postgres-files' } });
  });

  test('runs as the image user with fsGroup so the volume is writable', () => {
    const spec = podSpec(find(synthServices([PG], PRODUCTION, { secrets: SECRETS }), 'StatefulSet', 'postgres'));
    expect(spec.securityContext).toMatchObject({ runAsUser: 70, runAsGroup: 70, fsGroup: 70, runAsNonRoot: true });
  });

  test('reads the Redis password from the Secret for the server and for redis-cli', () => {
    const c = podSpec(find(synthServices([redis({ passwordKey: 'redis' })], PRODUCTION, { secrets: [{ key: 'redis', description: 'redis' }] }), 'StatefulSet', 'redis')).containers[0];
    expect(c.args).toEqual(['redis-server', '--requirepass', '$(REDIS_PASSWORD)']);
    expect(c.env).toEqual([
      { name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-secrets', key: 'redis' } } },
      { name: 'REDISCLI_AUTH', valueFrom: { secretKeyRef: { name: 'shop-secrets', key: 'redis' } } },
    ]);
    expect(c.readinessProbe.exec.command).toEqual(['sh', '-c', "redis-cli -p 6379 ping 2>&1 | grep -qE 'PONG|NOAUTH'"]);
  });

  test('takes Redis\'s user, port, data directory, sizing and check from the image catalog, and a seed\'s own check command', () => {
    const known = catalogEntry('redis:7.4.1-alpine')!;
    const spec = redis({ passwordKey: 'redis' });
    expect(spec).toMatchObject({
      image: 'redis:7.4.1-alpine', user: known.alpineUser, ports: [{ name: 'redis', port: 6379 }], dataPath: known.dataPath,
      dataSize: known.dataSize, resources: known.resources,
      healthcheck: { ...known.healthcheck, startPeriodSeconds: FIRST_START_SECONDS },
    });
    const seeds = redis({ passwordKey: 'redis', checkCommand: ['redis-cli', '--raw', 'incr', 'ping'] });
    expect(seeds.healthcheck).toEqual({ ...spec.healthcheck, test: { exec: ['redis-cli', '--raw', 'incr', 'ping'] } });
  });
});
