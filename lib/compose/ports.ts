/**
 * Ports and names: compose's `ports` and `expose` (short and long syntax, TCP
 * and UDP), x-stackport `ports`, the ports other services reach a service on,
 * the spec's named ports, and which services others reach by name (or by a
 * network or `links` alias), so each of those gets a Service.
 */
import { posix } from 'path';
import { SERVICE_KINDS } from '../spec/service-kinds';
import { PortSpec } from '../spec/types';
import { Mapper, ServiceContext } from './context';
import { serviceEnvironment } from './environment';
import { Service } from './generated/compose-spec';
import { Kind } from './kind';
import { insideProject, volumeMounts } from './volumes';

/**
 * Ports that are not HTTP, so a published one gets no route: mail, file
 * transfer, databases and their poolers, brokers (Kafka, AMQP, MQTT, NATS),
 * directories, DNS, syslog, SIP, log shippers, remote desktops.
 */
export const NON_HTTP_PORTS = new Set([20, 21, 22, 23, 25, 53, 110, 123, 143, 161, 162, 389, 465, 514, 587, 636, 993, 995, 1025, 1433, 1521, 1812, 1813,
  1883, 2049, 2181, 2888, 3306, 3389, 3888, 4222, 4369, 5044, 5060, 5061, 5222, 5269, 5432, 5671, 5672, 5900, 6222, 6379, 6380, 6432, 6543, 6514,
  7687, 8883, 9042, 9092, 9093, 9094, 9300, 11211, 25672, 26257, 27017, 27018, 27019, 28015, 29092, 61613, 61616]);

/**
 * Ports that serve HTTPS: an Ingress speaks plain HTTP to its backends (the
 * profile's tls gives the routes TLS), so a published one gets no route.
 */
export const TLS_PORTS = new Set([443, 8443, 9443]);

/** At most this many ports of one range are declared (each is a Service port). */
const MAX_RANGE = 100;

/** One entry of `ports` or `expose`: the container port, whether and where the host publishes it. */
export interface Port {
  readonly target: number;
  /** A host port is given (`8080:80`, `127.0.0.1::80`, long syntax `published`). */
  readonly published: boolean;
  /** Lower case: `tcp`, `udp`, `sctp`. */
  readonly protocol: string;
  /** The host address it is published on. @default - every interface */
  readonly hostIp?: string;
  /** The host port (a number, or empty for a random one; its own number in a range). */
  readonly hostPort?: string;
  /** The `ports` or `expose` entry as written: a range is one entry. */
  readonly item: string;
}

/** A service's ports: those compose lists (TCP and UDP), the TCP container ports, and their specs. */
export interface MappedPorts {
  /** The TCP and UDP ports of `ports`, `expose` and x-stackport `ports`, as compose lists them (routes follow published ones). */
  readonly ports: Port[];
  /** The TCP container ports declared, in order. */
  readonly targets: number[];
  /** TCP ports first (the first one is primary: probes and waits connect to it), then UDP ones. */
  readonly portSpecs: PortSpec[];
}

