/**
 * A merged compose document as a {@link StackSpec}: kinds, ports, variables
 * (credentials become Secret keys), volumes, health checks and start order,
 * with the catalog's knowledge of well-known images. Every guess becomes a
 * `TODO(import):` line; what has no safe equivalent is refused, all at once.
 */
import { APP_USER, FIRST_START_SECONDS, KnownImage, knownImage, rootImage } from '../spec/catalog';
import {
  DependencySpec, EnvMap, EnvValue, FilesSpec, HealthCheckSpec, PortSpec, ResourcesSpec, RouteSpec, ScalingSpec,
  SecretFileSpec, SecretSpec, ServiceSpec, StackSpec, UserSpec, VolumeMountSpec, VolumeSpec,
} from '../spec/types';
import { imageTag, ValidationError } from '../spec/validate';
import { Service } from './generated/compose-spec';
import { ComposeDoc, docPath, listToMap, LoadedCompose, parseEnvFile } from './parse';
import { cpuQuantity, dnsLabel, durationSeconds, MAX_SERVICE_NAME, MAX_STACK_NAME, memoryQuantity, normalizeSize, secretKeyOf, splitCommand } from './units';

export { cpuQuantity, dnsLabel, durationSeconds, MAX_SERVICE_NAME, MAX_STACK_NAME, memoryQuantity, splitCommand } from './units';

/** What the mapper may read beside the compose file (paths relative to the first file's folder). */
export interface ComposeFiles {
  /** 'file', 'dir', or undefined when nothing is there. */
  kind(relativePath: string): 'file' | 'dir' | undefined;
  read(relativePath: string): string;
}

/** Inputs of {@link mapCompose}. */
export interface MapOptions {
  /** The stack name asked for. */
  readonly name: string;
  /** The compose files, in merge order, as named in the chart header. */
  readonly sources: readonly string[];
  readonly files: ComposeFiles;
  /** Services left out (`--skip-service`). @default - none */
  readonly skipServices?: readonly string[];
}

/** A mapped stack, the decisions taken, and the literal credential values it kept out of the spec. */
export interface MappedStack {
  readonly spec: StackSpec;
  /** `TODO(import):` lines: unpinned images first, then every guess and everything dropped. */
  readonly todos: readonly string[];
  /** Lines for the import summary: service -> object kind, secret keys, routes, root-only images. */
  readonly summary: readonly string[];
  /** Credential values from the compose and env files: never to be written anywhere. */
  readonly credentials: readonly string[];
}

const CREDENTIAL_NAME = /(^|[_.-])(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|KEY|APIKEY|PRIVATE|AUTH|CREDENTIALS?)([_.-]|$)/i;
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]+)(@.*)$/i;
const FLAG = /^(true|false|yes|no|on|off|0|1|none|disabled?|enabled?)$/i;
/** Ports that are not HTTP, so a published one gets no route. */
const NON_HTTP_PORTS = new Set([21, 22, 25, 53, 110, 143, 465, 587, 993, 995, 1025, 1433, 1521, 2181, 3306, 4222, 5432, 5672, 6379, 6380, 7687, 9042, 9092, 9093, 11211, 27017, 1883, 8883, 5671, 26257, 28015]);
/** Targets of bind mounts that are source trees (hot reload), not data. */
const SOURCE_TARGETS = new Set(['/app', '/code', '/src', '/usr/src/app', '/var/www/html', '/var/www', '/home/node/app', '/opt/app', '/workspace']);
const X_STACKPORT_KEYS = ['kind', 'schedule', 'uid', 'gid', 'writablePaths', 'size', 'host', 'path', 'route', 'replicas', 'minReplicas', 'maxReplicas',
  'cpuUtilization', 'completionCheck', 'image', 'ignore'];
/** kompose labels the importer reads (prefixes). */
const KOMPOSE_LABELS = ['kompose.service.type', 'kompose.service.expose', 'kompose.volume.size', 'kompose.controller.type', 'kompose.cronjob.schedule',
  'kompose.service.healthcheck.readiness.'];

/**
 * kompose's readiness labels as a compose `healthcheck` (`.test`, `.http_get_path`
 * with `.http_get_port`, `.tcp_port`, and the timings), for files that give no health check.
 */
function komposeReadiness(labels: Record<string, string>): any {
  const label = (key: string) => labels[`kompose.service.healthcheck.readiness.${key}`];
  const test = label('test') !== undefined ? ['CMD-SHELL', label('test')]
    : label('http_get_path') !== undefined ? ['CMD', 'curl', '-f', `http://localhost:${label('http_get_port') ?? 80}${label('http_get_path')}`]
      : label('tcp_port') !== undefined ? ['CMD-SHELL', `nc -z localhost ${label('tcp_port')}`] : undefined;
  if (test === undefined) {
    return undefined;
  }
  return { test, interval: label('interval'), timeout: label('timeout'), retries: label('retries'), start_period: label('start_period') };
}

/** Compose keys that have no safe equivalent under Pod Security restricted. */
const REFUSED: ReadonlyArray<[string, (v: any) => boolean, string]> = [
  ['privileged', v => v === true, 'a privileged container controls the node'],
  ['cap_add', v => Array.isArray(v) && v.length > 0, 'every capability is dropped, and none but NET_BIND_SERVICE may be added'],
  ['network_mode', v => v === 'host', 'the host network bypasses NetworkPolicies and exposes every port of the node'],
  ['pid', v => v === 'host', 'the host PID namespace lets the container see and signal every process of the node'],
  ['ipc', v => v === 'host', 'the host IPC namespace shares the node\'s memory segments'],
  ['devices', v => Array.isArray(v) && v.length > 0, "the container would reach the node's hardware"],
];

/**
 * Whether a variable holds a credential, by its name alone: policy scanners
 * flag such names in a ConfigMap whatever the value, so the value goes to the
 * Secret (a URL with a password is expanded instead).
 */
function isCredential(name: string, value: string): boolean {
  // POSTGRES_PASSWORD_FILE=/run/secrets/db: the path of a secret file, not the secret.
  if (/_FILE$/i.test(name) && value.startsWith('/')) {
    return false;
  }
  return CREDENTIAL_NAME.test(name) && !URL_PASSWORD.test(value);
}

/** A value distinctive enough to be recognised elsewhere (a URL, a command) as the same credential. */
function distinctive(value: string): boolean {
  return value.length >= 6 && !FLAG.test(value) && !/^[0-9]+$/.test(value);
}

interface Port { readonly target: number; readonly published: boolean; readonly protocol: string }

