/**
 * The Compose normal form, as the reference loader (compose-go) makes it: typed
 * values after interpolation, the long syntax of ports, volumes, depends_on,
 * healthcheck and env_file, and the merge rules of several files (keyed lists,
 * `!reset` and `!override`). Pure functions over plain data.
 */

type Doc = Record<string, any>;

/** `services.web.ports[1]` from ['services', 'web', 'ports', 1]. */
export function docPath(segments: ReadonlyArray<string | number>): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

export function isMap(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// ---------------------------------------------------------------------------
// Typed values: compose casts strings at these paths after interpolation.

type Cast = 'bool' | 'int' | 'float';
const SERVICE_CASTS: ReadonlyArray<[string, Cast]> = [
  ['privileged', 'bool'], ['read_only', 'bool'], ['init', 'bool'], ['tty', 'bool'], ['stdin_open', 'bool'], ['oom_kill_disable', 'bool'],
  ['healthcheck.disable', 'bool'], ['healthcheck.retries', 'int'], ['scale', 'int'], ['deploy.replicas', 'int'],
  ['deploy.restart_policy.max_attempts', 'int'], ['deploy.update_config.parallelism', 'int'], ['deploy.rollback_config.parallelism', 'int'],
  ['deploy.placement.max_replicas_per_node', 'int'], ['cpu_count', 'int'], ['cpu_shares', 'int'], ['cpu_period', 'int'], ['cpu_quota', 'int'],
  ['cpu_rt_period', 'int'], ['cpu_rt_runtime', 'int'], ['oom_score_adj', 'int'], ['pids_limit', 'int'], ['cpus', 'float'], ['cpu_percent', 'float'],
  ['ports.[].target', 'int'], ['volumes.[].read_only', 'bool'], ['volumes.[].volume.nocopy', 'bool'], ['volumes.[].bind.create_host_path', 'bool'],
  ['secrets.[].mode', 'int'], ['configs.[].mode', 'int'], ['depends_on.*.required', 'bool'], ['depends_on.*.restart', 'bool'],
  ['ulimits.*', 'int'], ['ulimits.*.soft', 'int'], ['ulimits.*.hard', 'int'], ['env_file.[].required', 'bool'],
];
const TOP_CASTS: ReadonlyArray<[string, Cast]> = [
  ['networks.*.external', 'bool'], ['networks.*.internal', 'bool'], ['networks.*.attachable', 'bool'], ['networks.*.enable_ipv6', 'bool'],
  ['volumes.*.external', 'bool'], ['secrets.*.external', 'bool'], ['configs.*.external', 'bool'],
];
const TRUE = new Set(['y', 'yes', 'true', 'on']);
const FALSE = new Set(['n', 'no', 'false', 'off']);

function castValue(value: string, cast: Cast): boolean | number | undefined {
  const text = value.trim();
  if (cast === 'bool') {
    return TRUE.has(text.toLowerCase()) ? true : FALSE.has(text.toLowerCase()) ? false : undefined;
  }
  const n = Number(text);
  if (text === '' || !Number.isFinite(n) || (cast === 'int' && !Number.isInteger(n))) {
    return undefined;
  }
  return n;
}

const EXPECTED: Record<Cast, string> = {
  bool: 'a boolean (true, false, yes, no, on, off, y, n); fix the value or the variable it is read from',
  int: 'an integer; fix the value or the variable it is read from',
  float: 'a number; fix the value or the variable it is read from',
};

function castAt(node: any, pattern: readonly string[], cast: Cast, at: Array<string | number>, file: string, problems: string[]): any {
  if (pattern.length === 0) {
    if (typeof node !== 'string') {
      return node;
    }
    const typed = castValue(node, cast);
    if (typed === undefined) {
      const port = at[at.length - 1] === 'target' && at[at.length - 3] === 'ports';
      problems.push(`${file}: ${docPath(at)}: got ${JSON.stringify(node)}; expected ${port ? 'a port number between 1 and 65535' : EXPECTED[cast]}`);
      return node;
    }
    return typed;
  }
  const [head, ...rest] = pattern;
  if (head === '[]' && Array.isArray(node)) {
    node.forEach((v, i) => { node[i] = castAt(v, rest, cast, [...at, i], file, problems); });
  } else if (head === '*' && isMap(node)) {
    for (const k of Object.keys(node)) {
      node[k] = castAt(node[k], rest, cast, [...at, k], file, problems);
    }
  } else if (isMap(node) && head in node) {
    node[head] = castAt(node[head], rest, cast, [...at, head], file, problems);
  }
  return node;
}

/** Casts interpolated strings to the booleans and numbers the schema asks for, in place; bad values are problems. */
export function castTypes(doc: Doc, file: string, problems: string[]): void {
  for (const [name, svc] of Object.entries<any>(isMap(doc.services) ? doc.services : {})) {
    for (const [pattern, cast] of SERVICE_CASTS) {
      castAt(svc, pattern.split('.'), cast, ['services', name], file, problems);
    }
  }
  for (const [pattern, cast] of TOP_CASTS) {
    castAt(doc, pattern.split('.'), cast, [], file, problems);
  }
}

// ---------------------------------------------------------------------------
// Long syntax.

/** A `KEY=VALUE` list or a map, as a map (a bare `KEY` maps to null: taken from the environment). */
export function listToMap(value: unknown): Record<string, any> {
  const out: Record<string, any> = {};
  if (Array.isArray(value)) {
    for (const item of value.map(String)) {
      const eq = item.indexOf('=');
      out[eq === -1 ? item : item.slice(0, eq)] = eq === -1 ? null : item.slice(eq + 1);
    }
    return out;
  }
  for (const [k, v] of Object.entries(value as Record<string, any> ?? {})) {
    out[k] = v === null || v === undefined ? null : typeof v === 'object' ? v : String(v);
  }
  return out;
}

function portRange(text: string): [number, number] | undefined {
  const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(text);
  if (m === null) {
    return undefined;
  }
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  return last < first ? undefined : [first, last];
}

/** One short-syntax port (`[ip:][host[-range]:]container[-range][/protocol]`) in the long syntax; a string is the problem. */
export function parsePortSpec(spec: string): Doc[] | string {
  const slash = spec.lastIndexOf('/');
  const protocol = slash === -1 ? 'tcp' : spec.slice(slash + 1);
  const parts = (slash === -1 ? spec : spec.slice(0, slash)).split(':');
  const n = parts.length;
  const container = parts[n - 1];
  const host = n >= 2 ? parts[n - 2] : '';
  let ip = n >= 3 ? parts.slice(0, n - 2).join(':') : '';
  if (ip.startsWith('[') && ip.endsWith(']')) {
    ip = ip.slice(1, -1);
  }
  const targets = portRange(container);
  const published = host === '' ? undefined : portRange(host);
  if (targets === undefined || (host !== '' && published === undefined) || protocol === '') {
    return `got '${spec}'; expected [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL] with port numbers or ranges`;
  }
  const count = targets[1] - targets[0];
  if (published !== undefined && count > 0 && published[1] - published[0] !== count) {
    return `got '${spec}'; expected a host range as long as the container range`;
  }
  const out: Doc[] = [];
  for (let t = targets[0]; t <= targets[1]; t++) {
    const pub = published === undefined ? undefined
      : count === 0 ? host : String(published[0] + (t - targets[0]));
    out.push({ mode: 'ingress', ...(ip === '' ? {} : { host_ip: ip }), target: t, ...(pub === undefined ? {} : { published: pub }), protocol });
  }
  return out;
}

function longPorts(ports: any[], at: string, problems: string[]): Doc[] {
  const out: Doc[] = [];
  ports.forEach((p, i) => {
    if (isMap(p)) {
      const { mode = 'ingress', host_ip: hostIp, target, published, protocol = 'tcp', ...rest } = p;
      out.push({ mode, ...(hostIp === undefined ? {} : { host_ip: hostIp }), target,
        ...(published === undefined || published === null ? {} : { published: String(published) }), protocol, ...rest });
    } else if (typeof p === 'number') {
      out.push({ mode: 'ingress', target: p, protocol: 'tcp' });
    } else {
      const parsed = parsePortSpec(String(p));
      if (typeof parsed === 'string') {
        problems.push(`${at}[${i}]: ${parsed}`);
      } else {
        out.push(...parsed);
      }
    }
  });
  return out;
}

const BIND_OPTIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave', 'z', 'Z']);

function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const s of p.split('/')) {
    if (s === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') {
      parts.pop();
    } else if (s !== '' && s !== '.' && !(s === '..' && abs)) {
      parts.push(s);
    }
  }
  const joined = parts.join('/');
  return abs ? `/${joined}` : joined || '.';
}

