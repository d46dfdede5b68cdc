/** Reading compose files: interpolation, env files, YAML, schema errors and merging. */
import { ComposeReader, interpolate, InterpolationReport, loadCompose, parseEnvFile, schemaProblems } from '../../lib/compose/parse';
import { ValidationError } from '../../lib/spec/validate';
import * as path from 'path';
import { loadProject } from '../../lib/compose/import';
import { FIXTURES } from './util';

const report = (): InterpolationReport => ({ used: new Set(), unset: new Set() });
const problemsOf = (f: () => unknown): readonly string[] => {
  try {
    f();
  } catch (e) {
    return (e as ValidationError).problems;
  }
  return [];
};

describe('interpolation', () => {
  const vars = { SET: 'value', EMPTY: '' };
  test.each([
    ['${SET}', 'value'], ['$SET/x', 'value/x'], ['${UNSET:-d}', 'd'], ['${EMPTY:-d}', 'd'], ['${EMPTY-d}', ''], ['${UNSET-d}', 'd'],
    ['$$SET', '$SET'], ['$${SET}', '${SET}'], ['${UNSET:-${SET}-x}', 'value-x'], ['${SET:+alt}', 'alt'], ['${EMPTY:+alt}', ''], ['a$', 'a$'],
  ])('%s gives %s', (text, expected) => {
    expect(interpolate(text, vars, report())).toBe(expected);
  });

  test('an unset variable becomes empty and is reported', () => {
    const r = report();
    expect(interpolate('x${NOPE}y', vars, r)).toBe('xy');
    expect([...r.unset]).toEqual(['NOPE']);
  });

  test('${VAR:?message} fails with the message when the variable is unset or empty', () => {
    expect(() => interpolate('${EMPTY:?set EMPTY first}', vars, report())).toThrow('required variable EMPTY is empty: set EMPTY first');
    expect(() => interpolate('${UNSET?needed}', vars, report())).toThrow('required variable UNSET is not set: needed');
    expect(interpolate('${EMPTY?needed}', vars, report())).toBe('');
  });
});

test('env files: comments, export, quotes and inline comments', () => {
  expect(parseEnvFile('# c\nexport A=1\nB="two words" # note\nC=\'single\'\nD=x # tail\nE=a#b\n')).toEqual({ A: '1', B: 'two words', C: 'single', D: 'x', E: 'a#b' });
});

test('env files: a line that is no variable is refused with its number, as docker compose refuses the file', () => {
  expect(() => parseEnvFile('A=1\n\nnot a line\n')).toThrow("line 3: got 'not a line'; expected KEY=VALUE");
});

test('env files interpolate earlier values and the lookup; single quotes are literal; $$ is a dollar; a bare key is looked up', () => {
  const lookup = (k: string) => ({ OUTER: 'o' } as Record<string, string>)[k];
  expect(parseEnvFile('A=1\nB=${A}-$OUTER\nC=\'${A}\'\nD="x\\ny $$A"\nE=${NOPE:-def}\nOUTER\nMISSING\n', lookup)).toEqual({
    A: '1', B: '1-o', C: '${A}', D: 'x\ny $A', E: 'def', OUTER: 'o',
  });
  expect(parseEnvFile('A=${B}\n', () => undefined, true)).toEqual({ A: '${B}' });
});

test('schema problems name the file, the document path, the value and what is expected', () => {
  expect(schemaProblems('compose.yml', { services: { web: { image: 'nginx', ports: ['80:80', true] } } })).toEqual([
    'compose.yml: services.web.ports[1]: got true; expected a number or a string or an object',
  ]);
  expect(schemaProblems('compose.yml', { services: { web: { image: 'nginx', depends_on: { db: { condition: 'whenever' } } } } })).toEqual([
    'compose.yml: services.web.depends_on.db.condition: got "whenever"; expected one of "service_started", "service_healthy", "service_completed_successfully"',
  ]);
  expect(schemaProblems('compose.yml', { services: { web: { image: 'nginx', restart: 'sometimes', bogus: 1 } } })).toEqual([
    'compose.yml: services.web.bogus: got 1; expected no such key (see the Compose Specification)',
  ]);
});