/** Ports of the short (`[ip:][host:]container[/proto]`, ranges, `[::1]:80:80`) and long syntax. */
export function parsePorts(items: readonly any[], at: string, problems: string[], note: (text: string) => void = () => undefined): Port[] {
  const ports: Port[] = [];
  items.forEach((item, i) => {
    if (typeof item === 'object' && item !== null) {
      const target = Number(item.target);
      if (!(Number.isInteger(target) && target >= 1 && target <= 65535)) {
        problems.push(`${at}[${i}].target: got ${JSON.stringify(item.target)}; expected a port number between 1 and 65535`);
        return;
      }
      const protocol = String(item.protocol ?? 'tcp').toLowerCase();
      const hostIp = item.host_ip === undefined || item.host_ip === null || item.host_ip === '' ? undefined : String(item.host_ip);
      const hostPort = item.published === undefined || item.published === null ? undefined : String(item.published);
      const written = `${hostIp === undefined ? '' : `${hostIp.includes(':') ? `[${hostIp}]` : hostIp}:`}${hostPort === undefined ? '' : `${hostPort}:`}${target}${protocol === 'tcp' ? '' : `/${protocol}`}`;
      ports.push({
        item: written, target, published: hostPort !== undefined && hostPort !== '', protocol,
        ...(hostIp === undefined ? {} : { hostIp }), ...(hostPort === undefined ? {} : { hostPort }),
      });
      return;
    }
    const text = String(item);
    const slash = text.lastIndexOf('/');
    const spec = slash === -1 ? text : text.slice(0, slash);
    const protocol = slash === -1 ? 'tcp' : text.slice(slash + 1).toLowerCase();
    const v6 = /^\[([^\]]*)\]:(.*)$/.exec(spec);
    const parts = (v6 === null ? spec : v6[2]).split(':');
    const hostIp = v6 !== null ? v6[1] : parts.length === 3 ? parts.shift() : undefined;
    const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(parts[parts.length - 1]);
    if (m === null || parts.length > 2) {
      problems.push(`${at}[${i}]: got '${item}'; expected [HOST_IP:][HOST:]CONTAINER[/PROTOCOL] with port numbers`);
      return;
    }
    const first = Number(m[1]);
    const end = m[2] === undefined ? first : Number(m[2]);
    const last = Math.min(end, first + MAX_RANGE - 1);
    if (last < end) {
      note(`${at.replace(/^.*: /, '')}[${i}] '${text}' declares ports ${first} to ${last} only (${MAX_RANGE} of the range, each a Service port): add the rest to the chart's ports if clients use them`);
    }
    const hostFirst = parts.length > 1 ? /^([0-9]+)(?:-[0-9]+)?$/.exec(parts[0]) : null;
    for (let p = first; p <= last; p++) {
      const hostPort = parts.length < 2 ? undefined : hostFirst === null ? parts[0] : String(Number(hostFirst[1]) + p - first);
      ports.push({ item: text, target: p, published: parts.length > 1, protocol, ...(hostIp === undefined ? {} : { hostIp }), ...(hostPort === undefined ? {} : { hostPort }) });
    }
  });
  return rangesOf(ports, at, note);
}

/** Whether `b` continues a range after `a`: the next container port, and the next host port if any, on the same address and protocol. */
function continues(a: Port, b: Port): boolean {
  return b.target === a.target + 1 && b.protocol === a.protocol && b.hostIp === a.hostIp && b.published === a.published
    && (a.hostPort === undefined || a.hostPort === '' ? b.hostPort === a.hostPort : Number(b.hostPort) === Number(a.hostPort) + 1);
}

/**
 * Runs of three or more consecutive ports, as the loader writes a range
 * (`7000-7002:7000-7002`) in the long syntax: one entry again, written as a
 * range, so it gets at most one route; at most {@link MAX_RANGE} of its ports.
 */
function rangesOf(ports: readonly Port[], at: string, note: (text: string) => void): Port[] {
  const out: Port[] = [];
  for (let i = 0; i < ports.length;) {
    let j = i + 1;
    while (j < ports.length && ports[j].item !== ports[i].item && continues(ports[j - 1], ports[j])) {
      j++;
    }
    const run = ports.slice(i, j);
    if (run.length < 3) {
      out.push(ports[i]);
      i++;
      continue;
    }
    const [a, z] = [run[0], run[run.length - 1]];
    const host = a.hostPort === undefined || a.hostPort === '' ? '' : `${a.hostPort}-${z.hostPort}:`;
    const item = `${a.hostIp === undefined ? '' : `${a.hostIp.includes(':') ? `[${a.hostIp}]` : a.hostIp}:`}${host}${a.target}-${z.target}${a.protocol === 'tcp' ? '' : `/${a.protocol}`}`;
    if (run.length > MAX_RANGE) {
      note(`${at.replace(/^.*: /, '')} '${item}' declares ports ${a.target} to ${a.target + MAX_RANGE - 1} only (${MAX_RANGE} of the range, each a Service port): add the rest to the chart's ports if clients use them`);
    }
    out.push(...run.slice(0, MAX_RANGE).map(p => ({ ...p, item })));
    i = j;
  }
  return out;
}

