/** Mapping compose services to the spec: refusals, names, units, kinds and overrides, one behaviour per test. */
import { cpuQuantity, dnsLabel, durationSeconds, mapCompose, MappedStack, memoryQuantity, splitCommand } from '../../lib/compose/map';
import { loadCompose } from '../../lib/compose/parse';
import { ServiceSpec } from '../../lib/spec/types';
import { stackProblems, ValidationError } from '../../lib/spec/validate';
import { find, PRODUCTION, synthStack } from '../util';
import { importFixture } from './util';

const noFiles = { kind: () => undefined, read: () => '' };

function map(yaml: string, skipServices: string[] = [], vars: Record<string, string> = {}): MappedStack {
  return mapCompose(loadCompose([{ file: 'compose.yml', text: yaml }], vars), { name: 'shop', sources: ['compose.yml'], files: noFiles, skipServices });
}
function problems(f: () => unknown): readonly string[] {
  try {
    f();
  } catch (e) {
    return (e as ValidationError).problems;
  }
  throw new Error('expected a ValidationError');
}
const service = (m: MappedStack, name: string): ServiceSpec => m.spec.services.find(s => s.name === name)!;

describe('refusals', () => {
  test('every occurrence is refused, all together, with file, service, key, why and the fix', () => {
    expect(problems(() => importFixture({ dir: 'refused', files: ['docker-compose.yml'], credentials: [] }))).toEqual([
      `docker-compose.yml: services.agent.privileged: 'privileged: true' has no equivalent under Pod Security "restricted" (a privileged container controls the node); remove it, leave the service out with --skip-service agent, or run without it with x-stackport: { ignore: [privileged] }`,
      `docker-compose.yml: services.agent.network_mode: 'network_mode: host' has no equivalent under Pod Security "restricted" (the host network bypasses NetworkPolicies and exposes every port of the node); remove it, leave the service out with --skip-service agent, or run without it with x-stackport: { ignore: [network_mode] }`,
      `docker-compose.yml: services.agent.pid: 'pid: host' has no equivalent under Pod Security "restricted" (the host PID namespace lets the container see and signal every process of the node); remove it, leave the service out with --skip-service agent, or run without it with x-stackport: { ignore: [pid] }`,
      `docker-compose.yml: services.agent.volumes[0]: mounting '/var/run/docker.sock' gives the container control of the node's container runtime; read the Kubernetes API with a ServiceAccount instead, or remove it, leave the service out with --skip-service agent, or run without it with x-stackport: { ignore: [volumes] }`,
      `docker-compose.yml: services.vpn.cap_add: 'cap_add: NET_ADMIN, SYS_MODULE' has no equivalent under Pod Security "restricted" (every capability is dropped, and none but NET_BIND_SERVICE may be added); remove it, leave the service out with --skip-service vpn, or run without it with x-stackport: { ignore: [cap_add] }`,
      `docker-compose.yml: services.vpn.devices: 'devices: /dev/net/tun:/dev/net/tun' has no equivalent under Pod Security "restricted" (the container would reach the node's hardware); remove it, leave the service out with --skip-service vpn, or run without it with x-stackport: { ignore: [devices] }`,
    ]);
  });

  test('ipc: host is refused too', () => {
    expect(problems(() => map('services:\n  a:\n    image: a:1\n    ipc: host\n'))).toEqual([
      `compose.yml: services.a.ipc: 'ipc: host' has no equivalent under Pod Security "restricted" (the host IPC namespace shares the node's memory segments); remove it, leave the service out with --skip-service a, or run without it with x-stackport: { ignore: [ipc] }`,
    ]);
  });

  test('--skip-service leaves the refused services out and says so', () => {
    const m = map('services:\n  agent:\n    image: a:1\n    privileged: true\n  web:\n    image: w:1\n    ports: ["80:8080"]\n', ['agent']);
    expect(m.spec.services.map(s => s.name)).toEqual(['web']);
    expect(m.todos).toContain("service 'agent' is left out (--skip-service)");
  });

  test('an x-stackport ignore accepts running without the key', () => {
    const m = map('services:\n  a:\n    image: a:1\n    cap_add: [NET_ADMIN]\n    x-stackport: { ignore: [cap_add] }\n');
    expect(m.spec.services.map(s => s.kind)).toEqual(['worker']);
  });

  test('--skip-service with an unknown name', () => {
    expect(problems(() => map('services:\n  a:\n    image: a:1\n', ['b']))).toEqual(["--skip-service names 'b', which is not a service of compose.yml; use one of: a"]);
  });
});

