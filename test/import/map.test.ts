/** Mapping compose services to the spec: refusals, names, units, kinds and overrides, one behaviour per test. */
import { cpuQuantity, dnsLabel, durationSeconds, mapCompose, MappedStack, memoryQuantity } from '../../lib/compose/map';
import { shellWords } from '../../lib/compose/normal-form';
import { loadCompose } from '../../lib/compose/parse';
import { ServiceSpec } from '../../lib/spec/types';
import { stackProblems } from '../../lib/spec/validate';
import { find, PRODUCTION, synthStack } from '../util';
import { importFixture, mapYaml, NO_FILES, pinned, problemsOf, serviceOf } from './util';


const map = (yaml: string, skipServices: string[] = [], vars: Record<string, string> = {}): MappedStack => mapYaml(yaml, { vars, skipServices });
const problems = problemsOf;
const service = serviceOf;

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
      'compose.yml: services.a.x-stackport.replica: got \'replica\'; expected one of kind, schedule, uid, gid, writablePaths, size, host, path, route, replicas, minReplicas, maxReplicas, cpuUtilization, completionCheck, image, ignore, ports',
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
    expect(shellWords(`sh -c "echo 'a b'" x\\ y ''`)).toEqual(['sh', '-c', "echo 'a b'", 'x y', '']);
  });
});

describe('kinds', () => {
  test('a service with ports is web, without is a worker, restart "no" without ports is a job', () => {
    const m = map('services:\n  w:\n    image: a:1\n    expose: ["80"]\n  b:\n    image: a:1\n  j:\n    image: a:1\n    restart: "no"\n');
    expect(m.spec.services.map(s => `${s.name}:${s.kind}`)).toEqual(['w:web', 'b:worker', 'j:job']);
  });

  test('the target of a service_completed_successfully dependency is a job, and the wait keeps its condition without a completionCheck', () => {
    const m = map('services:\n  mig:\n    image: a:1\n  app:\n    image: a:1\n    depends_on: { mig: { condition: service_completed_successfully } }\n');
    expect(service(m, 'mig').kind).toBe('job');
    expect(service(m, 'app').dependsOn).toEqual([{ service: 'mig', condition: 'completed' }]);
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
    { name: 'shop', sources: ['compose.yml'], files: NO_FILES });
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
  expect(map('services:\n  web:\n    image: php:8.3.9-apache\n    ports: ["80:80"]\n').summary).toContain(
    `root: image 'php:8.3.9-apache' of service 'web' starts as root, which Pod Security "restricted" refuses; use an fpm variant behind nginx, or Apache configured to 'Listen 8080' as a non-root user`);
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
  expect(m.todos).toContain(`service 'a': host path '/srv/media:/media' is dropped: Pod Security "restricted" admits no node paths, and the importer reads nothing outside the project folder; put the files in the project folder and bind them from there, or the data in a volume`);
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
  expect(service(m, 'a').files).toEqual({ mountPath: '/etc/app', files: { 'app.ini': '[main]\nx = 1\n' }, subPath: true });
  expect(m.todos).toContain("service 'a': config 'missing' is dropped: the top-level configs do not declare it");
});

test('a config at / is mounted on its own, leaving the image\'s root as it is', () => {
  const m = map('services:\n  a:\n    image: a:1\n    configs: [app, { source: app, target: etc/app.conf }]\nconfigs:\n  app:\n    content: x\n');
  expect(service(m, 'a').files).toEqual([{ mountPath: '/', files: { app: 'x' }, subPath: true }, { mountPath: '/etc', files: { 'app.conf': 'x' }, subPath: true }]);
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

describe('user', () => {
  const user = (spec: string, image = 'a:1', x = '') => {
    const m = map(`services:\n  a:\n    image: ${image}\n    user: "${spec}"\n${x}`);
    return { user: service(m, 'a').user, todos: m.todos, summary: m.summary };
  };

  test('a numeric user is kept as it is, group 0 included', () => {
    expect(user('1500:0').user).toEqual({ uid: 1500, gid: 0 });
    expect(user('1500:1600').user).toEqual({ uid: 1500, gid: 1600 });
  });

  test('a numeric UID without a group runs with group 0, as docker gives it when /etc/passwd does not list the UID, with a TODO naming x-stackport.gid', () => {
    const r = user('1000', 'python:3.12.4-slim');
    expect(r.user).toEqual({ uid: 1000, gid: 0 });
    expect(r.todos).toContain("service 'a': compose names UID 1000 without a group (user: 1000); docker takes the group from the image's /etc/passwd, and 0 when the UID is not listed there: it runs with group 0 here, set the image's group with x-stackport.gid if it lists 1000");
  });

  test('a numeric UID the catalog knows in the image runs with that user\'s group, without a TODO', () => {
    const r = user('1000', 'node:20.11.1');
    expect(r.user).toEqual({ uid: 1000, gid: 1000 });
    expect(r.todos.filter(t => t.includes('without a group'))).toEqual([]);
    expect(user('999', 'postgres:16.4').user).toEqual({ uid: 999, gid: 999 });
  });

  test('a numeric UID with x-stackport.gid takes that group, without a TODO', () => {
    const r = user('1000', 'a:1', '    x-stackport:\n      gid: 1000\n');
    expect(r.user).toEqual({ uid: 1000, gid: 1000 });
    expect(r.todos.filter(t => t.includes('without a group'))).toEqual([]);
  });

  test('a numeric UID with group 0 passes Pod Security restricted: non-root, runAsGroup and fsGroup 0', () => {
    const m = map('services:\n  a:\n    image: a:1\n    user: "1000"\n');
    const pod = find(synthStack(pinned(m.spec), PRODUCTION), 'Deployment', 'a').spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 0, fsGroup: 0 });
  });

  test('a user named in a catalog image is its UID and GID; a named group root is GID 0', () => {
    expect(user('node', 'node:20.11.1-alpine').user).toEqual({ uid: 1000, gid: 1000 });
    expect(user('www-data', 'php:8.3.12-fpm-alpine').user).toEqual({ uid: 82, gid: 82 });
    expect(user('www-data:root', 'php:8.3.12-fpm').user).toEqual({ uid: 33, gid: 0 });
  });

  test('an unknown user name runs as a fixed UID, keeping a named group 0, with a TODO naming x-stackport.uid', () => {
    const r = user('app:0');
    expect(r.user).toEqual({ uid: 10001, gid: 0 });
    expect(r.todos).toContain("service 'a': compose names user 'app' (user: app:0), which the catalog does not know in 'a:1'; it runs as 10001:0 here, set that user's UID with x-stackport.uid");
  });

  test('root runs as a non-root UID, with a TODO and a summary line', () => {
    const r = user('0:0');
    expect(r.user).toEqual({ uid: 10001, gid: 0 });
    expect(r.summary).toContain("root: service 'a' runs as root in compose (user: 0:0); use a non-root variant of 'a:1', or a profile that relaxes Pod Security for this stack");
    expect(r.todos).toContain(`service 'a': compose runs it as root (user: 0:0), which Pod Security "restricted" refuses; it runs as 10001:0 here, verify the image works as that user or set x-stackport.uid`);
  });

  test('x-stackport.gid alone sets the group', () => {
    expect(user('1500', 'a:1', '    x-stackport: { gid: 0 }\n').user).toEqual({ uid: 1500, gid: 0 });
  });

  test('group 0 synthesizes as runAsGroup and fsGroup 0, with a non-root UID', () => {
    const spec = pinned(map('services:\n  a:\n    image: a:1\n    user: "1500:0"\n').spec);
    const pod = find(synthStack(spec, PRODUCTION), 'Deployment', 'a').spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsUser: 1500, runAsGroup: 0, fsGroup: 0, runAsNonRoot: true });
    expect(pod.containers[0].securityContext).toMatchObject({ runAsUser: 1500, runAsGroup: 0, runAsNonRoot: true });
  });
});