/**
 * The ports services reach each other on by `name:port` in their settings and
 * commands and in the project files it reads: compose lets a container reach every port of another, Kubernetes
 * only the ports its Service declares.
 */
export function collectReferencedPorts(m: Mapper, entries: Array<[string, any]>): void {
  // A service's name or one of its aliases (collectNamedServices runs first) -> the service.
  const targets = new Map<string, string>(entries.map(([n]) => [n, n]));
  for (const [n] of entries) {
    (m.aliases.get(n) ?? []).filter(a => !targets.has(a)).forEach(a => targets.set(a, n));
  }
  // One scan per text: every `name:port` whose name (a whole token) is another service's.
  const address = /(?:^|[^A-Za-z0-9_.-])([A-Za-z0-9_.-]+):([0-9]{1,5})(?![0-9])/g;
  for (const [name, svc] of entries) {
    const command = [svc?.command, svc?.entrypoint].flat().filter(w => w !== undefined && w !== null).map(String);
    const texts = [...serviceEnvironment(m, name, svc ?? {}).map(([, v]) => v), ...command, ...projectTexts(m, svc ?? {})];
    for (const text of texts) {
      for (const [, host, digits] of text.matchAll(address)) {
        const target = targets.get(host);
        const port = Number(digits);
        if (target !== undefined && target !== name && port >= 1 && port <= 65535) {
          m.referencedPorts.set(target, (m.referencedPorts.get(target) ?? new Set()).add(port));
        }
      }
    }
  }
}

/**
 * The TCP and UDP ports of `ports`, `expose`, x-stackport `ports` and kompose's
 * readiness port labels, the catalog's port when there is none, and the ports
 * other services connect to; the first HTTP one is named `http`, UDP ones `udp-N`.
 */
export function mapPorts(svc: Service, c: ServiceContext): MappedPorts {
  const { m, name, known, note, x } = c;
  if (x.ports !== undefined && !Array.isArray(x.ports)) {
    m.problems.push(`${c.where('x-stackport')}.ports: got ${JSON.stringify(x.ports)}; expected a list of ports such as ['8080', '53/udp']`);
  }
  const ports = [
    ...parsePorts(svc.ports ?? [], c.where('ports'), m.problems, note),
    ...parsePorts((svc.expose ?? []).map((e: any) => String(e)), c.where('expose'), m.problems, note),
    ...parsePorts((Array.isArray(x.ports) ? x.ports : []).map((e: any) => String(e)), `${c.where('x-stackport')}.ports`, m.problems, note),
    ...parsePorts(komposePorts(c.labels), c.where('labels'), m.problems, note),
  ];
  const carried = ports.filter(p => p.protocol === 'tcp' || p.protocol === 'udp');
  for (const p of ports.filter(p => !carried.includes(p))) {
    note(`port ${p.target}/${p.protocol} is dropped: only TCP and UDP ports are carried over (add it to the chart's ports by hand)`);
  }
  const targets = [...new Set(carried.filter(p => p.protocol === 'tcp').map(p => p.target))];
  const udp = [...new Set(carried.filter(p => p.protocol === 'udp').map(p => p.target))];
  const imagePorts = [...known.ports, ...known.exposed];
  if (targets.length === 0 && udp.length === 0 && imagePorts.length > 0) {
    targets.push(...imagePorts.filter(p => p.protocol !== 'UDP').map(p => p.port));
    udp.push(...imagePorts.filter(p => p.protocol === 'UDP').map(p => p.port));
    if (known.exposed.length > 0) {
      note(`compose lists no ports; the image's config (read from ${known.facts!.source}) exposes ${known.exposed.map(p => `${p.port}/${p.protocol.toLowerCase()}`).join(', ')}: its Service carries them`);
    }
  }
  for (const port of [...(m.referencedPorts.get(name) ?? [])].sort((a, b) => a - b).filter(p => !targets.includes(p))) {
    targets.push(port);
    note(`port ${port} is not in compose's ports or expose, but other services connect to ${name}:${port}: it is declared so its Service and NetworkPolicy carry it`);
  }
  for (const port of selfPorts(svc, c).filter(p => !targets.includes(p))) {
    targets.push(port);
    note(`port ${port} is not in compose's ports or expose, but its own health check or command reaches ${name}:${port}: it is declared so its Service and NetworkPolicy carry it`);
  }
  if (carried.length === 0 && imagePorts.length === 0) {
    for (const [port, what] of localPorts(svc).filter(([p]) => !targets.includes(p))) {
      targets.push(port);
      note(`port ${port} is not in compose's ports or expose, but its health check (healthcheck test '${what}') shows it listens there: it is declared so its Service and NetworkPolicy carry it; if it serves nobody, set x-stackport kind: worker`);
    }
  }
  const knownPort = (t: number, protocol: 'TCP' | 'UDP') => known.ports.find(k => k.port === t && (k.protocol ?? 'TCP') === protocol);
  const httpPort = targets.find(t => knownPort(t, 'TCP') === undefined && !NON_HTTP_PORTS.has(t) && !TLS_PORTS.has(t));
  const httpNamed = known.ports.some(k => k.name === 'http');
  const portSpecs: PortSpec[] = [
    ...targets.map(t => ({ name: knownPort(t, 'TCP')?.name ?? (t === httpPort && !httpNamed ? 'http' : `tcp-${t}`), port: t })),
    ...udp.map(t => ({ name: knownPort(t, 'UDP')?.name ?? `udp-${t}`, port: t, protocol: 'UDP' as const })),
  ];
  komposeServiceNotes(c);
  return { ports: carried, targets, portSpecs };
}

