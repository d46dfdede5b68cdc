/** `stackport import` end to end, in a temporary project folder: writes, registers, refuses, prints. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES } from './util';

const cli = path.resolve('build/cli.js');
let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-import-'));
  fs.mkdirSync(path.join(root, 'charts'));
  fs.copyFileSync(path.resolve('charts/index.ts'), path.join(root, 'charts/index.ts'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, [cli, '--', 'import', '--offline', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: path.join(FIXTURES, 'broker') } });
}

test('writes charts/<stack>.ts, registers it in charts/index.ts and prints the summary', () => {
  const before = fs.readFileSync(path.join(root, 'charts/index.ts'), 'utf8');
  const r = run('docker-compose.yml', '--name', 'orders');
  expect(r.status).toBe(0);
  expect(fs.readFileSync(path.join(root, 'charts/orders.ts'), 'utf8')).toBe(fs.readFileSync(path.join(FIXTURES, 'broker/golden.ts.txt'), 'utf8').replace(/BROKER/g, 'ORDERS').replace("name: 'broker'", "name: 'orders'").replace(/-n broker /g, '-n orders '));
  const index = fs.readFileSync(path.join(root, 'charts/index.ts'), 'utf8');
  expect(index).toContain("import { ORDERS } from './orders';");
  expect(index).toContain(/export const STACKS: readonly StackSpec\[\] = \[.*\];/.exec(before)![0].replace('];', ', ORDERS];'));
  expect(r.stdout.split('\n')).toEqual([
    'import: reading the facts of 3 images (offline: the catalog alone)',
    `import: wrote ${path.join(root, 'charts/orders.ts')} and registered it in charts/index.ts`,
    "import: service 'rabbitmq' -> StatefulSet + headless Service",
    "import: service 'producer' -> Deployment + Service",
    "import: route 'producer' -> producer.<domain>/",
    "import: service 'consumer' -> Deployment",
    "import: service 'dead-letters' -> Deployment",
    "import: image 'rabbitmq:3.13.7-management': the catalog's entry for rabbitmq",
    "import: image 'ghcr.io/example/orders-api:1.8.0': nothing known: its user, ports, writable paths and memory are guesses",
    "import: image 'ghcr.io/example/orders-worker:1.8.0': nothing known: its user, ports, writable paths and memory are guesses",
    'import: secret keys: rabbitmq-default-pass',
    'import: 17 TODO(import) lines in the chart header; review them, then run npm run synth -- --stack orders',
    '',
  ]);
  expect(r.stdout + r.stderr).not.toContain('broker-fixture-amqp-pass');
});

test('refuses to overwrite a chart without --force, and replaces it with --force', () => {
  expect(run('docker-compose.yml', '--name', 'orders').status).toBe(0);
  fs.writeFileSync(path.join(root, 'charts/orders.ts'), 'edited by hand\n');
  const again = run('docker-compose.yml', '--name', 'orders');
  expect(again.status).toBe(1);
  expect(again.stderr).toBe('import: 1 problem found:\n- charts/orders.ts exists already; pass --force to replace it, or choose another --name\nimport: nothing written\n');
  const index = run('docker-compose.yml', '--name', 'index', '--force');
  expect(index.stderr).toBe("import: 1 problem found:\n- --name 'index' would write charts/index.ts, the list of every stack; choose another --name\nimport: nothing written\n");
  expect(fs.readFileSync(path.join(root, 'charts/orders.ts'), 'utf8')).toBe('edited by hand\n');
  expect(run('docker-compose.yml', '--name', 'orders', '--force').status).toBe(0);
  expect(fs.readFileSync(path.join(root, 'charts/orders.ts'), 'utf8')).toContain('export const ORDERS: StackSpec');
  expect(fs.readFileSync(path.join(root, 'charts/index.ts'), 'utf8').match(/import \{ ORDERS \}/g)).toHaveLength(1);
});

test('writes nothing when the import is refused', () => {
  const index = fs.readFileSync(path.join(root, 'charts/index.ts'), 'utf8');
  const r = run(path.join(FIXTURES, 'refused/docker-compose.yml'), '--name', 'agents');
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/^import: 6 problems found:\n- docker-compose.yml: services.agent.privileged: /);
  expect(r.stderr.endsWith('import: nothing written\n')).toBe(true);
  expect(fs.readdirSync(path.join(root, 'charts'))).toEqual(['index.ts']);
  expect(fs.readFileSync(path.join(root, 'charts/index.ts'), 'utf8')).toBe(index);
});

test('--env-file replaces the .env beside the compose file', () => {
  const r = spawnSync(process.execPath, [cli, '--', 'import', '--offline', 'docker-compose.yml', '--env-file', 'staging.env', '--name', 'staging'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: path.join(FIXTURES, 'interpolation') } });
  expect(r.status).toBe(0);
  const chart = fs.readFileSync(path.join(root, 'charts/staging.ts'), 'utf8');
  expect(chart).toContain("image: 'ghcr.io/example/app:1.5.0-rc1'");
  expect(chart).toContain("REGION: 'us-east-2'");
  expect(chart).toContain("GREETING: 'hello',");
  expect(chart).toContain("EMPTY_KEPT: 'kept',");
});

test.each([
  [['docker-compose.yml'], "import: '--name' is required, e.g. --name shop; use: stackport import [<compose file>...] [-f|--file FILE]... [--env-file FILE] --name STACK [--force] [--skip-service NAME]... [--image-facts FILE] [--offline]"],
  [['docker-compose.yml', '--name', 'x', '--bogus'], "import: unknown option '--bogus'; use: stackport import [<compose file>...] [-f|--file FILE]... [--env-file FILE] --name STACK [--force] [--skip-service NAME]... [--image-facts FILE] [--offline]"],
  [['docker-compose.yml', '--name'], "import: '--name' needs a value, e.g. --name shop"],
  [['docker-compose.yml', '--name', '--force'], "import: '--name' needs a value, e.g. --name shop (a value starting with '-' is written --name=VALUE)"],
])('usage errors exit 2: %j', (args, message) => {
  const r = run(...args);
  expect(r.status).toBe(2);
  expect(r.stderr.split('\n')[0]).toBe(message);
});

/** A project folder holding these files. */
function project(files: Record<string, string>): string {
  const dir = path.join(root, 'project');
  fs.mkdirSync(dir);
  Object.entries(files).forEach(([name, text]) => fs.writeFileSync(path.join(dir, name), text));
  return dir;
}

