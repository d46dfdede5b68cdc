/** Kinds, start order, dropped keys, images and volume sizes of imported services, one behaviour per test. */
import * as fs from 'fs';
import * as path from 'path';
import { DEPLOY_KEYS, SERVICE_KEYS } from '../../lib/compose/dropped';
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

describe('no silent drops: deploy keys', () => {
  test('every key of deploy is read or dropped with a reason, and the table names no other key', () => {
    const text = fs.readFileSync(path.resolve('lib', 'compose', 'generated', 'compose-spec.ts'), 'utf8');
    const body = /^export type Deployment = \{\n([\s\S]*?)^\} \| null;/m.exec(text)![1];
    const keys = [...body.matchAll(/^ {2}"?([a-z_]+)"?\??:/gm)].map(k => k[1]);
    expect(keys.sort()).toEqual(Object.keys(DEPLOY_KEYS).sort());
  });

  test('each dropped deploy key is a TODO naming the service, the key, its value, why and the fix', () => {
    const m = map('services:\n  app:\n    image: a:1\n    deploy:\n      labels: { team: web }\n      placement: { constraints: ["node.role==manager"] }\n'
      + '      update_config: { parallelism: 2 }\n      rollback_config: { order: start-first }\n      endpoint_mode: dnsrr\n');
    expect(m.todos.filter(t => t.includes("'deploy."))).toEqual([
      `service 'app': 'deploy.labels: {"team":"web"}' is dropped: they label the swarm service; the Kubernetes objects carry the stack's own labels (app.kubernetes.io/*); add them as annotations by hand if a tool reads them`,
      `service 'app': 'deploy.placement: {"constraints":["node.role==manager"]}' is dropped: swarm constraints and preferences pick nodes; the scheduler places the pods on any node; set a nodeSelector (constraints), node affinity (preferences) or a topology spread (max_replicas_per_node) on the pod by hand`,
      `service 'app': 'deploy.update_config: {"parallelism":2}' is dropped: pods are replaced by the rolling update of the Deployment or StatefulSet (25% surge and unavailable), and undone with kubectl rollout undo; set strategy.rollingUpdate (maxSurge, maxUnavailable) on the Deployment by hand`,
      `service 'app': 'deploy.rollback_config: {"order":"start-first"}' is dropped: pods are replaced by the rolling update of the Deployment or StatefulSet (25% surge and unavailable), and undone with kubectl rollout undo; roll back with kubectl rollout undo, or set strategy.rollingUpdate on the Deployment by hand`,
      "service 'app': 'deploy.endpoint_mode: dnsrr' is dropped: the Service has one virtual IP that balances connections; for DNS round robin, make the Service headless (clusterIP: None) by hand",
    ]);
  });

  test('empty and default deploy values give no TODO', () => {
    const m = map('services:\n  app:\n    image: a:1\n    deploy:\n      mode: replicated\n      endpoint_mode: vip\n      labels: {}\n      placement: { constraints: [], preferences: [] }\n      update_config: {}\n');
    expect(m.todos.filter(t => t.includes("'deploy."))).toEqual([]);
  });

  test('deploy.mode global runs as a Deployment, and a swarm job as compose restarts it, each with a TODO', () => {
    const m = map('services:\n  agent:\n    image: a:1\n    deploy: { mode: global }\n  task:\n    image: a:1\n    deploy: { mode: replicated-job }\n');
    expect(service(m, 'agent').kind).toBe('worker');
    expect(m.todos).toContain("service 'agent': 'deploy.mode: global' is dropped: a DaemonSet (one pod per node) has no equivalent here; it runs as a Deployment; set deploy.replicas (or x-stackport replicas) to the number of pods it needs");
    expect(m.todos).toContain("service 'task': 'deploy.mode: replicated-job' is dropped: a swarm job runs once to completion; here the restart policy decides; it runs as a Deployment; set x-stackport kind: job if it runs once");
  });

  test('GPU reservations and restart delays are TODOs', () => {
    const m = map('services:\n  app:\n    image: a:1\n    deploy:\n      restart_policy: { condition: any, delay: 5s }\n      resources: { reservations: { devices: [{ capabilities: [gpu], count: 1 }] } }\n');
    expect(m.todos).toContain(`service 'app': 'deploy.resources.reservations.devices: [{"capabilities":["gpu"],"count":1}]' is dropped: GPUs and other devices are requested as extended resources; request nvidia.com/gpu (or the device plugin's resource) in the resources by hand`);
    expect(m.todos).toContain(`service 'app': 'deploy.restart_policy: {"delay":"5s"}' is dropped: the kubelet restarts a container with its own back-off (10s doubling to 5m); remove it, or accept the difference`);
  });
});