describe('resources', () => {
  const resources = (yaml: string) => {
    const m = map(`services:\n  a:\n    image: a:1\n${yaml}`);
    return { resources: service(m, 'a').resources, todos: m.todos };
  };

  test('mem_limit is the limit, mem_reservation the request, cpus the CPU limit', () => {
    expect(resources('    mem_limit: 1gb\n    mem_reservation: 512 MiB\n    cpus: 1.5\n').resources)
      .toEqual({ cpu: '1500m', memory: '1Gi', memoryRequest: '512Mi', cpuLimit: '1500m' });
  });

  test('cpu_shares is a CPU request of 1000m per 1024 shares, with a TODO', () => {
    const r = resources('    mem_limit: 300m\n    cpu_shares: 256\n');
    expect(r.resources).toEqual({ cpu: '250m', memory: '300Mi' });
    expect(r.todos).toContain("service 'a': cpu_shares 256 is a relative weight in compose; here it requests 250m of CPU (1024 shares per CPU); set deploy.resources.reservations.cpus");
  });

  test('without a memory limit, a JVM heap gives heap x 1.5, at least heap + 256Mi', () => {
    expect(resources('    environment: { KAFKA_HEAP_OPTS: "-Xms256m -Xmx256M" }\n    cpus: 1\n').resources).toMatchObject({ memory: '512Mi' });
    expect(resources('    environment: { JAVA_OPTS: "-Xmx2g" }\n').resources).toMatchObject({ memory: '3Gi' });
    expect(resources('    environment: { HEAP_SIZE: 1G }\n').resources).toMatchObject({ memory: '1536Mi' });
    expect(resources('    command: java -Xmx512m -jar app.jar\n').todos)
      .toContain("service 'a': compose sets no memory limit: it is 768Mi, the JVM heap (-Xmx512m) plus headroom; set deploy.resources.limits.memory");
  });

  test('CPUs alone leave no silent memory guess: a TODO names the default and the fix', () => {
    const r = resources('    deploy: { resources: { limits: { cpus: "0.5" } } }\n');
    expect(r.resources).toEqual({ cpu: '500m', memory: '256Mi', cpuLimit: '500m' });
    expect(r.todos).toContain("service 'a': compose sets no memory limit: it is 256Mi, a default; set deploy.resources.limits.memory");
  });

  test('nothing in compose leaves the profile default, with a TODO', () => {
    const r = resources('');
    expect(r.resources).toBeUndefined();
    expect(r.todos).toContain("service 'a': compose sets no memory limit: the profile's default (defaultResources.memory) applies; set deploy.resources.limits.memory");
  });

  test.each([['512 MB', '512Mi'], ['2GiB', '2Gi'], ['100kb', '1Mi'], ['1.5 G', '1536Mi'], ['64Ki', '1Mi'], ['1t', '1024Gi']])('size %s is %s', (text, q) => {
    expect(memoryQuantity(text)).toBe(q);
  });

  test('a size that does not parse is a problem naming the field, the value and the fix', () => {
    expect(problems(() => map('services:\n  a:\n    image: a:1\n    mem_limit: lots\n    shm_size: 2 pages\n    deploy: { resources: { reservations: { memory: 1x } } }\n'))).toEqual([
      "compose.yml: services.a.shm_size: got '2 pages'; expected a size such as '256m' or '1gb' (units b, k, m, g, t, with or without i and b); write it with one of those units",
      "compose.yml: services.a.mem_limit: got 'lots'; expected a size such as '512m', '1.5g' or '2GiB' (units b, k, m, g, t, with or without i and b); write it with one of those units",
      "compose.yml: services.a.deploy.resources.reservations.memory: got '1x'; expected a size such as '512m', '1.5g' or '2GiB' (units b, k, m, g, t, with or without i and b); write it with one of those units",
    ]);
  });
});

