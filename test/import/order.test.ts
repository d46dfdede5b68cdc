/** Kinds, start order, dropped keys, images and volume sizes of imported services, one behaviour per test. */
import * as fs from 'fs';
import * as path from 'path';
import { SERVICE_KEYS } from '../../lib/compose/dropped';
import { MappedStack } from '../../lib/compose/map';
import { volumeSize } from '../../lib/compose/units';
import { find, LOCAL, synthStack } from '../util';
import { mapYaml, problemsOf, serviceOf } from './util';


const map = (yaml: string): MappedStack => mapYaml(yaml);
const problems = problemsOf;
const service = serviceOf;

describe('volume sizes', () => {
  test.each([['200Mi', '200Mi'], ['200M', '200Mi'], ['1.5Gi', '1536Mi'], ['1Ti', '1024Gi'], ['100Ki', '1Mi'], ['10', '1Mi'], ['2g', '2Gi'], ['500MB', '500Mi'],
    ['3i', undefined], ['0Gi', undefined], ['big', undefined]])('%s is %s', (text, q) => {
    expect(volumeSize(text)).toBe(q);
  });

  test.each([['200Mi', '200Mi'], ['1.5G', '1536Mi'], ['20Gi', '20Gi']])('kompose.volume.size %s imports and synthesizes as %s', (text, q) => {
    const m = map(`services:\n  app:\n    image: a:1\n    expose: ["80"]\n    volumes: [data:/srv]\n    labels: { kompose.volume.size: "${text}" }\nvolumes:\n  data:\n`);
    expect(service(m, 'app').volumes).toEqual([{ name: 'data', mountPath: '/srv', size: q }]);
    expect(find(synthStack(m.spec, LOCAL), 'PersistentVolumeClaim', 'data')).toHaveProperty('spec.resources.requests.storage', q);
  });

  test('a size that does not parse is refused at import, naming the field, the value and the fix', () => {
    expect(problems(() => map('services:\n  app:\n    image: a:1\n    volumes: [data:/srv]\n    labels: { kompose.volume.size: "3 bricks" }\nvolumes:\n  data:\n'))).toEqual([
      "compose.yml: services.app.labels.kompose.volume.size: got '3 bricks'; expected a size such as '200Mi', '5Gi', '1Ti' or '512m'; write the size with one of the units Ki, Mi, Gi, Ti, k, m, g, t (or b for bytes)",
    ]);
  });
});

describe('kinds', () => {
  test('a service others wait for to complete is a Job, whatever its ports, with a TODO for the ports', () => {
    const m = map('services:\n  mig:\n    image: a:1\n    ports: ["8080:8080"]\n  app:\n    image: a:1\n    depends_on: { mig: { condition: service_completed_successfully } }\n');
    expect(service(m, 'mig').kind).toBe('job');
    expect(m.todos).toContain("service 'mig': ports 8080 are not served: it runs once (restart 'no', and others wait for it to complete), as a Job, which has no Service; set x-stackport.kind: web if it is a server");
  });

  test.each(['restart: "no"', 'deploy: { restart_policy: { condition: none } }'])('a service without ports and with %s is a Job', restart => {
    const m = map(`services:\n  seed:\n    image: a:1\n    ${restart}\n`);
    expect(service(m, 'seed')).toMatchObject({ kind: 'job' });
    expect((service(m, 'seed') as any).backoffLimit).toBeUndefined();
  });

  test.each([['restart: "on-failure:5"', 5], ['deploy: { restart_policy: { condition: on-failure, max_attempts: 3 } }', 3]])(
    'a Job others wait for, with %s, retries %s times', (restart, backoffLimit) => {
      const m = map(`services:\n  seed:\n    image: a:1\n    ${restart}\n  app:\n    image: a:1\n    depends_on: { seed: { condition: service_completed_successfully } }\n`);
      expect(service(m, 'seed')).toMatchObject({ kind: 'job', backoffLimit });
    });

  test('restart on-failure alone is a long-running service (a worker pool, a server), with a TODO naming the fix for one-shot work', () => {
    const m = map('services:\n  celery:\n    image: a:1\n    command: celery -A app worker\n    restart: on-failure\n  api:\n    image: a:1\n    expose: ["80"]\n    restart: "no"\n');
    expect(m.spec.services.map(s => s.kind)).toEqual(['worker', 'web']);
    expect(m.todos).toContain("service 'celery': restart 'on-failure': it runs as a Deployment, which also restarts it after it exits successfully; if it is one-shot work that others do not wait for, set x-stackport.kind: job");
  });

  test('restart always or unless-stopped with a port stays a server', () => {
    const m = map('services:\n  a:\n    image: a:1\n    expose: ["80"]\n    restart: unless-stopped\n  b:\n    image: a:1\n    restart: always\n');
    expect(m.spec.services.map(s => s.kind)).toEqual(['web', 'worker']);
  });
});

