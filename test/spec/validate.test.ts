import { STACKS } from '../../charts';
import { isSeed } from '../util';
import { DEFAULT_ENVIRONMENTS, ENVIRONMENTS } from '../../environments';
import { PRODUCTION_GATEWAY, PRODUCTION_SHARED_GATEWAY } from '../../environments/production-gateway';
import { Profile } from '../../lib/profiles/profile';
import { selectProfiles } from '../../lib/profiles';
import { PRODUCTION } from '../../environments/production';
import { LOCAL } from '../../environments/local';
import { ENABLEDRM } from '../../charts/enabledrm';
import { postgres } from '../../lib/catalog';
import { ServiceSpec, StackSpec } from '../../lib/spec/types';
import { placementProblems, profileProblems } from '../../lib/profiles/validate';
import { uriSecretKeys } from '../../lib/spec/env';
import { cronProblem } from '../../lib/spec/service-kinds';
import { optionProblems, stackProblems, ValidationError } from '../../lib/spec/validate';
import { render } from '../../lib/synth';
import { podSpec } from '../util';

const USER = { uid: 10001, gid: 10001 };
const api = (o: Partial<Extract<ServiceSpec, { kind: 'web' }>> = {}): ServiceSpec => ({
  kind: 'web', name: 'api', image: { build: 'api' }, ports: [{ name: 'http', port: 8000 }], user: USER,
  env: { DB_PASSWORD: { secret: 'db-password' }, DATABASE_URL: { expand: 'postgresql://u:$(DB_PASSWORD)@db:5432/shop' } },
  dependsOn: [{ service: 'db', condition: 'healthy' }],
  connectsTo: ['db'],
  healthcheck: { test: { httpGet: '/health' }, intervalSeconds: 10, timeoutSeconds: 5, retries: 3 },
  ...o,
});
const db = postgres({ name: 'db', flavour: 'alpine', database: 'shop', user: 'u', passwordKey: 'db-password' });
const shop = (o: Partial<StackSpec> = {}): StackSpec => ({
  name: 'shop', source: 'test', description: 'test', services: [api(), db],
  routes: [{ name: 'api', path: '/api', service: 'api' }],
  secrets: [{ key: 'db-password', description: 'db' }], options: {}, ...o,
});
const withApi = (o: Partial<Extract<ServiceSpec, { kind: 'web' }>>) => shop({ services: [api(o), db] });

