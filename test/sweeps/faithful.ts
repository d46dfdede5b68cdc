/**
 * Faithfulness: the synthesized objects of an imported compose stack against
 * the model the reference loader (compose-go v2.9.1, `docker compose config
 * --format json`) makes of the same files, value by value: environment,
 * command, credentials, ports and Services, mounts, user, probes, start
 * order, privileges and routes. A difference is a problem unless the importer
 * announced it in a TODO and it belongs to one of {@link ALLOWED_WEAKENINGS}.
 */
import { podSpec } from '../util';

/** The parts of compose-go's service model that are compared (its JSON field names). */
export interface ReferenceService {
  readonly environment?: Readonly<Record<string, string | null>>;
  readonly ports?: ReadonlyArray<{ readonly target: number; readonly published?: string; readonly host_ip?: string; readonly protocol?: string }>;
  readonly expose?: readonly string[];
  readonly volumes?: ReadonlyArray<{ readonly type: string; readonly source?: string; readonly target: string; readonly read_only?: boolean }>;
  readonly tmpfs?: readonly string[];
  readonly secrets?: ReadonlyArray<{ readonly source: string; readonly target?: string }>;
  readonly configs?: ReadonlyArray<{ readonly source: string; readonly target?: string }>;
  readonly user?: string;
  readonly healthcheck?: { readonly test?: readonly string[]; readonly interval?: string; readonly timeout?: string; readonly retries?: number; readonly disable?: boolean };
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
  readonly links?: readonly string[];
  readonly command?: readonly string[] | null;
  readonly entrypoint?: readonly string[] | null;
  readonly working_dir?: string;
  readonly networks?: Readonly<Record<string, { readonly aliases?: readonly string[] } | null>>;
  readonly privileged?: boolean;
  readonly cap_add?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly 'x-stackport'?: Readonly<Record<string, unknown>>;
}

/** compose-go's project model (`reference.json`). */
export interface ReferenceModel {
  readonly services: Readonly<Record<string, ReferenceService>>;
}

/** One imported stack rendered for one environment, and what the import said. */
export interface FaithfulInput {
  /** Named in every message: the fixture and the environment. */
  readonly fixture: string;
  readonly environment: string;
  readonly reference: ReferenceModel;
  /** The synthesized objects of the stack in that environment (every stack option on, as compose runs every profile). */
  readonly objects: readonly any[];
  /** The import's TODO lines. */
  readonly todos: readonly string[];
  /** The keys the stack's Secret declares (spec.secrets): an environment without a Secret object (local) is checked against them. */
  readonly secretKeys: readonly string[];
  /** Whether the project folder holds a bind source (`./x`). @default - every source is there */
  readonly projectHas?: (source: string) => boolean;
}

/**
 * What the importer will not do, by design: a difference of one of these
 * kinds counts as handled when a TODO names the service and the compose value.
 * Every other difference is a problem, TODO or not.
 */
export const ALLOWED_WEAKENINGS = {
  /** A bind mount of a host path outside the project folder (`/etc/localtime`, `../x`, `~/.ssh`): never read, so not mounted. */
  'host-path': 'a host path outside the project is not mounted',
  /** A mounted Docker, containerd, Podman or CRI-O socket: it gives the container the node's runtime. */
  'runtime-socket': 'a container runtime socket is not mounted',
  /** `privileged`, `cap_add`: Pod Security restricted, which every namespace enforces, forbids them. */
  'node-access': 'privileges Pod Security restricted forbids are not granted',
  /** A compose user of uid 0: restricted forbids root, so the container runs as another uid. */
  'root-user': 'uid 0 is replaced by a non-root uid',
  /** A bind of a file or folder the project does not hold at import time (docker would bind an empty folder there). */
  'missing-source': 'a bind source missing from the project is not mounted',
  /** A project folder bound over the image's code (hot reload in development): the image carries the code. */
  'source-tree': 'a source tree bound over the image\'s code is not mounted',
} as const;

export type Weakening = keyof typeof ALLOWED_WEAKENINGS;

/** The init container that makes a pod wait for a dependency (lib/constructs/pod-template.ts). */
export const waitContainerName = (dependency: string) => `wait-for-${dependency}`;

