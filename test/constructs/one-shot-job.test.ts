import { APP_USER, postgres } from '../../lib/catalog';
import { CronJobSpec, JobSpec } from '../../lib/spec/types';
import { all, find, podSpec, PRODUCTION, synthServices } from '../util';

const PG = postgres({ flavour: 'alpine', database: 'shop', user: 'shop', passwordKey: 'pg' });
const SECRETS = [{ key: 'pg', description: 'pg' }];
const migrate = (overrides: Partial<JobSpec> = {}): JobSpec => ({
  kind: 'job', name: 'migrate', image: { build: 'backend' }, args: ['alembic', 'upgrade', 'head'], user: APP_USER,
  dependsOn: [{ service: 'postgres', condition: 'healthy' }], ...overrides,
});
const jobsOf = (objects: any[]) => all(objects, 'Job');

describe('OneShotJob', () => {
  test('names the Job after its content, stable across runs', () => {
    const [a] = jobsOf(synthServices([PG, migrate()], PRODUCTION, { secrets: SECRETS }));
    const [b] = jobsOf(synthServices([PG, migrate()], PRODUCTION, { secrets: SECRETS }));
    expect(a.metadata.name).toMatch(/^migrate-[0-9a-f]{8}$/);
    expect(b.metadata.name).toBe(a.metadata.name);
  });

  test('gives a new name for any change to the template, so re-applying never edits an immutable field', () => {
    const names = [
      synthServices([PG, migrate()], PRODUCTION, { secrets: SECRETS }),
      synthServices([PG, migrate()], { ...PRODUCTION, imageTag: '1.0.1' }, { secrets: SECRETS }),
      synthServices([PG, migrate({ env: { LOG_LEVEL: 'debug' } })], PRODUCTION, { secrets: SECRETS }),
      synthServices([PG, migrate({ resources: { cpu: '200m', memory: '256Mi' } })], PRODUCTION, { secrets: SECRETS }),
      synthServices([PG, migrate({ writablePaths: ['/tmp'] })], PRODUCTION, { secrets: SECRETS }),
      synthServices([PG, migrate()], { ...PRODUCTION, waitTimeoutSeconds: 900 }, { secrets: SECRETS }),
    ].map(objects => jobsOf(objects)[0].metadata.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test('lets a service wait until the Job has done its work, with the Job\'s image and settings', () => {
    const api = { kind: 'web' as const, name: 'api', image: { build: 'backend' }, ports: [{ name: 'http', port: 8000 }] as [{ name: string; port: number }],
      user: APP_USER, dependsOn: [{ service: 'migrate', condition: 'completed' as const }] };
    const objects = synthServices([PG, migrate({ completionCheck: 'alembic current | grep -q "(head)"', env: { DB_PASSWORD: { secret: 'pg' }, MODE: 'x' } }), api],
      PRODUCTION, { secrets: SECRETS });
    const [wait] = podSpec(find(objects, 'Deployment', 'api')).initContainers;
    expect(wait).toMatchObject({
      name: 'wait-for-migrate',
      image: 'registry.example.com/stackport/shop-backend:1.0.0',
      envFrom: [{ configMapRef: { name: 'migrate-env' } }],
      env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-secrets', key: 'pg' } } }],
    });
    expect(wait.command[2]).toContain('until last=`{ alembic current | grep -q "(head)"; } 2>&1`; do');
    expect(wait.command[2]).toContain('echo "gave up on migrate to complete after 600s; the check\'s last output:"');
  });

  test('never restarts in place, retries a bounded number of times and keeps the finished Job', () => {
    const [job] = jobsOf(synthServices([PG, migrate()], PRODUCTION, { secrets: SECRETS }));
    // 600s of work after up to 600s of waiting for dependencies.
    expect(job.spec).toMatchObject({ backoffLimit: 4, activeDeadlineSeconds: 1200 });
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(podSpec(job).restartPolicy).toBe('Never');
  });

  test('waits for its healthy dependency with an init container that times out and says so', () => {
    const [job] = jobsOf(synthServices([PG, migrate()], PRODUCTION, { secrets: SECRETS }));
    const [wait] = podSpec(job).initContainers;
    expect(wait.name).toBe('wait-for-postgres');
    expect(wait.image).toBe('busybox:1.36.1');
    expect(wait.command[2]).toContain('until last=`{ nc -z -w 5 postgres 5432; } 2>&1`; do');
    expect(wait.command[2]).toContain('echo "gave up on postgres:5432 after 600s; the check\'s last output:"');
    expect(wait.command[2]).not.toContain('$(');
    expect(wait.resources).toEqual({ requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '16Mi' } });
  });
});

describe('ScheduledJob', () => {
  const backup: CronJobSpec = {
    kind: 'cron', name: 'backup', image: 'postgres:15.10-alpine', schedule: '0 3 * * *', command: ['sh', '-c'], args: ['pg_dump'],
    user: { uid: 70, gid: 70 }, volumes: [{ name: 'backups', mountPath: '/backups', size: '20Gi' }],
  };

  test('never overlaps itself, gives up on late runs and runs in UTC', () => {
    const cron = find(synthServices([backup]), 'CronJob', 'backup');
    expect(cron.spec).toMatchObject({
      schedule: '0 3 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
    });
  });

  test('writes to its own volume claim', () => {
    const objects = synthServices([backup]);
    expect(find(objects, 'PersistentVolumeClaim', 'backups').spec).toEqual({
      accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } }, storageClassName: 'gp3', volumeMode: 'Filesystem',
    });
    expect(podSpec(find(objects, 'CronJob', 'backup')).volumes).toContainEqual({ name: 'pvc-backups', persistentVolumeClaim: { claimName: 'backups', readOnly: false } });
  });
});