test('a required variable that is missing is refused with the file and the path', () => {
  expect(problemsOf(() => loadCompose([{ file: 'a.yml', text: 'services:\n  web:\n    image: "x:${TAG:?pin the tag}"\n' }], {}))).toEqual([
    "a.yml: services.web.image: required variable TAG is not set: pin the tag",
  ]);
});

test('YAML syntax errors name the file and the line', () => {
  expect(problemsOf(() => loadCompose([{ file: 'bad.yml', text: 'services:\n  web:\n    image: [unclosed\n' }], {}))[0]).toMatch(/^bad\.yml: line \d+: .*; fix the YAML syntax$/);
});

const port = (target: number, published?: string) => ({ mode: 'ingress', target, ...(published === undefined ? {} : { published }), protocol: 'tcp' });
const named = (source: string, target: string) => ({ type: 'volume', source, target, volume: {} });

test('files merge as docker compose merges them: scalars replace, maps merge, ports append, mounts merge by target', () => {
  const base = 'services:\n  api:\n    image: a:1\n    command: [serve]\n    ports: ["80:80"]\n    environment: [A=1, B=2]\n    volumes: [data:/data, logs:/logs]\n    healthcheck: { test: [CMD, x], interval: 5s }\nvolumes: { data: {}, logs: {}, other: {} }\n';
  const over = 'services:\n  api:\n    command: [serve, --fast]\n    ports: ["443:443", "80:80"]\n    environment: { B: "3" }\n    volumes: [other:/data]\n    healthcheck: { interval: 9s }\n';
  const { doc } = loadCompose([{ file: 'a.yml', text: base }, { file: 'b.yml', text: over }], {});
  expect(doc.services!.api).toEqual({
    image: 'a:1', command: ['serve', '--fast'], ports: [port(80, '80'), port(443, '443')], environment: { A: '1', B: '3' },
    volumes: [named('other', '/data'), named('logs', '/logs')], healthcheck: { test: ['CMD', 'x'], interval: '9s' },
  });
});

test('anchors and merge keys are resolved', () => {
  const { doc } = loadCompose([{ file: 'a.yml', text: 'x-base: &base\n  image: a:1\n  restart: always\nservices:\n  one:\n    <<: *base\n    restart: "no"\n' }], {});
  expect(doc.services!.one).toEqual({ image: 'a:1', restart: 'no' });
});

test('extends within the file merges the base service under the service\'s own keys', () => {
  const text = 'services:\n  base:\n    image: a:1\n    environment: { A: "1", B: "2" }\n  child:\n    extends: { service: base }\n    environment: { B: "3" }\n    command: [run]\n';
  expect(loadCompose([{ file: 'a.yml', text }], {}).doc.services!.child).toEqual({ image: 'a:1', environment: { A: '1', B: '3' }, command: ['run'] });
});

test('include is refused with the fix', () => {
  expect(problemsOf(() => loadCompose([{ file: 'a.yml', text: 'include: [other.yml]\nservices:\n  s:\n    image: x\n' }], {}))).toEqual([
    'a.yml: include: got ["other.yml"]; expected no included files: pass them with -f instead',
  ]);
});

