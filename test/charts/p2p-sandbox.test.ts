import { P2P_SANDBOX as P2P } from '../../charts/p2p-sandbox';
import { all, find, LOCAL, podSpec, PRODUCTION, synthStack } from '../util';
import { summarize } from './summary';

describe('p2p-sandbox (seed 004)', () => {
  const prod = summarize('p2p-sandbox', PRODUCTION);
  const local = summarize('p2p-sandbox', LOCAL);

  test('has PostgreSQL, MongoDB, SuperTokens, backend, frontend, a migration and the seeder', () => {
    expect(prod.objects.filter(o => /^(Deployment|StatefulSet|Job)\//.test(o)).map(o => o.replace(/-[0-9a-f]{8}$/, '-<hash>'))).toEqual([
      'Deployment/backend', 'Deployment/frontend', 'Deployment/supertokens', 'Job/migrate-<hash>', 'Job/seeder-<hash>',
      'StatefulSet/mongodb', 'StatefulSet/postgres',
    ]);
    expect(prod.services).toEqual({
      postgres: ['postgres:5432->5432'], mongodb: ['mongodb:27017->27017'], supertokens: ['http:3567->3567'],
      backend: ['http:8000->8000'], frontend: ['http:80->80'],
    });
  });

  test('runs the seeder only after the backend is healthy and the migration is done, and the backend after both databases and the migration', () => {
    expect(prod.waits).toEqual({
      supertokens: ['postgres:5432'],
      backend: ['postgres:5432', 'mongodb:27017', 'migrate'],
      migrate: ['postgres:5432', 'mongodb:27017'],
      seeder: ['http://backend:8000/health', 'migrate'],
    });
  });

  test('on an upgrade the new seeder waits for the new schema, not for the old backend alone', () => {
    const objects = synthStack(P2P, { ...PRODUCTION, imageTag: '2.0.0' });
    const migrate = all(objects, 'Job').find(j => j.metadata.name.startsWith('migrate-'));
    const seeder = all(objects, 'Job').find(j => j.metadata.name.startsWith('seeder-'));
    const wait = podSpec(seeder).initContainers.find((c: any) => c.name === 'wait-for-migrate');
    // The check runs in the new version's image, so the old schema (or an old backend still Ready) does not satisfy it.
    expect(wait.image).toBe('registry.example.com/stackport/p2p-sandbox-backend:2.0.0');
    expect(wait.image).toBe(podSpec(migrate).containers[0].image);
    expect(wait.command[2]).toContain('alembic current | grep -q "(head)"');
    expect(podSpec(seeder).initContainers.map((c: any) => c.name)).toEqual(['wait-for-backend', 'wait-for-migrate']);
  });

  test('checks MongoDB with mongosh ping and PostgreSQL with pg_isready', () => {
    expect(prod.probes.mongodb).toBe('exec mongosh --quiet --eval db.runCommand("ping") every 10s timeout 5s x5');
    expect(prod.probes.postgres).toBe('exec sh -c pg_isready -h 127.0.0.1 -p 5432 -U "$POSTGRES_USER" -d "$POSTGRES_DB" every 10s timeout 5s x5');
    expect(prod.probes.backend).toBe('GET :8000/health every 30s timeout 10s x3');
  });

  test('keeps the mongosh check\'s log files out of the database volume (HOME is /tmp, not the mongodb user\'s /data/db)', () => {
    const objects = synthStack(P2P, PRODUCTION);
    expect(find(objects, 'ConfigMap', 'mongodb-env').data.HOME).toBe('/tmp');
    const mongodb = podSpec(find(objects, 'StatefulSet', 'mongodb')).containers[0];
    expect(mongodb.volumeMounts).toEqual(expect.arrayContaining([expect.objectContaining({ mountPath: '/tmp' })]));
  });

  test('routes the site and the API; the SuperTokens core stays internal', () => {
    expect(local.routes).toEqual({ web: 'p2p-sandbox.localhost/ -> frontend:80', api: 'api.p2p-sandbox.localhost/ -> backend:8000' });
  });

  test('creates the supertokens database from the seed init script', () => {
    const { find, synthStack } = require('../util');
    const { P2P_SANDBOX } = require('../../charts/p2p-sandbox');
    const files = find(synthStack(P2P_SANDBOX, PRODUCTION), 'ConfigMap', 'postgres-files');
    expect(files.data['init-db.sql']).toContain('CREATE DATABASE supertokens;');
  });
});