/** Ports of the short (`[ip:][host:]container[/proto]`, ranges) and long syntax. */
function parsePorts(items: readonly any[], at: string, problems: string[]): Port[] {
  const ports: Port[] = [];
  items.forEach((item, i) => {
    if (typeof item === 'object' && item !== null) {
      const target = Number(item.target);
      if (!(Number.isInteger(target) && target >= 1 && target <= 65535)) {
        problems.push(`${at}[${i}].target: got ${JSON.stringify(item.target)}; expected a port number between 1 and 65535`);
        return;
      }
      ports.push({ target, published: item.published !== undefined, protocol: item.protocol ?? 'tcp' });
      return;
    }
    const [spec, protocol = 'tcp'] = String(item).split('/');
    const parts = spec.startsWith('[') ? spec.replace(/^\[[^\]]*\]:/, '').split(':') : spec.split(':');
    const container = parts[parts.length - 1];
    const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(container);
    if (m === null) {
      problems.push(`${at}[${i}]: got '${item}'; expected [HOST:]CONTAINER[/PROTOCOL] with port numbers`);
      return;
    }
    const last = m[2] === undefined ? Number(m[1]) : Math.min(Number(m[2]), Number(m[1]) + 19);
    for (let p = Number(m[1]); p <= last; p++) {
      ports.push({ target: p, published: parts.length > 1, protocol });
    }
  });
  return ports;
}

/** The state shared by the passes over the services. */
class Mapper {
  readonly problems: string[] = [];
  readonly todos: string[] = [];
  readonly pinTodos: string[] = [];
  readonly summary: string[] = [];
  readonly secrets: SecretSpec[] = [];
  /** Credential value -> [variable, secret key]. */
  readonly byValue = new Map<string, [string, string]>();
  readonly credentials = new Set<string>();
  /** Compose service -> the ports other services reach it on (`zookeeper:2181` in a setting or a command). */
  readonly referencedPorts = new Map<string, Set<number>>();
  /**
   * Values the compose files also write in the open: service names and the
   * values of variables not named like credentials. A password equal to one
   * (`MYSQL_PASSWORD=wordpress` beside a service `wordpress`) is no secret.
   */
  readonly publicValues = new Set<string>();
  /** `VARIABLE=value` -> secret key (values kept in memory only, to compare). */
  readonly byVariable = new Map<string, string>();
  readonly names = new Map<string, string>();
  readonly options: Record<string, boolean> = {};
  readonly routes: RouteSpec[] = [];

  private patterns: Array<[string, string, RegExp, RegExp]> | undefined;

  constructor(readonly loaded: LoadedCompose, readonly opts: MapOptions) {}

  /**
   * For each service: its compose name, its spec name, a pattern of either as a
   * host anywhere in a setting, and one of either as an address (`//db`, `@db`, `db:5432`).
   */
  hostPatterns(): Array<[string, string, RegExp, RegExp]> {
    this.patterns = this.patterns ?? [...this.names].map(([composeName, specName]) => {
      const names = `${composeName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|${specName}`;
      return [composeName, specName,
        new RegExp(`(^|//|@|[,=\\s])(${names})(?=:[0-9]+|/|$|[,\\s])`, 'g'),
        new RegExp(`((?://|@)(?:${names})(?=[:/]|$)|(?:^|[,=\\s])(?:${names}):[0-9]+)`)];
    });
    return this.patterns;
  }

  where(service: string, key: string): string {
    return `${this.loaded.origins.get(`${service}/${key}`) ?? this.opts.sources[0]}: ${docPath(['services', service, key])}`;
  }

  /** A credential value that must not be written (compared, never stored in the spec). */
  addCredential(value: string): void {
    if (distinctive(value) && !this.publicValues.has(value)) {
      this.credentials.add(value);
    }
  }

  /** Declares a secret key for a credential value, reusing the key of an equal value. */
  secretFor(variable: string, value: string, service: string): string {
    this.addCredential(value);
    const known = distinctive(value) ? this.byValue.get(value) : undefined;
    if (known !== undefined) {
      return known[1];
    }
    // The same variable with the same value in several services (often from one env file) is one key.
    const same = this.byVariable.get(`${variable}=${value}`);
    if (same !== undefined) {
      return same;
    }
    let key = secretKeyOf(variable);
    if (this.secrets.some(s => s.key === key)) {
      key = `${dnsLabel(service)}-${key}`;
    }
    if (!this.secrets.some(s => s.key === key)) {
      this.secrets.push({ key, description: `${variable} of compose service '${service}'` });
    }
    if (distinctive(value)) {
      this.byValue.set(value, [variable, key]);
    }
    this.byVariable.set(`${variable}=${value}`, key);
    return key;
  }
}

/**
 * Maps a merged compose document to a stack spec. Throws a {@link ValidationError}
 * listing every refusal and every value that cannot be mapped.
 */
export function mapCompose(loaded: LoadedCompose, opts: MapOptions): MappedStack {
  const m = new Mapper(loaded, opts);
  const doc = loaded.doc;
  const skipped = new Set(opts.skipServices ?? []);
  const all = Object.entries<any>(doc.services ?? {});
  for (const s of skipped) {
    if (!all.some(([n]) => n === s)) {
      m.problems.push(`--skip-service names '${s}', which is not a service of ${opts.sources.join(', ')}; use one of: ${all.map(([n]) => n).join(', ')}`);
    }
  }
  const entries = all.filter(([n]) => !skipped.has(n));
  for (const [name] of entries) {
    const label = dnsLabel(name, MAX_SERVICE_NAME);
    if (label !== name) {
      m.todos.push(`service '${name}' is named '${label}': Kubernetes names are DNS labels (lower case, '-', a letter first), and names built from it must fit in 63 characters`);
    }
    if ([...m.names.values()].includes(label)) {
      m.problems.push(`${m.where(name, 'image')}: service name '${name}' becomes '${label}', which another service already has; rename one of them`);
    }
    m.names.set(name, label);
  }
  for (const [name] of all.filter(([n]) => skipped.has(n))) {
    m.todos.push(`service '${name}' is left out (--skip-service)`);
  }
  for (const [name, svc] of entries) {
    refusals(m, name, svc);
  }
  const completedTargets = new Set(entries.flatMap(([, svc]) => Object.entries<any>(svc.depends_on ?? {})
    .filter(([, d]) => d?.condition === 'service_completed_successfully').map(([dep]) => dep)));
  collectCredentials(m, entries);
  collectReferencedPorts(m, entries);
  const volumeUsers = new Map<string, number>();
  // Named volumes at a catalog image's data directory become its StatefulSet's own claim: nobody else can mount them.
  const dataVolumes = new Set<string>();
  for (const [, svc] of entries) {
    const dataPath = typeof svc?.image === 'string' && svc.build === undefined ? knownImage(svc.image)?.dataPath : undefined;
    for (const v of volumeMounts(svc ?? {})) {
      if (v.type === 'volume' && v.source !== undefined && v.target === dataPath) {
        dataVolumes.add(v.source);
      }
    }
  }
  // How many services mount each named volume (several mounts by one service count once).
  for (const [, svc] of entries) {
    const named = volumeMounts(svc ?? {}).filter(v => v.type === 'volume').map(v => v.source);
    const bound = volumeMounts(svc ?? {}).filter(v => v.type === 'bind' && v.source !== undefined).map(v => `bind:${v.source!.replace(/\/+$/, '')}`);
    for (const source of new Set([...named, ...bound])) {
      if (source !== undefined) {
        volumeUsers.set(source, (volumeUsers.get(source) ?? 0) + 1);
      }
    }
  }
  const owners = new Map<string, string>();
  const services: ServiceSpec[] = [];
  for (const [name, svc] of entries) {
    const mapped = mapService(m, name, svc ?? {}, { completedTargets, volumeUsers, dataVolumes, owners, doc });
    if (mapped !== undefined) {
      services.push(mapped);
    }
  }
  settleDependencies(m, services);
  if (m.problems.length > 0) {
    throw new ValidationError(m.problems);
  }
  if (m.secrets.length > 0) {
    m.todos.push(`the Secret's keys hold what the compose files wrote in plain text, which is not copied here: put the values in the secret store (npm run local:secrets makes random ones)`);
  }
  for (const v of loaded.unsetVariables) {
    m.todos.push(`variable ${v} is not set in the env file; compose would use an empty string, and so does this chart`);
  }
  const stackName = dnsLabel(opts.name, MAX_STACK_NAME);
  if (stackName !== opts.name) {
    m.todos.push(`the stack is named '${stackName}', not '${opts.name}': stack names are DNS labels of at most ${MAX_STACK_NAME} characters (object names are built from them)`);
  }
  const spec: StackSpec = {
    name: stackName,
    source: opts.sources.join(', '),
    description: `Imported from ${opts.sources.join(', ')}: ${services.map(s => s.name).join(', ')}`,
    ...(Object.keys(m.options).length > 0 ? { options: m.options } : {}),
    secrets: m.secrets.filter(s => services.some(svc => usesKey(svc, s.key))),
    routes: m.routes,
    services,
  };
  return { spec, todos: [...m.pinTodos, ...m.todos], summary: m.summary, credentials: [...m.credentials].sort() };
}