interface Problem {
  readonly service: string;
  readonly text: string;
  /** Set when the difference is of an allowed kind; handled if a TODO names the service and `announced`. */
  readonly weakening?: Weakening;
  readonly announced?: string | RegExp;
}

/** Every difference between the rendered objects and the compose model, as one sentence each. */
export function faithfulnessProblems(input: FaithfulInput): string[] {
  const ctx = context(input);
  const problems: Problem[] = [
    ...secretKeyConflicts(ctx),
    ...Object.keys(input.reference.services).flatMap(name => serviceProblems(ctx, name)),
    ...namedServiceProblems(ctx),
    ...routeProblems(ctx),
    ...credentialProblems(ctx),
  ];
  return problems.filter(p => !handled(ctx, p))
    .map(p => `fixture '${input.fixture}' (${input.environment})${p.service === '' ? '' : `, service '${p.service}'`}: ${p.text}`);
}

function handled(ctx: Context, p: Problem): boolean {
  if (p.weakening === undefined || p.announced === undefined) {
    return false;
  }
  const names = [`'${p.service}'`, `'${ctx.k8s(p.service)}'`];
  const announced = p.announced;
  return ctx.input.todos.some(t => names.some(n => t.includes(n)) && (typeof announced === 'string' ? t.includes(announced) : announced.test(t)));
}

// ---------------------------------------------------------------------------
// Context: names, workloads, Secrets

interface Context {
  readonly input: FaithfulInput;
  /** Compose service name to Kubernetes name (renames announced by the import). */
  readonly k8s: (compose: string) => string;
  readonly compose: (k8sName: string) => string | undefined;
  /** Secret key to the compose values the rendering makes it stand for. */
  readonly secretValues: ReadonlyMap<string, ReadonlyArray<{ service: string; name: string; value: string }>>;
}

const RENAMED = /service '([^']+)' is named '([^']+)'/;

function context(input: FaithfulInput): Context {
  const renames = new Map<string, string>();
  for (const t of input.todos) {
    const m = RENAMED.exec(t);
    if (m !== null && input.reference.services[m[1]] !== undefined) {
      renames.set(m[1], m[2]);
    }
  }
  const k8s = (c: string) => renames.get(c) ?? c;
  const compose = (n: string) => Object.keys(input.reference.services).find(c => k8s(c) === n);
  const base = { input, k8s, compose, secretValues: new Map() };
  return { ...base, secretValues: secretValues(base) };
}

const WORKLOADS = ['Deployment', 'StatefulSet', 'Job', 'CronJob', 'DaemonSet'];

function workload(ctx: Context, service: string): any | undefined {
  const name = ctx.k8s(service);
  return ctx.input.objects.find(o => WORKLOADS.includes(o.kind)
    && (o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template : o.spec.template).metadata?.labels?.['app.kubernetes.io/name'] === name);
}

function mainContainer(ctx: Context, service: string, pod: any): any {
  return pod.containers.find((c: any) => c.name === ctx.k8s(service)) ?? pod.containers[0];
}

function secretValues(ctx: Omit<Context, 'secretValues'>): Map<string, Array<{ service: string; name: string; value: string }>> {
  const known = new Map<string, Array<{ service: string; name: string; value: string }>>();
  for (const [service, s] of Object.entries(ctx.input.reference.services)) {
    const w = workload(ctx as Context, service);
    if (w === undefined) {
      continue;
    }
    for (const e of mainContainer(ctx as Context, service, podSpec(w)).env ?? []) {
      const key = e.valueFrom?.secretKeyRef?.key;
      const value = s.environment?.[e.name];
      if (key !== undefined && typeof value === 'string') {
        known.set(key, [...known.get(key) ?? [], { service, name: e.name, value }]);
      }
    }
  }
  return known;
}

function secretKeyConflicts(ctx: Context): Problem[] {
  return [...ctx.secretValues].filter(([, uses]) => new Set(uses.map(u => u.value)).size > 1).map(([key, uses]) => ({
    service: '',
    text: `secret key '${key}' stands for different compose values: ${uses.map(u => `'${u.name}' of service '${u.service}' ${shown(u.name, u.value)}`).join(', ')}`,
  }));
}

/** Whether the stack declares this key in the named Secret (its ExternalSecret or Secret; else, where none is rendered, the spec's keys). */
function secretDeclares(ctx: Context, secret: string, key: string): boolean {
  const external = ctx.input.objects.find(o => o.kind === 'ExternalSecret' && (o.spec?.target?.name ?? o.metadata.name) === secret);
  if (external !== undefined) {
    return (external.spec.data ?? []).some((d: any) => d.secretKey === key) || external.spec.dataFrom !== undefined;
  }
  const plain = ctx.input.objects.find(o => o.kind === 'Secret' && o.metadata.name === secret);
  if (plain !== undefined) {
    return key in (plain.data ?? {}) || key in (plain.stringData ?? {});
  }
  return ctx.input.secretKeys.includes(key);
}

// ---------------------------------------------------------------------------
// Credentials (the project's rule, restated here as an independent oracle)

const CREDENTIAL_WORD = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|APIKEY|(^|_)(PASS|PWD|KEY|AUTH|PRIVATE|SALT|DSN)(_|$)/;
const FLAG = /^(true|false|yes|no|on|off|0|1|)$/i;
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]+)@/i;