describe('input the mapper cannot use', () => {
  test('a service with neither image nor build', () => {
    expect(problems(() => map('services:\n  a:\n    command: [x]\n'))).toEqual(["compose.yml: services.a.image: the service has neither 'image' nor 'build'; name the image to run"]);
  });

  test('an unknown x-stackport key, and an unknown kind', () => {
    expect(problems(() => map('services:\n  a:\n    image: a:1\n    x-stackport: { replica: 2, kind: daemon }\n'))).toEqual([
      'compose.yml: services.a.x-stackport.replica: got \'replica\'; expected one of kind, schedule, uid, gid, writablePaths, size, host, path, route, replicas, minReplicas, maxReplicas, cpuUtilization, completionCheck, image, ignore',
      "compose.yml: services.a.x-stackport.kind: got 'daemon'; expected one of web, stateful, worker, job, cron",
    ]);
  });

  test('a long-syntax port that is not a number', () => {
    expect(problems(() => map('services:\n  a:\n    image: a:1\n    ports: [{ target: abc }]\n'))).toEqual([
      'compose.yml: services.a.ports[0].target: got "abc"; expected a port number between 1 and 65535',
    ]);
  });

  test('a health check duration that does not parse', () => {
    expect(problems(() => map('services:\n  a:\n    image: a:1\n    expose: ["80"]\n    healthcheck: { test: [CMD, x], interval: soon }\n'))).toEqual([
      "compose.yml: services.a.healthcheck.interval: got 'soon'; expected a duration such as '30s' or '1m30s'",
    ]);
  });

  test('two compose names that become the same Kubernetes name', () => {
    expect(problems(() => map('services:\n  my_app:\n    image: a:1\n  my-app:\n    image: a:1\n'))).toEqual([
      "compose.yml: services.my-app.image: service name 'my-app' becomes 'my-app', which another service already has; rename one of them",
    ]);
  });

  test('an env file that does not exist', () => {
    expect(problems(() => map('services:\n  a:\n    image: a:1\n    env_file: missing.env\n'))).toEqual([
      "compose.yml: services.a.env_file: env file 'missing.env' does not exist beside compose.yml; create it or mark it 'required: false'",
    ]);
  });

  test('a cron without a schedule', () => {
    expect(problems(() => map('services:\n  a:\n    image: a:1\n    x-stackport: { kind: cron }\n'))).toEqual([
      "compose.yml: services.a.x-stackport.schedule: a cron service needs a schedule; add x-stackport: { schedule: '0 3 * * *' }",
    ]);
  });
});

describe('units and names', () => {
  test.each([['1m30s', 90], ['500ms', 1], ['2h', 7200], ['10s', 10], ['1.5s', 2], ['soon', undefined]])('duration %s is %s seconds', (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });
  test.each([['512M', '512Mi'], ['1g', '1Gi'], ['1.5G', '1536Mi'], ['268435456', '256Mi'], ['lots', undefined]])('memory %s is %s', (text, q) => {
    expect(memoryQuantity(text)).toBe(q);
  });
  test.each([['0.5', '500m'], ['2', '2'], ['0', undefined]])('cpus %s is %s', (text, q) => {
    expect(cpuQuantity(text)).toBe(q);
  });
  test.each([['Web_Frontend', 'web-frontend'], ['api.v2', 'api-v2'], ['__x__', 'x'], ['1web', 's-1web'], ['a'.repeat(70), 'a'.repeat(63)]])('name %s becomes %s', (raw, label) => {
    expect(dnsLabel(raw)).toBe(label);
  });
  test('command strings split like a shell', () => {
    expect(splitCommand(`sh -c "echo 'a b'" x\\ y ''`)).toEqual(['sh', '-c', "echo 'a b'", 'x y', '']);
  });
});

