/**
 * Creates a stack's Secret in the current kubectl context with random values,
 * for the `local` profile (production reads them from the external store).
 *
 *   stackport secrets <stack> [--context NAME]     (npm run local:secrets -- <stack>)
 *
 * Keys that already exist are never changed, so re-running it never rotates a
 * password a database was initialised with. Generated values are URL-safe
 * (hex or base64url); an existing value of a key pasted into a URI that is not
 * URL-safe is refused. Values travel to kubectl on
 * standard input only; nothing is written to disk or printed.
 */
import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as path from 'path';
import { STACKS } from '../charts';
import { StackContext } from '../lib/constructs/context';
import { LOCAL } from '../environments/local';
import { URL_SAFE, uriSecretKeys } from '../lib/spec/env';

function kubectl(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('kubectl', args, { input, encoding: 'utf8' });
  if (r.error !== undefined) {
    console.error(`secrets: cannot run kubectl (${r.error.message}); install kubectl and point it at your kind or minikube cluster`);
    process.exit(2);
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The Secret kubectl printed: undefined when it printed nothing (`--ignore-not-found`), 'invalid' when it is not a Secret in JSON. */
function parseSecret(text: string): { kind: 'Secret'; data?: Record<string, string> } | undefined | 'invalid' {
  if (text.trim() === '') {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text);
    return parsed?.kind === 'Secret' ? parsed : 'invalid';
  } catch {
    return 'invalid';
  }
}

/**
 * Creates or completes the Secret of the stack named `stackName` (`stackport
 * secrets <stack> [--context NAME]`, run by cli.ts); returns the exit code.
 */
export function localSecrets(stackName: string | undefined, kubeContext: string | undefined): number {
  const contextArgs = kubeContext === undefined ? [] : ['--context', kubeContext];
  if (kubeContext !== undefined && kubeContext.trim() === '') {
    console.error("secrets: '--context' is empty; name a kubectl context, e.g. --context kind-kind");
    return 2;
  }
  const spec = STACKS.find(s => s.name === stackName);
  if (spec === undefined) {
    console.error(stackName === undefined
      ? `secrets: name the stack, e.g. stackport secrets ${STACKS[0]?.name ?? 'STACK'}; use one of: ${STACKS.map(s => s.name).join(', ')}`
      : `secrets: unknown stack '${stackName}'; use one of: ${STACKS.map(s => s.name).join(', ')}`);
    return 2;
  }
  // Every option on: a key an optional service reads exists before someone switches it on.
  const context = new StackContext(spec, LOCAL, Object.fromEntries(Object.keys(spec.options ?? {}).map(o => [o, true])));
  const name = context.secretName;
  const ns = ['-n', spec.name];

  const namespace = kubectl([...contextArgs, 'apply', '-f', path.join('dist', 'local', spec.name, '00-namespace.yaml')]);
  if (namespace.status !== 0) {
    console.error(`secrets: could not create namespace '${spec.name}': ${namespace.stderr.trim()}`);
    return 1;
  }
  const current = kubectl([...contextArgs, ...ns, 'get', 'secret', name, '-o', 'json', '--ignore-not-found']);
  if (current.status !== 0) {
    console.error(`secrets: could not read ${spec.name}/${name}: ${current.stderr.trim()}`);
    return 1;
  }
  const secret = parseSecret(current.stdout);
  if (secret === 'invalid') {
    // The output is not printed: it may hold the Secret's values.
    console.error(`secrets: 'kubectl get secret ${name}' printed ${current.stdout.length} characters that are not a Secret in JSON; check that 'kubectl' is kubectl and talks to your cluster`);
    return 1;
  }
  const existing: Record<string, string> = secret?.data ?? {};
  const unsafe = [...uriSecretKeys(spec)].filter(([k]) => existing[k] !== undefined && !URL_SAFE.test(Buffer.from(existing[k], 'base64').toString('utf8')));
  if (unsafe.length > 0) {
    console.error(unsafe.map(([k, uses]) => `secrets: ${spec.name}/${name} key '${k}' holds a character outside A-Z a-z 0-9 . _ ~ -, which breaks the URIs it is pasted into (${uses.join(', ')}); set a URL-safe value (in the database too)`).join('\n'));
    return 1;
  }
  const generate = new Map(spec.secrets.map(s => [s.key, s.generate ?? 'random']));
  const missing = context.secretKeys().filter(k => existing[k] === undefined);
  if (missing.length === 0) {
    console.log(`secrets: ${spec.name}/${name} already holds all ${Object.keys(existing).length} keys; nothing changed`);
    return 0;
  }
  const values = Object.fromEntries(missing.map(k => [k, generate.get(k) === 'hex32' ? randomBytes(32).toString('hex') : randomBytes(18).toString('base64url')]));
  // An existing Secret is replaced as read, plus the new keys: its resourceVersion makes the API server
  // refuse the write if someone changed it meanwhile. Both go through standard input, never a file or argv.
  const result = secret !== undefined
    ? kubectl([...contextArgs, ...ns, 'replace', '-f', '-'], JSON.stringify({ ...secret, stringData: values }))
    : kubectl([...contextArgs, ...ns, 'create', '-f', '-'], JSON.stringify({
      apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
      metadata: { name, namespace: spec.name, labels: { 'app.kubernetes.io/part-of': spec.name, 'app.kubernetes.io/managed-by': 'stackport' } },
      stringData: values,
    }));
  if (result.status !== 0) {
    console.error(`secrets: could not write ${spec.name}/${name}: ${result.stderr.trim()}`);
    return 1;
  }
  console.log(`secrets: ${spec.name}/${name}: added ${missing.join(', ')}${Object.keys(existing).length > 0 ? `; kept ${Object.keys(existing).join(', ')}` : ''}`);
  return 0;
}