/** The credential values a variable holds by the project's rule: a credential name's value, a URL's password. */
export function credentialValues(name: string, value: string): string[] {
  const url = URL_PASSWORD.exec(value);
  if (url !== null) {
    return [url[1]];
  }
  return CREDENTIAL_WORD.test(name.toUpperCase()) && !/_FILE$/i.test(name) && !FLAG.test(value) ? [value] : [];
}

/** A value for a message, its credential parts masked. */
function masked(text: string, credentials: readonly string[]): string {
  const out = credentials.reduce((t, c) => c === '' ? t : t.split(c).join('***'), text);
  return out === '***' ? '(a credential, not shown)' : `'${out}'`;
}

const shown = (name: string, value: string | undefined) => value === undefined ? 'nothing' : masked(value, credentialValues(name, value));

function credentialProblems(ctx: Context): Problem[] {
  const services = ctx.input.reference.services;
  const plain = new Set<string>();
  const held: Array<{ service: string; name: string; value: string }> = [];
  for (const [service, s] of Object.entries(services)) {
    for (const [name, value] of Object.entries(s.environment ?? {})) {
      if (value === null) {
        continue;
      }
      const values = credentialValues(name, value);
      values.forEach(v => held.push({ service, name, value: v }));
      if (values.length === 0) {
        plain.add(value);
      }
    }
  }
  // A value compose also writes as a name, an image or a plain setting is public (a weak credential the import names in a TODO).
  const publicText = JSON.stringify(Object.fromEntries(Object.entries(services).map(([n, s]) => [n, { ...s, environment: undefined, command: undefined, entrypoint: undefined, healthcheck: undefined }])));
  const secret = held.filter(h => h.value.length >= 4 && !plain.has(h.value) && !publicText.includes(h.value));
  const texts = ctx.input.objects.map(o => ({ o, text: JSON.stringify(o) }));
  const problems: Problem[] = [];
  for (const h of secret) {
    for (const { o } of texts.filter(t => t.text.includes(h.value))) {
      problems.push({ service: h.service, text: `credentials: the value of environment '${h.name}' appears in rendered ${o.kind} '${o.metadata.name}'` });
    }
  }
  return dedupe(problems);
}

const dedupe = (ps: Problem[]) => ps.filter((p, i) => ps.findIndex(q => q.service === p.service && q.text === p.text) === i);

// ---------------------------------------------------------------------------
// One service

function serviceProblems(ctx: Context, service: string): Problem[] {
  const s = ctx.input.reference.services[service];
  const w = workload(ctx, service);
  if (w === undefined) {
    return [{ service, text: `workload: compose runs it, rendered no Deployment, StatefulSet, Job or CronJob labelled '${ctx.k8s(service)}'` }];
  }
  const pod = podSpec(w);
  const main = mainContainer(ctx, service, pod);
  const env = containerEnv(ctx, main);
  return [
    ...environmentProblems(ctx, service, s, env),
    ...commandProblems(ctx, service, s, main, env),
    ...portProblems(ctx, service, s, main),
    ...mountProblems(service, s, main, ctx.input.projectHas ?? (() => true)),
    ...userProblems(service, s, pod, main),
    ...probeProblems(service, s, main),
    ...waitProblems(ctx, service, s, pod),
    ...privilegeProblems(service, s, main),
  ];
}