describe('files', () => {
  const result = importFixture({ dir: 'files', files: ['docker-compose.yml'], credentials: [] });
  const objects = synthStack(pinned(result.spec), PRODUCTION);
  const pod = (kind: string, name: string) => find(objects, kind, name).spec.template.spec;

  test('single files are mounted one by one (subPath), so the image keeps its other files there', () => {
    expect(pod('Deployment', 'proxy').containers[0].volumeMounts.filter((v: any) => v.subPath !== undefined)).toEqual([
      { name: 'files', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf', readOnly: true },
      { name: 'files-2', mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'default.conf', readOnly: true },
    ]);
  });

  test('of two mounts at one path the later wins, as docker compose config keeps it', () => {
    expect(find(objects, 'ConfigMap', 'proxy-files-2').data).toEqual({ 'default.conf': 'server { listen 8080; location / { proxy_pass http://app:3000; } }\n' });
  });

  test('a configuration folder is a ConfigMap mounted as the folder, nested files placed by items, binary files as binaryData', () => {
    const app = pod('Deployment', 'app');
    expect(app.volumes.find((v: any) => v.name === 'files').configMap.items).toEqual([
      { key: 'app.yml', path: 'app.yml' }, { key: 'logo.png', path: 'logo.png' }, { key: 'tls_ca.crt', path: 'tls/ca.crt' },
    ]);
    expect(app.containers[0].volumeMounts).toContainEqual({ name: 'files', mountPath: '/etc/app', readOnly: true });
    expect(find(objects, 'ConfigMap', 'app-files').binaryData).toEqual({ 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]).toString('base64') });
  });

  test('nothing outside the project folder is read: each such mount is a TODO', () => {
    expect(result.todos.filter(t => /outside the project folder|time zone/.test(t))).toEqual([
      "service 'proxy': bind mount '/etc/localtime:/etc/localtime' is dropped: the host's time zone is not read; set TZ (e.g. TZ=Europe/Berlin) in the service's environment",
      "service 'app': bind mount '../shared/settings.json:/etc/app-shared/settings.json' is dropped: '../shared/settings.json' is outside the project folder, which the importer never reads; copy it into the project folder and bind it from there",
      "service 'app': bind mount '~/.ssh:/home/node/.ssh' is dropped: '~/.ssh' is outside the project folder, which the importer never reads; copy it into the project folder and bind it from there",
    ]);
  });

  test('a config file outside the project is not read', () => {
    const read: string[] = [];
    const files = { kind: (p: string) => { read.push(p); return 'file' as const; }, read: () => 'x', bytes: () => new Uint8Array([120]), list: () => [], executable: () => false };
    const m = mapCompose(loadCompose([{ file: 'compose.yml', text: 'services:\n  a:\n    image: a:1\n    configs: [c]\n    volumes: ["../x.conf:/etc/x.conf:ro", "./y.conf:/etc/y.conf"]\nconfigs:\n  c:\n    file: ../c.conf\n' }], {}),
      { name: 'shop', sources: ['compose.yml'], files });
    expect([...new Set(read)]).toEqual(['y.conf']);
    expect(m.todos).toContain("service 'a': config 'c' is dropped: its file '../c.conf' is outside the project folder, which the importer never reads; copy it into the project folder");
  });

  test('an anonymous volume at a database\'s data directory is its data claim', () => {
    const db = result.spec.services.find(s => s.name === 'db')!;
    expect(db).toMatchObject({ kind: 'stateful', dataPath: '/var/lib/postgresql/data' });
    expect(db.writablePaths).not.toContain('/var/lib/postgresql/data');
    expect(result.todos.filter(t => t.startsWith("service 'db': no volume at the data directory"))).toEqual([]);
  });

  test('shm_size is a memory-backed emptyDir at /dev/shm with its size', () => {
    expect(pod('StatefulSet', 'db').volumes).toContainEqual({ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '1024Mi' } });
    expect(pod('StatefulSet', 'db').containers[0].volumeMounts).toContainEqual({ name: 'shm', mountPath: '/dev/shm' });
  });

  test('a folder above what a ConfigMap holds is refused, naming the fix', () => {
    const big = new Uint8Array(700 * 1024).fill(97);
    const files = { kind: (p: string) => (p === 'conf' ? 'dir' as const : 'file' as const), read: () => '', bytes: () => big, list: () => ['a.txt', 'b.txt'], executable: () => false };
    expect(problems(() => mapCompose(loadCompose([{ file: 'compose.yml', text: 'services:\n  a:\n    image: a:1\n    volumes: ["./conf:/etc/app:ro"]\n' }], {}),
      { name: 'shop', sources: ['compose.yml'], files }))).toEqual([
      'compose.yml: services.a.volumes: volumes: ./conf:/etc/app holds more than 1048576 bytes, more than a ConfigMap holds; copy the folder into the image (build), or bind only the files the service reads',
    ]);
  });

  test('validation: file names must make distinct ConfigMap keys', () => {
    expect(stackProblems({ ...pinned(result.spec), services: [{ ...result.spec.services[1], files: { mountPath: '/etc/x', files: { 'a/b': '1', 'a_b': '2' } } }], routes: [] }))
      .toContain("stack 'files', service 'app': 'files' of '/etc/x' has 'a/b' and 'a_b', which share the ConfigMap key 'a_b'; rename one");
  });
});
describe('writable binds and scripts', () => {
  const result = importFixture({ dir: 'writable-binds', files: ['docker-compose.yml'], credentials: [] });
  const objects = synthStack(pinned(result.spec), PRODUCTION);
  const pod = (kind: string, name: string) => find(objects, kind, name).spec.template.spec;
  const svcOf = (name: string): ServiceSpec => result.spec.services.find(s => s.name === name)!;

  test('a configuration folder the project fills, bound read-write, is a ConfigMap folder with a TODO; a missing one is data: a claim', () => {
    expect(filesAt(svcOf('certs'), '/etc/letsencrypt')).toMatchObject({ files: { 'live/README.txt': expect.any(String) } });
    expect(result.todos).toContain("service 'certs': bind mount './certs:/etc/letsencrypt' is read-write in compose; its files come from a ConfigMap here, read-only: if the service writes there, replace that folder of the chart's files by a volume");
    expect(svcOf('certs').volumes).toEqual([{ name: 'dns', mountPath: '/etc/dns-state', size: '1Gi' }]);
    expect(result.todos).toContain("service 'certs': bind mount './dns:/etc/dns-state' becomes claim 'dns' of 1Gi (a guess); copy existing content in yourself");
    expect(pod('Deployment', 'certs').containers[0].volumeMounts).toContainEqual({ name: 'pvc-dns', mountPath: '/etc/dns-state' });
  });

  test('a folder bound read-only, and init scripts bound read-write, are ConfigMaps', () => {
    expect(filesAt(svcOf('worker'), '/opt/scripts')).toMatchObject({ files: { 'entry.sh': '#!/bin/sh\nset -e\nexec "$@"\n' } });
    expect(filesAt(svcOf('db'), '/docker-entrypoint-initdb.d')).toMatchObject({ files: { '01-schema.sql': 'CREATE TABLE t (id int);\n' } });
  });

  test('a single file bound read-write stays a ConfigMap file, with a TODO that it is read-only here', () => {
    expect(filesAt(svcOf('certs'), '/etc/certbot')).toEqual({ mountPath: '/etc/certbot', files: { 'renew.ini': 'rsa_key_size = 4096\n' }, subPath: true });
    expect(result.todos).toContain("service 'certs': bind mount './renew.ini:/etc/certbot/renew.ini' is read-write in compose; the file comes from a ConfigMap here, read-only: if the service writes it, bind its folder instead (it becomes a claim)");
    expect(result.todos.filter(t => t.includes('is read-write in compose') && !t.includes('renew.ini') && !t.includes('./certs:'))).toEqual([]);
  });

  test('executable files are recorded by name and mounted with mode 0755; the others keep 0644', () => {
    expect(filesAt(svcOf('worker'), '/opt/scripts')!.executable).toEqual(['entry.sh']);
    expect(pod('Deployment', 'worker').volumes.find((v: any) => v.name === 'files').configMap.items).toEqual([
      { key: 'defaults.env', path: 'defaults.env' }, { key: 'entry.sh', path: 'entry.sh', mode: 0o755 },
    ]);
    expect(pod('Deployment', 'worker').volumes.find((v: any) => v.name === 'files-2').configMap.items).toEqual([{ key: 'ping.sh', path: 'ping.sh', mode: 0o755 }]);
    expect(pod('Deployment', 'worker').containers[0].volumeMounts).toContainEqual({ name: 'files-2', mountPath: '/usr/local/bin/ping.sh', subPath: 'ping.sh', readOnly: true });
  });

  test('files without an executable one render as before: no items, no mode', () => {
    const m = map('services:\n  a:\n    image: a:1\n    configs: [{ source: c, target: /etc/a/a.conf }]\nconfigs:\n  c:\n    content: x\n');
    expect(service(m, 'a').files).toEqual({ mountPath: '/etc/a', files: { 'a.conf': 'x' }, subPath: true });
    expect(find(synthStack(pinned(m.spec), PRODUCTION), 'Deployment', 'a').spec.template.spec.volumes.find((v: any) => v.name === 'files').configMap.items).toBeUndefined();
  });

  test('validation: an executable name must be one of the files', () => {
    expect(stackProblems({ ...pinned(result.spec), services: [{ ...svcOf('worker'), files: { mountPath: '/opt/x', files: { 'a.sh': 'x' }, executable: ['b.sh'] } }], routes: [] }))
      .toContain("stack 'writable-binds', service 'worker': 'executable' of '/opt/x' names 'b.sh', which is not in its files; name a file of 'files' or 'binaryFiles', or remove it");
  });

  test('NO_FILES has no executable file', () => {
    expect(NO_FILES.executable('x.sh')).toBe(false);
  });
});

