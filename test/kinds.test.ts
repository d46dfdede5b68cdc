/**
 * The kind tables: every service kind has its registry entries (spec side
 * and construct side), and every Kubernetes kind a stack renders has its
 * file order, sync wave and, for workloads, its pod template. A kind added
 * to the ServiceSpec union without entries fails to compile here and in the
 * registries; one that slips past the types fails the runtime sweep.
 */
import { STACKS } from '../charts';
import { SERVICE_CONSTRUCTS } from '../lib/constructs/registry';
import { exhaustive } from '../lib/kinds/exhaustive';
import { fileName, KINDS, kindFacts, podTemplateOf, WORKLOAD_KINDS } from '../lib/kinds/kubernetes';
import { APP_USER } from '../lib/catalog';
import { isServiceKind, SERVICE_KIND_NAMES, SERVICE_KINDS, serviceKind } from '../lib/spec/service-kinds';
import { ServiceKind, ServiceOfKind, ServiceSpec } from '../lib/spec/types';
import { stackProblems } from '../lib/spec/validate';
import { all, renderAll, synthServices } from './util';

const base = { image: 'busybox:1.36.1', user: APP_USER } as const;
const port = { name: 'http', port: 8080 } as const;
const check = { test: { tcpPort: 8080 }, intervalSeconds: 10, timeoutSeconds: 3, retries: 3 } as const;

/** One service of each kind: the compiler refuses this table while a kind has no sample. */
const SAMPLES: { readonly [K in ServiceKind]: ServiceOfKind<K> } = {
  web: { kind: 'web', name: 'api', ...base, ports: [port] },
  stateful: { kind: 'stateful', name: 'db', ...base, ports: [port], healthcheck: check, dataPath: '/data', dataSize: '1Gi' },
  worker: { kind: 'worker', name: 'worker', ...base },
  job: { kind: 'job', name: 'migrate', ...base },
  cron: { kind: 'cron', name: 'backup', ...base, schedule: '0 3 * * *' },
};
const kinds = Object.keys(SAMPLES) as ServiceKind[];

test('the registries hold exactly the kinds of the ServiceSpec union, in the same order', () => {
  expect(SERVICE_KIND_NAMES).toEqual(kinds);
  expect(Object.keys(SERVICE_CONSTRUCTS)).toEqual(kinds);
});

test('a registry or a switch that forgets a kind does not compile', () => {
  const { cron: _cron, ...withoutCron } = SERVICE_KINDS;
  // @ts-expect-error 'cron' is missing
  const registry: typeof SERVICE_KINDS = withoutCron;
  const label = (kind: ServiceKind): string => {
    switch (kind) {
      case 'web': case 'stateful': case 'worker': case 'job':
        return kind;
      default:
        // @ts-expect-error 'cron' has no case, so kind is not never
        return exhaustive(kind, 'service kind');
    }
  };
  expect(Object.keys(registry)).not.toContain('cron');
  expect(() => label('cron')).toThrow("unknown service kind 'cron'; add a case for it");
});

describe.each(kinds.map(k => [k, SAMPLES[k]] as const))('service kind %s', (kind, sample) => {
  const objects = synthServices([sample]);
  const entry = SERVICE_KINDS[kind];

  test('has a spec entry and a construct', () => {
    expect(serviceKind(sample)).toBe(entry);
    expect(typeof SERVICE_CONSTRUCTS[kind]).toBe('function');
  });

  test('renders its workload, whose pod template the Kubernetes kind table finds', () => {
    const [workload, ...more] = all(objects, entry.workload);
    expect(more).toEqual([]);
    expect(podTemplateOf(workload).metadata.labels['app.kubernetes.io/name']).toBe(sample.name);
    expect(podTemplateOf(workload).spec.containers.length).toBeGreaterThan(0);
  });

  test('the import summary names its workload first, and a Service exactly when it serves ports', () => {
    expect(entry.summary.split(' + ')[0]).toBe(entry.workload);
    expect(all(objects, 'Service').some(s => s.metadata.name === sample.name)).toBe(entry.servesPorts);
    expect('ports' in sample).toBe(entry.servesPorts);
  });

  test('its own checks run in spec validation', () => {
    const spec = { name: 'shop', source: 'test', description: 'test', services: [sample], routes: [], secrets: [] };
    expect(stackProblems(spec)).toEqual([]);
    const at = "stack 'shop', service '" + sample.name + "'";
    expect(entry.problems(at, sample as never)).toEqual([]);
  });

  test('its name limit is checked', () => {
    const limit = entry.nameLimit?.max ?? 63;
    const long = { ...sample, name: `a${'b'.repeat(limit)}` } as ServiceSpec;
    const spec = { name: 's', source: 'test', description: 'test', services: [long], routes: [], secrets: [] };
    expect(stackProblems(spec).some(p => p.includes("'name'"))).toBe(true);
  });
});

test('an unknown service kind is a validation problem naming the kinds, not a crash', () => {
  const odd = { ...SAMPLES.worker, kind: 'nonsense' } as unknown as ServiceSpec;
  expect(isServiceKind('nonsense')).toBe(false);
  expect(stackProblems({ name: 'shop', source: 'test', description: 'test', services: [odd], routes: [], secrets: [] }))
    .toContain(`stack 'shop', service 'worker': 'kind' must be one of ${SERVICE_KIND_NAMES.join(', ')}, got 'nonsense'`);
});

test('every service of every committed stack has a registered kind', () => {
  const unknown = STACKS.flatMap(s => s.services.filter(svc => !isServiceKind(svc.kind)).map(svc => `${s.name}/${svc.name}: ${svc.kind}`));
  expect(unknown).toEqual([]);
});

test('every Kubernetes kind rendered, in every stack and environment, is in the kind table', () => {
  const rendered = new Set(renderAll().flatMap(r => r.objects.map(o => o.kind as string)));
  expect([...rendered].filter(k => kindFacts(k) === undefined)).toEqual([]);
});

test('every workload kind has a pod template path, and only workload kinds have one', () => {
  expect(WORKLOAD_KINDS).toEqual(expect.arrayContaining(['Deployment', 'StatefulSet', 'Job', 'CronJob']));
  expect(WORKLOAD_KINDS.filter(k => !('podTemplate' in KINDS[k]))).toEqual([]);
  expect(podTemplateOf({ kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: { containers: [] } } } } } })).toEqual({ spec: { containers: [] } });
  expect(podTemplateOf({ kind: 'ConfigMap', spec: { template: {} } })).toBeUndefined();
  expect(Object.values(SERVICE_KINDS).every(e => (WORKLOAD_KINDS as string[]).includes(e.workload))).toBe(true);
});

test('file names carry the kind table\'s order, and a kind missing from it names the table', () => {
  expect(fileName({ kind: 'Namespace', metadata: { name: 'shop' } })).toBe('00-namespace.yaml');
  expect(fileName({ kind: 'Deployment', metadata: { name: 'api' } })).toBe(`${KINDS.Deployment.fileOrder}-deployment-api.yaml`);
  expect(() => fileName({ kind: 'Certificate', metadata: { name: 'tls' } }))
    .toThrow("no file order for kind 'Certificate' (object 'tls'); add the kind to KINDS in lib/kinds/kubernetes.ts");
  expect(kindFacts('toString')).toBeUndefined();
});