describe('extends from another file', () => {
  const common = 'services:\n  defaults:\n    restart: always\n    environment: [TZ=UTC]\n'
    + '  base:\n    extends: defaults\n    image: "base:${TAG}"\n    env_file: base.env\n    environment: { LOG: info, A: "1" }\n'
    + '    ports: ["8080:80", "7000:7000"]\n    volumes: ["./data:/data", "../shared:/shared", "/abs:/abs"]\n    build: ./ctx\n'
    + '    healthcheck: { test: "curl -f x", retries: 3, interval: 30s }\n    command: base run\n';
  const main = 'services:\n  worker:\n    extends: { file: sub/common.yml, service: base }\n    environment: { LOG: debug }\n'
    + '    ports: ["8080:80", "9000:9000"]\n    volumes: ["./own:/own", "./x:/data"]\n    healthcheck: { interval: 5s }\n    command: [own]\n';
  const load = (files: Record<string, string>, text = main) => loadCompose([{ file: 'docker-compose.yml', text }], { TAG: '2' }, reader(files));

  test('merges the base service of the other file (resolved itself) under the service\'s own keys; the base\'s paths stay relative to its folder', () => {
    // As compose-go v2.9.1 makes it (docker compose config), paths from the project folder.
    expect(load({ 'sub/common.yml': common, 'sub/base.env': 'B=1\n' }).doc.services!.worker).toEqual({
      restart: 'always',
      environment: { B: '1', TZ: 'UTC', LOG: 'debug', A: '1' },
      image: 'base:2',
      ports: [
        { mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' },
        { mode: 'ingress', target: 7000, published: '7000', protocol: 'tcp' },
        { mode: 'ingress', target: 9000, published: '9000', protocol: 'tcp' },
      ],
      volumes: [
        { type: 'bind', source: './x', target: '/data', bind: { create_host_path: true } },
        { type: 'bind', source: './shared', target: '/shared', bind: { create_host_path: true } },
        { type: 'bind', source: '/abs', target: '/abs', bind: { create_host_path: true } },
        { type: 'bind', source: './own', target: '/own', bind: { create_host_path: true } },
      ],
      build: { context: './sub/ctx', dockerfile: 'Dockerfile' },
      healthcheck: { test: ['CMD-SHELL', 'curl -f x'], retries: 3, interval: '5s' },
      command: ['own'],
    });
  });

  test('a missing file is refused naming the file and the fix', () => {
    expect(problemsOf(() => load({}))).toEqual([
      "docker-compose.yml: services.worker.extends.file: file 'sub/common.yml' does not exist (extends.file is relative to the file that names it); create it or correct the path",
    ]);
  });

  test('a service the other file lacks is refused naming the file, the service and the fix', () => {
    expect(problemsOf(() => load({ 'sub/common.yml': 'services:\n  one:\n    image: x\n  two:\n    image: x\n' }))).toEqual([
      "docker-compose.yml: services.worker.extends: service 'base' is not in sub/common.yml; expected one of its services (one, two): correct extends.service",
    ]);
  });

  test('a cycle across files is refused with the cycle named', () => {
    const back = 'services:\n  base:\n    image: x\n    extends: { file: ../docker-compose.yml, service: worker }\n';
    expect(problemsOf(() => load({ 'sub/common.yml': back, 'docker-compose.yml': main }))).toEqual([
      'sub/common.yml: services.base.extends: worker (docker-compose.yml) -> base (sub/common.yml) -> worker (docker-compose.yml) is a cycle; expected a chain of extends that ends at a service without extends',
    ]);
  });
});

describe('COMPOSE_PROJECT_NAME interpolates as the project name', () => {
  const text = (name: string) => `${name}services:\n  a:\n    image: "x:\${COMPOSE_PROJECT_NAME}"\n`;
  const image = (sources: Array<[string, string]>, vars: Record<string, string>, folder = 'My_Proj.X') =>
    loadCompose(sources.map(([file, t]) => ({ file, text: t })), vars, undefined, { folder }).doc.services!.a.image;

  test('the folder name, normalised as compose does, when nothing names the project', () => {
    expect(image([['c.yml', text('')]], {})).toBe('x:my_projx');
    expect(image([['c.yml', text('')]], {}, '_Web App')).toBe('x:webapp');
  });

  test('the last name: of the files, interpolated and normalised', () => {
    expect(image([['c.yml', text('name: Given_${V}\n')]], { V: 'v1' })).toBe('x:given_v1');
    expect(image([['c.yml', text('name: first\n')], ['d.yml', 'name: "-My.Proj"\n']], {})).toBe('x:myproj');
  });

  test('the env file\'s COMPOSE_PROJECT_NAME before name: (an empty one is skipped); an invalid one is refused', () => {
    expect(image([['c.yml', text('name: given\n')]], { COMPOSE_PROJECT_NAME: 'fromenv' })).toBe('x:fromenv');
    expect(image([['c.yml', text('name: given\n')]], { COMPOSE_PROJECT_NAME: '' })).toBe('x:given');
    expect(problemsOf(() => image([['c.yml', text('')]], { COMPOSE_PROJECT_NAME: 'From.Env' }))).toEqual([
      "env file: COMPOSE_PROJECT_NAME: got 'From.Env'; expected lower-case letters, digits, '-' and '_', starting with a letter or digit (compose refuses it too); write 'fromenv'",
    ]);
  });

  test('it is not reported as unset', () => {
    expect(loadCompose([{ file: 'c.yml', text: text('') }], {}, undefined, { folder: 'shop' }).unsetVariables).toEqual([]);
  });
});

/** A reader over files held in memory, as the importer reads files beside the compose file. */
const reader = (files: Record<string, string>): ComposeReader => ({
  kind: p => (files[p] === undefined ? undefined : 'file'),
  read: p => files[p],
});
const load = (text: string, vars: Record<string, string> = {}, files: Record<string, string> = {}) => loadCompose([{ file: 'c.yml', text }], vars, reader(files));
const service = (text: string, vars: Record<string, string> = {}, files: Record<string, string> = {}): any => load(text, vars, files).doc.services!.s;

describe('environment, as compose resolves it', () => {
  test('env_file entries in order, then environment over them; env_file is removed', () => {
    const svc = service('services:\n  s:\n    image: a\n    env_file: [a.env, { path: b.env, required: true }]\n    environment: { C: "from compose", N: 5 }\n',
      {}, { 'a.env': 'A=1\nB=a\nC=a\n', 'b.env': 'B=b\n' });
    expect(svc.environment).toEqual({ A: '1', B: 'b', C: 'from compose', N: '5' });
    expect(svc.env_file).toBeUndefined();
  });

  test('env_file values interpolate the project env file first, then earlier env files', () => {
    const svc = service('services:\n  s:\n    image: a\n    env_file: [a.env, b.env]\n', { HOST: 'db', SHARED: 'project' }, { 'a.env': 'PORT=5432\nSHARED=a\n', 'b.env': 'URL=postgres://${HOST}:${PORT}/app\nCOST=$$5\nWHICH=${SHARED}\n' });
    expect(svc.environment).toEqual({ PORT: '5432', SHARED: 'a', URL: 'postgres://db:5432/app', COST: '$5', WHICH: 'project' });
  });

  test('a pass-through variable takes the project env file\'s value; one it does not set is unset, even over an env_file value, and is reported', () => {
    const loaded = load('services:\n  s:\n    image: a\n    env_file: a.env\n    environment: [SET, UNSET, FROM_FILE]\n', { SET: 'yes' }, { 'a.env': 'KEPT=1\nFROM_FILE=x\n' });
    expect(loaded.doc.services!.s.environment).toEqual({ KEPT: '1', SET: 'yes' });
    expect(loaded.unresolvedPassThrough).toEqual([{ service: 's', variable: 'UNSET' }, { service: 's', variable: 'FROM_FILE' }]);
  });

  test('a missing required env file is refused with the fix; an optional one is skipped', () => {
    expect(problemsOf(() => load('services:\n  s:\n    image: a\n    env_file: [gone.env, { path: maybe.env, required: false }]\n'))).toEqual([
      "c.yml: services.s.env_file: env file 'gone.env' does not exist beside c.yml; create it or mark it 'required: false'",
    ]);
  });

  test('COMPOSE_PROFILES of the env file is the list of active profiles', () => {
    expect(load('services:\n  s:\n    image: a\n', { COMPOSE_PROFILES: 'debug, tools,' }).activeProfiles).toEqual(['debug', 'tools']);
  });
});

describe('long syntax', () => {
  test('ports: short forms, ranges, host addresses and protocols as compose-go writes them', () => {
    const svc = service('services:\n  s:\n    image: a\n    ports: ["3000", "8000-8002:8000-8002", "[::1]:80:80", "127.0.0.1::81", "9090-9091:8080", "53:53/udp", { target: "7000", published: 7001 }, 6000]\n');
    expect(svc.ports).toEqual([
      port(3000), port(8000, '8000'), port(8001, '8001'), port(8002, '8002'),
      { mode: 'ingress', host_ip: '::1', target: 80, published: '80', protocol: 'tcp' },
      { mode: 'ingress', host_ip: '127.0.0.1', target: 81, protocol: 'tcp' },
      port(8080, '9090-9091'), { ...port(53, '53'), protocol: 'udp' },
      port(7000, '7001'), port(6000),
    ]);
  });

  test('ports that do not parse are refused with the form expected', () => {
    expect(problemsOf(() => load('services:\n  s:\n    image: a\n    ports: ["80-81:90-92", "x:80"]\n'))).toEqual([
      "c.yml: services.s.ports[0]: got '80-81:90-92'; expected a host range as long as the container range",
      "c.yml: services.s.ports[1]: got 'x:80'; expected [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL] with port numbers or ranges",
    ]);
  });

  test('volumes: named, bind (source as written), anonymous, read-only and options', () => {
    const svc = service('services:\n  s:\n    image: a\n    expose: [3000]\n    volumes: ["data:/var/lib/x", "./nginx.conf:/etc/nginx/nginx.conf:ro", "~/cache:/cache/", "/abs:/abs:rw,z", /tmp/anon, "vol:/n:nocopy"]\nvolumes: { data: {}, vol: {} }\n');
    expect(svc.expose).toEqual(['3000']);
    expect(svc.volumes).toEqual([
      named('data', '/var/lib/x'),
      { type: 'bind', source: './nginx.conf', target: '/etc/nginx/nginx.conf', read_only: true, bind: { create_host_path: true } },
      { type: 'bind', source: '~/cache', target: '/cache', bind: { create_host_path: true } },
      { type: 'bind', source: '/abs', target: '/abs', bind: { create_host_path: true, selinux: 'z' } },
      { type: 'volume', target: '/tmp/anon', volume: {} },
      { type: 'volume', source: 'vol', target: '/n', volume: { nocopy: true } },
    ]);
  });

  test('depends_on as a map with condition and required; healthcheck test as a list; durations as written', () => {
    const svc = service('services:\n  s:\n    image: a\n    depends_on: [db]\n    healthcheck: { test: "curl -f localhost", interval: 1m30s }\n  t:\n    image: a\n    depends_on: { s: { condition: service_healthy, restart: true } }\n  db:\n    image: a\n');
    expect(svc.depends_on).toEqual({ db: { condition: 'service_started', required: true } });
    expect(svc.healthcheck).toEqual({ test: ['CMD-SHELL', 'curl -f localhost'], interval: '1m30s' });
    expect(load('services:\n  t:\n    image: a\n    depends_on: { s: { condition: service_healthy, restart: true } }\n  s:\n    image: a\n').doc.services!.t.depends_on)
      .toEqual({ s: { condition: 'service_healthy', required: true, restart: true } });
  });
});

test('commands split as a shell splits them; secrets and configs get their targets; links start their service first; memory in bytes', () => {
  const svc = service('services:\n  s:\n    image: a\n    command: celery -A "my app" worker\n    entrypoint: "/bin/sh -c \'echo $$HOME\'"\n    secrets: [pw]\n    configs: [conf]\n    links: ["db:database"]\n    networks: [back]\n    deploy: { resources: { limits: { memory: 512M, cpus: "0.5" } } }\n  db:\n    image: a\n');
  expect(svc.command).toEqual(['celery', '-A', 'my app', 'worker']);
  expect(svc.entrypoint).toEqual(['/bin/sh', '-c', 'echo $HOME']);
  expect([svc.secrets, svc.configs]).toEqual([[{ source: 'pw', target: '/run/secrets/pw' }], [{ source: 'conf', target: '/conf' }]]);
  expect(svc.depends_on).toEqual({ db: { condition: 'service_started', restart: true, required: true } });
  expect(svc.networks).toEqual({ back: null });
  expect(svc.deploy.resources.limits).toEqual({ memory: '536870912', cpus: 0.5 });
});

describe('typed values after interpolation', () => {
  test.each([['yes', true], ['TRUE', true], ['On', true], ['y', true], ['no', false], ['Off', false], ['n', false], ['false', false]])('privileged "%s" is %s', (text, value) => {
    expect(service('services:\n  s:\n    image: a\n    privileged: "${PRIV:-x}"\n', { PRIV: text }).privileged).toBe(value);
  });

  test('integers where the schema wants them: port targets, replicas, retries', () => {
    const svc = service('services:\n  s:\n    image: a\n    ports: [{ target: "${P}" }]\n    deploy: { replicas: "${R}" }\n    healthcheck: { test: [CMD, x], retries: "${R}" }\n', { P: '8080', R: '3' });
    expect([svc.ports[0].target, svc.deploy.replicas, svc.healthcheck.retries]).toEqual([8080, 3, 3]);
  });

  test('a value that does not cast is refused with the file, the path, the value and the fix', () => {
    expect(problemsOf(() => load('services:\n  s:\n    image: a\n    read_only: "${RO}"\n    scale: "two"\n', { RO: 'maybe' }))).toEqual([
      'c.yml: services.s.read_only: got "maybe"; expected a boolean (true, false, yes, no, on, off, y, n); fix the value or the variable it is read from',
      'c.yml: services.s.scale: got "two"; expected an integer; fix the value or the variable it is read from',
    ]);
  });
});

describe('merging files', () => {
  const two = (base: string, over: string) => loadCompose([{ file: 'a.yml', text: base }, { file: 'b.yml', text: over }], {}).doc.services!.s as any;

  test('!reset removes the key, !override replaces instead of merging', () => {
    const base = 'services:\n  s:\n    image: a\n    ports: ["80:80"]\n    environment: { A: "1", B: "2" }\n    labels: { x: "1" }\n';
    const svc = two(base, 'services:\n  s:\n    ports: !reset []\n    environment: !override { C: "3" }\n    labels: { y: "2" }\n');
    expect(svc).toEqual({ image: 'a', environment: { C: '3' }, labels: { x: '1', y: '2' } });
  });

  test('environment and labels by key, volumes by target, ports by address, command replaced, healthcheck merged', () => {
    const base = 'services:\n  s:\n    image: a\n    command: a b\n    cap_add: [NET_ADMIN]\n    healthcheck: { test: [CMD, a], retries: 2 }\n';
    const svc = two(base, 'services:\n  s:\n    command: [c]\n    cap_add: [NET_ADMIN, SYS_TIME]\n    healthcheck: { test: [CMD, b] }\n');
    expect(svc).toEqual({ image: 'a', command: ['c'], cap_add: ['NET_ADMIN', 'SYS_TIME'], healthcheck: { test: ['CMD', 'b'], retries: 2 } });
  });
});

describe('what compose would not run', () => {
  test('a named volume the top-level volumes do not declare is refused with the fix', () => {
    expect(problemsOf(() => load('services:\n  s:\n    image: x\n    volumes: ["data:/data"]\n'))).toEqual([
      "c.yml: services.s.volumes[0]: volume 'data' is not declared under the top-level 'volumes'; declare it (volumes: { data: {} }) or mount a path",
    ]);
  });

  test('a command ending in a backslash is refused', () => {
    expect(problemsOf(() => load('services:\n  s:\n    image: x\n    command: echo \\\n'))).toEqual([
      'c.yml: services.s.command: got "echo \\\\"; expected a command line whose quotes are closed and that does not end in a backslash',
    ]);
  });

  test('an extends cycle is refused with the cycle named', () => {
    expect(problemsOf(() => load('services:\n  a:\n    image: x\n    extends: b\n  b:\n    image: x\n    extends: a\n'))).toEqual([
      'c.yml: services.b.extends: a -> b -> a is a cycle; expected a chain of extends that ends at a service without extends',
    ]);
  });

  test.each([['[CMD]', '["CMD"]'], ['[CMD-SHELL]', '["CMD-SHELL"]'], ['""', '["CMD-SHELL",""]']])('healthcheck test %s is refused with the fix', (test, got) => {
    expect(problemsOf(() => load(`services:\n  s:\n    image: x\n    healthcheck: { test: ${test} }\n`))).toEqual([
      `c.yml: services.s.healthcheck.test: got ${got}; expected a command to run; to switch the check off write disable: true or test: ["NONE"]`,
    ]);
  });

  test.each([[''], ['services: {}\n'], ['volumes:\n  data: {}\n']])('a file without services (%j) is refused', text => {
    expect(problemsOf(() => load(text))).toEqual(["c.yml: services: got no service; expected at least one service under 'services' (is this the compose file?)"]);
  });
});

test('a version 1 file (services at the top level) is read as services, with a note', () => {
  const loaded = load('web:\n  image: nginx\n  links: [db]\ndb:\n  image: postgres\n');
  expect(Object.keys(loaded.doc.services!)).toEqual(['web', 'db']);
  expect(loaded.notes).toEqual(["c.yml is a version 1 file (no 'services' key): its top-level keys are read as services; docker compose v2 refuses it, indent them under 'services:'"]);
});

test('a key defined twice in one mapping is refused with its line, as compose refuses it', () => {
  expect(problemsOf(() => load('services:\n  s:\n    image: a\n    environment:\n      A: "1"\n      A: "2"\n'))).toEqual([
    "c.yml: line 6: map key 'A' is defined twice; fix the YAML syntax",
  ]);
});

test('a Windows path is one bind source, not a volume named after its drive letter', () => {
  const loaded = loadCompose([{ file: 'c.yml', text: 'services:\n  app:\n    image: a:1\n    volumes: ["C:\\\\data:/data:ro", "c:/win/app:/app2"]\n' }], {});
  expect(loaded.doc.services!.app.volumes).toEqual([
    { type: 'bind', source: 'C:\\data', target: '/data', read_only: true, bind: { create_host_path: true } },
    { type: 'bind', source: 'c:/win/app', target: '/app2', bind: { create_host_path: true } },
  ]);
});

test('a folder given as the compose file or the env file is refused with the fix, not a stack trace', () => {
  const cwd = path.join(FIXTURES, 'webapp');
  expect(() => loadProject({ files: ['.'], cwd })).toThrow("compose file '.' is a folder; name the compose file in it (such as docker-compose.yml)");
  expect(() => loadProject({ files: ['docker-compose.yml'], envFile: '.', cwd })).toThrow("env file '.' is a folder; name the env file in it, or leave out --env-file");
});

describe('!reset and !override in a service that extends another', () => {
  test('they clear the base\'s value, as in an override file (compose-go v2.9.1)', () => {
    const text = 'services:\n  web:\n    image: a:1\n    ports: ["8080:8080"]\n    environment: { ROLE: web, MODE: full }\n    volumes: ["./data:/data"]\n'
      + '  worker:\n    extends: { service: web }\n    ports: !reset []\n    environment: { ROLE: worker, MODE: !reset null }\n    volumes: !override ["./jobs:/jobs"]\n';
    // As `docker compose config` makes it: no port, MODE gone, only the service's own volume.
    expect(loadCompose([{ file: 'a.yml', text }], {}).doc.services!.worker).toEqual({
      image: 'a:1',
      environment: { ROLE: 'worker' },
      volumes: [{ type: 'bind', source: './jobs', target: '/jobs', bind: { create_host_path: true } }],
    });
  });

  test('a base of another file is cleared too; the base itself keeps its keys', () => {
    const files = { 'sub/common.yml': 'services:\n  base:\n    image: b:1\n    ports: ["80:80"]\n    labels: { a: "1" }\n' };
    const text = 'services:\n  web:\n    extends: { file: sub/common.yml, service: base }\n    ports: !reset []\n    labels: !override { b: "2" }\n'
      + '  other:\n    extends: { file: sub/common.yml, service: base }\n';
    const services = loadCompose([{ file: 'docker-compose.yml', text }], {}, reader(files)).doc.services!;
    expect(services.web).toEqual({ image: 'b:1', labels: { b: '2' } });
    expect(services.other).toMatchObject({ ports: [{ target: 80, published: '80' }], labels: { a: '1' } });
  });
});