function usesKey(svc: ServiceSpec, key: string): boolean {
  return (svc.secretFiles ?? []).some(f => f.key === key) || [svc.env, ...Object.values(svc.envByOption ?? {})].some(env => Object.values(env ?? {}).some(v => typeof v === 'object' && 'secret' in v && v.secret === key));
}

function refusals(m: Mapper, name: string, svc: any): void {
  const ignored: string[] = svc?.['x-stackport']?.ignore ?? [];
  const fix = (key: string) => `remove it, leave the service out with --skip-service ${name}, or run without it with x-stackport: { ignore: [${key}] }`;
  for (const [key, applies, why] of REFUSED) {
    if (svc?.[key] !== undefined && applies(svc[key]) && !ignored.includes(key)) {
      m.problems.push(`${m.where(name, key)}: '${key}: ${Array.isArray(svc[key]) ? svc[key].join(', ') : svc[key]}' has no equivalent under Pod Security "restricted" (${why}); ${fix(key)}`);
    }
  }
  for (const [i, v] of volumeMounts(svc ?? {}).entries()) {
    if (/\/(docker|containerd|podman|crio)\.sock$/.test(v.source ?? '') && !ignored.includes('volumes')) {
      m.problems.push(`${m.where(name, 'volumes')}[${i}]: mounting '${v.source}' gives the container control of the node's container runtime; read the Kubernetes API with a ServiceAccount instead, or ${fix('volumes')}`);
    }
  }
}

/** Every mount of a service, short and long syntax alike. */
function volumeMounts(svc: any): Array<{ type: string; source?: string; target: string; readOnly: boolean }> {
  return (svc.volumes ?? []).map((v: any) => {
    if (typeof v === 'object') {
      const type = (v.type ?? 'volume') === 'volume' && v.source === undefined ? 'anonymous' : v.type ?? 'volume';
      return { type, source: v.source, target: v.target, readOnly: v.read_only === true };
    }
    const parts = String(v).split(':');
    if (parts.length === 1) {
      return { type: 'anonymous', target: parts[0], readOnly: false };
    }
    const source = parts[0];
    const type = /^[./~]/.test(source) ? 'bind' : 'volume';
    return { type, source, target: parts[1], readOnly: (parts[2] ?? '').split(',').includes('ro') };
  });
}

/** Every variable of a service, env files first, then `environment`, as compose resolves them. */
function serviceEnvironment(m: Mapper, name: string, svc: any, quiet = false): Array<[string, string]> {
  const vars: Record<string, string> = {};
  for (const f of svc.env_file ?? []) {
    const path = typeof f === 'string' ? f : f.path;
    const required = typeof f === 'string' || f.required !== false;
    if (m.opts.files.kind(path) === 'file') {
      Object.assign(vars, parseEnvFile(m.opts.files.read(path)));
    } else if (required && !quiet) {
      m.problems.push(`${m.where(name, 'env_file')}: env file '${path}' does not exist beside ${m.opts.sources[0]}; create it or mark it 'required: false'`);
    }
  }
  for (const [k, v] of Object.entries(listToMap(svc.environment))) {
    if (v === null || v === undefined) {
      if (!quiet) {
        m.todos.push(`service '${name}': variable ${k} is passed through from the shell in compose; it is left out, set it in the chart`);
      }
      continue;
    }
    vars[k] = String(v);
  }
  return Object.entries(vars);
}

/** First pass: every credential variable's value gets its Secret key, so that URLs and commands elsewhere find it. */
function collectCredentials(m: Mapper, entries: Array<[string, any]>): void {
  for (const [name, svc] of entries) {
    m.publicValues.add(name);
    for (const [k, v] of serviceEnvironment(m, name, svc ?? {}, true)) {
      if (!isCredential(k, v)) {
        m.publicValues.add(v);
      }
    }
  }
  const weak = new Set<string>();
  for (const [name, svc] of entries) {
    for (const [k, v] of serviceEnvironment(m, name, svc ?? {}, true)) {
      if (isCredential(k, v) && m.publicValues.has(v) && !weak.has(`${name}/${k}`)) {
        weak.add(`${name}/${k}`);
        m.todos.push(`${k} of service '${name}' has a value the compose files also write as a plain setting or a name, so it is no secret: give it a new value in the Secret`);
      } else if (isCredential(k, v) && distinctive(v) && !m.byValue.has(v)) {
        m.secretFor(k, v, name);
      }
    }
  }
}

/**
 * The ports services reach each other on by `name:port` in their settings and
 * commands: compose lets a container reach every port of another, Kubernetes
 * only the ports its Service declares.
 */
