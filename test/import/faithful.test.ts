/**
 * Every imported fixture, rendered for local and production with every stack
 * option on (compose's model has every profile enabled), runs as
 * `docker compose` runs it: the faithfulness sweep against the fixture's
 * reference.json (compose-go v2.9.1's model). And the sweep can fail: each
 * break of a rendered object is reported with its exact message.
 */
import * as fs from 'fs';
import * as path from 'path';
import { render } from '../../lib/synth';
import { StackSpec } from '../../lib/spec/types';
import { faithfulnessProblems, FaithfulInput, ReferenceModel } from '../sweeps/faithful';
import { LOCAL, PRODUCTION } from '../util';
import { FIXTURES, Fixture, IMPORTED, importFixture, pinned } from './util';

const ENVIRONMENTS = [LOCAL, PRODUCTION];

/** The fixture's reference.json: compose-go's model, or the error with which compose-go refuses the fixture. */
function referenceOf(f: Fixture): (ReferenceModel & { error?: undefined }) | { error: string } | undefined {
  const file = path.join(FIXTURES, f.dir, 'reference.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

/** The fixture imported, pinned and rendered in each environment, every option on. */
function inputs(f: Fixture, reference: ReferenceModel): FaithfulInput[] {
  const result = importFixture(f);
  const spec: StackSpec = pinned(result.spec);
  const options = Object.fromEntries(Object.keys(spec.options ?? {}).map(o => [o, true]));
  return render({ stacks: [spec], profiles: ENVIRONMENTS, options: { [spec.name]: options } }).map(r => ({
    fixture: f.dir,
    environment: r.environment,
    reference,
    objects: r.objects,
    todos: result.todos,
    secretKeys: spec.secrets.map(s => s.key),
    projectHas: source => fs.existsSync(path.join(FIXTURES, f.dir, source)),
  }));
}

describe.each(IMPORTED.map(f => [f.dir, f] as const))('fixture %s', (dir, f) => {
  const reference = referenceOf(f);
  test('has a reference model', () => {
    if (reference === undefined) {
      throw new Error(`fixture '${dir}' has no reference.json; run npm run reference to write it from its compose files`);
    }
  });
  if (reference?.error !== undefined) {
    test('is refused by the import, as compose-go refuses it', () => {
      expect(() => importFixture(f)).toThrow(/\.env/);
    });
  } else if (reference !== undefined) {
    test.each(ENVIRONMENTS.map(e => e.name))('renders for %s as docker compose runs it', environment => {
      const input = inputs(f, reference).find(i => i.environment === environment)!;
      expect(faithfulnessProblems(input)).toEqual([]);
    });
  }
});

describe('the sweep reports each break', () => {
  const clone = (x: any) => JSON.parse(JSON.stringify(x));
  /** A fixture's production input, with its reference as the test gives it (independent of the committed file). */
  const base = (dir: string, reference: ReferenceModel): FaithfulInput =>
    inputs(IMPORTED.find(f => f.dir === dir)!, reference).find(i => i.environment === 'production')!;
  const webapp: ReferenceModel = {
    services: {
      db: {
        environment: { POSTGRES_DB: 'shop', POSTGRES_USER: 'shop', POSTGRES_PASSWORD: 'webapp-fixture-pg-pass' },
        volumes: [{ type: 'volume', source: 'db_data', target: '/var/lib/postgresql/data' }],
        healthcheck: { test: ['CMD-SHELL', 'pg_isready -U shop -d shop'], interval: '5s', timeout: '3s', retries: 10 },
        ports: [{ target: 5432 }],
      },
      web: {
        environment: { ALLOWED_HOSTS: 'shop.example.com', DATABASE_URL: 'postgres://shop:webapp-fixture-pg-pass@db:5432/shop' },
        command: ['gunicorn', 'shop.wsgi', '--bind', '0.0.0.0:8000', '--workers', '3'],
        user: '1000:1000',
        ports: [{ target: 8000, published: '8000' }],
        healthcheck: { test: ['CMD', 'curl', '-fsS', 'http://localhost:8000/healthz/'], interval: '15s', timeout: '5s', retries: 3 },
        depends_on: { db: { condition: 'service_healthy' } },
      },
    },
  };
  const before = base('webapp', webapp);
  /** The problems a break adds to those the unbroken objects have. */
  const added = (input: FaithfulInput, breakIt: (objects: any[]) => void) => {
    const objects = clone(input.objects);
    breakIt(objects);
    const was = faithfulnessProblems(input);
    return faithfulnessProblems({ ...input, objects }).filter(p => !was.includes(p));
  };
  const named = (objects: any[], kind: string, name: string) => objects.find(o => o.kind === kind && o.metadata.name === name);
  const container = (objects: any[], kind: string, name: string) => named(objects, kind, name).spec.template.spec.containers[0];

  test('the unbroken webapp meets this reference', () => {
    expect(faithfulnessProblems(before)).toEqual([]);
  });

  test('a variable dropped from the ConfigMap', () => {
    expect(added(before, o => delete named(o, 'ConfigMap', 'web-env').data.ALLOWED_HOSTS)).toEqual([
      "fixture 'webapp' (production), service 'web': environment 'ALLOWED_HOSTS': compose 'shop.example.com', rendered nothing",
    ]);
  });

  test('a URL whose expansion no longer reproduces the compose value', () => {
    expect(added(before, o => {
      container(o, 'Deployment', 'web').env.find((e: any) => e.name === 'DATABASE_URL').value = 'postgres://shop:$(POSTGRES_PASSWORD)@db:5433/shop';
    })).toEqual([
      "fixture 'webapp' (production), service 'web': environment 'DATABASE_URL': compose 'postgres://shop:***@db:5432/shop', rendered 'postgres://shop:$(secret:postgres-password)@db:5433/shop'",
    ]);
  });

  test('a Secret key the stack does not declare', () => {
    expect(added(before, o => {
      container(o, 'Deployment', 'web').env.find((e: any) => e.name === 'POSTGRES_PASSWORD').valueFrom.secretKeyRef.key = 'pg-pass';
    })).toEqual([
      "fixture 'webapp' (production), service 'web': environment 'DATABASE_URL': compose 'postgres://shop:***@db:5432/shop', rendered $(POSTGRES_PASSWORD), which is secret key 'pg-pass' of Secret 'webapp-secrets', which the stack does not declare",
    ]);
  });

  test('a credential value written into a ConfigMap', () => {
    expect(added(before, o => { named(o, 'ConfigMap', 'web-env').data.LEAK = 'webapp-fixture-pg-pass'; })).toEqual([
      "fixture 'webapp' (production), service 'db': credentials: the value of environment 'POSTGRES_PASSWORD' appears in rendered ConfigMap 'web-env'",
      "fixture 'webapp' (production), service 'web': credentials: the value of environment 'DATABASE_URL' appears in rendered ConfigMap 'web-env'",
    ]);
  });

  test('a probe period changed', () => {
    expect(added(before, o => { container(o, 'Deployment', 'web').readinessProbe.periodSeconds = 16; })).toEqual([
      "fixture 'webapp' (production), service 'web': healthcheck interval: compose 15s, rendered readinessProbe periodSeconds 16",
    ]);
  });

  test('a mount removed', () => {
    expect(added(before, o => { container(o, 'StatefulSet', 'db').volumeMounts = []; })).toEqual([
      "fixture 'webapp' (production), service 'db': volumes: compose mounts volume 'db_data' at '/var/lib/postgresql/data', rendered no volumeMount at '/var/lib/postgresql/data'",
    ]);
  });

  test('runAsUser changed', () => {
    expect(added(before, o => { container(o, 'Deployment', 'web').securityContext.runAsUser = 1001; })).toEqual([
      "fixture 'webapp' (production), service 'web': user: compose uid 1000, rendered runAsUser 1001",
    ]);
  });

  test('a wait removed, a container port renamed away, a command word changed', () => {
    expect(added(before, o => {
      const spec = named(o, 'Deployment', 'web').spec.template.spec;
      spec.initContainers = spec.initContainers.filter((c: any) => c.name !== 'wait-for-db');
      spec.containers[0].ports = [{ containerPort: 8001, name: 'http' }];
      spec.containers[0].args = ['gunicorn', 'shop.wsgi', '--bind', '0.0.0.0:8000', '--workers', '4'];
    })).toEqual([
      "fixture 'webapp' (production), service 'web': command: compose [\"gunicorn\",\"shop.wsgi\",\"--bind\",\"0.0.0.0:8000\",\"--workers\",\"3\"], rendered args [\"gunicorn\",\"shop.wsgi\",\"--bind\",\"0.0.0.0:8000\",\"--workers\",\"4\"]",
      "fixture 'webapp' (production), service 'web': port 8000/TCP: compose listens on it, rendered containerPorts 8001/TCP",
      "fixture 'webapp' (production), service 'web': depends_on 'db': compose condition service_healthy, rendered no init container 'wait-for-db' (init containers: wait-for-redis, wait-for-migrate)",
    ]);
  });

  test('a Service another service names removed', () => {
    expect(added(before, o => o.splice(o.indexOf(named(o, 'Service', 'db')), 1))).toEqual([
      "fixture 'webapp' (production), service 'db': port 5432/TCP: compose reaches it as db:5432, rendered no Service 'db'",
      "fixture 'webapp' (production), service 'db': Service: 'web' names it (environment 'DATABASE_URL'), rendered no Service 'db'",
    ]);
  });

  test('a route for a port published on 127.0.0.1 only', () => {
    const ports: ReferenceModel = { services: { gateway: { ports: [{ target: 8443, published: '9443', host_ip: '127.0.0.1' }] } } };
    const input = base('ports', ports);
    expect(added(input, o => {
      const ingress = clone(o.find((x: any) => x.kind === 'Ingress'));
      ingress.metadata.name = 'gateway-admin';
      ingress.spec.rules[0].http.paths[0].backend.service = { name: 'gateway', port: { number: 8443 } };
      o.push(ingress);
    })).toEqual([
      "fixture 'ports' (production), service 'gateway': route: compose publishes port 8443 only on 127.0.0.1, rendered Ingress 'gateway-admin' routes gateway:8443",
    ]);
  });

  describe('a weakening counts as handled only when allowed and announced', () => {
    const withBind = (source: string): FaithfulInput => ({
      ...before,
      reference: { services: { ...webapp.services, web: { ...webapp.services.web, volumes: [{ type: 'bind', source, target: '/etc/localtime', read_only: true }] } } },
    });

    test('a host path outside the project with a TODO naming it is handled', () => {
      const input = withBind('/etc/localtime');
      expect(faithfulnessProblems({ ...input, todos: [...input.todos, "service 'web': bind mount '/etc/localtime' is outside the project and not mounted"] })).toEqual([]);
    });

    test('the same without a TODO is a problem', () => {
      expect(faithfulnessProblems(withBind('/etc/localtime'))).toEqual([
        "fixture 'webapp' (production), service 'web': volumes: compose mounts bind '/etc/localtime' at '/etc/localtime', rendered no volumeMount at '/etc/localtime'",
      ]);
    });

    test('compose root, announced, is handled; not announced, a problem', () => {
      const input = base('user-and-paths', { services: { legacy: { user: 'root', expose: ['8081'] } } });
      const announced = faithfulnessProblems(input);
      expect(announced.filter(p => p.includes("'legacy'"))).toEqual([]);
      expect(faithfulnessProblems({ ...input, todos: input.todos.filter(t => !t.includes('as root')) }).filter(p => !announced.includes(p))).toEqual([
        "fixture 'user-and-paths' (production), service 'legacy': user: compose uid 0, rendered runAsUser 10001",
      ]);
    });

    test('a bind of a file the project holds is a problem even with a TODO', () => {
      const input = withBind('./.env.app');
      expect(faithfulnessProblems({ ...input, todos: [...input.todos, "service 'web': bind mount './.env.app' dropped"] })).toEqual([
        "fixture 'webapp' (production), service 'web': volumes: compose mounts bind './.env.app' at '/etc/localtime', rendered no volumeMount at '/etc/localtime'",
      ]);
    });

    test('a bind of a source the project does not hold is handled when announced', () => {
      const input = { ...withBind('./zoneinfo'), projectHas: () => false };
      expect(faithfulnessProblems({ ...input, todos: [...input.todos, "service 'web': bind mount './zoneinfo' dropped"] })).toEqual([]);
    });
  });
});