/** A rendered value: literal text and parts held in a Secret key. */
type Segment = { readonly text: string } | { readonly secret: string };

/** The container's variables as Kubernetes defines them: envFrom first, then env in order, `$(VAR)` expanded against those before. */
function containerEnv(ctx: Context, container: any): Map<string, Segment[] | string> {
  const env = new Map<string, Segment[] | string>();
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef !== undefined) {
      const cm = ctx.input.objects.find(o => o.kind === 'ConfigMap' && o.metadata.name === from.configMapRef.name);
      if (cm === undefined) {
        env.set(`(envFrom ConfigMap '${from.configMapRef.name}')`, `no ConfigMap '${from.configMapRef.name}'`);
        continue;
      }
      Object.entries(cm.data ?? {}).forEach(([k, v]) => env.set(`${from.prefix ?? ''}${k}`, [{ text: v as string }]));
    }
  }
  for (const e of container.env ?? []) {
    env.set(e.name, entryValue(ctx, e, env));
  }
  return env;
}

/** One env entry's value, or a string saying why it has none. */
function entryValue(ctx: Context, e: any, env: Map<string, Segment[] | string>): Segment[] | string {
  if (e.value !== undefined) {
    return expand(e.value, env);
  }
  const cmRef = e.valueFrom?.configMapKeyRef;
  if (cmRef !== undefined) {
    const cm = ctx.input.objects.find(o => o.kind === 'ConfigMap' && o.metadata.name === cmRef.name);
    const v = cm?.data?.[cmRef.key];
    return v === undefined ? `ConfigMap '${cmRef.name}' has no key '${cmRef.key}'` : [{ text: v }];
  }
  const sRef = e.valueFrom?.secretKeyRef;
  if (sRef !== undefined) {
    return secretDeclares(ctx, sRef.name, sRef.key) ? [{ secret: sRef.key }] : `secret key '${sRef.key}' of Secret '${sRef.name}', which the stack does not declare`;
  }
  return [];
}

/**
 * Kubernetes expansion: `$$` is `$`, `$(VAR)` the value of a variable defined
 * before, anything else as written; a reference to a variable without a value
 * (an undeclared Secret key) is that reason.
 */
function expand(value: string, env: ReadonlyMap<string, Segment[] | string>): Segment[] | string {
  const out: Segment[] = [];
  const re = /\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;
  let last = 0;
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    out.push({ text: value.slice(last, m.index) });
    const ref = m[1] === undefined ? undefined : env.get(m[1]);
    if (typeof ref === 'string') {
      return `${m[0]}, which is ${ref}`;
    }
    out.push(...(m[1] === undefined ? [{ text: '$' }] : ref ?? [{ text: m[0] }]));
    last = m.index + m[0].length;
  }
  out.push({ text: value.slice(last) });
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the rendered segments reproduce the compose value (a Secret part stands for its key's known value, or any text). */
function reproduces(ctx: Context, segments: readonly Segment[] | string, value: string): boolean {
  if (typeof segments === 'string') {
    return false;
  }
  const pattern = segments.map(s => {
    if ('text' in s) {
      return escape(s.text);
    }
    const known = [...new Set((ctx.secretValues.get(s.secret) ?? []).map(u => u.value))];
    return known.length === 1 ? escape(known[0]) : '[\\s\\S]+';
  }).join('');
  return new RegExp(`^${pattern}$`).test(value);
}

/** The rendered value for a message: Secret parts as `$(secret:KEY)`, the compose value's credentials masked. */
const rendered = (name: string, composeValue: string, segments: readonly Segment[]) =>
  masked(segments.map(s => 'text' in s ? s.text : `$(secret:${s.secret})`).join(''), credentialValues(name, composeValue));

/** Compose text with renamed services' host names replaced by their Kubernetes names, as the import announced. */
function renamed(ctx: Context, value: string): string {
  return Object.keys(ctx.input.reference.services).filter(c => ctx.k8s(c) !== c)
    .reduce((v, c) => v.replace(hostPattern(c), (_m, pre, post) => `${pre}${ctx.k8s(c)}${post}`), value);
}

/** A service name used as a host: after a start, a space, `//`, `@` or `=`; before an end, a space, `/` or a port (not a URL scheme). */
const hostPattern = (name: string) => new RegExp(`(^|[\\s/@=,;"'(\\[])${escape(name)}(?=$|[\\s/,;"')\\]]|:(?!//))()`, 'g');

function environmentProblems(ctx: Context, service: string, s: ReferenceService, env: Map<string, Segment[] | string>): Problem[] {
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(s.environment ?? {})) {
    if (value === null) {
      continue;
    }
    const got = env.get(name);
    const field = `environment '${name}': compose ${shown(name, value)}`;
    if (got === undefined) {
      problems.push({ service, text: `${field}, rendered nothing` });
    } else if (typeof got === 'string') {
      problems.push({ service, text: `${field}, rendered ${got}` });
    } else if (!reproduces(ctx, got, renamed(ctx, value))) {
      problems.push({ service, text: `${field}, rendered ${rendered(name, value, got)}` });
    }
  }
  for (const [name, got] of env) {
    if (typeof got === 'string' && name.startsWith('(')) {
      problems.push({ service, text: `environment ${name}: rendered ${got}` });
    }
  }
  return problems;
}

