import { STACKS } from '../charts';
import { hash } from '../lib/constructs/pod-template';
import { APP_USER, postgres } from '../lib/catalog';
import { WORKLOAD_KINDS } from '../lib/kinds/kubernetes';
import { JobSpec, ServiceSpec } from '../lib/spec/types';
import { addSyncWaves, SYNC_WAVE } from '../lib/sync-waves';
import { all, isSeed, podSpec, PRODUCTION, renderAll, synthServices } from './util';

const SETTINGS = ['ServiceAccount', 'Role', 'RoleBinding', 'ConfigMap', 'Secret', 'ExternalSecret', 'NetworkPolicy'];
const WORKLOADS: string[] = WORKLOAD_KINDS;
const ROUTES = ['Ingress', 'Gateway', 'HTTPRoute', 'GRPCRoute', 'BackendTrafficPolicy', 'ClientTrafficPolicy'];

const wave = (o: any): number => Number(o.metadata.annotations?.[SYNC_WAVE]);
const waves = (objects: readonly any[]): number[] => objects.map(wave);
const serviceOf = (o: any): string => o.metadata.labels?.['app.kubernetes.io/name'];
/** The Services that select the pods of a StatefulSet. */
const databaseServices = (objects: readonly any[]) => all(objects, 'Service').filter(svc => all(objects, 'StatefulSet')
  .some(sts => Object.entries(svc.spec.selector ?? {}).every(([k, v]) => sts.spec.template.metadata.labels[k] === v)));

const rendered = renderAll();