describe('images', () => {
  test('with both image and build, the published image runs and the build is noted', () => {
    const m = map('services:\n  api:\n    image: ghcr.io/acme/api:2.1.0\n    build: { context: ./api, target: prod }\n');
    expect(service(m, 'api').image).toBe('ghcr.io/acme/api:2.1.0');
    expect(m.todos).toContain("service 'api': runs the published image 'ghcr.io/acme/api:2.1.0', which compose builds from './api' (target 'prod'); build and push it under that name, or set x-stackport.image");
  });

  test('build.args become the build arguments of the image; a credential or an unset one is left out with a TODO', () => {
    const m = map('services:\n  api:\n    build:\n      context: .\n      args: ["NODE_VERSION=20", "API_TOKEN=tok-3f9a8b7c", "FROM_SHELL"]\n');
    expect(service(m, 'api').image).toEqual({ build: 'api', args: { NODE_VERSION: '20' } });
    expect(m.todos).toContain("service 'api': build.args API_TOKEN looks like a credential and is not written here; pass it as a build secret when you build the image");
    expect(m.todos).toContain("service 'api': build.args FROM_SHELL has no value (compose reads it from the shell at build time); pass it when you build the image");
    expect(m.credentials).toContain('tok-3f9a8b7c');
  });

  test('build.args as a map', () => {
    const m = map('services:\n  api:\n    build: { context: ., args: { PYTHON: "3.12" } }\n');
    expect(service(m, 'api').image).toEqual({ build: 'api', args: { PYTHON: '3.12' } });
  });
});