describe('kinds', () => {
  test('a service with ports is web, without is a worker, restart "no" without ports is a job', () => {
    const m = map('services:\n  w:\n    image: a:1\n    expose: ["80"]\n  b:\n    image: a:1\n  j:\n    image: a:1\n    restart: "no"\n');
    expect(m.spec.services.map(s => `${s.name}:${s.kind}`)).toEqual(['w:web', 'b:worker', 'j:job']);
  });

  test('the target of a service_completed_successfully dependency is a job; without a completionCheck the wait becomes a start, with a TODO', () => {
    const m = map('services:\n  mig:\n    image: a:1\n  app:\n    image: a:1\n    depends_on: { mig: { condition: service_completed_successfully } }\n');
    expect(service(m, 'mig').kind).toBe('job');
    expect(service(m, 'app').dependsOn).toEqual([{ service: 'mig', condition: 'started' }]);
    expect(m.todos).toContain("service 'app': waits for 'mig' to start, not to complete; add x-stackport.completionCheck to 'mig' (a command that succeeds once its work is done)");
  });

  test('a well-known image is the catalog\'s StatefulSet with its user, data directory and health check', () => {
    const m = map('services:\n  db:\n    image: mariadb:11.4.3\n');
    expect(service(m, 'db')).toMatchObject({
      kind: 'stateful', user: { uid: 999, gid: 999 }, dataPath: '/var/lib/mysql', ports: [{ name: 'mysql', port: 3306 }],
      healthcheck: { test: { exec: ['healthcheck.sh', '--connect', '--innodb_initialized'] } },
    });
  });

  test('a compose health check wins over the catalog\'s', () => {
    const m = map('services:\n  r:\n    image: redis:7.4.1\n    healthcheck: { test: [CMD, redis-cli, --raw, incr, ping], interval: 7s }\n');
    expect(service(m, 'r')).toMatchObject({ healthcheck: { test: { exec: ['redis-cli', '--raw', 'incr', 'ping'] }, intervalSeconds: 7, timeoutSeconds: 30, retries: 3 } });
  });
});

test('a variable the env file does not set becomes empty, with a TODO', () => {
  const m = mapCompose(loadCompose([{ file: 'compose.yml', text: 'services:\n  a:\n    image: a:1\n    environment: { MODE: "${MODE}" }\n' }], {}),
    { name: 'shop', sources: ['compose.yml'], files: noFiles });
  expect(service(m, 'a').env).toEqual({ MODE: '' });
  expect(m.todos).toContain('variable MODE is not set in the env file; compose would use an empty string, and so does this chart');
});

