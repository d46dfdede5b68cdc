/**
 * Compares the importer's loaded compose model with compose-go's (a
 * fixture's reference.json), service by service, on the fields that decide
 * how a container runs. Both sides are first rewritten to one long syntax:
 * ports and volumes as objects with compose's defaults, durations in seconds,
 * relative bind sources as `./path` from the project folder, lists whose
 * order means nothing sorted. Values are not coerced otherwise: an
 * environment value must be the same string on both sides.
 */
import * as path from 'path';

/** JSON with the keys of every object sorted, so equal values print the same. */
export function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => (Array.isArray(v) ? v.map(sort) : v !== null && typeof v === 'object'
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, sort((v as Record<string, unknown>)[k])])) : v);
  return JSON.stringify(sort(value)) ?? 'undefined';
}

/** One field of one service that differs. */
export interface Difference {
  readonly service: string;
  readonly field: string;
  readonly ours: unknown;
  readonly reference: unknown;
}

/** The fields compared, each normalised the same way on both sides. */
export const FIELDS: Readonly<Record<string, (value: any, dir?: string) => unknown>> = {
  environment: environment,
  ports: ports,
  expose: (v: any) => (v === undefined || v === null ? [] : (v as unknown[]).map(String).sort()),
  volumes: volumes,
  profiles: (v: any) => (v === undefined || v === null ? [] : [...(v as string[])].sort()),
  depends_on: dependsOn,
  healthcheck: healthcheck,
};

/**
 * A `KEY=VALUE` list or a map, as a map of the variables the container gets:
 * a bare `KEY` (null) that the env file does not set stays unset in the
 * container, so it is left out.
 */
function environment(value: any): Record<string, unknown> {
  if (value === undefined || value === null) {
    return {};
  }
  const pairs: Array<[string, unknown]> = Array.isArray(value)
    ? value.map(String).map(item => {
      const eq = item.indexOf('=');
      return eq === -1 ? [item, null] : [item.slice(0, eq), item.slice(eq + 1)];
    })
    : Object.entries(value);
  return Object.fromEntries(pairs.filter(([, v]) => v !== null));
}

interface Port {
  target: number;
  published?: string;
  host_ip?: string;
  protocol: string;
}

/** Ports in long syntax (published a string, protocol tcp by default), a range as one entry per port, sorted. */
function ports(value: any): Port[] {
  const list: Port[] = [];
  for (const p of (value ?? []) as unknown[]) {
    if (p !== null && typeof p === 'object') {
      const o = p as Record<string, unknown>;
      list.push(port(Number(o.target), o.published === undefined || o.published === null || o.published === '' ? undefined : String(o.published),
        o.host_ip === undefined || o.host_ip === '' ? undefined : String(o.host_ip), o.protocol === undefined ? 'tcp' : String(o.protocol)));
    } else {
      list.push(...shortPort(String(p)));
    }
  }
  return list.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

function port(target: number, published: string | undefined, hostIp: string | undefined, protocol: string): Port {
  return { target, ...(published === undefined ? {} : { published }), ...(hostIp === undefined ? {} : { host_ip: hostIp }), protocol };
}

/** `[HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]`, ranges allowed on both sides. */
function shortPort(text: string): Port[] {
  const slash = text.lastIndexOf('/');
  const protocol = slash === -1 ? 'tcp' : text.slice(slash + 1);
  const parts = (slash === -1 ? text : text.slice(0, slash)).split(':');
  const target = parts.pop() as string;
  const published = parts.length > 0 ? parts.pop() as string : '';
  const hostIp = parts.length > 0 ? parts.join(':').replace(/^\[(.*)\]$/, '$1') : '';
  const [t0, t1 = t0] = target.split('-').map(Number);
  const pubRange = published.split('-').map(Number);
  const out: Port[] = [];
  for (let t = t0; t <= t1; t++) {
    const pub = published === '' ? undefined : t1 > t0 && pubRange.length === 2 ? String(pubRange[0] + t - t0) : published;
    out.push(port(t, pub, hostIp === '' ? undefined : hostIp, protocol));
  }
  return out;
}

interface Volume {
  type: string;
  source?: string;
  target: string;
  read_only: boolean;
}

/** A bind source as compose resolves it: relative to the project folder `dir` (when known), written `./path` (or `.`). */
function bindSource(source: string, dir?: string): string {
  const inDir = dir !== undefined && (source === dir || source.startsWith(`${dir}/`));
  if (!source.startsWith('.') && !inDir) {
    return source;
  }
  const rel = inDir ? path.posix.relative(dir, source) || '.' : path.posix.normalize(source).replace(/\/$/, '');
  return rel === '.' || rel.startsWith('../') || rel === '..' ? rel : `./${rel}`;
}

/** Volumes in long syntax (type, source, target, read_only false by default), sorted by target. */
function volumes(value: any, dir?: string): Volume[] {
  const list: Volume[] = [];
  for (const v of (value ?? []) as unknown[]) {
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const type = String(o.type ?? 'volume');
      const source = o.source === undefined || o.source === '' ? undefined : type === 'bind' ? bindSource(String(o.source), dir) : String(o.source);
      list.push({ type, ...(source === undefined ? {} : { source }), target: String(o.target), read_only: o.read_only === true });
    } else {
      list.push(shortVolume(String(v), dir));
    }
  }
  return list.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

/** `[SOURCE:]TARGET[:MODE]`: a source starting with `.`, `/` or `~` is a bind mount, any other a named volume. */
function shortVolume(text: string, dir?: string): Volume {
  const parts = text.split(':');
  if (parts.length === 1) {
    return { type: 'volume', target: parts[0], read_only: false };
  }
  const [source, target, mode = ''] = parts;
  const bind = /^[./~]/.test(source);
  return { type: bind ? 'bind' : 'volume', source: bind ? bindSource(source, dir) : source, target, read_only: mode.split(',').includes('ro') };
}

/** depends_on as a map of `{ condition, required }` (service_started and true by default). */
function dependsOn(value: any): Record<string, unknown> {
  if (value === undefined || value === null) {
    return {};
  }
  const entries: [string, any][] = Array.isArray(value) ? value.map((d: string) => [d, {}]) : Object.entries(value);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, d]) => [name, {
    condition: d?.condition ?? 'service_started',
    required: d?.required ?? true,
  }]));
}