describe('no silent drops: labels', () => {
  test('plain labels are one TODO listing up to five keys; compose\'s own labels are none', () => {
    const labels = ['a.one', 'a.two', 'a.three', 'a.four', 'a.five', 'a.six', 'a.seven'].map(k => `${k}: x`).join(', ');
    const m = map(`services:\n  app:\n    image: a:1\n    labels: { ${labels}, com.docker.compose.project: p }\n`);
    expect(m.todos.filter(t => t.includes('label'))).toEqual([
      "service 'app': labels a.one, a.two, a.three, a.four, a.five and 2 more are dropped: compose puts labels on the container; the pods carry the stack's own labels (app.kubernetes.io/*); add them as pod annotations by hand if a tool reads them",
    ]);
    expect(map('services:\n  app:\n    image: a:1\n    labels: [com.docker.compose.oneoff=False]\n').todos.filter(t => t.includes('label'))).toEqual([]);
  });

  test('traefik labels are a TODO saying the routes come from the ports and x-stackport', () => {
    const m = map('services:\n  app:\n    image: a:1\n    ports: ["80"]\n    labels: { traefik.enable: "true", traefik.http.routers.app.rule: "Host(`shop.example.com`)" }\n');
    expect(m.todos.filter(t => t.includes('label'))).toEqual([
      "service 'app': reverse proxy labels traefik.enable, traefik.http.routers.app.rule are dropped: the proxy is not deployed, and the routes come from the ports and x-stackport host/path instead; set x-stackport host and path for the route the proxy gave",
    ]);
  });
});