describe('start order', () => {
  const yaml = 'services:\n  migrate:\n    image: a:1\n  queue:\n    image: q:1\n    healthcheck: { test: ["CMD", "q", "ping"] }\n  api:\n    image: a:1\n    expose: ["8000"]\n'
    + '    depends_on: { migrate: { condition: service_completed_successfully }, queue: { condition: service_healthy } }\n';

  test('a wait for a Job reads its status from the API server with a Role that may only get that Job, named as synthesis names it', () => {
    const objects = synthStack(map(yaml).spec, LOCAL);
    const job = objects.find(o => o.kind === 'Job');
    const pod = find(objects, 'Deployment', 'api').spec.template.spec;
    const wait = pod.initContainers.find((c: any) => c.name === 'wait-for-migrate');
    expect(wait.env).toEqual([{ name: 'STACKPORT_JOB', value: job.metadata.name }]);
    expect(job.metadata.name).toMatch(/^migrate-[0-9a-f]{8}$/);
    expect(find(objects, 'Role', 'api-job-reader').rules).toEqual([{ apiGroups: ['batch'], resources: ['jobs'], resourceNames: [job.metadata.name], verbs: ['get'] }]);
    expect(pod).toMatchObject({ serviceAccountName: 'api-job-reader', automountServiceAccountToken: false });
    expect(pod.containers[0].volumeMounts.map((v: any) => v.name)).not.toContain('job-reader-token');
    const egress = find(objects, 'NetworkPolicy', 'api-egress').spec.egress;
    expect(egress).toContainEqual({ to: [{ ipBlock: { cidr: LOCAL.apiServerCidr } }], ports: [{ port: 443, protocol: 'TCP' }, { port: 6443, protocol: 'TCP' }] });
  });

  test('a wait for a healthy worker resolves its headless Service, which publishes only ready pods', () => {
    const m = map(yaml);
    expect(service(m, 'queue')).toMatchObject({ kind: 'worker', headless: true });
    expect(service(m, 'api').dependsOn).toEqual([{ service: 'migrate', condition: 'completed' }, { service: 'queue', condition: 'healthy' }]);
    const objects = synthStack(m.spec, LOCAL);
    expect(find(objects, 'Service', 'queue').spec).toMatchObject({ clusterIP: 'None' });
    const wait = find(objects, 'Deployment', 'api').spec.template.spec.initContainers.find((c: any) => c.name === 'wait-for-queue');
    expect(wait.command[2]).toContain('until last=`{ nslookup queue; } 2>&1`');
  });

  test('a wait that cannot be kept becomes a start, with a TODO and a counted summary line', () => {
    const m = map('services:\n  q:\n    image: q:1\n  api:\n    image: a:1\n    depends_on: { q: { condition: service_healthy } }\n');
    expect(service(m, 'api').dependsOn).toEqual([{ service: 'q', condition: 'started' }]);
    expect(m.todos).toContain("service 'api': depends_on 'q' condition service_healthy becomes a start only: 'q' has no health check, so nothing says when it is healthy; add a healthcheck to 'q' in compose");
    expect(m.summary).toContain('waits weakened: 1 (see the TODOs: each starts without waiting as compose did)');
  });
});

describe('no silent drops', () => {
  /** The keys of the `Service` interface generated from the Compose Specification's schema. */
  const schemaKeys = (): string[] => {
    const text = fs.readFileSync(path.resolve('lib', 'compose', 'generated', 'compose-spec.ts'), 'utf8');
    const body = /^export interface Service \{\n([\s\S]*?)^\}/m.exec(text)![1];
    return [...body.matchAll(/^ {2}"?([a-z_]+)"?\??:/gm)].map(k => k[1]);
  };

  test('every key of a compose service is mapped, refused or dropped with a reason, and the table names no other key', () => {
    const keys = schemaKeys();
    expect(keys.length).toBeGreaterThan(80);
    expect(keys.filter(k => SERVICE_KEYS[k] === undefined)).toEqual([]);
    expect(Object.keys(SERVICE_KEYS).filter(k => !keys.includes(k))).toEqual([]);
  });

  test('a dropped key is a TODO naming the service, the key, its value, why and the fix', () => {
    const m = map('services:\n  app:\n    image: a:1\n    init: true\n    extra_hosts: ["db.local:10.0.0.5"]\n    stop_signal: SIGQUIT\n');
    expect(m.todos).toContain("service 'app': 'init: true' is dropped: the image's entrypoint is PID 1, without an init to reap zombies or forward signals; use an image with tini or dumb-init as its entrypoint");
    expect(m.todos).toContain(`service 'app': 'extra_hosts: ["db.local:10.0.0.5"]' is dropped: pods resolve names through cluster DNS; give the host a Service (ExternalName) or use its DNS name`);
    expect(m.todos).toContain("service 'app': 'stop_signal: SIGQUIT' is dropped: Kubernetes stops containers with SIGTERM; add a preStop hook that sends the signal, or make the image stop on SIGTERM");
  });
});

test('several replicas restarted on failure are a long-running pool, not a Job', () => {
  const m = map('services:\n  w:\n    image: a:1\n    deploy: { replicas: 2, restart_policy: { condition: on-failure } }\n');
  expect(service(m, 'w')).toMatchObject({ kind: 'worker', scaling: { replicas: 2 } });
});