/** A Go or compose duration (`1m30s`, `500ms`) in seconds; anything else as it is. */
export function seconds(value: unknown): unknown {
  if (typeof value !== 'string' || !/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value)) {
    return value;
  }
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const [, n, u] of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(n) * unit[u];
  }
  return Math.round(total * 1e6) / 1e6;
}

/** A health check with its test as a list (a string is `CMD-SHELL`), durations in seconds, disable false by default. */
function healthcheck(value: any): Record<string, unknown> | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const test = typeof value.test === 'string' ? ['CMD-SHELL', value.test] : value.test;
  const out: Record<string, unknown> = { disable: value.disable ?? false };
  for (const [key, v] of [['test', test], ['interval', seconds(value.interval)], ['timeout', seconds(value.timeout)],
    ['retries', value.retries], ['start_period', seconds(value.start_period)]] as const) {
    if (v !== undefined && v !== null) {
      out[key] = v;
    }
  }
  return out;
}

/** Fields that are maps: a difference is reported per key. */
const KEYED = new Set(['environment', 'depends_on']);

/**
 * Every compared field of every service that differs, and every service only one side has.
 * `dir` is the project folder: an absolute bind source inside it is written `./path` too.
 */
export function differences(ours: Record<string, any>, reference: Record<string, any>, dir?: string): Difference[] {
  const out: Difference[] = [];
  const names = [...new Set([...Object.keys(ours), ...Object.keys(reference)])].sort();
  for (const service of names) {
    if (ours[service] === undefined || reference[service] === undefined) {
      out.push({ service, field: '(service)', ours: ours[service] === undefined ? undefined : 'present', reference: reference[service] === undefined ? undefined : 'present' });
      continue;
    }
    for (const [field, normal] of Object.entries(FIELDS)) {
      const a = normal(ours[service][field], dir);
      const b = normal(reference[service][field]);
      if (canonical(a) === canonical(b)) {
        continue;
      }
      if (KEYED.has(field)) {
        const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
        for (const key of keys.filter(k => canonical((a as any)[k]) !== canonical((b as any)[k]))) {
          out.push({ service, field: `${field}.${key}`, ours: (a as any)[key], reference: (b as any)[key] });
        }
      } else {
        out.push({ service, field, ours: a, reference: b });
      }
    }
  }
  return out;
}

/** One line per difference: service, field, both values (`(absent)` when a side has none). */
export function describeDifference(d: Difference): string {
  const show = (v: unknown) => (v === undefined ? '(absent)' : canonical(v));
  return `${d.service}: ${d.field}: ours ${show(d.ours)}, reference ${show(d.reference)}`;
}