describe('no silent drops: kompose labels', () => {
  test('kompose HPA labels become scaling, with kompose\'s defaults', () => {
    const m = map('services:\n  app:\n    image: a:1\n    ports: ["80"]\n    labels: { kompose.hpa.replicas.min: "2", kompose.hpa.replicas.max: "6", kompose.hpa.cpu: "60" }\n  b:\n    image: a:1\n    ports: ["80"]\n    labels: { kompose.hpa.cpu: "80" }\n');
    expect(service(m, 'app')).toHaveProperty('scaling', { minReplicas: 2, maxReplicas: 6, cpuUtilization: 60 });
    expect(service(m, 'b')).toHaveProperty('scaling', { minReplicas: 1, maxReplicas: 10, cpuUtilization: 80 });
    expect(m.todos.filter(t => t.includes('kompose'))).toEqual([]);
  });

  test('a kompose HPA label that is no number is a problem naming it', () => {
    expect(problems(() => map('services:\n  app:\n    image: a:1\n    ports: ["80"]\n    labels: { kompose.hpa.replicas.min: "two" }\n'))).toContain(
      "compose.yml: services.app.labels.kompose.hpa.replicas.min: got 'two'; expected a whole number, 1 or more; write the number");
  });

  test('kompose liveness labels are the health check when there is no other, else a TODO', () => {
    const labels = 'kompose.service.healthcheck.liveness.http_get_path: /live, kompose.service.healthcheck.liveness.http_get_port: "8080"';
    const alone = map(`services:\n  app:\n    image: a:1\n    ports: ["8080"]\n    labels: { ${labels} }\n`);
    expect(service(alone, 'app')).toHaveProperty('healthcheck.test', { httpGet: '/live' });
    const beside = map(`services:\n  app:\n    image: a:1\n    ports: ["8080"]\n    healthcheck: { test: [CMD, check] }\n    labels: { ${labels} }\n`);
    expect(beside.todos).toContain("service 'app': labels kompose.service.healthcheck.liveness.http_get_path, kompose.service.healthcheck.liveness.http_get_port are not used: compose's healthcheck is the check, for readiness and liveness alike; write the check you want in compose's healthcheck");
  });

  test('each kompose label that is not read has its own TODO', () => {
    const m = map('services:\n  app:\n    image: a:1\n    labels:\n      kompose.image-pull-secret: regcred\n      kompose.image-pull-policy: Always\n      kompose.hpa.memory: "70"\n'
      + '      kompose.init.containers.name: init\n      kompose.init.containers.image: busybox:1\n      kompose.cronjob.backoff_limit: "3"\n      kompose.cronjob.concurrency_policy: Allow\n'
      + '      kompose.volume.storage-class-name: fast\n      kompose.volume.type: emptyDir\n      kompose.service.group: pod1\n      kompose.controller.port.expose: "false"\n'
      + '      kompose.security-context.fsgroup: "1000"\n      kompose.made.up: x\n');
    expect(m.todos.filter(t => t.includes('kompose.'))).toEqual([
      "service 'app': label 'kompose.image-pull-secret: regcred' is not used: image pull secrets are a profile matter; give the service account of the namespace the imagePullSecrets, or add them to the pod by hand",
      "service 'app': label 'kompose.image-pull-policy: Always' is not used: the profile's imagePullPolicy decides for every image; set imagePullPolicy in the profile (environments/*.ts)",
      "service 'app': label 'kompose.hpa.memory: 70' is not used: scaling follows CPU only; set kompose.hpa.cpu or x-stackport cpuUtilization, or add a memory metric to the HorizontalPodAutoscaler by hand",
      "service 'app': labels 'kompose.init.containers.name: init', 'kompose.init.containers.image: busybox:1' are not used: no init container is made; run it as a service that runs once and make this one depend on it (depends_on with condition service_completed_successfully)",
      "service 'app': label 'kompose.cronjob.backoff_limit: 3' is not used: a CronJob's run is retried twice (backoffLimit 2); change backoffLimit on the CronJob's job template by hand",
      "service 'app': label 'kompose.cronjob.concurrency_policy: Allow' is not used: a CronJob never starts a run while the last one runs (concurrencyPolicy Forbid); change concurrencyPolicy on the CronJob by hand",
      "service 'app': label 'kompose.volume.storage-class-name: fast' is not used: the profile's storageClassName decides every claim; set storageClassName in the profile (environments/*.ts)",
      "service 'app': label 'kompose.volume.type: emptyDir' is not used: named volumes become claims, bind mounts files and tmpfs emptyDirs; write the compose volume as the kind you need",
      "service 'app': label 'kompose.service.group: pod1' is not used: each service is its own pod, reaching the others by their Service names; keep the services apart, or add the container to the pod by hand",
      "service 'app': label 'kompose.controller.port.expose: false' is not used: the container ports come from compose ports and expose; list the ports to serve there (or x-stackport ports)",
      "service 'app': label 'kompose.security-context.fsgroup: 1000' is not used: the pod's fsGroup is its group; set x-stackport gid",
      "service 'app': label 'kompose.made.up' is not used: the profile decides pull policy, storage class and exposure",
    ]);
  });
});

test('several replicas restarted on failure are a long-running pool, not a Job', () => {
  const m = map('services:\n  w:\n    image: a:1\n    deploy: { replicas: 2, restart_policy: { condition: on-failure } }\n');
  expect(service(m, 'w')).toMatchObject({ kind: 'worker', scaling: { replicas: 2 } });
});

describe('profiles', () => {
  test('a profile that COMPOSE_PROFILES of the env file names is on, others off, as docker compose starts them', () => {
    const m = mapYaml('services:\n  app:\n    image: a:1\n  debug:\n    image: d:1\n    profiles: [debug]\n  tools:\n    image: t:1\n    profiles: [tools]\n',
      { vars: { COMPOSE_PROFILES: 'debug' } });
    expect(m.spec.options).toEqual({ debug: true, tools: false });
  });

  test("COMPOSE_PROFILES '*' switches every profile on", () => {
    const m = mapYaml('services:\n  debug:\n    image: d:1\n    profiles: [debug]\n  tools:\n    image: t:1\n    profiles: [tools]\n', { vars: { COMPOSE_PROFILES: '*' } });
    expect(m.spec.options).toEqual({ debug: true, tools: true });
  });
});