function commandProblems(ctx: Context, service: string, s: ReferenceService, main: any, env: Map<string, Segment[] | string>): Problem[] {
  const pairs: Array<[string, readonly string[] | null | undefined, string, string[] | undefined]> = [
    ['entrypoint', s.entrypoint, 'command', main.command],
    ['command', s.command, 'args', main.args],
  ];
  const problems: Problem[] = [];
  for (const [field, want, k8sField, got] of pairs) {
    const w = want ?? [];
    const g = got ?? [];
    const same = w.length === g.length && w.every((word, i) => reproduces(ctx, expand(g[i], env), renamed(ctx, word)));
    if (!same) {
      problems.push({ service, text: `${field}: compose ${words(w)}, rendered ${k8sField} ${words(g)}` });
    }
  }
  if ((s.working_dir ?? '') !== (main.workingDir ?? '')) {
    problems.push({ service, text: `working_dir: compose '${s.working_dir ?? ''}', rendered workingDir '${main.workingDir ?? ''}'` });
  }
  return problems;
}

const words = (ws: readonly string[]) => ws.length === 0 ? 'none' : JSON.stringify(ws);

// ---------------------------------------------------------------------------
// Ports, Services and routes

interface ComposePort { readonly port: number; readonly protocol: string }

/** The container ports compose gives a service: `ports` targets and `expose` entries (ranges expanded). */
export function composePorts(s: ReferenceService): ComposePort[] {
  const ports: ComposePort[] = (s.ports ?? []).map(p => ({ port: p.target, protocol: (p.protocol ?? 'tcp').toUpperCase() }));
  for (const e of s.expose ?? []) {
    const m = /^(\d+)(?:-(\d+))?(?:\/(\w+))?$/.exec(e);
    for (let p = Number(m?.[1]); m !== null && p <= Number(m[2] ?? m[1]); p++) {
      ports.push({ port: p, protocol: (m[3] ?? 'tcp').toUpperCase() });
    }
  }
  return ports.filter((p, i) => ports.findIndex(q => q.port === p.port && q.protocol === p.protocol) === i);
}

function portProblems(ctx: Context, service: string, s: ReferenceService, main: any): Problem[] {
  const problems: Problem[] = [];
  const svc = ctx.input.objects.find(o => o.kind === 'Service' && o.metadata.name === ctx.k8s(service));
  const containerPorts: any[] = main.ports ?? [];
  for (const p of composePorts(s)) {
    const cp = containerPorts.find(c => c.containerPort === p.port && (c.protocol ?? 'TCP') === p.protocol);
    if (cp === undefined) {
      problems.push({ service, text: `port ${p.port}/${p.protocol}: compose listens on it, rendered containerPorts ${portList(containerPorts.map(c => [c.containerPort, c.protocol]))}` });
    }
    const sp = (svc?.spec.ports ?? []).find((x: any) => x.port === p.port && (x.protocol ?? 'TCP') === p.protocol
      && (x.targetPort === undefined || x.targetPort === p.port || (cp !== undefined && x.targetPort === cp.name)));
    if (sp === undefined) {
      problems.push({ service, text: `port ${p.port}/${p.protocol}: compose reaches it as ${service}:${p.port}, rendered ${svc === undefined ? `no Service '${ctx.k8s(service)}'` : `Service '${svc.metadata.name}' ports ${portList((svc.spec.ports ?? []).map((x: any) => [x.port, x.protocol]))}`}` });
    }
  }
  return problems;
}