/** The ports a service reaches itself on by `name:port` (its name or an alias) in its health check or command: in compose the name is the container itself. */
function selfPorts(svc: Service, c: ServiceContext): number[] {
  const { m, name } = c;
  const test = svc.healthcheck?.test;
  const texts = [svc.command, svc.entrypoint, Array.isArray(test) ? test.slice(1) : test].flat().filter(w => w !== undefined && w !== null).map(String);
  const own = new Set([name, ...(m.aliases.get(name) ?? [])]);
  const address = /(?:^|[^A-Za-z0-9_.-])([A-Za-z0-9_.-]+):([0-9]{1,5})(?![0-9])/g;
  const ports = texts.flatMap(t => [...t.matchAll(address)].filter(([, host]) => own.has(host)).map(([, , digits]) => Number(digits)));
  return [...new Set(ports.filter(p => p >= 1 && p <= 65535))].sort((a, b) => a - b);
}

/** The loopback names a container reaches itself by. */
const LOOPBACK = '(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1\\])';

/**
 * The ports a service's own health check reaches on the loopback (`http://localhost:8080/ping`,
 * `nc -z 127.0.0.1 5432`; a URL without a port uses its scheme's), each with the words that show it.
 */
function localPorts(svc: Service): Array<[number, string]> {
  const test = svc.healthcheck?.disable === true ? undefined : svc.healthcheck?.test;
  const text = (Array.isArray(test) ? test.slice(test[0] === 'CMD' || test[0] === 'CMD-SHELL' ? 1 : 0) : [test]).filter(w => w !== undefined && w !== null).map(String).join(' ');
  if (text === '' || text === 'NONE') {
    return [];
  }
  const found = new Map<number, string>();
  const add = (port: number, what: string) => found.has(port) ? undefined : found.set(port, what);
  for (const [what, scheme, port] of text.matchAll(new RegExp(`\\b(https?)://${LOOPBACK}(?::([0-9]{1,5}))?(?![0-9.:A-Za-z-])`, 'g'))) {
    add(port !== undefined ? Number(port) : scheme === 'https' ? 443 : 80, what);
  }
  for (const [what, port] of text.matchAll(new RegExp(`\\b(?:nc|netcat|ncat)\\s+(?:-[a-zA-Z]+\\s+)*${LOOPBACK}\\s+([0-9]{1,5})(?![0-9])`, 'g'))) {
    add(Number(port), what);
  }
  for (const [what, port] of text.matchAll(new RegExp(`/dev/tcp/${LOOPBACK}/([0-9]{1,5})(?![0-9])`, 'g'))) {
    add(Number(port), what);
  }
  return [...found].filter(([p]) => p >= 1 && p <= 65535).sort(([a], [b]) => a - b);
}