function filesAt(svc: ServiceSpec, mountPath: string) {
  const sets = svc.files === undefined ? [] : Array.isArray(svc.files) ? svc.files : [svc.files];
  return sets.find(f => f.mountPath === mountPath);
}

describe('ports, names and routes', () => {
  const stack = (services: ServiceSpec[]) => ({ name: 'shop', source: 'test', description: 'test', services, routes: [], secrets: [] });

  test('a port-less service another names is a worker with a headless Service without ports, and a TODO with the fix', () => {
    const m = map('services:\n  app:\n    image: a:1\n    expose: ["80"]\n    environment: { CACHE_HOST: cache }\n  cache:\n    image: c:1\n');
    expect(service(m, 'cache')).toMatchObject({ kind: 'worker', headless: true });
    expect(service(m, 'app').connectsTo).toEqual(['cache']);
    expect(m.todos).toContain("service 'cache': no port in compose's ports or expose, but app names it: a headless Service 'cache' without ports resolves to its ready pods and NetworkPolicies admit its callers on any port; declare the port (compose expose, or x-stackport ports: ['PORT']) for a ClusterIP Service");
  });

  test('a port-less service nobody names gets no Service', () => {
    const m = map('services:\n  app:\n    image: a:1\n    expose: ["80"]\n    environment: { MODE: cache }\n  cache:\n    image: c:1\n');
    expect(service(m, 'cache')).not.toHaveProperty('headless');
  });

  test('a host flag in a command or health check names a service; a kompose headless service gets the same Service', () => {
    const m = map('services:\n  a:\n    image: a:1\n    command: ["run", "--host=b"]\n  b:\n    image: b:1\n  c:\n    image: c:1\n    healthcheck: { test: [CMD, ping, -h, a] }\n  d:\n    image: d:1\n    labels: { kompose.service.type: Headless }\n');
    expect(m.spec.services.map(s => [s.name, s.kind === 'worker' && s.headless === true])).toEqual([['a', true], ['b', true], ['c', false], ['d', true]]);
  });

  test('x-stackport ports declare a port compose does not list', () => {
    const m = map('services:\n  a:\n    image: a:1\n    x-stackport: { ports: ["9000", "53/udp"] }\n');
    expect(service(m, 'a')).toMatchObject({ kind: 'web', ports: [{ name: 'http', port: 9000 }, { name: 'udp-53', port: 53, protocol: 'UDP' }] });
  });

  test('network and links aliases become aliases; one that is not a DNS label gets a TODO', () => {
    const m = map('services:\n  db:\n    image: d:1\n    expose: ["5432"]\n    networks: { default: { aliases: [database, db.local] } }\n  app:\n    image: a:1\n    links: ["db:pg"]\n    environment: { DB_URL: "postgres://database:5432/x" }\n');
    expect(service(m, 'db')).toMatchObject({ aliases: ['database', 'pg'] });
    // compose starts a linked service first: links are start order (service_started), as docker compose config writes them.
    expect(service(m, 'app').dependsOn).toEqual([{ service: 'db', condition: 'started' }]);
    expect(m.todos).toContain("service 'db': alias 'db.local' (networks aliases or links) is not a DNS label, so no Service can be named so: clients that use it must name 'db' instead (rename the alias, or change their settings)");
  });

  test('a port an alias is reached on is declared', () => {
    const m = map('services:\n  search:\n    image: s:1\n    networks: { default: { aliases: [es] } }\n  app:\n    image: a:1\n    expose: ["80"]\n    environment: { ES_URL: "http://es:9200" }\n');
    expect(service(m, 'search')).toMatchObject({ kind: 'web', ports: [{ port: 9200 }], aliases: ['es'] });
  });

  test('UDP is carried, a port over TCP and UDP is two ports, and protocols compare in any case', () => {
    const m = map('services:\n  dns:\n    image: d:1\n    ports: ["53:53/udp", "53:53/TCP", { target: 8080, protocol: TCP }]\n');
    expect((service(m, 'dns') as any).ports).toEqual([{ name: 'tcp-53', port: 53 }, { name: 'http', port: 8080 }, { name: 'udp-53', port: 53, protocol: 'UDP' }]);
  });

  test('a range over 100 ports is cut with a TODO', () => {
    const m = map('services:\n  media:\n    image: m:1\n    ports: ["10000-10200:10000-10200/udp"]\n');
    expect((service(m, 'media') as any).ports).toHaveLength(100);
    expect(m.todos).toContain("service 'media': services.media.ports '10000-10200:10000-10200/udp' declares ports 10000 to 10099 only (100 of the range, each a Service port): add the rest to the chart's ports if clients use them");
  });

  test('only HTTP ports published on every interface are routed; others get a TODO naming port-forward', () => {
    const m = map('services:\n  a:\n    image: a:1\n    ports: ["127.0.0.1:8080:80", "[::1]:8081:81", { target: 82, published: "8082", host_ip: 10.0.0.5 }, "0.0.0.0:8083:83", "9092:9092", "6432:6432"]\n');
    expect(m.spec.routes).toEqual([{ name: 'a', host: 'a', path: '/', service: 'a', port: 'tcp-83' }]);
    expect(m.todos).toEqual(expect.arrayContaining([
      "service 'a': port '127.0.0.1:8080:80' is published only on 127.0.0.1, so it gets no route: reach it with kubectl -n shop port-forward svc/a 8080:80",
      "service 'a': port '[::1]:8081:81' is published only on ::1, so it gets no route: reach it with kubectl -n shop port-forward svc/a 8081:81",
      "service 'a': port '10.0.0.5:8082:82' is published only on 10.0.0.5, so it gets no route: reach it with kubectl -n shop port-forward svc/a 8082:82",
      "service 'a': port '9092:9092' is published by compose but is not HTTP, so it gets no route: reach it with kubectl -n shop port-forward svc/a 9092, or publish it with a LoadBalancer Service added by hand",
      "service 'a': port '6432:6432' is published by compose but is not HTTP, so it gets no route: reach it with kubectl -n shop port-forward svc/a 6432, or publish it with a LoadBalancer Service added by hand",
    ]));
  });

  test('kompose expose: every host is a route, True in any case is the default host, false none', () => {
    const expose = (value: string) => map(`services:\n  a:\n    image: a:1\n    expose: ["80"]\n    labels: { kompose.service.expose: "${value}" }\n`).spec.routes;
    expect(expose('one.example.com, two.example.com/api')).toEqual([
      { name: 'a', host: 'one', path: '/', service: 'a' }, { name: 'a-2', host: 'two', path: '/api', service: 'a' }]);
    expect(expose('True')).toEqual([{ name: 'a', host: 'a', path: '/', service: 'a' }]);
    expect(expose('FALSE')).toEqual([]);
  });

  test('kompose Service labels the spec does not carry are named with the profile field that decides', () => {
    const m = map('services:\n  a:\n    image: a:1\n    expose: ["80"]\n    labels:\n      kompose.service.type: nodeport\n      kompose.service.nodeport.port: "30080"\n      kompose.service.expose.tls-secret: t\n      kompose.service.expose.ingress-class-name: c\n');
    expect(m.todos.slice(0, 4)).toEqual([
      "service 'a': kompose.service.type 'nodeport' becomes a ClusterIP Service: outside clients reach HTTP through its route (x-stackport host/path), other ports with kubectl port-forward svc/a PORT",
      "service 'a': kompose.service.nodeport.port '30080' is not used: no NodePort Service is made; reach the port with kubectl port-forward svc/a PORT, or route it (x-stackport host/path)",
      "service 'a': kompose.service.expose.tls-secret 't' is not used: the profile's tls decides TLS for every route (environments/*.ts)",
      "service 'a': kompose.service.expose.ingress-class-name 'c' is not used: the profile's routing.className decides the Ingress class (environments/*.ts)",
    ]);
  });

  test('synth: a headless worker gets a Service without ports, its callers a NetworkPolicy rule on every port', () => {
    const m = map('services:\n  app:\n    image: a:1.0.0\n    expose: ["80"]\n    environment: { CACHE_HOST: cache }\n  cache:\n    image: c:1.0.0\n    networks: { default: { aliases: [kv] } }\n');
    const objects = synthStack({ ...m.spec, name: 'shop' }, PRODUCTION);
    expect(find(objects, 'Service', 'cache').spec).toEqual({ clusterIP: 'None', selector: { 'app.kubernetes.io/name': 'cache' } });
    expect(find(objects, 'Service', 'kv').spec).toEqual({ clusterIP: 'None', selector: { 'app.kubernetes.io/name': 'cache' } });
    expect(find(objects, 'NetworkPolicy', 'cache-ingress').spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'app' } } }] }]);
    expect(find(objects, 'NetworkPolicy', 'app-egress').spec.egress).toContainEqual({ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'cache' } } }] });
  });

  test('synth: a UDP port is UDP in the container, the Service and the NetworkPolicy; an alias is one more Service', () => {
    const objects = synthStack(stack([
      { kind: 'web', name: 'dns', image: 'd:1.0.0', user: { uid: 1000, gid: 1000 }, aliases: ['ns'],
        ports: [{ name: 'tcp-53', port: 53 }, { name: 'udp-53', port: 53, protocol: 'UDP' }] },
      { kind: 'worker', name: 'client', image: 'c:1.0.0', user: { uid: 1000, gid: 1000 }, connectsTo: ['dns'] },
    ]), PRODUCTION);
    expect(find(objects, 'Deployment', 'dns').spec.template.spec.containers[0].ports).toEqual([
      { containerPort: 53, name: 'tcp-53' }, { containerPort: 53, name: 'udp-53', protocol: 'UDP' }]);
    expect(find(objects, 'Service', 'dns').spec.ports).toEqual([
      { name: 'tcp-53', port: 53, targetPort: 53 }, { name: 'udp-53', port: 53, protocol: 'UDP', targetPort: 53 }]);
    expect(find(objects, 'Service', 'ns').spec).toMatchObject({ ports: find(objects, 'Service', 'dns').spec.ports, selector: find(objects, 'Service', 'dns').spec.selector });
    expect(find(objects, 'NetworkPolicy', 'dns-ingress').spec.ingress[0].ports).toEqual([{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
  });

  test('validation: the same port over TCP and UDP is two ports; a route to a UDP port and a worker alias without headless are refused', () => {
    const user = { uid: 1000, gid: 1000 };
    expect(stackProblems({ ...stack([
      { kind: 'web', name: 'dns', image: 'd:1.0.0', user, ports: [{ name: 'udp-53', port: 53, protocol: 'UDP' }, { name: 'tcp-53', port: 53 }] },
      { kind: 'worker', name: 'w', image: 'w:1.0.0', user, aliases: ['dns', 'w2'] },
    ]), routes: [{ name: 'dns', path: '/', service: 'dns' }] })).toEqual([
      "stack 'shop', service 'w': 'aliases' name Services, but a worker has a Service only with 'headless: true'; set headless: true or remove 'aliases'",
      "stack 'shop', service 'w': 'aliases[0]' 'dns' is already the name of a service or another alias; remove it or rename one of them",
      "stack 'shop', route 'dns': 'port' is 'udp-53', a UDP port, but a route carries HTTP over TCP; use one of: tcp-53",
    ]);
  });
});

describe('review fixes: health and ports', () => {
  // The fields of every kind: a test asserts the kind where it matters.
  const anyService = (m: MappedStack, name: string): any => service(m, name);
  const health = (svc: string, name = 'a') => anyService(map(`services:\n  ${name}:\n    image: a:1\n${svc}`), name).healthcheck;

  test('a health check that calls the service by its own name is an httpGet probe on that port, and the port is declared', () => {
    const m = map('services:\n  storage:\n    image: s:1\n    healthcheck: { test: [CMD, wget, --no-verbose, --tries=1, --spider, "http://storage:5000/status"] }\n');
    expect(anyService(m, 'storage')).toMatchObject({ kind: 'web', ports: [{ name: 'http', port: 5000 }], healthcheck: { test: { httpGet: '/status' } } });
    expect(m.todos).toContain("service 'storage': port 5000 is not in compose's ports or expose, but its own health check or command reaches storage:5000: it is declared so its Service and NetworkPolicy carry it");
  });

  test('an alias is the service\'s own name too; an exec check on its own name connects to localhost', () => {
    const m = map('services:\n  app:\n    image: a:1\n    networks: { default: { aliases: [api] } }\n'
      + '    healthcheck: { test: [CMD, curl, -f, -H, "X-Probe: 1", "http://api:8080/health"] }\n');
    expect(anyService(m, 'app')).toMatchObject({ ports: [{ name: 'http', port: 8080 }], healthcheck: { test: { exec: ['curl', '-f', '-H', 'X-Probe: 1', 'http://localhost:8080/health'] } } });
  });

  test('a check that names its own service after a host flag connects to localhost', () => {
    const m = map('services:\n  cache:\n    image: c:1\n    expose: ["6379"]\n    healthcheck: { test: [CMD, redis-cli, -h, cache, ping] }\n'
      + '  db:\n    image: d:1\n    expose: ["5432"]\n    healthcheck: { test: "pg_isready --host=db -U app || exit 1" }\n');
    expect(anyService(m, 'cache').healthcheck.test).toEqual({ exec: ['redis-cli', '-h', 'localhost', 'ping'] });
    expect(anyService(m, 'db').healthcheck.test).toEqual({ exec: ['sh', '-c', 'pg_isready --host=localhost -U app || exit 1'] });
  });

  test('a port the service\'s own command reaches by name is declared; another service\'s name in a check stays an exec probe', () => {
    const m = map('services:\n  node:\n    image: n:1\n    command: [serve, --advertise, "node:7946"]\n'
      + '  b:\n    image: b:1\n    healthcheck: { test: [CMD, curl, -f, "http://node:7946/"] }\n');
    expect(anyService(m, 'node').ports).toEqual([{ name: 'http', port: 7946 }]);
    expect(anyService(m, 'b').healthcheck).toMatchObject({ test: { exec: ['curl', '-f', 'http://node:7946/'] } });
  });

  test('curl and wget with options that leave a plain GET become httpGet probes', () => {
    expect(health('    expose: ["8080"]\n    healthcheck: { test: [CMD, curl, -fsSL, -o, /dev/null, --max-time, "5", --retry=2, "http://localhost:8080/up"] }\n'))
      .toMatchObject({ test: { httpGet: '/up' } });
    expect(health('    expose: ["8080"]\n    healthcheck: { test: "wget -qO- -T 3 http://127.0.0.1:9000/ping || exit 1" }\n'))
      .toMatchObject({ test: { httpGet: '/ping', port: 9000 } });
    expect(health('    expose: ["8080"]\n    healthcheck: { test: [CMD, wget, -nv, --spider, "http://localhost:8080"] }\n'))
      .toMatchObject({ test: { httpGet: '/' } });
  });

  test('curl and wget that send a header, a method, a body or a user, or an https URL, stay exec probes', () => {
    const execOf = (test: string) => health(`    expose: ["8080"]\n    healthcheck: { test: ${test} }\n`)!.test;
    expect(execOf('[CMD, curl, -sSfL, --head, -o, /dev/null, -H, "Authorization: Bearer abc", "http://localhost:8080/api/health"]'))
      .toEqual({ exec: ['curl', '-sSfL', '--head', '-o', '/dev/null', '-H', 'Authorization: Bearer abc', 'http://localhost:8080/api/health'] });
    expect(execOf('[CMD, curl, -f, -X, POST, "http://localhost:8080/"]')).toEqual({ exec: ['curl', '-f', '-X', 'POST', 'http://localhost:8080/'] });
    expect(execOf('[CMD, curl, -fI, "http://localhost:8080/"]')).toEqual({ exec: ['curl', '-fI', 'http://localhost:8080/'] });
    expect(execOf('[CMD, curl, -f, -d, "{}", "http://localhost:8080/"]')).toEqual({ exec: ['curl', '-f', '-d', '{}', 'http://localhost:8080/'] });
    expect(execOf('[CMD, curl, -fu, "admin:x", "http://localhost:8080/"]')).toEqual({ exec: ['curl', '-fu', 'admin:x', 'http://localhost:8080/'] });
    expect(execOf('[CMD, wget, -q, "--header=X-Token: 1", "http://localhost:8080/"]')).toEqual({ exec: ['wget', '-q', '--header=X-Token: 1', 'http://localhost:8080/'] });
    expect(execOf('[CMD, curl, -fk, "https://localhost:8443/"]')).toEqual({ exec: ['curl', '-fk', 'https://localhost:8443/'] });
    expect(execOf('"curl -f http://localhost:8080/ | grep ok"')).toEqual({ exec: ['sh', '-c', 'curl -f http://localhost:8080/ | grep ok'] });
  });

  test('a credential in a header is a shell variable outside the quotes of the words around it', () => {
    const m = map('services:\n  rt:\n    image: r:1\n    environment: { API_KEY: "${KEY}" }\n'
      + '    healthcheck: { test: [CMD, curl, -sf, -H, "Authorization: Bearer ${KEY}", "http://localhost:4000/api/health"] }\n', [], { KEY: 'Sample-Key-1234-abcd' });
    expect(anyService(m, 'rt').healthcheck).toMatchObject({ test: { exec: ['sh', '-c', `curl -sf -H 'Authorization: Bearer '"$API_KEY" http://localhost:4000/api/health`] } });
  });

  test('a UDP port under expose is carried like a UDP ports entry', () => {
    expect(anyService(map('services:\n  dns:\n    image: d:1\n    expose: ["53/udp", "53"]\n'), 'dns').ports).toEqual([
      { name: 'tcp-53', port: 53 }, { name: 'udp-53', port: 53, protocol: 'UDP' }]);
  });

  test('a health check compose disables gives no probe and a TODO that says so', () => {
    const m = map('services:\n  a:\n    image: a:1\n    expose: ["53"]\n    healthcheck: { test: [NONE] }\n'
      + '  b:\n    image: b:1\n    expose: ["8080"]\n    healthcheck: { disable: true }\n');
    expect(anyService(m, 'a').healthcheck).toBeUndefined();
    expect(anyService(m, 'b').healthcheck).toBeUndefined();
    expect(m.todos).toContain("service 'a': compose disables its health check (healthcheck test: [\"NONE\"]), so it gets no probe: pods get traffic as soon as they start; add a healthcheck to the chart if it needs one");
    expect(m.todos).toContain("service 'b': compose disables its health check (healthcheck disable: true), so it gets no probe: pods get traffic as soon as they start; add a healthcheck to the chart if it needs one");
    expect(m.todos.filter(t => t.includes('TCP readiness probe'))).toEqual([]);
  });

  test('a StatefulSet whose check compose disables keeps a TCP probe, with a TODO that says why; a job gets no TODO', () => {
    const m = map('services:\n  db:\n    image: postgres:16.4\n    healthcheck: { disable: true }\n  once:\n    image: o:1\n    restart: "no"\n    healthcheck: { test: [NONE] }\n');
    expect(anyService(m, 'db')).toMatchObject({ kind: 'stateful', healthcheck: { test: { tcpPort: 5432 } } });
    expect(m.todos).toContain("service 'db': compose disables its health check, but a StatefulSet needs one: a TCP readiness probe on port 5432 keeps traffic away until it listens");
    expect(anyService(m, 'once').kind).toBe('job');
    expect(m.todos.filter(t => t.startsWith("service 'once'") && t.includes('health'))).toEqual([]);
  });

  test('a published range whose first port has a route: the TODO names only the ports without one', () => {
    const m = map('services:\n  app:\n    image: a:1\n    ports: ["8000-8002:8000-8002"]\n');
    expect(m.spec.routes?.map(r => [r.name, r.port])).toEqual([['app', undefined]]);
    expect(m.todos.filter(t => t.includes('gets no route'))).toEqual([
      "service 'app': port range 8001-8002 of '8000-8002:8000-8002' is published by compose but gets no route: reach it with kubectl -n shop port-forward svc/app 8001 (each port of the range alike), or publish it with a LoadBalancer Service added by hand",
    ]);
  });

  test('a dropped key with an empty value is not named', () => {
    const m = map('services:\n  a:\n    image: a:1\n    hostname: "${MAIL_HOST:-}"\n    domainname: example.org\n');
    expect(m.todos.filter(t => t.includes('hostname'))).toEqual([]);
    expect(m.todos.some(t => t.startsWith("service 'a': 'domainname: example.org' is dropped"))).toBe(true);
  });
});

/** What a container sees of a command word or env value after Kubernetes' expansion: `$$` gives `$`, `$(VAR)` of a defined variable its value. */
function kubernetesExpand(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (all, name: string | undefined) => (all === '$$' ? '$' : vars[name!] ?? all));
}