function collectReferencedPorts(m: Mapper, entries: Array<[string, any]>): void {
  const escape = (n: string) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const [target] of entries) {
    const address = new RegExp(`(?:^|[^A-Za-z0-9_.-])${escape(target)}:([0-9]{1,5})(?![0-9])`, 'g');
    for (const [name, svc] of entries.filter(([n]) => n !== target)) {
      const command = [svc?.command, svc?.entrypoint].flat().filter(w => w !== undefined && w !== null).map(String);
      const texts = [...serviceEnvironment(m, name, svc ?? {}, true).map(([, v]) => v), ...command];
      for (const text of texts) {
        for (const match of text.matchAll(address)) {
          const port = Number(match[1]);
          if (port >= 1 && port <= 65535) {
            m.referencedPorts.set(target, (m.referencedPorts.get(target) ?? new Set()).add(port));
          }
        }
      }
    }
  }
}

interface MapContext {
  readonly completedTargets: Set<string>;
  readonly volumeUsers: Map<string, number>;
  readonly dataVolumes: Set<string>;
  /** Named volume -> owning service (spec name). */
  readonly owners: Map<string, string>;
  readonly doc: ComposeDoc;
}

/** One service; `svc` has the type the Compose Specification schema generates. */
function mapService(m: Mapper, name: string, svc: Service, c: MapContext): ServiceSpec | undefined {
  const label = m.names.get(name)!;
  const x: Record<string, any> = svc['x-stackport'] ?? {};
  for (const k of Object.keys(x)) {
    if (!X_STACKPORT_KEYS.includes(k)) {
      m.problems.push(`${m.where(name, 'x-stackport')}.${k}: got '${k}'; expected one of ${X_STACKPORT_KEYS.join(', ')}`);
    }
  }
  const labels: Record<string, string> = Object.fromEntries(Object.entries(listToMap(svc.labels)).map(([k, v]) => [k, String(v)]));
  const note = (text: string) => m.todos.push(`service '${label}': ${text}`);

  // Image.
  let image: string | { build: string };
  let known: KnownImage | undefined;
  if (x.image !== undefined) {
    image = String(x.image);
    known = knownImage(image);
  } else if (svc.build !== undefined) {
    image = { build: label };
    const build = typeof svc.build === 'string' ? { context: svc.build, target: undefined } : svc.build;
    note(`image built from '${build.context ?? '.'}'${build.target === undefined ? '' : ` (target '${build.target}')`}; the profile names its registry and tag${svc.image === undefined ? '' : ` (compose names it '${svc.image}')`}`);
  } else if (svc.image !== undefined) {
    image = String(svc.image);
    known = knownImage(image);
  } else {
    m.problems.push(`${m.where(name, 'image')}: the service has neither 'image' nor 'build'; name the image to run`);
    return undefined;
  }
  if (image === '') {
    m.problems.push(`${m.where(name, 'image')}: got ''; expected an image reference (is the variable it is read from set?)`);
    return undefined;
  }
  if (typeof image === 'string') {
    const root = rootImage(image);
    if (root !== undefined) {
      m.summary.push(`root: image '${image}' of service '${label}' starts as root, which Pod Security "restricted" refuses; use ${root.fix}`);
      note(`'${image}' starts as root: see the import summary for the fix`);
    }
    const tag = imageTag(image);
    if (tag === undefined || tag === 'latest') {
      m.pinTodos.push(`image '${image}' of service '${label}' is not pinned: local runs it as written, production refuses it; pin a version here or with x-stackport.image`);
    }
  }

  // Ports.
  const ports = parsePorts([...(svc.ports ?? []), ...(svc.expose ?? []).map((e: any) => String(e))], m.where(name, 'ports'), m.problems);
  const tcp = ports.filter(p => p.protocol === 'tcp' || p.protocol === undefined);
  for (const p of ports.filter(p => !tcp.includes(p))) {
    note(`port ${p.target}/${p.protocol} is dropped: only TCP ports are carried over`);
  }
  const targets = [...new Set(tcp.map(p => p.target))];
  if (known !== undefined && targets.length === 0) {
    targets.push(known.port.port);
  }
  for (const port of [...(m.referencedPorts.get(name) ?? [])].sort((a, b) => a - b).filter(p => !targets.includes(p))) {
    targets.push(port);
    note(`port ${port} is not in compose's ports or expose, but other services connect to ${name}:${port}: it is declared so its Service and NetworkPolicy carry it`);
  }
  const httpPort = targets.find(t => !NON_HTTP_PORTS.has(t) && known?.port.port !== t);
  const portSpecs: PortSpec[] = targets.map(t => ({
    name: known?.port.port === t ? known.port.name : t === httpPort && known?.port.name !== 'http' ? 'http' : `tcp-${t}`,
    port: t,
  }));

  // Kind.
  const restartNo = svc.restart === 'no' || svc.deploy?.restart_policy?.condition === 'none';
  const controller = (labels['kompose.controller.type'] ?? '').toLowerCase();
  const schedule: string | undefined = x.schedule ?? labels['kompose.cronjob.schedule'];
  let kind: ServiceSpec['kind'] = x.kind ?? (schedule !== undefined ? 'cron'
    : controller === 'statefulset' || known?.dataPath !== undefined ? 'stateful'
      : controller === 'job' || ((restartNo || c.completedTargets.has(name)) && portSpecs.length === 0) ? 'job'
        : portSpecs.length > 0 ? 'web' : 'worker');
  if (!['web', 'stateful', 'worker', 'job', 'cron'].includes(kind)) {
    m.problems.push(`${m.where(name, 'x-stackport')}.kind: got '${kind}'; expected one of web, stateful, worker, job, cron`);
    return undefined;
  }
  for (const key of Object.keys(labels).filter(k => k.startsWith('kompose.') && !KOMPOSE_LABELS.some(l => k.startsWith(l)))) {
    note(`label '${key}' is not used: the profile decides pull policy, storage class and exposure`);
  }
  const serviceType = labels['kompose.service.type'];
  if (serviceType !== undefined && serviceType.toLowerCase() !== 'clusterip' && serviceType.toLowerCase() !== 'headless') {
    note(`kompose.service.type '${serviceType}' becomes a ClusterIP Service; the Ingress routes outside traffic`);
  }
  if (controller === 'daemonset') {
    note('kompose.controller.type daemonset has no equivalent here; it runs as one Deployment');
  }
  if ((kind === 'web' || kind === 'stateful') && portSpecs.length === 0) {
    note(`x-stackport.kind '${kind}' needs a port; the service has none, so it is a worker`);
    kind = 'worker';
  }
  if (kind === 'cron' && schedule === undefined) {
    m.problems.push(`${m.where(name, 'x-stackport')}.schedule: a cron service needs a schedule; add x-stackport: { schedule: '0 3 * * *' }`);
    return undefined;
  }

  // Variables: credentials become Secret keys, URLs with a password are expanded.
  const env: Record<string, EnvValue> = { ...(known?.env ?? {}) };
  for (const [k, v] of serviceEnvironment(m, name, svc)) {
    const url = URL_PASSWORD.exec(v);
    if (url !== null) {
      m.addCredential(url[2]);
      const [variable, key] = m.byValue.get(url[2]) ?? [`${k}_PASSWORD`, m.secretFor(`${k}_PASSWORD`, url[2], name)];
      const holder = env[variable] === undefined || (typeof env[variable] === 'object' && 'secret' in (env[variable] as object)) ? variable : `${k}_PASSWORD`;
      env[holder] = { secret: key };
      env[k] = { expand: `${url[1]}$(${holder})${url[3]}` };
    } else if (isCredential(k, v) || (distinctive(v) && m.byValue.has(v) && !m.publicValues.has(v))) {
      env[k] = { secret: m.secretFor(k, v, name) };
      if (!distinctive(v) && v !== '') {
        note(`${k} goes to the Secret because its name looks like a credential; if it is a plain setting, write it as a string`);
      }
    } else {
      env[k] = v;
    }
  }
  // Expanded values refer to secrets defined before them: keep secrets first among the expansions' inputs.
  const orderedEnv = Object.fromEntries(Object.entries(env).sort(([, a], [, b]) => rank(a) - rank(b)));

  // Commands: credentials in them become $(VAR) references; a literal $( is escaped for Kubernetes.
  const words = (v: any): string[] | undefined => (v === undefined || v === null ? undefined : Array.isArray(v) ? v.map(String) : splitCommand(String(v)));
  const hide = (list: string[] | undefined) => list?.map(w => protectCommand(m, w, orderedEnv));
  const command = hide(words(svc.entrypoint));
  const args = hide(words(svc.command));

  // User and writable paths.
  const alpine = typeof image === 'string' && /alpine/.test(imageTag(image) ?? '');
  let user: UserSpec = known === undefined ? APP_USER : alpine ? known.alpineUser ?? known.user : known.user;
  const composeUser = svc.user === undefined ? undefined : String(svc.user);
  if (x.uid !== undefined) {
    user = { uid: Number(x.uid), gid: Number(x.gid ?? x.uid) };
  } else if (composeUser !== undefined) {
    const um = /^([0-9]+)(?::([0-9]+))?$/.exec(composeUser);
    if (um !== null && um[1] !== '0') {
      user = { uid: Number(um[1]), gid: Number(um[2] ?? um[1]) };
      if (user.gid === 0) {
        // The root group is flagged by policy scanners; the pod's fsGroup would be 0 too.
        user = { uid: user.uid, gid: user.uid };
        note(`compose runs it in group 0 (root); here its group is ${user.uid}, verify the image's files are readable by it`);
      }
    } else if (um !== null || composeUser.split(':')[0] === 'root') {
      m.summary.push(`root: service '${label}' runs as root in compose (user: ${composeUser}); use a non-root variant of '${typeof image === 'string' ? image : label}', or a profile that relaxes Pod Security for this stack`);
      note(`compose runs it as root; it runs as ${user.uid}:${user.gid} here, verify the image works as that user (x-stackport uid/gid)`);
    } else {
      note(`compose names user '${composeUser}'; it runs as ${user.uid}:${user.gid} here, set that user's UID with x-stackport uid/gid`);
    }
  } else if (known === undefined) {
    note(`the compose file names no user; it runs as ${user.uid}:${user.gid}, an unverified guess (x-stackport uid/gid)`);
  }
  const writable = new Set<string>([...(known?.writablePaths ?? []), ...(x.writablePaths ?? [])]);
  for (const t of svc.tmpfs === undefined ? [] : Array.isArray(svc.tmpfs) ? svc.tmpfs : [svc.tmpfs]) {
    writable.add(String(t).split(':')[0]);
  }

  // Volumes.
  const volumes: VolumeSpec[] = [];
  const mounts: VolumeMountSpec[] = [];
  const files: Record<string, Record<string, string>> = {};
  const defaultSize = x.size ?? labels['kompose.volume.size'];
  let dataPath = known?.dataPath;
  let dataVolume: string | undefined;
  for (const v of volumeMounts(svc)) {
    if (v.type === 'tmpfs' || v.type === 'anonymous') {
      writable.add(v.target);
      if (v.type === 'anonymous') {
        note(`anonymous volume '${v.target}' becomes an emptyDir: its content does not survive a restart`);
      }
    } else if (v.type === 'volume' && v.source !== undefined) {
      const volName = dnsLabel(v.source, MAX_SERVICE_NAME);
      if (kind === 'stateful' && (dataPath === undefined || dataPath === v.target) && dataVolume === undefined) {
        dataPath = v.target;
        dataVolume = v.source;
        continue;
      }
      const owner = c.owners.get(v.source);
      if (c.owners.get(v.source) === label || mounts.some(x => x.volume === volName)) {
        note(`volume '${v.source}' is mounted twice; only ${v.target === undefined ? 'the first' : `the first mount is kept, not ${v.target}`}`);
      } else if (c.dataVolumes.has(v.source)) {
        note(`volume '${v.source}' at ${v.target} is dropped: it is the data claim of a StatefulSet, which no other pod can mount`);
      } else if (owner === undefined) {
        c.owners.set(v.source, label);
        const size = defaultSize ?? '1Gi';
        if (defaultSize === undefined) {
          note(`volume '${volName}' is sized ${size}, a guess (kompose.volume.size or x-stackport.size)`);
        }
        if (c.doc.volumes?.[v.source]?.external === true) {
          note(`volume '${v.source}' is external in compose; here it is a new, empty claim '${volName}'`);
        }
        volumes.push({ name: volName, mountPath: v.target, size: normalizeSize(size), ...((c.volumeUsers.get(v.source) ?? 0) > 1 ? { shared: true } : {}) });
      } else {
        mounts.push({ volume: volName, mountPath: v.target, ...(v.readOnly ? { readOnly: true } : {}) });
      }
    } else if (v.type === 'bind' && v.source !== undefined) {
      const kindThere = m.opts.files.kind(v.source);
      const key = `bind:${v.source.replace(/\/+$/, '')}`;
      const claimed = c.owners.get(key);
      if (claimed !== undefined && claimed !== label) {
        // The same folder, claimed by another service: one claim, mounted by both.
        mounts.push({ volume: bindClaimName(v.source, claimed), mountPath: v.target, ...(v.readOnly ? { readOnly: true } : {}) });
      } else if (kindThere === 'file') {
        const dir = v.target.replace(/\/[^/]*$/, '') || '/';
        files[dir] = { ...files[dir], [v.target.slice(dir.length + (dir === '/' ? 0 : 1))]: m.opts.files.read(v.source) };
      } else if (kind === 'stateful' && dataPath === v.target && dataVolume === undefined) {
        dataVolume = v.source;
        note(`bind mount '${v.source}' at the data directory becomes the data claim; copy existing data in yourself`);
      } else if (SOURCE_TARGETS.has(v.target) || v.target === svc.working_dir) {
        note(`bind mount '${v.source}:${v.target}' is dropped: a source tree (hot reload); the image carries the code`);
      } else if (v.source.startsWith('/')) {
        note(`host path '${v.source}:${v.target}' is dropped: Pod Security "restricted" admits no node paths; put the data in a volume`);
      } else if (v.readOnly || /\.[a-z0-9]+$/i.test(v.source) || v.target.startsWith('/etc/') || v.target === '/docker-entrypoint-initdb.d') {
        note(`bind mount '${v.source}:${v.target}' is dropped: ${kindThere === undefined ? 'nothing is there beside the compose file' : 'a directory'}; bind-mount each configuration file there and import again to mount it from a ConfigMap`);
      } else {
        const volName = bindClaimName(v.source, label);
        c.owners.set(key, label);
        const shared = (c.volumeUsers.get(key) ?? 0) > 1;
        volumes.push({ name: volName, mountPath: v.target, size: normalizeSize(defaultSize ?? '1Gi'), ...(shared ? { shared: true } : {}) });
        note(`bind mount '${v.source}:${v.target}' becomes claim '${volName}' of ${defaultSize ?? '1Gi'} (a guess); copy existing content in yourself`);
      }
    }
  }
  // Compose configs: files of the ConfigMap, at /<name> unless a target says otherwise.
  for (const cfg of svc.configs ?? []) {
    const source = String(typeof cfg === 'string' ? cfg : cfg.source);
    const target = String(typeof cfg === 'string' ? `/${cfg}` : cfg.target ?? `/${cfg.source}`);
    const top = c.doc.configs?.[source];
    const content = top?.content !== undefined ? String(top.content)
      : top?.file !== undefined && m.opts.files.kind(String(top.file)) === 'file' ? m.opts.files.read(String(top.file)) : undefined;
    if (content === undefined) {
      note(`config '${source}' is dropped: ${top === undefined ? 'the top-level configs do not declare it' : 'its content is not beside the compose file'}`);
      continue;
    }
    const dir = target.replace(/\/[^/]*$/, '') || '/';
    files[dir] = { ...files[dir], [target.slice(dir.length + (dir === '/' ? 0 : 1))]: content };
  }
  // Compose secrets: Secret keys mounted as files, at /run/secrets/<name> unless a target says otherwise.
  const secretFiles: SecretFileSpec[] = [];
  for (const s of svc.secrets ?? []) {
    const source = String(typeof s === 'string' ? s : s.source);
    const target = String(typeof s === 'string' ? s : s.target ?? s.source);
    const top = c.doc.secrets?.[source];
    if (top === undefined) {
      m.problems.push(`${m.where(name, 'secrets')}: secret '${source}' is not declared under the top-level 'secrets'; declare it with 'file' or 'environment'`);
      continue;
    }
    if (top.file !== undefined && m.opts.files.kind(String(top.file)) === 'file') {
      m.addCredential(m.opts.files.read(String(top.file)).trim());
    }
    const key = secretKeyOf(source);
    if (!m.secrets.some(k => k.key === key)) {
      m.secrets.push({ key, description: `compose secret '${source}'${top.file === undefined ? '' : ` (file ${top.file})`}${top.environment === undefined ? '' : ` (variable ${top.environment})`}` });
    }
    secretFiles.push({ key, path: target.startsWith('/') ? target : `/run/secrets/${target}` });
  }
  let filesSpec: FilesSpec | undefined;
  for (const [dir, content] of Object.entries(files)) {
    if (dir === '/') {
      note(`files ${Object.keys(content).join(', ')} at / are dropped: a ConfigMap directory there would hide the image; give them a target in a directory`);
    } else if (filesSpec === undefined) {
      filesSpec = { mountPath: dir, files: content };
      note(`files ${Object.keys(content).join(', ')} are mounted from a ConfigMap as directory ${dir}, which hides the image's other files there`);
    } else {
      note(`files ${Object.keys(content).join(', ')} in ${dir} are dropped: one ConfigMap directory per service; move them to ${filesSpec.mountPath}`);
    }
  }
  for (const [key, why] of [['container_name', 'Kubernetes names the pods'], ['hostname', 'the Service name is the host name'], ['networks', 'NetworkPolicies follow depends_on, links and the addresses in settings'],
    ['logging', 'the cluster collects logs'], ['ulimits', 'not settable per pod'], ['sysctls', 'not admitted under Pod Security "restricted"'],
    ['security_opt', 'pods run with seccomp RuntimeDefault'], ['extra_hosts', 'use DNS'], ['dns', 'cluster DNS'],
    ['stdin_open', 'no terminal'], ['tty', 'no terminal']] as const) {
    if (svc[key] !== undefined) {
      note(`'${key}' is dropped: ${why}`);
    }
  }
  if (svc.network_mode !== undefined && svc.network_mode !== 'host') {
    note(`network_mode '${svc.network_mode}' is dropped: the service runs in its own pod with its own address`);
  }
  if (svc.read_only !== true && (known === undefined || known.writableRootReason !== undefined)) {
    writable.add('/tmp');
  }
  const writableRootReason = known !== undefined ? known.writableRootReason
    : svc.read_only === true || x.writablePaths !== undefined ? undefined
      : `unverified: the compose file does not say where '${typeof image === 'string' ? image : label}' writes; list those paths in writablePaths and remove this`;
  if (known === undefined && writableRootReason !== undefined) {
    note('the root filesystem stays writable until writablePaths are verified (x-stackport.writablePaths or read_only: true)');
  }

  // Health check: compose's own, or the catalog's, or a TCP readiness probe on the first port.
  let healthcheck = healthCheck(m, name, svc.healthcheck ?? komposeReadiness(labels), targets[0], orderedEnv);
  if (healthcheck === undefined && known !== undefined && svc.healthcheck === undefined) {
    healthcheck = known.healthcheck;
  }
  if (healthcheck === undefined && portSpecs.length > 0 && kind !== 'job' && kind !== 'cron') {
    healthcheck = { test: { tcpPort: portSpecs[0].port }, intervalSeconds: 10, timeoutSeconds: 3, retries: 3 };
    note(`no health check in compose; a TCP readiness probe on port ${portSpecs[0].port} keeps traffic away until it listens`);
  }

  // Start order.
  const dependsOn: DependencySpec[] = Object.entries<any>(svc.depends_on ?? {})
    .filter(([dep]) => m.names.has(dep))
    .map(([dep, d]) => ({
      service: m.names.get(dep)!,
      condition: d?.condition === 'service_healthy' ? 'healthy' : d?.condition === 'service_completed_successfully' ? 'completed' : 'started',
    }));
  for (const dep of Object.keys(svc.depends_on ?? {}).filter(d => !m.names.has(d))) {
    note(`depends_on '${dep}' is dropped: that service is left out`);
  }
  const peers = new Set(dependsOn.map(d => d.service));
  const connectsTo = new Set<string>();
  for (const link of svc.links ?? []) {
    const target = m.names.get(String(link).split(':')[0]);
    if (target !== undefined && !peers.has(target)) {
      connectsTo.add(target);
    }
  }
  for (const word of [...(command ?? []), ...(args ?? [])]) {
    for (const [, specName, , address] of m.hostPatterns()) {
      if (specName !== label && !peers.has(specName) && address.test(word)) {
        connectsTo.add(specName);
      }
    }
  }
  for (const [variable, value] of Object.entries(orderedEnv)) {
    const text = typeof value === 'string' ? value : 'expand' in value ? value.expand : '';
    let renamed = text;
    // A bare name is a host only in a variable named for one (DB_HOST=db, not MYSQL_USER=grafana).
    const hostVariable = /HOST|ADDR|SERVER|URL|URI|ENDPOINT|BROKER|NODES|SERVICE|DSN|PEERS/i.test(variable);
    for (const [composeName, specName, host, address] of m.hostPatterns()) {
      if (specName !== label && !peers.has(specName) && (hostVariable ? text.search(host) !== -1 : address.test(text))) {
        connectsTo.add(specName);
      }
      if (composeName !== specName) {
        renamed = renamed.replace(host, (_all, before: string) => `${before}${specName}`);
      }
    }
    if (renamed !== text) {
      orderedEnv[variable] = typeof value === 'string' ? renamed : { expand: renamed };
      note(`${variable} names renamed services by their new names`);
    }
  }

  // Scaling, resources, shutdown.
  const replicas = x.replicas ?? svc.deploy?.replicas ?? svc.scale;
  const scaling: ScalingSpec | undefined = x.minReplicas !== undefined
    ? { minReplicas: Number(x.minReplicas), maxReplicas: Number(x.maxReplicas ?? x.minReplicas), cpuUtilization: Number(x.cpuUtilization ?? 70) }
    : replicas !== undefined && Number(replicas) > 1 ? { replicas: Number(replicas) } : undefined;
  const resources = resourcesOf(m, label, svc.deploy?.resources) ?? known?.resources;
  const grace = svc.stop_grace_period === undefined ? known?.shutdownSeconds : durationSeconds(svc.stop_grace_period);

  // Optional parts: compose profiles are off unless asked for.
  const profiles: string[] = svc.profiles ?? [];
  const off = replicas !== undefined && Number(replicas) === 0;
  const option = profiles.length > 0 ? dnsLabel(profiles[0]) : off ? label : undefined;
  if (off && profiles.length === 0) {
    note(`deploy.replicas 0: off, as compose leaves it; switch it on with the stack option '${label}'`);
  }
  if (option !== undefined) {
    m.options[option] = false;
    if (profiles.length > 1) {
      note(`compose profiles ${profiles.join(', ')}: only '${option}' switches it on here`);
    }
  }

  // A path mounted from a volume, a file or a secret is not also an emptyDir.
  const mounted = new Set([...volumes.map(v => v.mountPath), ...mounts.map(v => v.mountPath), ...secretFiles.map(f => f.path),
    ...(filesSpec === undefined ? [] : [filesSpec.mountPath]), ...(kind === 'stateful' ? [dataPath ?? '/data'] : [])]);
  for (const path of [...writable].filter(p => mounted.has(p))) {
    writable.delete(path);
  }
  const base = {
    name: label,
    image,
    ...(command === undefined ? {} : { command }),
    ...(args === undefined ? {} : { args }),
    ...(typeof svc.working_dir === 'string' ? { workingDir: svc.working_dir } : {}),
    ...(Object.keys(orderedEnv).length === 0 ? {} : { env: orderedEnv as EnvMap }),
    ...(dependsOn.length === 0 ? {} : { dependsOn }),
    ...(connectsTo.size === 0 ? {} : { connectsTo: [...connectsTo].sort() }),
    user,
    ...(writable.size === 0 ? {} : { writablePaths: [...writable] }),
    ...(writableRootReason === undefined ? {} : { writableRootReason }),
    ...(volumes.length === 0 ? {} : { volumes }),
    ...(mounts.length === 0 ? {} : { mounts }),
    ...(filesSpec === undefined ? {} : { files: filesSpec }),
    ...(secretFiles.length === 0 ? {} : { secretFiles }),
    ...(resources === undefined ? {} : { resources }),
    ...(option === undefined ? {} : { option }),
    ...(grace === undefined || grace === 30 ? {} : { shutdownSeconds: grace }),
  };
  const objects: Record<ServiceSpec['kind'], string> = {
    web: 'Deployment + Service', stateful: 'StatefulSet + headless Service', worker: 'Deployment', job: 'Job', cron: 'CronJob',
  };
  m.summary.push(`service '${label}' -> ${objects[kind]}`);
  switch (kind) {
    case 'web':
      addRoute(m, label, x, labels, tcp, portSpecs);
      return { kind, ...base, ports: portSpecs as [PortSpec, ...PortSpec[]], ...(healthcheck === undefined ? {} : { healthcheck }), ...(scaling === undefined ? {} : { scaling }) };
    case 'stateful': {
      const size = normalizeSize(defaultSize ?? known?.dataSize ?? '10Gi');
      if (dataVolume === undefined) {
        note(`no volume at the data directory ${dataPath ?? '/data'} in compose; the StatefulSet gets a claim there`);
      }
      if (defaultSize === undefined) {
        note(`data volume sized ${size}, a guess (kompose.volume.size or x-stackport.size)`);
      }
      // A first start initialises the data directory: the startup probe allows for it, whatever compose's start_period.
      const firstStart = { ...healthcheck!, startPeriodSeconds: Math.max(healthcheck!.startPeriodSeconds ?? 0, FIRST_START_SECONDS) };
      return { kind, ...base, ports: portSpecs as [PortSpec, ...PortSpec[]], healthcheck: firstStart, dataPath: dataPath ?? '/data', dataSize: size };
    }
    case 'worker':
      return { kind, ...base, ...(healthcheck === undefined ? {} : { healthcheck }), ...(scaling === undefined ? {} : { scaling }) };
    case 'job': {
      const attempts = svc.deploy?.restart_policy?.max_attempts;
      return { kind, ...base, ...(attempts === undefined ? {} : { backoffLimit: Number(attempts) }), ...(x.completionCheck === undefined ? {} : { completionCheck: String(x.completionCheck) }) };
    }
    case 'cron':
      return { kind, ...base, schedule: String(schedule) };
  }
}