/** One short-syntax mount (`[source:]target[:options]`) in the long syntax; a string is the problem. The source stays as written. */
export function parseVolumeSpec(spec: string): Doc | string {
  if (spec.length === 0) {
    return "got ''; expected [SOURCE:]TARGET[:MODE]";
  }
  // A Windows path (`C:\data:/data`, `c:/app:/app`) starts with a drive letter and its colon.
  const drive = /^[A-Za-z]:[\\/]/.test(spec) ? spec.slice(0, 2) : '';
  const parts = spec.length <= 2 ? [spec] : spec.slice(drive.length).split(':');
  parts[0] = drive + parts[0];
  if (parts.length > 3) {
    return `got '${spec}'; expected [SOURCE:]TARGET[:MODE] (too many colons)`;
  }
  if (parts.some(p => p === '')) {
    return `got '${spec}'; expected [SOURCE:]TARGET[:MODE] (an empty section between colons)`;
  }
  const [source, target] = parts.length === 1 ? [undefined, parts[0]] : [parts[0], parts[1]];
  const options = (parts[2] ?? '').split(',').filter(o => o !== '');
  const bind = source !== undefined && (/^[./~]/.test(source) || drive !== '');
  const out: Doc = { type: bind ? 'bind' : 'volume', ...(source === undefined ? {} : { source }), target: cleanPath(target) };
  if (options.includes('ro') && options.lastIndexOf('ro') > options.lastIndexOf('rw')) {
    out.read_only = true;
  }
  if (bind) {
    const propagation = options.filter(o => BIND_OPTIONS.has(o) && o.toLowerCase() !== 'z').pop();
    const selinux = options.filter(o => o === 'z' || o === 'Z').pop();
    out.bind = { ...(propagation === undefined ? {} : { propagation }), create_host_path: true, ...(selinux === undefined ? {} : { selinux }) };
  } else {
    out.volume = options.includes('nocopy') ? { nocopy: true } : {};
  }
  return out;
}