const portList = (ps: Array<[number, string | undefined]>) => ps.length === 0 ? 'none' : ps.map(([n, proto]) => `${n}/${proto ?? 'TCP'}`).join(', ');

/** The host names compose resolves to a service: its name, its `links` aliases and its network aliases. */
function hostNames(ctx: Context): Map<string, { service: string; k8s: string }> {
  const hosts = new Map<string, { service: string; k8s: string }>();
  const services = Object.entries(ctx.input.reference.services);
  services.forEach(([n]) => hosts.set(n, { service: n, k8s: ctx.k8s(n) }));
  for (const [n, s] of services) {
    for (const link of s.links ?? []) {
      const [target, alias] = link.split(':');
      if (alias !== undefined && !hosts.has(alias) && hosts.has(target)) {
        hosts.set(alias, { service: target, k8s: alias });
      }
    }
    for (const net of Object.values(s.networks ?? {})) {
      (net?.aliases ?? []).filter(a => !hosts.has(a)).forEach(a => hosts.set(a, { service: n, k8s: a }));
    }
  }
  return hosts;
}

/** The host names a service uses, each with the first place it does: links, environment values, command words. */
function namedBy(service: string, s: ReferenceService, hosts: ReadonlyMap<string, { service: string }>): Map<string, string> {
  const named = new Map<string, string>();
  // depends_on alone names no host: it orders the start (a one-shot Job needs no DNS name).
  (s.links ?? []).forEach(l => named.set(l.split(':')[1] ?? l, 'links'));
  const texts: Array<[string, string]> = [
    ...Object.entries(s.environment ?? {}).filter(([, v]) => v !== null).map(([k, v]) => [`environment '${k}'`, v as string] as [string, string]),
    ...[...s.command ?? [], ...s.entrypoint ?? []].map(w => ['command', w] as [string, string]),
  ];
  for (const [host, h] of hosts) {
    const hit = h.service === service || named.has(host) ? undefined : texts.find(([, text]) => hostPattern(host).test(text));
    if (hit !== undefined) {
      named.set(host, hit[0]);
    }
  }
  return named;
}

/** Every host name another service uses (a service name or an alias) is a Service of that name. */
function namedServiceProblems(ctx: Context): Problem[] {
  const hosts = hostNames(ctx);
  const users = Object.entries(ctx.input.reference.services).map(([n, s]) => [n, namedBy(n, s, hosts)] as const);
  const problems: Problem[] = [];
  for (const [host, h] of hosts) {
    const by = users.filter(([n]) => n !== h.service).map(([n, named]) => [n, named.get(host)] as const).filter(([, f]) => f !== undefined);
    const exists = ctx.input.objects.some(o => o.kind === 'Service' && o.metadata.name === h.k8s);
    if (by.length > 0 && !exists) {
      const what = host === h.service ? 'Service' : `Service for alias '${host}'`;
      problems.push({ service: h.service, text: `${what}: ${by.map(([n, f]) => `'${n}' names it (${f})`).join(', ')}, rendered no Service '${h.k8s}'` });
    }
  }
  return problems;
}

/** Every routed backend: the object, the Service name and port. */
function routes(objects: readonly any[]): Array<{ object: any; service: string; port: number | string }> {
  return objects.flatMap(o => {
    if (o.kind === 'Ingress') {
      return (o.spec.rules ?? []).flatMap((r: any) => (r.http?.paths ?? []).map((p: any) => ({ object: o, service: p.backend.service.name, port: p.backend.service.port.number ?? p.backend.service.port.name })));
    }
    if (o.kind === 'HTTPRoute') {
      return (o.spec.rules ?? []).flatMap((r: any) => (r.backendRefs ?? []).map((b: any) => ({ object: o, service: b.name, port: b.port })));
    }
    return [];
  });
}

const ALL_INTERFACES = ['', '0.0.0.0', '::', '[::]'];