describe('credentials', () => {
  const yaml = 'services:\n  db:\n    image: postgres:16.4\n    environment: { POSTGRES_PASSWORD: "${PW}" }\n    healthcheck: { test: [CMD, pg_isready, "--password=${PW}"] }\n'
    + '  app:\n    image: a:1\n    command: app --db-pass ${PW}\n    environment: { DB: "postgres://u:${PW}@db:5432/x" }\n';
  const m = map(yaml, [], { PW: 'not-in-the-chart-42' });

  test('a URL with a password is expanded from the Secret key of the same value', () => {
    expect(service(m, 'app').env).toEqual({ POSTGRES_PASSWORD: { secret: 'postgres-password' }, DB: { expand: 'postgres://u:$(POSTGRES_PASSWORD)@db:5432/x' } });
  });

  test('a password in a command becomes a $(VAR) reference, in a health check a shell variable', () => {
    expect(service(m, 'app').args).toEqual(['app', '--db-pass', '$(POSTGRES_PASSWORD)']);
    expect(service(m, 'db')).toMatchObject({ healthcheck: { test: { exec: ['sh', '-c', 'pg_isready --password=$POSTGRES_PASSWORD'] } } });
  });

  test('the literal value is nowhere in the spec, and is reported as a credential to keep out', () => {
    expect(JSON.stringify(m.spec)).not.toContain('not-in-the-chart-42');
    expect(m.credentials).toEqual(['not-in-the-chart-42']);
  });

  test('a literal $( in a command is escaped for Kubernetes', () => {
    expect(service(map('services:\n  a:\n    image: a:1\n    command: ["sh", "-c", "echo $$(date)"]\n'), 'a').args).toEqual(['sh', '-c', 'echo $$(date)']);
  });
});

describe('compose secrets', () => {
  const spec = importFixture({ dir: 'compose-secrets', files: ['docker-compose.yml'], credentials: [] }).spec;

  test('each becomes a Secret key mounted read-only as a file, at /run/secrets/<name> or its target', () => {
    const objects = synthStack(spec, PRODUCTION);
    const pod = find(objects, 'Deployment', 'api').spec.template.spec;
    expect(pod.volumes.find((v: any) => v.name === 'secret-files')).toEqual({
      name: 'secret-files',
      secret: { secretName: 'compose-secrets-secrets', defaultMode: 0o440, items: [{ key: 'db-password', path: 'db-password' }, { key: 'signing-key', path: 'signing-key' }] },
    });
    expect(pod.containers[0].volumeMounts.filter((m: any) => m.name === 'secret-files')).toEqual([
      { name: 'secret-files', mountPath: '/run/secrets/db_password', subPath: 'db-password', readOnly: true },
      { name: 'secret-files', mountPath: '/etc/api/signing.key', subPath: 'signing-key', readOnly: true },
    ]);
    expect(find(objects, 'ExternalSecret', 'compose-secrets-secrets').spec.data.map((d: any) => d.secretKey)).toEqual(['db-password', 'signing-key']);
  });

  test('a secret the top level does not declare is refused', () => {
    expect(problems(() => map('services:\n  a:\n    image: a:1\n    secrets: [nope]\n'))).toEqual([
      "compose.yml: services.a.secrets: secret 'nope' is not declared under the top-level 'secrets'; declare it with 'file' or 'environment'",
    ]);
  });

  test('validation: a secret file must name a declared key and an absolute path', () => {
    const bad = { ...spec, secrets: [], services: [{ ...spec.services[1], dependsOn: [], secretFiles: [{ key: 'nope', path: 'relative' }] }] };
    expect(stackProblems(bad)).toEqual([
      "stack 'compose-secrets', service 'api': 'secretFiles' mounts secret key 'nope', which the stack's 'secrets' does not declare; add { key: 'nope', description: '...' } to 'secrets'",
      "stack 'compose-secrets', service 'api': 'secretFiles' must hold absolute paths, got 'relative'",
    ]);
  });
});

test('an image that starts as root is named in the summary with its fix', () => {
  expect(map('services:\n  web:\n    image: httpd:2.4.62\n    ports: ["80:80"]\n').summary).toContain(
    `root: image 'httpd:2.4.62' of service 'web' starts as root, which Pod Security "restricted" refuses; use an fpm variant behind nginx, or Apache configured to 'Listen 8080' as a non-root user`);
});

test('a host named in a command is a network edge', () => {
  const m = map('services:\n  db:\n    image: mongo:7.0.14\n  dump:\n    image: mongo:7.0.14\n    command: mongodump --uri mongodb://db:27017\n    restart: "no"\n');
  expect(service(m, 'dump').connectsTo).toEqual(['db']);
});