describe('review 2: dollars, reset, data', () => {
  const DOLLARS = 'services:\n  app:\n    image: alpine:3.19\n'
    + `    command: sh -c 'echo $$$$ $$(hostname) $$HOME; app --password=Xk9mPq2vL7wRt4zZ'\n`
    + '    environment:\n'
    + '      DB_PASSWORD: Xk9mPq2vL7wRt4zZ\n'
    + '      DB_URL: "postgres://app:Xk9mPq2vL7wRt4zZ@db/app?name=$$(USER)&pid=$$$$&home=$$HOME"\n'
    + '      PLAIN: "literal $$(USER) and $$$$"\n';

  test('command words reach the container as compose gives them: every literal $ doubled, credentials as $(VAR)', () => {
    const objects = synthStack(map(DOLLARS).spec, PRODUCTION);
    const container = find(objects, 'Deployment', 'app').spec.template.spec.containers[0];
    expect(container.args).toEqual(['sh', '-c', 'echo $$$$ $$(hostname) $$HOME; app --password=$(DB_PASSWORD)']);
    expect(container.args.map((w: string) => kubernetesExpand(w, { DB_PASSWORD: 'Xk9mPq2vL7wRt4zZ' })))
      .toEqual(['sh', '-c', 'echo $$ $(hostname) $HOME; app --password=Xk9mPq2vL7wRt4zZ']);
  });

  test('an expanded URL keeps its literal $ text: only the password is a reference', () => {
    const m = map(DOLLARS);
    expect(service(m, 'app').env?.DB_URL).toEqual({ expand: 'postgres://app:$(DB_PASSWORD)@db/app?name=$$(USER)&pid=$$$$&home=$$HOME' });
    expect(stackProblems(m.spec)).toEqual([]);
    const objects = synthStack(m.spec, PRODUCTION);
    const env = find(objects, 'Deployment', 'app').spec.template.spec.containers[0].env;
    const url = env.find((e: any) => e.name === 'DB_URL').value;
    expect(kubernetesExpand(url, { DB_PASSWORD: 'Xk9mPq2vL7wRt4zZ', USER: 'bob' })).toBe('postgres://app:Xk9mPq2vL7wRt4zZ@db/app?name=$(USER)&pid=$$&home=$HOME');
    // Plain settings go to the ConfigMap, which Kubernetes does not expand.
    expect(find(objects, 'ConfigMap', 'app-env').data.PLAIN).toBe('literal $(USER) and $$');
  });

  test('a host path at a catalog image\'s data directory becomes the data claim with a TODO; another host path stays dropped', () => {
    const m = map('services:\n  cache:\n    image: redis:7.2\n    volumes: ["/srv/redis:/data", "/srv/other:/backup"]\n');
    expect(service(m, 'cache')).toMatchObject({ kind: 'stateful', dataPath: '/data' });
    expect(service(m, 'cache').volumes).toBeUndefined();
    expect(m.todos.filter(t => t.includes('/srv/'))).toEqual([
      `service 'cache': host path '/srv/redis' at the data directory /data becomes the data claim (Pod Security "restricted" admits no node paths); copy the host folder's data into the claim yourself`,
      `service 'cache': host path '/srv/other:/backup' is dropped: Pod Security "restricted" admits no node paths, and the importer reads nothing outside the project folder; put the files in the project folder and bind them from there, or the data in a volume`,
    ]);
  });

  test('postgres: the TODO of a folder at the data directory names the PGDATA subfolder the chart sets, unless compose sets PGDATA', () => {
    const m = map('services:\n  db:\n    image: postgres:16.4\n    volumes: ["/data/database:/var/lib/postgresql/data"]\n'
      + '  local:\n    image: postgres:16.4\n    volumes: ["./pg:/var/lib/postgresql/data"]\n'
      + '  own:\n    image: postgres:16.4\n    environment: { PGDATA: /var/lib/postgresql/data/mine }\n    volumes: ["./own:/var/lib/postgresql/data"]\n');
    expect(m.todos.filter(t => t.includes('becomes the data claim'))).toEqual([
      `service 'db': host path '/data/database' at the data directory /var/lib/postgresql/data becomes the data claim (Pod Security "restricted" admits no node paths); `
        + 'copy the host folder\'s data into its subfolder pgdata yourself, not at its top: the chart sets PGDATA=/var/lib/postgresql/data/pgdata, where the image looks (compose sets no PGDATA, so there the data is at /var/lib/postgresql/data itself)',
      "service 'local': bind mount './pg' at the data directory becomes the data claim; copy existing data into its subfolder pgdata yourself, not at its top: "
        + 'the chart sets PGDATA=/var/lib/postgresql/data/pgdata, where the image looks (compose sets no PGDATA, so there the data is at /var/lib/postgresql/data itself)',
      "service 'own': bind mount './own' at the data directory becomes the data claim; copy existing data in yourself",
    ]);
    expect(service(m, 'own').env?.PGDATA).toBe('/var/lib/postgresql/data/mine');
  });
});