function routeProblems(ctx: Context): Problem[] {
  const problems: Problem[] = [];
  for (const r of routes(ctx.input.objects)) {
    const service = ctx.compose(r.service) ?? r.service;
    const s = ctx.input.reference.services[service];
    const asked = s !== undefined && (isExposeLabel(s.labels?.['kompose.service.expose']) || s['x-stackport']?.host !== undefined || s['x-stackport']?.path !== undefined);
    const published = (s?.ports ?? []).filter(p => p.target === r.port && p.published !== undefined);
    const open = published.filter(p => ALL_INTERFACES.includes(p.host_ip ?? ''));
    const where = `rendered ${r.object.kind} '${r.object.metadata.name}' routes ${r.service}:${r.port}`;
    if (published.length > 0 && open.length === 0) {
      problems.push({ service, text: `route: compose publishes port ${r.port} only on ${published.map(p => p.host_ip).join(', ')}, ${where}` });
    } else if (open.length === 0 && !asked) {
      problems.push({ service, text: `route: compose publishes no port ${r.port}, ${where}` });
    }
  }
  return problems;
}

const isExposeLabel = (v: string | undefined) => v !== undefined && v.toLowerCase() !== 'false' && v !== '';

// ---------------------------------------------------------------------------
// Mounts, user, probes, waits, privileges

/** Every path compose mounts into the container, with whether it is read-only and what kind of source it has. */
function composeMounts(s: ReferenceService): Array<{ target: string; readOnly: boolean; source?: string; type: string }> {
  return [
    ...(s.volumes ?? []).map(v => ({ target: v.target, readOnly: v.read_only === true, source: v.source, type: v.type })),
    ...(s.tmpfs ?? []).map(t => ({ target: t.split(':')[0], readOnly: false, type: 'tmpfs' })),
    ...(s.secrets ?? []).map(x => ({ target: x.target ?? `/run/secrets/${x.source}`, readOnly: false, source: x.source, type: 'secret' })),
    ...(s.configs ?? []).map(x => ({ target: x.target ?? `/${x.source}`, readOnly: false, source: x.source, type: 'config' })),
  ];
}

const RUNTIME_SOCKET = /(docker|containerd|podman|crio)\.sock$/;

/** Where images keep their code: a project folder bound there is a development source tree. */
const CODE_DIRS = ['/app', '/code', '/src', '/usr/src/app', '/var/www/html', '/var/www', '/home/node/app', '/opt/app', '/workspace'];

/** The allowed kind a bind source falls under: outside the project, a runtime socket, or a source tree over the code. */
function bindWeakening(type: string, source: string | undefined, target: string, workingDir: string | undefined, projectHas: (source: string) => boolean): Weakening | undefined {
  if (type !== 'bind' || source === undefined) {
    return undefined;
  }
  if (RUNTIME_SOCKET.test(source)) {
    return 'runtime-socket';
  }
  if (source !== '.' && !source.startsWith('./')) {
    return 'host-path';
  }
  if (!projectHas(source)) {
    return 'missing-source';
  }
  const folder = !/\.[A-Za-z0-9]+$/.test(source);
  return folder && (CODE_DIRS.includes(trimSlash(target)) || trimSlash(target) === workingDir) ? 'source-tree' : undefined;
}

const trimSlash = (p: string) => p.length > 1 ? p.replace(/\/+$/, '') : p;