function longVolumes(volumes: any[], at: string, problems: string[]): Doc[] {
  const out: Doc[] = [];
  volumes.forEach((v, i) => {
    if (isMap(v)) {
      out.push(v);
      return;
    }
    const parsed = parseVolumeSpec(String(v));
    if (typeof parsed === 'string') {
      problems.push(`${at}[${i}]: ${parsed}`);
    } else {
      out.push(parsed);
    }
  });
  return out;
}

function longDependsOn(value: any): Doc {
  const out: Doc = {};
  if (Array.isArray(value)) {
    for (const d of value) {
      out[String(d)] = { condition: 'service_started', required: true };
    }
    return out;
  }
  for (const [name, d] of Object.entries<any>(value ?? {})) {
    out[name] = { condition: 'service_started', required: true, ...(isMap(d) ? d : {}) };
  }
  return out;
}

/** A command line split into words as compose splits a string `command` (quotes, backslashes); undefined when a quote is open. */
export function shellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote !== undefined) {
      if (c === quote) {
        quote = undefined;
      } else if (c === '\\' && quote === '"' && /["\\$`]/.test(text.charAt(i + 1))) {
        word += text.charAt(++i);
      } else {
        word += c;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
      word = word ?? '';
    } else if (c === '\\') {
      if (i + 1 === text.length) {
        return undefined;
      }
      word = (word ?? '') + text.charAt(++i);
    } else if (/\s/.test(c)) {
      if (word !== undefined) {
        words.push(word);
      }
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote !== undefined) {
    return undefined;
  }
  return word === undefined ? words : [...words, word];
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 };

/** A byte size (`512m`, `1g`, `1.5GB`) as compose writes it: the number of bytes, as a string; undefined when it does not parse. */
export function bytesOf(value: unknown): string | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([a-z]*)$/i.exec(String(value).trim());
  const unit = m === null ? undefined : UNITS[m[2].toLowerCase()];
  return m === null || unit === undefined ? undefined : String(Math.floor(Number(m[1]) * unit));
}

function resources(deploy: Doc): Doc {
  if (!isMap(deploy.resources)) {
    return deploy;
  }
  const out: Doc = { ...deploy.resources };
  for (const side of ['limits', 'reservations']) {
    if (isMap(out[side])) {
      const r = { ...out[side] };
      if (r.memory !== undefined && bytesOf(r.memory) !== undefined) {
        r.memory = bytesOf(r.memory);
      }
      if (typeof r.cpus === 'string' && Number.isFinite(Number(r.cpus))) {
        r.cpus = Number(r.cpus);
      }
      out[side] = r;
    }
  }
  return { ...deploy, resources: out };
}