/** The claim a bound folder becomes: its path as a name (`./public/system` -> `public-system`). */
function bindClaimName(source: string, owner: string): string {
  return dnsLabel(source.replace(/^[./~]+/, '').replace(/\/+$/, '') || `${owner}-data`, MAX_SERVICE_NAME);
}

function rank(v: EnvValue): number {
  return typeof v === 'object' && 'expand' in v ? 1 : 0;
}

/**
 * Replaces every credential value in a word by a reference to the variable
 * that holds its Secret key (declared in `env` when the service has none).
 */
function hideCredentials(m: Mapper, word: string, env: Record<string, EnvValue>, reference: (variable: string) => string): string {
  let out = word;
  for (const [value, [variable, key]] of [...m.byValue.entries()].sort(([a], [b]) => b.length - a.length)) {
    if (out.includes(value)) {
      const holder = Object.entries(env).find(([, v]) => typeof v === 'object' && 'secret' in v && v.secret === key)?.[0] ?? variable;
      env[holder] = env[holder] ?? { secret: key };
      out = out.split(value).join(reference(holder));
    }
  }
  return out;
}

/** A command word: a literal `$(` escaped for Kubernetes, credentials as `$(VAR)`, which Kubernetes expands. */
function protectCommand(m: Mapper, word: string, env: Record<string, EnvValue>): string {
  return hideCredentials(m, word.replace(/\$\(/g, '$$$$('), env, v => `$(${v})`);
}

function healthCheck(m: Mapper, name: string, hc: any, firstPort: number | undefined, env: Record<string, EnvValue>): HealthCheckSpec | undefined {
  if (hc === undefined || hc.disable === true) {
    return undefined;
  }
  const raw: string[] = hc.test === undefined ? [] : Array.isArray(hc.test) ? hc.test.map(String) : ['CMD-SHELL', String(hc.test)];
  if (raw[0] === 'NONE' || raw.length === 0) {
    return undefined;
  }
  const shell = raw[0] === 'CMD-SHELL' ? raw.slice(1).join(' ') : undefined;
  const argv = raw[0] === 'CMD' ? raw.slice(1) : raw[0] === 'CMD-SHELL' ? undefined : raw;
  const line = shell ?? argv!.join(' ');
  const http = /^(?:curl|wget)\b[^|;&]*?\bhttps?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(?::([0-9]+))?(\/[^\s"'|;&]*)?["']?(?:\s*\|\|\s*exit\s+1)?\s*$/.exec(line);
  const tcp = /^nc -zv? (?:localhost|127\.0\.0\.1) ([0-9]+)$/.exec(line.trim());
  let test: HealthCheckSpec['test'];
  if (tcp !== null) {
    test = { tcpPort: Number(tcp[1]) };
  } else if (http !== null) {
    const port = http[1] === undefined ? 80 : Number(http[1]);
    test = { httpGet: http[2] ?? '/', ...(port === firstPort ? {} : { port }) };
  } else {
    // Probes are not expanded by Kubernetes: credentials are read from the container's variables by the shell.
    const original = argv ?? ['sh', '-c', shell!];
    const words = original.map(w => hideCredentials(m, w, env, v => `$${v}`));
    const hidden = words.some((w, i) => w !== original[i]);
    test = { exec: hidden && shell === undefined ? ['sh', '-c', words.map(w => (/^[A-Za-z0-9_./:=@$-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`)).join(' ')] : words };
  }
  const seconds = (key: string, fallback: number) => {
    if (hc[key] === undefined) {
      return fallback;
    }
    const s = durationSeconds(hc[key]);
    if (s === undefined) {
      m.problems.push(`${m.where(name, 'healthcheck')}.${key}: got '${hc[key]}'; expected a duration such as '30s' or '1m30s'`);
    }
    return Math.max(1, s ?? fallback);
  };
  const start = hc.start_period === undefined ? 0 : durationSeconds(hc.start_period) ?? 0;
  return {
    test,
    intervalSeconds: seconds('interval', 30),
    timeoutSeconds: seconds('timeout', 30),
    retries: hc.retries === undefined ? 3 : Math.max(1, Number(hc.retries)),
    ...(start > 0 ? { startPeriodSeconds: start } : {}),
  };
}

function resourcesOf(m: Mapper, label: string, r: any): ResourcesSpec | undefined {
  if (r === undefined) {
    return undefined;
  }
  const memory = memoryQuantity(r.limits?.memory ?? r.reservations?.memory);
  const cpu = cpuQuantity(r.reservations?.cpus ?? r.limits?.cpus);
  const cpuLimit = cpuQuantity(r.limits?.cpus);
  if (memory === undefined || cpu === undefined) {
    m.todos.push(`service '${label}': deploy.resources gives ${memory === undefined ? 'no memory' : 'no cpus'}; ${memory === undefined ? 'memory 256Mi' : 'cpu 100m'} is a guess`);
  }
  return { cpu: cpu ?? '100m', memory: memory ?? '256Mi', ...(cpuLimit === undefined ? {} : { cpuLimit }) };
}

function addRoute(m: Mapper, label: string, x: Record<string, any>, labels: Record<string, string>, ports: Port[], specs: PortSpec[]): void {
  const expose = labels['kompose.service.expose'];
  const published = ports.find(p => p.published && !NON_HTTP_PORTS.has(p.target));
  const wanted = x.route !== false && (x.host !== undefined || x.path !== undefined || (expose !== undefined && expose !== 'false') || published !== undefined);
  if (!wanted) {
    return;
  }
  const target = published?.target ?? specs[0].port;
  const spec = specs.find(p => p.port === target) ?? specs[0];
  let host: string = x.host ?? label;
  let path: string = x.path ?? '/';
  if (expose !== undefined && expose !== 'true' && x.host === undefined) {
    const first = expose.split(',')[0].trim();
    host = dnsLabel(first.split('/')[0].split('.')[0]);
    path = x.path ?? (first.includes('/') ? `/${first.split('/').slice(1).join('/')}` : '/');
  }
  m.routes.push({ name: label, host, path, service: label, ...(spec === specs[0] ? {} : { port: spec.name }) });
  if (x.host === undefined) {
    m.todos.push(`route '${label}': ${host}.<domain>${path} to port ${spec.port} is a guess from ${published !== undefined ? `published port ${published.target}` : 'kompose.service.expose'} (x-stackport host/path, or route: false)`);
  }
  m.summary.push(`route '${label}' -> ${host}.<domain>${path}`);
}

/** Conditions compose gives that this spec cannot keep become 'started', each with a TODO. */
function settleDependencies(m: Mapper, services: ServiceSpec[]): void {
  const byName = new Map(services.map(s => [s.name, s]));
  for (let i = 0; i < services.length; i++) {
    const svc = services[i];
    const deps = (svc.dependsOn ?? []).map(d => {
      const target = byName.get(d.service);
      if (d.condition === 'completed' && (target?.kind !== 'job' || target.completionCheck === undefined)) {
        m.todos.push(`service '${svc.name}': waits for '${d.service}' to start, not to complete; add x-stackport.completionCheck to '${d.service}' (a command that succeeds once its work is done)`);
        return { ...d, condition: 'started' as const };
      }
      if (d.condition === 'healthy' && (target === undefined || !('ports' in target) || target.healthcheck === undefined)) {
        m.todos.push(`service '${svc.name}': waits for '${d.service}' to start, not to be healthy: '${d.service}' has no port to check`);
        return { ...d, condition: 'started' as const };
      }
      return d;
    });
    if (svc.dependsOn !== undefined) {
      services[i] = { ...svc, dependsOn: deps };
    }
  }
}
