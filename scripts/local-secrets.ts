/**
 * Creates a stack's Secret in the current kubectl context with random values,
 * for the `local` profile (production reads them from the external store).
 *
 *   npm run local:secrets -- <stack> [--context NAME]
 *
 * Keys that already exist are never changed, so re-running it never rotates a
 * password a database was initialised with. Values travel to kubectl on
 * standard input only; nothing is written to disk or printed.
 */
import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as path from 'path';
import { STACKS } from '../charts';
import { StackContext } from '../lib/constructs/context';
import { LOCAL } from '../environments/local';

function kubectl(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('kubectl', args, { input, encoding: 'utf8' });
  if (r.error !== undefined) {
    console.error(`local:secrets: cannot run kubectl (${r.error.message}); install kubectl and point it at your kind or minikube cluster`);
    process.exit(2);
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function main(argv: string[]): number {
  const [stackName, ...rest] = argv;
  const spec = STACKS.find(s => s.name === stackName);
  if (spec === undefined) {
    console.error(`local:secrets: unknown stack '${stackName ?? ''}'; use one of: ${STACKS.map(s => s.name).join(', ')}`);
    return 2;
  }
  const contextArgs = rest[0] === '--context' && rest[1] !== undefined ? ['--context', rest[1]] : [];
  // Every option on: a key an optional service reads exists before someone switches it on.
  const context = new StackContext(spec, LOCAL, Object.fromEntries(Object.keys(spec.options ?? {}).map(o => [o, true])));
  const name = context.secretName;
  const ns = ['-n', spec.name];

  const namespace = kubectl([...contextArgs, 'apply', '-f', path.join('dist', 'local', spec.name, '00-namespace.yaml')]);
  if (namespace.status !== 0) {
    console.error(`local:secrets: could not create namespace '${spec.name}': ${namespace.stderr.trim()}`);
    return 1;
  }
  const current = kubectl([...contextArgs, ...ns, 'get', 'secret', name, '-o', 'json']);
  const existing: Record<string, string> = current.status === 0 ? JSON.parse(current.stdout).data ?? {} : {};
  const generate = new Map(spec.secrets.map(s => [s.key, s.generate ?? 'random']));
  const missing = context.secretKeys().filter(k => existing[k] === undefined);
  if (missing.length === 0) {
    console.log(`local:secrets: ${spec.name}/${name} already holds all ${Object.keys(existing).length} keys; nothing changed`);
    return 0;
  }
  const values = Object.fromEntries(missing.map(k => [k, generate.get(k) === 'hex32' ? randomBytes(32).toString('hex') : randomBytes(18).toString('base64url')]));
  const result = current.status === 0
    ? kubectl([...contextArgs, ...ns, 'patch', 'secret', name, '--type', 'merge', '--patch-file', '/dev/stdin'], JSON.stringify({ stringData: values }))
    : kubectl([...contextArgs, ...ns, 'create', '-f', '-'], JSON.stringify({
      apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
      metadata: { name, namespace: spec.name, labels: { 'app.kubernetes.io/part-of': spec.name, 'app.kubernetes.io/managed-by': 'stackport' } },
      stringData: values,
    }));
  if (result.status !== 0) {
    console.error(`local:secrets: could not write ${spec.name}/${name}: ${result.stderr.trim()}`);
    return 1;
  }
  console.log(`local:secrets: ${spec.name}/${name}: added ${missing.join(', ')}${Object.keys(existing).length > 0 ? `; kept ${Object.keys(existing).join(', ')}` : ''}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