describe('stack spec validation', () => {
  test('accepts every seed stack as written', () => {
    expect(STACKS.flatMap(stackProblems)).toEqual([]);
  });

  test('accepts the test stack', () => {
    expect(stackProblems(shop())).toEqual([]);
  });

  test.each<[string, StackSpec, string]>([
    ['stack name not DNS-1123', shop({ name: 'Shop_1' }),
      "stack 'Shop_1': 'name' must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters), got 'Shop_1'; rename the stack"],
    ['stack named as a namespace Kubernetes runs', shop({ name: 'kube-system' }),
      "stack 'kube-system': 'name' 'kube-system' is the namespace of the stack, and Kubernetes runs 'kube-system' itself (a default-deny NetworkPolicy and Pod Security there would stop the cluster's own pods, and removing the stack would delete it); rename the stack"],
    ['stack named default', shop({ name: 'default' }),
      "stack 'default': 'name' 'default' is the namespace of the stack, and Kubernetes runs 'default' itself (a default-deny NetworkPolicy and Pod Security there would stop the cluster's own pods, and removing the stack would delete it); rename the stack"],
    ['service name not DNS-1123', shop({ services: [api({ name: 'API' }), db], routes: [] }),
      "stack 'shop', service 'API': 'name' must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters), got 'API'; rename the service"],
    ['port out of range', withApi({ ports: [{ name: 'http', port: 70000 }] }),
      "stack 'shop', service 'api': 'ports[0].port' must be between 1 and 65535, got 70000"],
    ['port zero', withApi({ ports: [{ name: 'http', port: 0 }] }),
      "stack 'shop', service 'api': 'ports[0].port' must be between 1 and 65535, got 0"],
    ['target port out of range', withApi({ ports: [{ name: 'http', port: 80, targetPort: -1 }] }),
      "stack 'shop', service 'api': 'ports[0].targetPort' must be between 1 and 65535, got -1"],
    ['port listed twice', withApi({ ports: [{ name: 'http', port: 8000 }, { name: 'admin', port: 8000 }] }),
      "stack 'shop', service 'api': 'ports[1].port' 8000 is listed twice; list each port once"],
    ['port name too long', withApi({ ports: [{ name: 'http-management-port', port: 8000 }] }),
      "stack 'shop', service 'api': 'ports[0].name' must be at most 15 lower-case letters, digits and '-', with a letter, got 'http-management-port'"],
    ['untagged image', withApi({ image: 'nginx' }),
      "stack 'shop', service 'api': 'image' 'nginx' is not pinned; name an exact version tag (for example 'nginx:1.2.3') in charts/shop.ts, or with x-stackport.image in the compose file it is imported from"],
    ['latest image', withApi({ image: 'quay.io/keycloak/keycloak:latest' }),
      "stack 'shop', service 'api': 'image' 'quay.io/keycloak/keycloak:latest' is not pinned; name an exact version tag (for example 'quay.io/keycloak/keycloak:1.2.3') in charts/shop.ts, or with x-stackport.image in the compose file it is imported from"],
    ['root user', withApi({ user: { uid: 0, gid: 0 } }),
      "stack 'shop', service 'api': 'user.uid' is 0 (root); Pod Security \"restricted\" admits only non-root pods, so name the image's unprivileged UID"],
    ['secret key not declared', withApi({ env: { TOKEN: { secret: 'api-token' }, DB_PASSWORD: { secret: 'db-password' } } }),
      "stack 'shop', service 'api': 'env.TOKEN' reads secret key 'api-token', which the stack's 'secrets' does not declare; add { key: 'api-token', description: '...' } to 'secrets'"],
    ['expansion of an undefined variable', withApi({ env: { DB_PASSWORD: { secret: 'db-password' }, URL: { expand: 'x://$(DB_PASS)@db' } } }),
      "stack 'shop', service 'api': 'env.URL' expands $(DB_PASS), which the service does not define; define DB_PASS (a setting or a secret) in its 'env'"],
    ['dependency on an unknown service', withApi({ dependsOn: [{ service: 'cache', condition: 'healthy' }] }),
      "stack 'shop', service 'api': 'dependsOn' names 'cache', which is not a service of the stack; use one of: api, db"],
    ['dependency on itself', withApi({ dependsOn: [{ service: 'api', condition: 'started' }] }),
      "stack 'shop', service 'api': 'dependsOn' names the service itself; remove it"],
    ['healthy dependency without a health check', shop({ services: [api(), { ...db, healthcheck: undefined as never }] }),
      "stack 'shop', service 'api': 'dependsOn' waits for 'db' to be healthy, but 'db' has no 'healthcheck'; add one to 'db' or use condition 'started'"],
    ['connection to an unknown service', withApi({ connectsTo: ['mail'] }),
      "stack 'shop', service 'api': 'connectsTo' names 'mail', which is not a service of the stack; use one of: api, db"],
    ['bad volume size', withApi({ volumes: [{ name: 'uploads', mountPath: '/u', size: '5GB' }] }),
      "stack 'shop', service 'api': volume 'uploads' 'size' must be a quantity such as '5Gi' or '512Mi', got '5GB'"],
    ['bad memory quantity', withApi({ resources: { cpu: '250m', memory: '512MB' } }),
      "stack 'shop', service 'api': 'resources.memory' must be a quantity such as '256Mi' or '1Gi', got '512MB'"],
    ['bad CPU quantity', withApi({ resources: { cpu: 'one', memory: '512Mi' } }),
      "stack 'shop', service 'api': 'resources.cpu' must be a CPU quantity such as '250m' or '1', got 'one'"],
    ['HPA minimum above its maximum', withApi({ scaling: { minReplicas: 5, maxReplicas: 2, cpuUtilization: 70 } }),
      "stack 'shop', service 'api': 'scaling.maxReplicas' (2) must be at least 'scaling.minReplicas' (5); raise maxReplicas or lower minReplicas"],
    ['replicas below an HPA minimum of one', withApi({ scaling: { minReplicas: 0, maxReplicas: 2, cpuUtilization: 70 } }),
      "stack 'shop', service 'api': 'scaling.minReplicas' must be a whole number, 1 or more, got 0"],
    ['zero replicas', withApi({ scaling: { replicas: 0 } }),
      "stack 'shop', service 'api': 'scaling.replicas' must be a whole number, 1 or more, got 0"],
    ['utilisation over 100%', withApi({ scaling: { minReplicas: 1, maxReplicas: 2, cpuUtilization: 150 } }),
      "stack 'shop', service 'api': 'scaling.cpuUtilization' must be a percentage between 1 and 100, got 150"],
    ['health check interval of zero', withApi({ healthcheck: { test: { httpGet: '/health' }, intervalSeconds: 0, timeoutSeconds: 5, retries: 3 } }),
      "stack 'shop', service 'api': 'healthcheck.intervalSeconds' must be a whole number, 1 or more, got 0"],
    ['unknown option', withApi({ option: 'elk' }),
      "stack 'shop', service 'api': 'option' names 'elk', which the stack's 'options' does not declare; add it to 'options' or remove 'option'"],
    ['public URL of a host no route uses', withApi({ env: { DB_PASSWORD: { secret: 'db-password' }, SITE: { publicUrl: 'www' } } }),
      "stack 'shop', service 'api': 'env.SITE' is the public URL of host 'www', but no route uses that host; use one of: ''"],
    ['a URL to a service that is not a network peer', withApi({ dependsOn: [], connectsTo: [] }),
      "stack 'shop', service 'api': 'env.DATABASE_URL' connects to 'db', which is in neither 'dependsOn' nor 'connectsTo'; add it to 'connectsTo' so the NetworkPolicy allows the connection"],
    ['route to an unknown service', shop({ routes: [{ name: 'api', path: '/api', service: 'backend' }] }),
      "stack 'shop', route 'api': 'service' names 'backend', which is not a service of the stack; use one of: api, db"],
    ['route to an unknown port', shop({ routes: [{ name: 'api', path: '/api', service: 'api', port: 'admin' }] }),
      "stack 'shop', route 'api': 'port' names 'admin', which service 'api' does not have; use one of: http"],
    ['same host and path twice', shop({ routes: [{ name: 'api', path: '/api', service: 'api' }, { name: 'api2', path: '/api', service: 'api' }] }),
      "stack 'shop', route 'api2': host '(stack host)' and path '/api' are already routed by route 'api'; give one of them another host or path"],
    ['path without a leading slash', shop({ routes: [{ name: 'api', path: 'api', service: 'api' }] }),
      "stack 'shop', route 'api': 'path' must start with '/', got 'api'"],
    ['a rewrite that would read as a capture', shop({ routes: [{ name: 'api', path: '/api', service: 'api', rewrite: '/v1/$1' }] }),
      "stack 'shop', route 'api': 'rewrite' must be a path such as '/' or '/docs' (letters, digits, '-', '.', '_', '~' and '/'), got '/v1/$1'"],
    ['a rewrite of the whole host', shop({ routes: [{ name: 'api', path: '/', service: 'api', rewrite: '/app' }] }),
      "stack 'shop', route 'api': 'rewrite' replaces the routed prefix, so 'path' must be longer than '/', got '/'; route a longer path or drop 'rewrite'"],
  ])('reports %s', (_case, spec, message) => {
    expect(stackProblems(spec)).toEqual([message]);
  });

  const job = (name: string): ServiceSpec => ({ kind: 'job', name, image: 'nginx:1.27.3', user: USER });
  const cron = (name: string): ServiceSpec => ({ kind: 'cron', name, image: 'nginx:1.27.3', schedule: '0 3 * * *', user: USER });
  const worker = (name: string): ServiceSpec => ({ kind: 'worker', name, image: 'nginx:1.27.3', user: USER });
  const store = (name: string) => postgres({ name, flavour: 'alpine', database: 'x', user: 'x', passwordKey: 'db-password' });
  const plus = (...extra: ServiceSpec[]) => shop({ services: [api(), db, ...extra] });
  const tiny = (...services: ServiceSpec[]) => shop({ name: 'x', services: [api(), db, ...services] });
  test.each<[string, StackSpec, string[]]>([
    ['a stack name too long for the labels built from it', shop({ name: 's'.repeat(28) }),
      [`stack '${'s'.repeat(28)}': 'name' is 28 characters, which makes the label value '${'s'.repeat(28)}-${'s'.repeat(28)}-secrets' longer than 63; use at most 27 characters`]],
    ['a service name too long for its labels', plus(worker('w'.repeat(51))),
      [`stack 'shop', service '${'w'.repeat(51)}': 'name' makes the label value 'shop-${'w'.repeat(51)}-ingress' (64 characters) longer than 63; shorten the service name to at most 50 characters or the stack name`]],
    ['a CronJob name over 52 characters', tiny(cron('c'.repeat(53))),
      [`stack 'x', service '${'c'.repeat(53)}': 'name' is 53 characters, but a CronJob name may have at most 52; shorten it`]],
    ['a StatefulSet name over 52 characters', tiny(store('d'.repeat(53))),
      [`stack 'x', service '${'d'.repeat(53)}': 'name' is 53 characters, but a StatefulSet name (its pods get a 10-character revision hash in a label) may have at most 52; shorten it`]],
    ['a Job name that leaves no room for its hash', tiny(job('j'.repeat(55))), [
      `stack 'x', service '${'j'.repeat(55)}': 'name' makes the label value 'x-${'j'.repeat(55)}-ingress' (65 characters) longer than 63; shorten the service name to at most 53 characters or the stack name`,
      `stack 'x', service '${'j'.repeat(55)}': 'name' is 55 characters, but a Job name (synthesis appends a 9-character hash) may have at most 54; shorten it`]],
    ['a Service name starting with a digit', plus({ ...api({ name: '2fa', dependsOn: [], connectsTo: [], env: {} }) }),
      ["stack 'shop', service '2fa': 'name' names its Service, which must start with a letter (RFC 1035), got '2fa'; rename the service"]],
    ['a route name too long for its labels', shop({ routes: [{ name: 'r'.repeat(59), path: '/api', service: 'api' }] }),
      [`stack 'shop', route '${'r'.repeat(59)}': 'name' makes the label value 'shop-${'r'.repeat(59)}' (64 characters) longer than 63; use at most 58 characters`]],
    ['a plain variable named like a credential', withApi({ env: { DB_PASSWORD: { secret: 'db-password' }, API_TOKEN: 'abc123' }, dependsOn: [], connectsTo: [] }),
      ["stack 'shop', service 'api': 'env.API_TOKEN' is a plain value, but its name says it is a credential; declare a key in the stack's 'secrets' and read it with { secret: '<key>' }"]],
    ['a password written into a URI', withApi({ env: { DB_PASSWORD: { secret: 'db-password' }, DATABASE_URL: 'postgresql://u:hunter2@db:5432/shop' } }),
      ["stack 'shop', service 'api': 'env.DATABASE_URL' writes a password into a URI in plain text; read the password from a secret key and use { expand: 'scheme://user:$(PASSWORD_VARIABLE)@host' }"]],
  ])('reports %s', (_case, spec, messages) => {
    expect(stackProblems(spec)).toEqual(messages);
  });

  test('lists the secret keys pasted into a URI, with the variables they are pasted into', () => {
    expect(Object.fromEntries(STACKS.filter(isSeed).map(s => [s.name, Object.fromEntries(uriSecretKeys(s))]))).toEqual({
      'project-management': { 'postgres-password': ['DATABASE_URL'], 'redis-password': ['REDIS_URL'] },
      'loc8': { 'postgres-password': ['DATABASE_URL'], 'redis-password': ['REDIS_URL'] },
      'enabledrm': { 'postgres-password': ['DATABASE_URL'], 'redis-password': ['REDIS_URL'] },
      'task-app': { 'postgres-password': ['DATABASE_URL'] },
      'p2p-sandbox': { 'postgres-password': ['POSTGRESQL_CONNECTION_URI', 'POSTGRES_URL'], 'mongo-root-password': ['MONGODB_URL'] },
    });
  });

  test('reports two stacks with the same name, once', () => {
    expect(() => render({ stacks: [shop(), shop(), shop()], profiles: [PRODUCTION] })).toThrow(new ValidationError([
      "stack 'shop': 'name' is used by more than one stack; give each stack its own name"]));
  });

  test.each<[string, StackSpec]>([
    ['a 27-character stack with 27-character services and a 35-character route', shop({
      name: 's'.repeat(27),
      services: [api({ name: 'a'.repeat(27), dependsOn: [{ service: 'd'.repeat(27), condition: 'healthy' }], connectsTo: [],
        env: { DB_PASSWORD: { secret: 'db-password' }, DATABASE_URL: { expand: `postgresql://u:$(DB_PASSWORD)@${'d'.repeat(27)}:5432/x` } } }),
      store('d'.repeat(27)), job('j'.repeat(27)), cron('c'.repeat(27)), worker('w'.repeat(27))],
      routes: [{ name: 'r'.repeat(35), path: '/', service: 'a'.repeat(27) }],
    })],
    ['a 1-character stack with a 52-character CronJob and StatefulSet and a 53-character Job', tiny(
      store('d'.repeat(52)), job('j'.repeat(53)), cron('c'.repeat(52)), worker('w'.repeat(53)))],
  ])('names at the limits pass validation and every synthesized name and label fits: %s', (_case, spec) => {
    expect(stackProblems(spec)).toEqual([]);
    const objects = render({ stacks: [spec], profiles: [PRODUCTION] })[0].objects;
    const tooLong: string[] = [];
    const visit = (where: string, meta: any) => {
      for (const [k, v] of Object.entries<string>(meta?.labels ?? {})) {
        if (v.length > 63) {
          tooLong.push(`${where} label ${k}=${v}`);
        }
      }
    };
    for (const o of objects) {
      const where = `${o.kind}/${o.metadata.name}`;
      visit(where, o.metadata);
      visit(`${where} template`, o.spec?.template?.metadata ?? o.spec?.jobTemplate?.spec?.template?.metadata);
      const limit = o.kind === 'CronJob' || o.kind === 'StatefulSet' ? 52 : ['Service', 'Namespace', 'Job'].includes(o.kind) ? 63 : 253;
      if (o.metadata.name.length > limit) {
        tooLong.push(`${where} name`);
      }
      const pod = ['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(o.kind) ? podSpec(o) : {};
      for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
        if (c.name.length > 63) {
          tooLong.push(`${where} container ${c.name}`);
        }
      }
    }
    expect(tooLong).toEqual([]);
  });

  test('reports duplicate service names', () => {
    expect(stackProblems(shop({ services: [api(), db, { ...db }] }))).toContain(
      "stack 'shop', service 'db': 'name' is used by more than one service; give each service its own name");
  });

  test('reports a working directory that is not an absolute path', () => {
    expect(stackProblems(shop({ services: [api(), { ...db, workingDir: 'srv' }] }))).toEqual(["stack 'shop', service 'db': 'workingDir' must be an absolute path, got 'srv'"]);
  });

  test('reports a dependency cycle once, with its path', () => {
    const spec = shop({ services: [api(), { ...db, dependsOn: [{ service: 'api', condition: 'started' }] }] });
    expect(stackProblems(spec)).toEqual(["stack 'shop': 'dependsOn' forms a cycle api -> db -> api; remove one of these dependencies"]);
  });

  test('reports a declared secret key nobody reads', () => {
    expect(stackProblems(shop({ secrets: [{ key: 'db-password', description: 'db' }, { key: 'old', description: 'x' }] }))).toEqual([
      "stack 'shop': secret key 'old' is declared but no service reads it; remove it from 'secrets'"]);
  });

  test('reports a CronJob schedule that does not parse', () => {
    const backup: ServiceSpec = { kind: 'cron', name: 'backup', image: 'postgres:15.10-alpine', schedule: '0 25 * * *', user: USER };
    expect(stackProblems(shop({ services: [api(), db, backup] }))).toEqual([
      "stack 'shop', service 'backup': 'schedule' has hour field '25' in '0 25 * * *'; use *, a number from 0 to 23, a range a-b, a list a,b or a step */n"]);
  });

  test.each([
    ['0 3 * * *', undefined],
    ['*/15 0-6 1,15 * 1-5', undefined],
    ['0 3 * *', "must be a five-field cron expression (minute hour day month weekday), got '0 3 * *'"],
    ['60 * * * *', "has minute field '60' in '60 * * * *'; use *, a number from 0 to 59, a range a-b, a list a,b or a step */n"],
    ['*/0 * * * *', "has minute field '*/0' in '*/0 * * * *'; use *, a number from 0 to 59, a range a-b, a list a,b or a step */n"],
    ['0 5-1 * * *', "has hour field '5-1' in '0 5-1 * * *'; use *, a number from 0 to 23, a range a-b, a list a,b or a step */n"],
  ])('cron %s', (schedule, problem) => {
    expect(cronProblem(schedule)).toBe(problem);
  });

  test('collects every problem of every stack into one error', () => {
    const broken = shop({ name: 'Bad', routes: [{ name: 'api', path: '/api', service: 'nope' }] });
    expect(() => render({ stacks: [broken, withApi({ image: 'nginx' })], profiles: [PRODUCTION] })).toThrow(new ValidationError([
      "stack 'Bad': 'name' must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters), got 'Bad'; rename the stack",
      "stack 'Bad', route 'api': 'service' names 'nope', which is not a service of the stack; use one of: api, db",
      "stack 'shop', service 'api': 'image' 'nginx' is not pinned; name an exact version tag (for example 'nginx:1.2.3') in charts/shop.ts, or with x-stackport.image in the compose file it is imported from",
    ]));
  });
});

