import { STACKS } from '../../charts';
import { selectProfiles } from '../../lib/profiles';
import { PRODUCTION } from '../../lib/profiles/production';
import { postgres } from '../../lib/spec/catalog';
import { ServiceSpec, StackSpec } from '../../lib/spec/types';
import { cronProblem, optionProblems, profileProblems, stackProblems, ValidationError } from '../../lib/spec/validate';
import { render } from '../../lib/synth';

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
  ])('reports %s', (_case, spec, message) => {
    expect(stackProblems(spec)).toEqual([message]);
  });

  test('reports duplicate service names', () => {
    expect(stackProblems(shop({ services: [api(), db, { ...db }] }))).toContain(
      "stack 'shop', service 'db': 'name' is used by more than one service; give each service its own name");
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
    expect(() => selectProfiles(['staging', 'local'])).toThrow("1 problem found:\n- unknown environment 'staging'; use one of: local, production");
  });

  test('rejects a latest image tag from IMAGE_TAG in production', () => {
    const [prod] = selectProfiles(['production'], { imageTag: 'latest' });
    expect(profileProblems(prod)).toEqual(["profile 'production': 'imageTag' 'latest' is not a pinned tag; set a version tag in lib/profiles or pass IMAGE_TAG"]);
  });

  test('rejects a domain that is not a DNS name', () => {
    expect(profileProblems({ ...PRODUCTION, domain: 'Example.com/' })).toEqual(["profile 'production': 'domain' must be a DNS name such as 'example.com', got 'Example.com/'"]);
  });

  test('rejects bad default resources', () => {
    expect(profileProblems({ ...PRODUCTION, defaultResources: { cpu: '100', memory: '1G' } })).toEqual([
      "profile 'production': 'defaultResources' must hold quantities such as cpu '100m' and memory '256Mi', got cpu '100' and memory '1G'"]);
  });

  test('rejects an option the stack does not have', () => {
    expect(optionProblems(STACKS[1], { mongo: true })).toEqual(["stack 'loc8': option 'mongo' does not exist; use one of: postgres, redis"]);
  });
});