test('a volume at a StatefulSet\'s data directory is not mounted by another service', () => {
  const m = map('services:\n  db:\n    image: postgres:16.4\n    volumes: [pg:/var/lib/postgresql/data]\n  peek:\n    image: a:1\n    volumes: [pg:/data:ro]\nvolumes:\n  pg:\n');
  expect(service(m, 'peek').mounts).toBeUndefined();
  expect(m.todos).toContain("service 'peek': volume 'pg' at /data is dropped: it is the data claim of a StatefulSet, which no other pod can mount");
});

test('a bare service name is a host only in a variable named for one', () => {
  const m = map('services:\n  db:\n    image: mysql:8.4.2\n    environment: { MYSQL_USER: app }\n  app:\n    image: a:1\n    environment: { DB_HOST: db, DB_NAME: app }\n');
  expect(service(m, 'app').connectsTo).toEqual(['db']);
  expect(service(m, 'db').connectsTo).toBeUndefined();
});

test('a node path is dropped with a TODO', () => {
  const m = map('services:\n  a:\n    image: a:1\n    volumes: ["/srv/media:/media:ro"]\n');
  expect(service(m, 'a').volumes).toBeUndefined();
  expect(m.todos).toContain(`service 'a': host path '/srv/media:/media' is dropped: Pod Security "restricted" admits no node paths; put the data in a volume`);
});

test('a volume mounted twice by one service keeps its first mount', () => {
  const m = map('services:\n  web:\n    image: a:1\n    volumes: ["data:/data", "data:/data2"]\nvolumes: { data: {} }\n');
  expect(service(m, 'web').volumes).toEqual([{ name: 'data', mountPath: '/data', size: '1Gi' }]);
  expect(m.todos).toContain("service 'web': volume 'data' is mounted twice; only the first mount is kept, not /data2");
});

test('an image that interpolates to nothing is refused', () => {
  expect(problems(() => map('services:\n  a:\n    image: "${IMG}"\n'))).toEqual([
    "compose.yml: services.a.image: got ''; expected an image reference (is the variable it is read from set?)",
  ]);
});

test('compose configs with content become ConfigMap files at their target', () => {
  const m = map('services:\n  a:\n    image: a:1\n    configs:\n      - source: app\n        target: /etc/app/app.ini\n      - missing\nconfigs:\n  app:\n    content: |\n      [main]\n      x = 1\n');
  expect(service(m, 'a').files).toEqual({ mountPath: '/etc/app', files: { 'app.ini': '[main]\nx = 1\n' } });
  expect(m.todos).toContain("service 'a': config 'missing' is dropped: the top-level configs do not declare it");
});

test('a config at / is dropped rather than hiding the image', () => {
  const m = map('services:\n  a:\n    image: a:1\n    configs: [app]\nconfigs:\n  app:\n    content: x\n');
  expect(service(m, 'a').files).toBeUndefined();
  expect(m.todos).toContain("service 'a': files app at / are dropped: a ConfigMap directory there would hide the image; give them a target in a directory");
});

test('a folder bound by two services is one shared claim, mounted by both', () => {
  const m = map('services:\n  web:\n    image: a:1\n    volumes: ["./public:/app/public"]\n  jobs:\n    image: a:1\n    volumes: ["./public/:/app/public:ro"]\n');
  expect(service(m, 'web').volumes).toEqual([{ name: 'public', mountPath: '/app/public', size: '1Gi', shared: true }]);
  expect(service(m, 'jobs').mounts).toEqual([{ volume: 'public', mountPath: '/app/public', readOnly: true }]);
});