/** Services a service needs started first without saying so in depends_on: links, volumes_from, network_mode service:. */
function implicitDependencies(s: Doc): string[] {
  const names = [
    ...(Array.isArray(s.links) ? s.links.map((l: unknown) => String(l).split(':')[0]) : []),
    ...(Array.isArray(s.volumes_from) ? s.volumes_from.map(String).filter((v: string) => !v.startsWith('container:')).map((v: string) => v.replace(/^service:/, '').split(':')[0]) : []),
    ...(typeof s.network_mode === 'string' && s.network_mode.startsWith('service:') ? [s.network_mode.slice('service:'.length)] : []),
  ];
  return names;
}

/** Compose normal form of the keys the canonical transforms leave for later: commands, mounts, networks, resources, implicit dependencies. */
export function normalService(svc: Doc, at: string, problems: string[]): Doc {
  const s: Doc = { ...svc };
  for (const key of ['command', 'entrypoint']) {
    if (typeof s[key] === 'string') {
      const words = shellWords(s[key]);
      if (words === undefined) {
        problems.push(`${at}.${key}: got ${JSON.stringify(s[key])}; expected a command line whose quotes are closed and that does not end in a backslash`);
      } else {
        s[key] = words;
      }
    }
  }
  if (Array.isArray(s.secrets)) {
    s.secrets = s.secrets.map((m: any) => (isMap(m) ? m : { source: String(m), target: `/run/secrets/${String(m)}` }));
  }
  if (Array.isArray(s.configs)) {
    s.configs = s.configs.map((m: any) => (isMap(m) ? m : { source: String(m), target: `/${String(m)}` }));
  }
  if (Array.isArray(s.networks)) {
    s.networks = Object.fromEntries(s.networks.map((n: unknown) => [String(n), null]));
  }
  if (isMap(s.deploy)) {
    s.deploy = resources(s.deploy);
  }
  const implicit = implicitDependencies(s).filter(n => !isMap(s.depends_on) || s.depends_on[n] === undefined);
  if (implicit.length > 0) {
    s.depends_on = { ...(s.depends_on ?? {}) };
    for (const n of implicit) {
      s.depends_on[n] = { condition: 'service_started', restart: true, required: true };
    }
  }
  return serviceDefaults(s);
}

/**
 * One service in the long syntax, as compose-go's canonical transforms make it.
 * `at` names the service for problems (`file: services.web`).
 */
export function canonicalService(svc: Doc, at: string, problems: string[]): Doc {
  const s: Doc = { ...svc };
  for (const key of ['environment', 'labels', 'annotations']) {
    if (s[key] !== undefined && s[key] !== null) {
      s[key] = listToMap(s[key]);
    }
  }
  for (const key of ['labels', 'annotations']) {
    if (isMap(s[key])) {
      for (const k of Object.keys(s[key])) {
        s[key][k] = s[key][k] ?? '';
      }
    }
  }
  if (s.depends_on !== undefined) {
    s.depends_on = longDependsOn(s.depends_on);
  }
  if (typeof s.build === 'string') {
    s.build = { context: s.build };
  }
  if (s.env_file !== undefined) {
    s.env_file = (Array.isArray(s.env_file) ? s.env_file : [s.env_file]).map((f: any) => (typeof f === 'string' ? { path: f, required: true } : { required: true, ...f }));
  }
  if (typeof s.tmpfs === 'string') {
    s.tmpfs = [s.tmpfs];
  }
  if (Array.isArray(s.expose)) {
    s.expose = s.expose.map(String);
  }
  if (Array.isArray(s.ports)) {
    s.ports = longPorts(s.ports, `${at}.ports`, problems);
  }
  if (Array.isArray(s.volumes)) {
    s.volumes = longVolumes(s.volumes, `${at}.volumes`, problems);
  }
  if (isMap(s.healthcheck) && typeof s.healthcheck.test === 'string') {
    s.healthcheck = { ...s.healthcheck, test: ['CMD-SHELL', s.healthcheck.test] };
  }
  for (const [key, indexer] of Object.entries(UNIQUE)) {
    if (Array.isArray(s[key])) {
      s[key] = unique(s[key], indexer);
    }
  }
  return s;
}

/** Defaults compose sets once every file is merged: a build's context and Dockerfile. */
export function serviceDefaults(svc: Doc): Doc {
  return isMap(svc.build) ? { ...svc, build: { context: '.', dockerfile: 'Dockerfile', ...svc.build } } : svc;
}

// ---------------------------------------------------------------------------
// Merging files, as compose-go merges them.