/** The ports kompose's readiness and liveness labels probe: the container listens there. */
function komposePorts(labels: Record<string, string>): string[] {
  const ports = ['readiness', 'liveness'].flatMap(probe => ['http_get_port', 'tcp_port'].map(k => labels[`kompose.service.healthcheck.${probe}.${k}`]));
  return [...new Set(ports.filter((p): p is string => p !== undefined))];
}

/** kompose's Service labels this spec does not carry: the Service type, its node port, the Ingress class and TLS secret. */
function komposeServiceNotes(c: ServiceContext): void {
  const { labels, label, note } = c;
  const type = labels['kompose.service.type'];
  if (type !== undefined && !['clusterip', 'headless'].includes(type.toLowerCase())) {
    note(`kompose.service.type '${type}' becomes a ClusterIP Service: outside clients reach HTTP through its route (x-stackport host/path), other ports with kubectl port-forward svc/${label} PORT`);
  }
  const nodePort = labels['kompose.service.nodeport.port'];
  if (nodePort !== undefined) {
    note(`kompose.service.nodeport.port '${nodePort}' is not used: no NodePort Service is made; reach the port with kubectl port-forward svc/${label} PORT, or route it (x-stackport host/path)`);
  }
  const tlsSecret = labels['kompose.service.expose.tls-secret'];
  if (tlsSecret !== undefined) {
    note(`kompose.service.expose.tls-secret '${tlsSecret}' is not used: the profile's tls decides TLS for every route (environments/*.ts)`);
  }
  const className = labels['kompose.service.expose.ingress-class-name'];
  if (className !== undefined) {
    note(`kompose.service.expose.ingress-class-name '${className}' is not used: the profile's routing.className decides the Ingress class (environments/*.ts)`);
  }
}

/** A bare host (`redis`) follows these flags in a command (`-h redis`, `--host=redis`). */
const HOST_FLAG = /^(-h|-H|--host|--hostname|--server|--broker|--addr|--address|--url|--endpoint)$/;
/** A bare host is a host only in a variable named for one (DB_HOST=db, not MYSQL_USER=grafana). */
const HOST_VARIABLE = /HOST|ADDR|SERVER|URL|URI|ENDPOINT|BROKER|NODES|SERVICE|DSN|PEERS|UPSTREAM|BACKEND/i;

/**
 * Which services others reach by name, and by which aliases: a host in a
 * setting, an address or a host flag in a command or health check, an address
 * in a config's content, `links`, and network `aliases`. Each of those needs a
 * Service (DNS name) and a NetworkPolicy edge from its callers.
 */
export function collectNamedServices(m: Mapper, entries: Array<[string, any]>): void {
  const named = (target: string, caller: string) => m.namedBy.set(target, (m.namedBy.get(target) ?? new Set()).add(caller));
  const addAlias = (target: string, alias: string) => {
    const list = m.aliases.get(target) ?? [];
    if (alias !== target && !list.includes(alias)) {
      m.aliases.set(target, [...list, alias]);
    }
  };
  for (const [name, svc] of entries) {
    const networks = svc?.networks !== null && typeof svc?.networks === 'object' && !Array.isArray(svc.networks) ? svc.networks : {};
    for (const net of Object.values<any>(networks)) {
      (net?.aliases ?? []).forEach((a: unknown) => addAlias(name, String(a)));
    }
  }
  for (const [caller, svc] of entries) {
    for (const link of svc?.links ?? []) {
      const [target, alias] = String(link).split(':');
      if (m.names.has(target) && target !== caller) {
        named(target, caller);
        if (alias !== undefined && alias !== '') {
          addAlias(target, alias);
        }
      }
    }
  }
  for (const [caller, svc] of entries) {
    const deps = Array.isArray(svc?.depends_on) ? svc.depends_on.map((d: unknown) => [String(d), {}]) : Object.entries<any>(svc?.depends_on ?? {});
    for (const [target] of deps.filter(([t, d]: [string, any]) => m.names.has(t) && t !== caller && d?.condition !== 'service_completed_successfully')) {
      m.dependedOnBy.set(target, (m.dependedOnBy.get(target) ?? new Set()).add(caller));
    }
  }
  const escape = (n: string) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const [target] of entries) {
    const alt = [...new Set([target, m.names.get(target)!, ...(m.aliases.get(target) ?? [])])].map(escape).join('|');
    const address = new RegExp(`(?://|@)(?:${alt})(?=[:/]|$)|(?:^|[^A-Za-z0-9_.-])(?:${alt}):[0-9]+`);
    const host = new RegExp(`(?:^|[,=\\s])(?:${alt})(?=$|[,\\s])`);
    const word = new RegExp(`^(?:${alt})$`);
    for (const [caller, svc] of entries.filter(([n]) => n !== target)) {
      const texts = textsOf(m, caller, svc ?? {});
      if (texts.settings.some(([v, t]) => address.test(t) || (HOST_VARIABLE.test(v) && host.test(t)))
        || texts.words.some((w, i) => address.test(w) || hostAfterFlag(texts.words, i, word))
        || texts.files.some(t => address.test(t))) {
        named(target, caller);
      }
    }
  }
}