test('the same variable with the same value in several services is one Secret key', () => {
  const m = map('services:\n  a:\n    image: a:1\n    environment: { DB_PASS: "" }\n  b:\n    image: a:1\n    environment: { DB_PASS: "" }\n  c:\n    image: a:1\n    environment: { DB_PASS: other-value-1 }\n');
  // Distinctive values get their keys first (so URLs and commands elsewhere find them): c's is 'db-pass'.
  expect(m.spec.secrets.map(s => s.key)).toEqual(['db-pass', 'a-db-pass']);
  expect([service(m, 'a').env, service(m, 'b').env, service(m, 'c').env])
    .toEqual([{ DB_PASS: { secret: 'a-db-pass' } }, { DB_PASS: { secret: 'a-db-pass' } }, { DB_PASS: { secret: 'db-pass' } }]);
});

describe('a password the compose file also writes in the open', () => {
  const yaml = [
    'services:',
    '  db:',
    '    image: mysql:8.0.39',
    '    environment: { MYSQL_DATABASE: wordpress, MYSQL_USER: wordpress, MYSQL_PASSWORD: wordpress }',
    '  wordpress:',
    '    image: wordpress:6.6.2',
    '    environment: { WORDPRESS_DB_USER: wordpress, WORDPRESS_DB_PASSWORD: wordpress, WORDPRESS_DB_NAME: wordpress }',
    '',
  ].join('\n');

  test('is still read from the Secret, shared by the variables that hold it, while the plain settings equal to it stay plain', () => {
    const m = map(yaml);
    expect(service(m, 'db').env).toEqual({ MYSQL_DATABASE: 'wordpress', MYSQL_USER: 'wordpress', MYSQL_PASSWORD: { secret: 'mysql-password' } });
    expect(service(m, 'wordpress').env).toEqual({ WORDPRESS_DB_USER: 'wordpress', WORDPRESS_DB_PASSWORD: { secret: 'mysql-password' }, WORDPRESS_DB_NAME: 'wordpress' });
    // The leak guard compares the chart with these: a value written in the open is not one.
    expect(m.credentials).toEqual([]);
  });

  test('gets a TODO naming each variable, its service, where the value is also written, and the fix', () => {
    expect(map(yaml).todos.filter(t => t.includes('no secret'))).toEqual([
      "service 'db': MYSQL_PASSWORD holds a credential whose value is also written as the name of service 'wordpress', the image of service 'wordpress', variable MYSQL_DATABASE of service 'db', "
      + "variable MYSQL_USER of service 'db', variable WORDPRESS_DB_USER of service 'wordpress' and 1 more place, so it is no secret and stays visible there: give it a new value in the Secret (key 'mysql-password') and change those places to match",
      "service 'wordpress': WORDPRESS_DB_PASSWORD holds a credential whose value is also written as the name of service 'wordpress', the image of service 'wordpress', variable MYSQL_DATABASE of service 'db', "
      + "variable MYSQL_USER of service 'db', variable WORDPRESS_DB_USER of service 'wordpress' and 1 more place, so it is no secret and stays visible there: give it a new value in the Secret (key 'mysql-password') and change those places to match",
    ]);
  });
});

test('a port other services reach by name:port is declared even when compose does not list it, with a TODO', () => {
  const m = map([
    'services:',
    '  zookeeper:',
    '    image: confluentinc/cp-zookeeper:7.7.1',
    '  kafka:',
    '    image: confluentinc/cp-kafka:7.7.1',
    '    command: ["sh", "-c", "wait-for zookeeper:2888 && /etc/confluent/docker/run"]',
    '    environment: { KAFKA_ZOOKEEPER_CONNECT: "zookeeper:2181", OTHER: "notzookeeper:9999" }',
    '',
  ].join('\n'));
  const zookeeper = service(m, 'zookeeper');
  expect([zookeeper.kind, 'ports' in zookeeper ? zookeeper.ports.map(p => p.port) : []]).toEqual(['web', [2181, 2888]]);
  expect(m.todos).toContain("service 'zookeeper': port 2181 is not in compose's ports or expose, but other services connect to zookeeper:2181: it is declared so its Service and NetworkPolicy carry it");
  expect(service(m, 'kafka').connectsTo).toEqual(['zookeeper']);
});