type Indexer = (item: any) => string;
const keyValue: Indexer = item => (isMap(item) ? JSON.stringify(item) : String(item).split('=')[0]);
const byTarget: Indexer = item => (isMap(item) ? String(item.target ?? '') : String(item));
const mountIndexer = (base: string): Indexer => item => {
  if (!isMap(item)) {
    return `${base}/${String(item)}`;
  }
  const target = item.target ?? item.source;
  return String(target).startsWith('/') ? String(target) : `${base}/${String(target)}`;
};

/** Lists that keep one entry per key after merging (the later entry takes the earlier one's place). */
const UNIQUE: Readonly<Record<string, Indexer>> = {
  ports: p => (isMap(p) ? `${p.host_ip ?? ''}:${p.published ?? ''}:${p.target}/${p.protocol ?? 'tcp'}/${p.mode ?? 'ingress'}` : String(p)),
  volumes: byTarget,
  expose: e => String(e),
  secrets: mountIndexer('/run/secrets'),
  configs: mountIndexer(''),
  env_file: f => (isMap(f) ? String(f.path) : String(f)),
  tmpfs: keyValue,
  cap_add: keyValue,
  cap_drop: keyValue,
  dns: keyValue,
  dns_opt: keyValue,
  dns_search: keyValue,
  links: keyValue,
  profiles: keyValue,
  devices: d => (isMap(d) ? String(d.target ?? d.source) : String(d).split(':')[1] ?? String(d)),
};
/** Keys the later file replaces whole instead of merging. */
const REPLACED = new Set(['command', 'entrypoint']);

function unique(items: any[], indexer: Indexer): any[] {
  const out: any[] = [];
  const at = new Map<string, number>();
  for (const item of items) {
    const key = indexer(item);
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, out.length);
      out.push(item);
    } else {
      out[i] = item;
    }
  }
  return out;
}

/** Maps merge key by key, lists append, scalars are replaced. */
function mergeValue(a: any, b: any): any {
  if (isMap(a) && isMap(b)) {
    const out: Doc = { ...a };
    for (const [k, v] of Object.entries(b)) {
      out[k] = k in out ? mergeValue(out[k], v) : v;
    }
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return [...a, ...b];
  }
  return b;
}

/** A later service definition over an earlier one. */
export function mergeService(a: Doc, b: Doc): Doc {
  const out: Doc = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (!(key in out) || REPLACED.has(key)) {
      out[key] = value;
    } else if (key === 'healthcheck' && isMap(out[key]) && isMap(value)) {
      out[key] = { ...out[key], ...value };
    } else if (key === 'build' && isMap(out[key]) && isMap(value)) {
      out[key] = mergeValue(out[key], value);
    } else {
      const merged = mergeValue(out[key], value);
      out[key] = UNIQUE[key] !== undefined && Array.isArray(merged) ? unique(merged, UNIQUE[key]) : merged;
    }
  }
  return out;
}

/** A later file over the merged earlier ones. */
export function mergeDocs(a: Doc, b: Doc): Doc {
  const out: Doc = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (key === 'services' && isMap(value)) {
      const services: Doc = { ...(isMap(a.services) ? a.services : {}) };
      for (const [name, svc] of Object.entries<any>(value)) {
        services[name] = services[name] === undefined ? svc : mergeService(services[name], svc ?? {});
      }
      out.services = services;
    } else {
      out[key] = key in out ? mergeValue(out[key], value) : value;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// `!reset` and `!override`: paths recorded while reading a file, applied when it is merged.

/** Where a file tags values: `!reset` removes the key from the result, `!override` replaces instead of merging. */
export interface MergeTags {
  readonly reset: ReadonlyArray<readonly string[]>;
  readonly override: ReadonlyArray<readonly string[]>;
}

function deleteAt(doc: any, path: readonly string[]): void {
  let node = doc;
  for (const key of path.slice(0, -1)) {
    if (!isMap(node) || !isMap(node[key])) {
      return;
    }
    node = node[key];
  }
  if (isMap(node)) {
    delete node[path[path.length - 1]];
  }
}

/** Removes the paths from a document: a copy along the paths, the rest shared. */
export function withoutPaths(doc: Doc, paths: ReadonlyArray<readonly string[]>): Doc {
  const root: Doc = { ...doc };
  for (const path of paths) {
    let node: any = root;
    for (const key of path.slice(0, -1)) {
      if (!isMap(node[key])) {
        break;
      }
      node[key] = { ...node[key] };
      node = node[key];
    }
  }
  for (const path of paths) {
    deleteAt(root, path);
  }
  return root;
}
