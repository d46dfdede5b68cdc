/** Stack names of `stackport import`: refused even with --force when Kubernetes or the project reserves them, and never changed silently. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importCompose } from '../../lib/compose/import';
import { ValidationError } from '../../lib/spec/validate';
import { FIXTURES } from './util';

let root: string;
let index: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-names-'));
  fs.mkdirSync(path.join(root, 'charts'));
  index = fs.readFileSync(path.resolve('charts/index.ts'), 'utf8');
  fs.writeFileSync(path.join(root, 'charts/index.ts'), index);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const importAs = (name: string, force = false) => importCompose({ files: ['docker-compose.yml'], name, force, root, cwd: path.join(FIXTURES, 'broker') });
const charts = () => fs.readdirSync(path.join(root, 'charts')).sort();

test.each([
  ['', "--name '' is empty; name the stack, e.g. --name shop"],
  ['  ', "--name '  ' is empty; name the stack, e.g. --name shop"],
  ['this-is-a-very-long-stack-name', "--name 'this-is-a-very-long-stack-name' is 30 characters as a stack name ('this-is-a-very-long-stack-name'); "
    + 'stack names have at most 22 (the names of its objects are built from it), e.g. --name this-is-a-very-long'],
  ['abcdefghijklmnopqrstuvwxyz', "--name 'abcdefghijklmnopqrstuvwxyz' is 26 characters as a stack name ('abcdefghijklmnopqrstuvwxyz'); "
    + 'stack names have at most 22 (the names of its objects are built from it), e.g. --name abcdefghijklmnopqrstuv'],
  ['kube-system', "--name 'kube-system' names the namespace 'kube-system', which Kubernetes runs itself (the stack's default-deny NetworkPolicy and Pod Security would stop the cluster's own pods, and removing the stack would delete it); choose another --name"],
  ['Kube_Public', "--name 'Kube_Public' names the namespace 'kube-public', which Kubernetes runs itself (the stack's default-deny NetworkPolicy and Pod Security would stop the cluster's own pods, and removing the stack would delete it); choose another --name"],
  ['default', "--name 'default' names the namespace 'default', which Kubernetes runs itself (the stack's default-deny NetworkPolicy and Pod Security would stop the cluster's own pods, and removing the stack would delete it); choose another --name"],
  ['index', "--name 'index' would write charts/index.ts, the list of every stack; choose another --name"],
  ['Index', "--name 'Index' would write charts/index.ts, the list of every stack; choose another --name"],
])('--name %j is refused, with --force too, and nothing is written', (name, message) => {
  for (const force of [false, true]) {
    expect(() => importAs(name, force)).toThrow(new ValidationError([message]));
    expect(charts()).toEqual(['index.ts']);
    expect(fs.readFileSync(path.join(root, 'charts/index.ts'), 'utf8')).toBe(index);
  }
});

test('a name that would replace a file of charts/ that is no stack chart is refused, with --force too', () => {
  fs.writeFileSync(path.join(root, 'charts/helpers.ts'), 'export const X = 1;\n');
  for (const force of [false, true]) {
    expect(() => importAs('helpers', force)).toThrow(new ValidationError([
      "--name 'helpers' would replace charts/helpers.ts, which is not a stack's chart (charts/index.ts does not register it and it exports no HELPERS: StackSpec); choose another --name"]));
  }
  expect(fs.readFileSync(path.join(root, 'charts/helpers.ts'), 'utf8')).toBe('export const X = 1;\n');
});

test('a name made a DNS label is printed, not changed silently', () => {
  const result = importAs('My_Shop');
  expect(result.spec.name).toBe('my-shop');
  expect(result.summary[0]).toBe("stack 'My_Shop' is named 'my-shop' (stack names are DNS labels: lower case, digits and '-', a letter first); use --stack my-shop");
  expect(charts()).toEqual(['index.ts', 'my-shop.ts']);
});

test('a name of exactly 22 characters is kept', () => {
  expect(importAs('abcdefghijklmnopqrstuv').spec.name).toBe('abcdefghijklmnopqrstuv');
});

test('--force replaces a stack of that name, and registers it once', () => {
  importAs('orders');
  fs.writeFileSync(path.join(root, 'charts/orders.ts'), 'edited by hand\n');
  expect(() => importAs('orders')).toThrow(new ValidationError(['charts/orders.ts exists already; pass --force to replace it, or choose another --name']));
  importAs('orders', true);
  expect(fs.readFileSync(path.join(root, 'charts/orders.ts'), 'utf8')).toContain('export const ORDERS: StackSpec = ');
  expect(fs.readFileSync(path.join(root, 'charts/index.ts'), 'utf8').match(/import \{ ORDERS \}/g)).toHaveLength(1);
});

test('a chart left unregistered by an interrupted import is named, with the fix', () => {
  importAs('orders');
  fs.writeFileSync(path.join(root, 'charts/index.ts'), index);
  expect(() => importAs('orders')).toThrow(new ValidationError([
    'charts/orders.ts exists but is not registered in charts/index.ts (an earlier import stopped before registering it); '
    + "pass --force to import it again, or register it by hand: add \"import { ORDERS } from './orders';\" and ORDERS to STACKS in charts/index.ts"]));
  importAs('orders', true);
  expect(fs.readFileSync(path.join(root, 'charts/index.ts'), 'utf8')).toContain("import { ORDERS } from './orders';");
});

test('a service renamed to a DNS label is printed with its compose name', () => {
  const result = importCompose({ files: ['docker-compose.yml'], name: 'names', root, cwd: path.join(FIXTURES, 'names') });
  expect(result.summary).toEqual(expect.arrayContaining([
    "service 'web-frontend' (compose service 'Web_Frontend') -> Deployment + Service",
    "service 'api-v2' (compose service 'api.v2') -> Deployment + Service",
    "service 'a-service-name-that-is-much-longer-than' (compose service 'a_service_name_that_is_much_longer_than_the_sixty_three_characters_kubernetes_allows') -> Deployment",
  ]));
});