/** `stackport import --name site` with no file named, started from `dir` (INIT_CWD, as npm run sets it). */
const importFrom = (dir: string) => spawnSync(process.execPath, [cli, '--', 'import', '--offline', '--name', 'site'], { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: dir } });

test('with no file named, the folder\'s default compose file and its override file are read, as docker compose reads them', () => {
  const r = importFrom(project({
    'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
    'docker-compose.yml': 'services:\n  ignored:\n    image: nginx:1.27\n',
    'compose.override.yml': 'services:\n  web:\n    environment: { MODE: dev }\n',
  }));
  expect([r.status, r.stderr]).toEqual([0, '']);
  const chart = fs.readFileSync(path.join(root, 'charts/site.ts'), 'utf8');
  expect(chart).toContain("source: 'compose.yaml, compose.override.yml'");
  expect(chart).toContain("MODE: 'dev'");
});

test('with no file named, COMPOSE_FILE of the .env names the files (COMPOSE_PATH_SEPARATOR splits them)', () => {
  const r = importFrom(project({
    'base.yml': 'services:\n  web:\n    image: nginx:1.27\n',
    'extra.yml': 'services:\n  web:\n    environment: { MODE: extra }\n',
    '.env': 'COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_FILE=base.yml;extra.yml\n',
  }));
  expect([r.status, r.stderr]).toEqual([0, '']);
  expect(fs.readFileSync(path.join(root, 'charts/site.ts'), 'utf8')).toContain("source: 'base.yml, extra.yml'");
});