/** Word `i` is a host given to a host flag: `-h redis`, `--host=redis`. */
function hostAfterFlag(words: readonly string[], i: number, word: RegExp): boolean {
  const eq = words[i].indexOf('=');
  return (i > 0 && HOST_FLAG.test(words[i - 1]) && word.test(words[i]))
    || (eq > 0 && HOST_FLAG.test(words[i].slice(0, eq)) && word.test(words[i].slice(eq + 1)));
}

/** What a service writes that may name another: its settings, its command and health check words, its configs' content. */
function textsOf(m: Mapper, name: string, svc: any): { settings: Array<[string, string]>; words: string[]; files: string[] } {
  const test = svc.healthcheck?.test;
  const words = [svc.command, svc.entrypoint, Array.isArray(test) ? test.slice(1) : test].flat()
    .filter(w => w !== undefined && w !== null).flatMap(w => String(w).split(/\s+/)).map(w => w.replace(/^["']|["';]$/g, ''));
  const files = projectTexts(m, svc);
  return { settings: serviceEnvironment(m, name, svc), words, files };
}

/** Files above this size are not read for names (logs, data, binaries). */
const MAX_TEXT_BYTES = 1024 * 1024;
/** At most this many files of one bound folder are read for names. */
const MAX_FOLDER_FILES = 200;
const projectTextCache = new WeakMap<object, string[]>();

/**
 * The text of the project files a service reads: its configs' content, the
 * single files it binds, and the files of the folders it binds read-only
 * inside the project (text files of at most 1 MiB). Names in them (`proxy_pass
 * http://api:8080;`) reach other services as names in settings do.
 */
export function projectTexts(m: Mapper, svc: any): string[] {
  const cached = projectTextCache.get(svc);
  if (cached !== undefined) {
    return cached;
  }
  const { files } = m.opts;
  const texts: string[] = [];
  const readText = (rel: string) => {
    const bytes = files.bytes(rel);
    if (bytes.length <= MAX_TEXT_BYTES && !bytes.includes(0)) {
      texts.push(Buffer.from(bytes).toString('utf8'));
    }
  };
  for (const cfg of svc.configs ?? []) {
    const top = m.loaded.doc.configs?.[String(typeof cfg === 'string' ? cfg : cfg?.source)];
    if (top?.content !== undefined) {
      texts.push(String(top.content));
    } else if (top?.file !== undefined) {
      const rel = insideProject(String(top.file));
      if (rel !== undefined && files.kind(rel) === 'file') {
        readText(rel);
      }
    }
  }
  for (const v of volumeMounts(svc).filter(v => v.type === 'bind' && v.source !== undefined)) {
    const rel = insideProject(String(v.source));
    const kind = rel === undefined ? undefined : files.kind(rel);
    if (kind === 'file') {
      readText(rel!);
    } else if (kind === 'dir' && v.readOnly) {
      folderFiles(m, rel!).forEach(readText);
    }
  }
  projectTextCache.set(svc, texts);
  return texts;
}

/** The files below a project folder, at most {@link MAX_FOLDER_FILES}, in name order. */
function folderFiles(m: Mapper, rel: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of [...m.opts.files.list(dir)].sort()) {
      const entry = posix.join(dir, name);
      const kind = m.opts.files.kind(entry);
      if (out.length >= MAX_FOLDER_FILES) {
        return;
      } else if (kind === 'dir') {
        walk(entry);
      } else if (kind === 'file') {
        out.push(entry);
      }
    }
  };
  walk(rel);
  return out;
}

/** Adds the services this one names (by any name or alias) to its connections, beside its `dependsOn`. */
export function namedConnections(c: ServiceContext, connectsTo: Set<string>, dependsOn: ReadonlyArray<{ service: string }>): void {
  const { m, name } = c;
  for (const [target, callers] of m.namedBy) {
    const spec = m.names.get(target);
    if (callers.has(name) && spec !== undefined && spec !== c.label && !dependsOn.some(d => d.service === spec)) {
      connectsTo.add(spec);
    }
  }
}

/**
 * What makes a service reachable by name: a headless Service without ports for
 * a worker others name (or a kompose `headless` one, or one with aliases), and
 * the aliases that can be Service names. TODOs name what cannot be kept.
 */
export function mapReachability(c: ServiceContext, kind: Kind): { headless?: true; aliases?: string[] } {
  const { m, name, label, labels, note } = c;
  const callers = [...(m.namedBy.get(name) ?? [])].map(n => m.names.get(n) ?? n).sort();
  const dependents = [...(m.dependedOnBy.get(name) ?? [])].map(n => m.names.get(n) ?? n).filter(n => !callers.includes(n)).sort();
  const aliases = serviceAliases(c);
  const komposeHeadless = (labels['kompose.service.type'] ?? '').toLowerCase() === 'headless';
  const withAliases = aliases.length === 0 ? {} : { aliases };
  if (kind === 'worker' && (callers.length > 0 || dependents.length > 0 || aliases.length > 0 || komposeHeadless)) {
    const why = callers.length > 0 ? `${callers.join(', ')} name${callers.length === 1 ? 's' : ''} it`
      : dependents.length > 0 ? `${dependents.join(', ')} depend${dependents.length === 1 ? 's' : ''} on it (depends_on), so compose let ${dependents.length === 1 ? 'it' : 'them'} connect to it`
        : aliases.length > 0 ? `it has aliases (${aliases.join(', ')})` : 'kompose.service.type is headless';
    note(`no port in compose's ports or expose, but ${why}: a headless Service '${label}' without ports resolves to its ready pods and NetworkPolicies admit its callers on any port; declare the port (compose expose, or x-stackport ports: ['PORT']) for a ClusterIP Service`);
    return { headless: true, ...withAliases };
  }
  if (SERVICE_KINDS[kind].runsOnce && (callers.length > 0 || aliases.length > 0)) {
    note(`${callers.length > 0 ? `${callers.join(', ')} name${callers.length === 1 ? 's' : ''} it` : `it has aliases (${aliases.join(', ')})`}, but a ${kind} has no Service; if it serves them, make it a long-running service with x-stackport kind: worker (or web with its port in expose)`);
    return {};
  }
  return SERVICE_KINDS[kind].servesPorts ? withAliases : {};
}

/** The service's aliases that can be Service names: DNS labels no service or earlier alias has. */
function serviceAliases(c: ServiceContext): string[] {
  const { m, name, label, note } = c;
  const taken = new Set([...m.names.keys(), ...m.names.values()]);
  const earlier = new Set([...m.aliases].filter(([n]) => [...m.names.keys()].indexOf(n) < [...m.names.keys()].indexOf(name)).flatMap(([, a]) => a));
  const kept: string[] = [];
  for (const alias of m.aliases.get(name) ?? []) {
    if (alias === name || alias === label) {
      continue;
    }
    const why = !/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(alias) ? 'is not a DNS label, so no Service can be named so'
      : taken.has(alias) || earlier.has(alias) ? 'is already the name of a service or of another alias' : undefined;
    if (why === undefined) {
      kept.push(alias);
    } else {
      note(`alias '${alias}' (networks aliases or links) ${why}: clients that use it must name '${label}' instead (rename the alias, or change their settings)`);
    }
  }
  return kept;
}