describe('profile and option validation', () => {
  test('rejects an unknown environment, naming the known ones', () => {
    expect(() => selectProfiles({ all: ENVIRONMENTS, defaults: DEFAULT_ENVIRONMENTS }, ['staging', 'local'])).toThrow("1 problem found:\n- unknown environment 'staging'; use one of: local, production, production-gateway, production-shared-gateway, gke, aks");
  });

  test.each<[string, string | undefined, string]>([
    ['latest', 'latest', "IMAGE_TAG 'latest' is not a pinned tag; set a version such as IMAGE_TAG=1.4.2"],
    ['empty', '', "IMAGE_TAG is set but empty; unset it to use each profile's own tag, or set a version such as IMAGE_TAG=1.4.2"],
    ['not a tag', 'v1/2', "IMAGE_TAG 'v1/2' is not an image tag (1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'); set a version such as IMAGE_TAG=1.4.2"],
  ])('refuses IMAGE_TAG %s, naming IMAGE_TAG', (_what, tag, message) => {
    expect(() => selectProfiles({ all: ENVIRONMENTS, defaults: DEFAULT_ENVIRONMENTS }, [], { imageTag: tag })).toThrow(`1 problem found:\n- ${message}`);
  });

  const choice = { all: ENVIRONMENTS, defaults: DEFAULT_ENVIRONMENTS };
  test('IMAGE_TAG retags the built images of every profile, local included', () => {
    expect(selectProfiles(choice, [], { imageTag: '2.0.0' }).map(p => [p.name, p.imageTag])).toEqual([['local', '2.0.0'], ['production', '2.0.0'], ['production-gateway', '2.0.0']]);
    expect(selectProfiles(choice, []).map(p => [p.name, p.imageTag])).toEqual([['local', 'dev'], ['production', '1.0.0'], ['production-gateway', '1.0.0']]);
  });

  const fix = '; edit its file in environments/';
  test.each<[string, Partial<Profile>, string]>([
    ['name', { name: 'Prod' }, `'name' must be a DNS-1123 label (it names the dist/ folder), got 'Prod'${fix}`],
    ['imageTag', { imageTag: 'latest' }, "'imageTag' 'latest' is not a pinned tag; set a version such as '1.4.2' in its file in environments/ or pass IMAGE_TAG"],
    ['domain', { domain: 'Example.com/' },
      `'domain' must be a DNS name such as 'example.com' (labels of at most 63 characters, at most 125 in all, so that stack and route hosts fit), got 'Example.com/'${fix}`],
    ['domain too long', { domain: `${'a'.repeat(63)}.${'b'.repeat(62)}` },
      `'domain' must be a DNS name such as 'example.com' (labels of at most 63 characters, at most 125 in all, so that stack and route hosts fit), got '${'a'.repeat(63)}.${'b'.repeat(62)}'${fix}`],
    ['tls.clusterIssuer', { tls: { clusterIssuer: 'lets_encrypt', acmeChallenge: 'http01' } },
      `'tls.clusterIssuer' must be a Kubernetes object name (lower-case letters, digits, '-' and '.', at most 253 characters), got 'lets_encrypt'${fix}`],
    ['tls.acmeChallenge', { tls: { clusterIssuer: 'letsencrypt-prod', acmeChallenge: 'HTTP-01' as never } },
      `'tls.acmeChallenge' must be 'http01' (cert-manager's solver pod answers through the data plane on port 80) or 'dns01' (a TXT record at the DNS provider), as the ClusterIssuer 'letsencrypt-prod' solves, got 'HTTP-01'${fix}`],
    ['tls without acmeChallenge', { tls: { clusterIssuer: 'letsencrypt-prod' } as never },
      `'tls.acmeChallenge' must be 'http01' (cert-manager's solver pod answers through the data plane on port 80) or 'dns01' (a TXT record at the DNS provider), as the ClusterIssuer 'letsencrypt-prod' solves, got undefined${fix}`],
    ['the field tls replaced', { tlsClusterIssuer: 'letsencrypt-prod' } as never,
      `'tlsClusterIssuer' is now 'tls: { clusterIssuer, acmeChallenge }'; move the issuer there and name the challenge its solvers use, 'http01' or 'dns01'${fix}`],
    ['storageClassName', { storageClassName: 'gp3 ' },
      `'storageClassName' must be a Kubernetes object name (lower-case letters, digits, '-' and '.', at most 253 characters), got 'gp3 '${fix}`],
    ['sharedStorageClassName', { sharedStorageClassName: '' },
      `'sharedStorageClassName' must be a Kubernetes object name (lower-case letters, digits, '-' and '.', at most 253 characters), got ''${fix}`],
    ['secretStore.name', { secretStore: { kind: 'ClusterSecretStore', name: 'My Store' } },
      `'secretStore.name' must be a Kubernetes object name (lower-case letters, digits, '-' and '.', at most 253 characters), got 'My Store'${fix}`],
    ['registry with a scheme', { registry: 'https://registry.example.com' },
      `'registry' must be a registry host and path in lower case, such as 'registry.example.com/team' (no scheme, no tag, no trailing '/'), got 'https://registry.example.com'${fix}`],
    ['registry with a trailing slash', { registry: 'registry.example.com/team/' },
      `'registry' must be a registry host and path in lower case, such as 'registry.example.com/team' (no scheme, no tag, no trailing '/'), got 'registry.example.com/team/'${fix}`],
    ['apiServerCidr', { apiServerCidr: '10.0.0.0/33' }, `'apiServerCidr' must be an address range such as '10.0.0.0/16' or '0.0.0.0/0', got '10.0.0.0/33'${fix}`],
    ['podSecurity', { podSecurity: 'privileged' as never }, `'podSecurity' must be 'restricted' or 'baseline', got 'privileged'${fix}`],
    ['imagePullPolicy', { imagePullPolicy: 'Never' as never }, `'imagePullPolicy' must be 'IfNotPresent' or 'Always', got 'Never'${fix}`],
    ['routing.kind', { routing: { kind: 'traefik' } as never }, `'routing.kind' must be 'ingress' or 'gateway', got 'traefik'${fix}`],
    ['routing.annotations', { routing: { kind: 'ingress', annotations: 'traefik', allowedResponseHeaders: [] } as never },
      `'routing.annotations' must be 'ingress-nginx' or 'none', got 'traefik'${fix}`],
    ['routing.gateway', { routing: { kind: 'gateway', policies: 'none' } as never }, `'routing.gateway' must be { className } or { shared: { name, namespace } }, got undefined${fix}`],
    ['apiServerCidr without prefix', { apiServerCidr: '10.0.0.1' }, `'apiServerCidr' must be an address range such as '10.0.0.0/16' or '0.0.0.0/0', got '10.0.0.1'${fix}`],
  ])('rejects a bad profile %s', (_what, change, message) => {
    expect(profileProblems({ ...PRODUCTION, ...change })).toEqual([`profile '${change.name ?? 'production'}': ${message}`]);
  });

  test('accepts a registry with a port and an IPv6 range', () => {
    expect(profileProblems({ ...PRODUCTION, registry: 'localhost:5000/a/b', apiServerCidr: 'fd00::/8' })).toEqual([]);
  });

  test('rejects bad default resources', () => {
    expect(profileProblems({ ...PRODUCTION, defaultResources: { cpu: '100', memory: '1G' } })).toEqual([
      "profile 'production': 'defaultResources' must hold quantities such as cpu '100m' and memory '256Mi', got cpu '100' and memory '1G'"]);
  });

  test('every environment, the presets included, is valid', () => {
    expect(ENVIRONMENTS.flatMap(profileProblems)).toEqual([]);
  });

  test('rejects routing and data-plane values Kubernetes would refuse, naming each field', () => {
    const bad: Profile = {
      ...PRODUCTION_SHARED_GATEWAY,
      routing: { kind: 'gateway', gateway: { shared: { name: 'Platform', namespace: 'gateway_system', listener: 'HTTPS!' } }, policies: 'none' },
      dataPlane: [{ cidr: '10.0.0.0/33' }, { namespace: 'Ingress', podLabels: { 'app/name/x': 'ok', 'app.kubernetes.io/name': 'bad value' } }],
    };
    expect(profileProblems(bad)).toEqual([
      "profile 'production-shared-gateway': 'routing.gateway.shared.name' must be a Gateway name such as 'platform', got 'Platform'; edit its file in environments/",
      "profile 'production-shared-gateway': 'routing.gateway.shared.namespace' must be a namespace name such as 'gateway-system', got 'gateway_system'; edit its file in environments/",
      "profile 'production-shared-gateway': 'routing.gateway.shared.listener' must be a listener name such as 'https', got 'HTTPS!'; edit its file in environments/",
      "profile 'production-shared-gateway': 'dataPlane[0].cidr' must be an IPv4 or IPv6 CIDR such as '172.18.0.0/16', got '10.0.0.0/33'; edit its file in environments/",
      "profile 'production-shared-gateway': 'dataPlane[1].namespace' must be a namespace name such as 'ingress-nginx', got 'Ingress'; edit its file in environments/",
      "profile 'production-shared-gateway': 'dataPlane[1].podLabels' must be a label key such as 'app.kubernetes.io/name', got 'app/name/x'; edit its file in environments/",
      "profile 'production-shared-gateway': 'dataPlane[1].podLabels.app.kubernetes.io/name' must be a label value (63 characters at most: letters, digits, - _ .), got 'bad value'; edit its file in environments/",
    ]);
    expect(profileProblems({ ...PRODUCTION, routing: { kind: 'ingress', className: 'Nginx', annotations: 'none', allowedResponseHeaders: ['X Frame'], regexPaths: false } })).toEqual([
      "profile 'production': 'routing.className' must be an IngressClass name such as 'nginx' (or left out for the cluster's default), got 'Nginx'; edit its file in environments/",
      "profile 'production': 'routing.allowedResponseHeaders' must be an HTTP header name such as 'X-Frame-Options', got 'X Frame'; edit its file in environments/",
    ]);
    expect(profileProblems({ ...PRODUCTION_GATEWAY, routing: { kind: 'gateway', gateway: { className: '' }, policies: 'none' } })).toEqual([
      "profile 'production-gateway': 'routing.gateway.className' must be a GatewayClass name such as 'eg', got ''; edit its file in environments/",
    ]);
  });

  test('rejects a profile that does not say whether its volumes are encrypted', () => {
    expect(profileProblems({ ...PRODUCTION, volumesEncryptedAtRest: undefined as never })).toEqual([
      "profile 'production': 'volumesEncryptedAtRest' must be true or false (whether its StorageClasses encrypt volumes at rest), got undefined; edit its file in environments/"]);
  });

  describe('a stack that asks for encrypted volumes in production (enabledrm)', () => {
    const refused = (profile: string) => `stack 'enabledrm': 'encryptedVolumesIn' requires volumes encrypted at rest in stage 'production', but profile '${profile}' has 'volumesEncryptedAtRest: false'; `
      + `name StorageClasses that encrypt and set it to true in its file in environments/ (docs/deploying.md, "A managed cluster"), or remove 'production' from 'encryptedVolumesIn' in charts/enabledrm.ts`;

    test('is refused by a production profile that does not promise encryption, naming field, value and fix', () => {
      expect(placementProblems(ENABLEDRM, { ...PRODUCTION, volumesEncryptedAtRest: false })).toEqual([refused('production')]);
      expect(() => render({ stacks: [ENABLEDRM], profiles: [{ ...PRODUCTION, name: 'eks-plain', volumesEncryptedAtRest: false }] }))
        .toThrow(new ValidationError([refused('eks-plain')]));
    });

    test('synthesizes where production volumes are encrypted, and locally, where it asks for nothing', () => {
      expect(ENVIRONMENTS.flatMap(p => placementProblems(ENABLEDRM, p))).toEqual([]);
      expect(LOCAL.volumesEncryptedAtRest).toBe(false);
      expect(placementProblems(ENABLEDRM, { ...LOCAL, name: 'kind-prod', stage: 'production' })).toEqual([refused('kind-prod')]);
    });

    test('a stage it names must exist', () => {
      expect(stackProblems({ ...ENABLEDRM, encryptedVolumesIn: ['prod' as never] })).toEqual(["stack 'enabledrm': 'encryptedVolumesIn' contains 'prod'; use 'development' or 'production'"]);
    });
  });

  test('rejects an option the stack does not have', () => {
    expect(optionProblems(STACKS[1], { mongo: true })).toEqual(["stack 'loc8': option 'mongo' does not exist; use one of: postgres, redis"]);
  });
});