test('with no file named and none in the folder, the import is refused with the names looked for', () => {
  const r = importFrom(root);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`- no compose file named, no COMPOSE_FILE in the env file, and none of compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml in ${root}; name one, e.g. stackport import docker-compose.yml --name shop`);
});

test('a missing compose file is named', () => {
  const r = run('nope.yml', '--name', 'x');
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("- compose file 'nope.yml' does not exist; check the path");
});

test('the package command (bin/stackport) takes --env-file, which Node 20 would otherwise read itself', () => {
  const r = spawnSync(path.resolve('bin/stackport'), ['import', '--offline', 'docker-compose.yml', '--env-file', 'staging.env', '--name', 'staging'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: path.join(FIXTURES, 'interpolation') } });
  expect([r.status, r.stderr]).toEqual([0, '']);
  expect(fs.readFileSync(path.join(root, 'charts/staging.ts'), 'utf8')).toContain("REGION: 'us-east-2'");
});

test("--name '' is refused with one line, not imported as a stack named 'service'", () => {
  const r = run('docker-compose.yml', '--name', '');
  expect([r.status, r.stderr]).toEqual([1, "import: 1 problem found:\n- --name '' is empty; name the stack, e.g. --name shop\nimport: nothing written\n"]);
  expect(fs.readdirSync(path.join(root, 'charts'))).toEqual(['index.ts']);
});

test('a renamed stack is printed with the name to use', () => {
  const r = run('docker-compose.yml', '--name', 'My_Shop');
  expect(r.status).toBe(0);
  expect(r.stdout.split('\n').slice(1, 3)).toEqual([
    `import: wrote ${path.join(root, 'charts/my-shop.ts')} and registered it in charts/index.ts`,
    "import: stack 'My_Shop' is named 'my-shop' (stack names are DNS labels: lower case, digits and '-', a letter first); use --stack my-shop",
  ]);
});

test('--image-facts gives an image its config from docker image inspect output; the chart names the file and the digest', () => {
  const facts = path.join(root, 'facts.json');
  const id = `sha256:${'ab'.repeat(32)}`;
  fs.writeFileSync(facts, JSON.stringify([{
    Id: id, RepoTags: ['ghcr.io/example/orders-api:1.8.0'], RepoDigests: [],
    Config: { User: '1001:0', ExposedPorts: { '8080/tcp': {} }, Healthcheck: { Test: ['CMD', 'orders-api', 'health'], Interval: 15e9 } },
  }]));
  const r = run('docker-compose.yml', '--name', 'orders', '--image-facts', facts);
  expect(r.stderr).toBe('');
  expect(r.stdout.split('\n').slice(0, 2)).toEqual([
    `import: reading the facts of 3 images (--image-facts ${facts})`,
    `import: image 1/3: 'ghcr.io/example/orders-api:1.8.0' from facts file ${facts}`,
  ]);
  const chart = fs.readFileSync(path.join(root, 'charts/orders.ts'), 'utf8');
  expect(chart).toContain(` * - 'ghcr.io/example/orders-api:1.8.0': its config, from facts file ${facts} (${id})\n`);
  expect(chart).toContain("user: { uid: 1001, gid: 0 },");
  expect(chart).toContain("healthcheck: { test: { exec: ['orders-api', 'health'] }, intervalSeconds: 15, timeoutSeconds: 30, retries: 3 },");
});

test('an unreadable facts file is one line naming it and the fix, and nothing is written', () => {
  const r = run('docker-compose.yml', '--name', 'orders', '--image-facts', path.join(root, 'missing.json'));
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`^import: 1 problem found:\\n- --image-facts ${path.join(root, 'missing.json')}: cannot read it \\(ENOENT[^\\n]*\\); write the file with docker image inspect IMAGE\\.\\.\\. > ${path.join(root, 'missing.json')}\\nimport: nothing written\\n$`));
  expect(fs.existsSync(path.join(root, 'charts/orders.ts'))).toBe(false);
});