describe('review 2: reach and egress', () => {
  const anyService = (m: MappedStack, name: string): any => service(m, name);
  /** Project files by path, for the mapper to read. */
  const filesOf = (files: Record<string, string>) => ({
    ...NO_FILES,
    kind: (p: string) => (p in files ? 'file' as const : Object.keys(files).some(f => f.startsWith(`${p}/`)) ? 'dir' as const : undefined),
    read: (p: string) => files[p],
    bytes: (p: string) => new TextEncoder().encode(files[p]),
    list: (p: string) => [...new Set(Object.keys(files).filter(f => f.startsWith(`${p}/`)).map(f => f.slice(p.length + 1).split('/')[0]))],
  });
  const mapWith = (yaml: string, files: Record<string, string>) =>
    mapCompose(loadCompose([{ file: 'compose.yml', text: yaml }], {}), { name: 'shop', sources: ['compose.yml'], files: filesOf(files) });

  test("a port-less service's own health check on localhost declares its port, with a TODO", () => {
    const m = map('services:\n  api:\n    image: a:1\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8080/ping"]\n'
      + '  db:\n    image: d:1\n    healthcheck:\n      test: nc -z 127.0.0.1 5433\n');
    expect(anyService(m, 'api')).toMatchObject({ kind: 'web', ports: [{ name: 'http', port: 8080 }], healthcheck: { test: { httpGet: '/ping' } } });
    expect(anyService(m, 'db')).toMatchObject({ kind: 'web', ports: [{ port: 5433 }] });
    expect(m.todos).toContain("service 'api': port 8080 is not in compose's ports or expose, but its health check (healthcheck test 'http://localhost:8080') shows it listens there: it is declared so its Service and NetworkPolicy carry it; if it serves nobody, set x-stackport kind: worker");
    expect(m.todos.some(t => t.startsWith("service 'db': port 5433 is not in compose's ports or expose, but its health check (healthcheck test 'nc -z 127.0.0.1 5433')"))).toBe(true);
  });

  test('a health check on localhost adds no port to a service that has ports', () => {
    const m = map('services:\n  api:\n    image: a:1\n    expose: ["80"]\n    healthcheck:\n      test: wget -qO- http://127.0.0.1:9000/health\n');
    expect((anyService(m, 'api') as any).ports.map((p: any) => p.port)).toEqual([80]);
  });

  test('a name:port in a bound file declares the port on the target and connects the caller', () => {
    const m = mapWith('services:\n  web:\n    image: nginx:1.25\n    ports: ["8080:80"]\n    volumes: ["./nginx.conf:/etc/nginx/conf.d/default.conf:ro", "./conf:/etc/extra:ro"]\n'
      + '  api:\n    image: a:1\n    restart: always\n  logs:\n    image: l:1\n    restart: always\n',
    { 'nginx.conf': 'server { location / { proxy_pass http://api:8080; } }', 'conf/upstream.conf': 'upstream l { server logs:3100; }' });
    expect((anyService(m, 'api') as any).ports.map((p: any) => p.port)).toEqual([8080]);
    expect((anyService(m, 'logs') as any).ports.map((p: any) => p.port)).toEqual([3100]);
    expect(anyService(m, 'web').connectsTo).toEqual(['api', 'logs']);
  });

  test('a binary bound file is not read for names', () => {
    const m = mapWith('services:\n  web:\n    image: w:1\n    ports: ["80:80"]\n    volumes: ["./a.bin:/a.bin:ro"]\n  api:\n    image: a:1\n',
      { 'a.bin': 'api:8080\u0000' });
    expect(anyService(m, 'web').connectsTo).toBeUndefined();
    expect(anyService(m, 'api').kind).toBe('worker');
  });

  test('a port-less worker another depends on gets a headless Service; a job does not', () => {
    const m = map('services:\n  app:\n    image: a:1\n    ports: ["80:80"]\n    depends_on: [queue, setup]\n  queue:\n    image: q:1\n  setup:\n    image: s:1\n    restart: "no"\n');
    expect(anyService(m, 'queue')).toMatchObject({ kind: 'worker', headless: true });
    expect(anyService(m, 'setup').kind).toBe('job');
    expect((anyService(m, 'setup') as any).headless).toBeUndefined();
    expect(m.todos).toContain("service 'queue': no port in compose's ports or expose, but app depends on it (depends_on), so compose let it connect to it: a headless Service 'queue' without ports resolves to its ready pods and NetworkPolicies admit its callers on any port; declare the port (compose expose, or x-stackport ports: ['PORT']) for a ClusterIP Service");
    expect(m.todos.filter(t => t.startsWith("service 'setup'") && t.includes('Service'))).toEqual([]);
  });

  test('curl without --fail stays a command check; with -fsS or wget it becomes httpGet', () => {
    const m = map('services:\n  a:\n    image: a:1\n    expose: ["8080"]\n    healthcheck: { test: ["CMD", "curl", "-s", "http://localhost:8080/"] }\n'
      + '  b:\n    image: b:1\n    expose: ["8080"]\n    healthcheck: { test: ["CMD", "curl", "-fsS", "http://localhost:8080/up"] }\n'
      + '  c:\n    image: c:1\n    expose: ["8080"]\n    healthcheck: { test: "wget -q --spider http://localhost:8080/up" }\n');
    expect(anyService(m, 'a').healthcheck?.test).toEqual({ exec: ['curl', '-s', 'http://localhost:8080/'] });
    expect(anyService(m, 'b').healthcheck?.test).toEqual({ httpGet: '/up' });
    expect(anyService(m, 'c').healthcheck?.test).toEqual({ httpGet: '/up' });
  });

  test('URLs and host:port settings to hosts outside the stack become externalPorts, each with a TODO', () => {
    const m = map('services:\n  app:\n    image: a:1\n    ports: ["80:80"]\n    environment:\n      API: https://api.example.com/v1\n      RELAY: smtp.gmail.com:587\n'
      + '      SMTP_HOST: smtp.example.com\n      SMTP_PORT: "2525"\n      DOMAIN: https://app.example.com\n      DB: postgres://db:5432/app\n      HOOK: http://hooks.example.org:8081/x\n'
      + '  db:\n    image: postgres:16.4\n');
    expect(anyService(m, 'app').externalPorts).toEqual([443, 587, 2525, 8081]);
    expect(anyService(m, 'db').externalPorts).toBeUndefined();
    expect(m.todos).toContain("service 'app': environment API connects to api.example.com on port 443, outside the stack: port 443 is in its externalPorts, so production NetworkPolicies let it out to any address on that port (compose allows all outbound traffic); remove it from externalPorts in the chart if it is not needed");
    expect(m.todos.some(t => t.startsWith("service 'app': environment SMTP_HOST connects to smtp.example.com on port 2525"))).toBe(true);
  });

  test('one stack-level TODO says what egress production admits', () => {
    const m = map('services:\n  a:\n    image: a:1\n');
    expect(m.todos.filter(t => t.startsWith('production NetworkPolicies admit no egress'))).toEqual([
      "production NetworkPolicies admit no egress beyond the stack but DNS and the externalPorts found in settings; add a service's other outbound ports to its externalPorts in the chart (compose allows all outbound traffic)",
    ]);
  });
});