function mountProblems(service: string, s: ReferenceService, main: any, projectHas: (source: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  const mounts: any[] = main.volumeMounts ?? [];
  for (const m of composeMounts(s)) {
    const got = mounts.find(x => trimSlash(x.mountPath) === trimSlash(m.target));
    const what = `${m.type} ${m.source === undefined ? '' : `'${m.source}' `}at '${m.target}'`;
    if (got === undefined) {
      const weakening = bindWeakening(m.type, m.source, m.target, s.working_dir, projectHas);
      problems.push({ service, text: `volumes: compose mounts ${what}, rendered no volumeMount at '${m.target}'`, weakening, announced: m.source });
    } else if (m.readOnly && got.readOnly !== true) {
      problems.push({ service, text: `volumes: compose mounts ${what} read_only, rendered volumeMount '${got.name}' writable` });
    }
  }
  return problems;
}

function userProblems(service: string, s: ReferenceService, pod: any, main: any): Problem[] {
  // A numeric uid[:gid]; `root` is uid (or gid) 0. Other user names depend on the image's /etc/passwd: not checked.
  const parsed = /^(\d+|root)(?::(\d+|root))?$/.exec(s.user ?? '');
  if (parsed === null) {
    return [];
  }
  const m = parsed.map(x => x === 'root' ? '0' : x);
  const uid = main.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
  const gid = main.securityContext?.runAsGroup ?? pod.securityContext?.runAsGroup;
  const problems: Problem[] = [];
  if (uid !== Number(m[1])) {
    problems.push({ service, text: `user: compose uid ${m[1]}, rendered runAsUser ${uid ?? 'unset'}`, ...(m[1] === '0' ? { weakening: 'root-user' as const, announced: /\broot\b(?! filesystem)/ } : {}) });
  }
  if (m[2] !== undefined && gid !== Number(m[2])) {
    problems.push({ service, text: `user: compose gid ${m[2]}, rendered runAsGroup ${gid ?? 'unset'}` });
  }
  return problems;
}

/** A Go duration (`1m30s`, `500ms`) in seconds. */
export function durationSeconds(d: string): number {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, 'µs': 1e-6, ns: 1e-9 };
  let total = 0;
  for (const m of d.matchAll(/(\d+(?:\.\d+)?)(h|ms|us|µs|ns|m|s)/g)) {
    total += Number(m[1]) * units[m[2]];
  }
  return total;
}

function probeProblems(service: string, s: ReferenceService, main: any): Problem[] {
  const h = s.healthcheck;
  if (h === undefined || h.disable === true || h.test === undefined || h.test[0] === 'NONE') {
    return [];
  }
  const probe = main.readinessProbe;
  if (probe === undefined) {
    return [{ service, text: `healthcheck: compose test ${JSON.stringify(h.test)}, rendered no readinessProbe` }];
  }
  // Kubernetes counts whole seconds, at least 1.
  const seconds = (d: string | undefined) => Math.max(1, Math.ceil(durationSeconds(d ?? '30s')));
  const checks: Array<[string, string, string, number, number | undefined]> = [
    ['interval', h.interval ?? '30s (default)', 'periodSeconds', seconds(h.interval), probe.periodSeconds ?? 10],
    ['timeout', h.timeout ?? '30s (default)', 'timeoutSeconds', seconds(h.timeout), probe.timeoutSeconds ?? 1],
    ['retries', String(h.retries ?? '3 (default)'), 'failureThreshold', h.retries ?? 3, probe.failureThreshold ?? 3],
  ];
  return checks.filter(([, , , want, got]) => want !== got)
    .map(([field, value, k8sField, , got]) => ({ service, text: `healthcheck ${field}: compose ${value}, rendered readinessProbe ${k8sField} ${got}` }));
}

const WAITED = ['service_healthy', 'service_completed_successfully'];

function waitProblems(ctx: Context, service: string, s: ReferenceService, pod: any): Problem[] {
  const init: string[] = (pod.initContainers ?? []).map((c: any) => c.name);
  return Object.entries(s.depends_on ?? {})
    .filter(([dep, d]) => WAITED.includes(d.condition) && !init.includes(waitContainerName(ctx.k8s(dep))))
    .map(([dep, d]) => ({ service, text: `depends_on '${dep}': compose condition ${d.condition}, rendered no init container '${waitContainerName(ctx.k8s(dep))}' (init containers: ${init.length === 0 ? 'none' : init.join(', ')})` }));
}

function privilegeProblems(service: string, s: ReferenceService, main: any): Problem[] {
  const problems: Problem[] = [];
  if (s.privileged === true && main.securityContext?.privileged !== true) {
    problems.push({ service, text: `privileged: compose true, rendered ${main.securityContext?.privileged ?? 'unset'}`, weakening: 'node-access', announced: 'privileged' });
  }
  const added: string[] = main.securityContext?.capabilities?.add ?? [];
  for (const cap of s.cap_add ?? []) {
    if (!added.includes(cap) && !added.includes(cap.replace(/^CAP_/, ''))) {
      problems.push({ service, text: `cap_add: compose ${cap}, rendered capabilities.add ${added.length === 0 ? 'none' : added.join(', ')}`, weakening: 'node-access', announced: 'cap_add' });
    }
  }
  return problems;
}