describe.each(rendered.map(r => [`${r.environment}/${r.stack}`, r] as const))('%s sync waves', (_, r) => {
  const objects = r.objects;
  const spec = STACKS.find(s => s.name === r.stack)!;
  const ofKinds = (kinds: string[]) => objects.filter(o => kinds.includes(o.kind));
  const edges = spec.services.flatMap(svc => (svc.dependsOn ?? []).map(d => ({ waiter: svc.name, ...d })));
  const workload = (name: string) => ofKinds(WORKLOADS).find(o => serviceOf(o) === name);
  const migrations = ofKinds(['Job']).filter(j => edges.some(e => e.condition === 'completed' && e.service === serviceOf(j)));
  const databases = [...all(objects, 'StatefulSet'), ...databaseServices(objects)];

  test('every object has a whole-number wave, written as a string', () => {
    expect(objects.filter(o => typeof o.metadata.annotations?.[SYNC_WAVE] !== 'string' || !Number.isInteger(wave(o))).map(o => `${o.kind}/${o.metadata.name}`)).toEqual([]);
  });

  test('the Namespace comes before everything else', () => {
    const [ns] = all(objects, 'Namespace');
    expect(objects.filter(o => o !== ns && wave(o) <= wave(ns)).map(o => `${o.kind}/${o.metadata.name}`)).toEqual([]);
  });

  test('settings come after the Namespace and before every workload', () => {
    const settings = ofKinds(SETTINGS);
    expect(settings.length).toBeGreaterThan(0);
    expect(Math.min(...waves(settings))).toBeGreaterThan(wave(all(objects, 'Namespace')[0]));
    expect(Math.max(...waves(settings))).toBeLessThan(Math.min(...waves(ofKinds(WORKLOADS))));
  });

  test('databases (StatefulSets and the Services selecting them) come after settings, before migration Jobs and other workloads', () => {
    if (databases.length === 0) {
      return;
    }
    expect(new Set(waves(databases)).size).toBe(1);
    expect(wave(databases[0])).toBeGreaterThan(Math.max(...waves(ofKinds(SETTINGS))));
    const later = ofKinds(WORKLOADS).filter(o => o.kind !== 'StatefulSet');
    expect(later.filter(o => wave(o) <= wave(databases[0])).map(o => o.metadata.name)).toEqual([]);
  });

  test('a migration Job comes before the workloads that wait for it to complete, and after what it waits for', () => {
    const present = edges.filter(e => workload(e.waiter) !== undefined && workload(e.service) !== undefined);
    const wrong = present.filter(e => (e.condition === 'completed'
      ? wave(workload(e.service)) >= wave(workload(e.waiter))
      : wave(workload(e.service)) > wave(workload(e.waiter))));
    expect(wrong.map(e => `${e.waiter} waits for ${e.service} (${e.condition})`)).toEqual([]);
    expect(migrations.filter(job => wave(job) <= Math.max(...waves(databases))).map(j => j.metadata.name)).toEqual([]);
  });

  test('routes come last, after every workload and Service; autoscalers, budgets, alerts and ServiceMonitors with them, in the wave Argo CD does not wait on', () => {
    const routes = ofKinds(ROUTES);
    expect(routes.length).toBeGreaterThan(0);
    const last = [...routes, ...ofKinds(['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'PrometheusRule', 'ServiceMonitor'])];
    const rest = objects.filter(o => !last.includes(o) && o.kind !== 'PersistentVolumeClaim');
    expect(Math.min(...waves(routes))).toBeGreaterThan(Math.max(...waves(rest)));
    expect(new Set(waves(last))).toEqual(new Set([Math.max(...waves(objects))]));
  });

  test('a volume claim is synced with the first workload whose pods mount it, and last when only CronJobs do', () => {
    for (const claim of all(objects, 'PersistentVolumeClaim')) {
      const mounters = ofKinds(WORKLOADS).filter(o => (podSpec(o).volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === claim.metadata.name));
      const podsNow = mounters.filter(o => o.kind !== 'CronJob');
      expect(mounters.length).toBeGreaterThan(0);
      expect([claim.metadata.name, wave(claim)]).toEqual([claim.metadata.name, podsNow.length > 0 ? Math.min(...waves(podsNow)) : Math.max(...waves(objects))]);
    }
  });
});

test('the wave checks above cover migrations, databases and claims (p2p-sandbox and project-management migrate; backups only a CronJob mounts)', () => {
  const production = rendered.filter(r => r.environment === 'production' && isSeed(r));
  const withMigrations = production.filter(r => all(r.objects, 'Job').some(j => wave(j) < Math.min(...waves(all(r.objects, 'Deployment'))))).map(r => r.stack);
  expect(withMigrations.sort()).toEqual(['p2p-sandbox', 'project-management']);
  const pm = production.find(r => r.stack === 'project-management')!;
  expect(all(pm.objects, 'PersistentVolumeClaim').map(c => [c.metadata.name, wave(c)]).sort()).toEqual([['backups', 5], ['logs', 4], ['uploads', 4]]);
  expect(all(pm.objects, 'Job').map(j => [serviceOf(j), wave(j)])).toEqual([['migrate', 3]]);
  expect(waves(all(pm.objects, 'StatefulSet'))).toEqual([2, 2]);
});

test('waves leave Job names alone: a Job is still named after the hash of its spec, and the wave is not in its pod template', () => {
  const jobs = rendered.filter(isSeed).flatMap(r => all(r.objects, 'Job'));
  // Three Jobs (two migrations, the seeder) in every environment.
  expect(jobs).toHaveLength(3 * new Set(rendered.map(r => r.environment)).size);
  for (const job of jobs) {
    expect(job.metadata.name).toBe(`${serviceOf(job)}-${hash(JSON.stringify(job.spec))}`);
    expect(job.spec.template.metadata.annotations?.[SYNC_WAVE]).toBeUndefined();
  }
});

const PG = postgres({ flavour: 'alpine', database: 'shop', user: 'shop', passwordKey: 'pg' });
const api = (dependsOn: ServiceSpec['dependsOn']): ServiceSpec => ({
  kind: 'web', name: 'api', image: { build: 'backend' }, ports: [{ name: 'http', port: 8000 }], user: APP_USER, dependsOn,
  healthcheck: { test: { httpGet: '/health' }, intervalSeconds: 10, timeoutSeconds: 3, retries: 3 },
});
const migrate = (dependsOn: JobSpec['dependsOn']): JobSpec => ({
  kind: 'job', name: 'migrate', image: { build: 'backend' }, args: ['alembic', 'upgrade', 'head'], user: APP_USER,
  completionCheck: 'alembic current', dependsOn,
});

test('a Job that waits for a web service joins its wave, and so does what waits for the Job: Argo CD applies each before the waiter must be healthy', () => {
  const worker: ServiceSpec = { kind: 'worker', name: 'worker', image: { build: 'backend' }, user: APP_USER, dependsOn: [{ service: 'migrate', condition: 'completed' }] };
  const objects = synthServices([PG, api([{ service: 'postgres', condition: 'healthy' }]), migrate([{ service: 'api', condition: 'healthy' }]), worker], PRODUCTION,
    { secrets: [{ key: 'pg', description: 'pg' }] });
  const workloads = objects.filter(o => WORKLOADS.includes(o.kind)).map(o => [o.kind, serviceOf(o), wave(o)]);
  expect(workloads).toEqual([['StatefulSet', 'postgres', 2], ['Deployment', 'api', 4], ['Job', 'migrate', 4], ['Deployment', 'worker', 4]]);
});

test('a kind without a wave is refused with the place to add it', () => {
  const spec = { name: 'shop', source: 'test', description: 'test', services: [], routes: [], secrets: [] };
  expect(() => addSyncWaves([{ kind: 'Certificate', metadata: { name: 'tls' } }], spec))
    .toThrow("stack 'shop': no sync wave for kind 'Certificate' (object 'tls'); add the kind to KINDS in lib/kinds/kubernetes.ts");
});
