/**
 * Routes: a web service's HTTP ports published on every interface, each host
 * of kompose's `kompose.service.expose`, or x-stackport host/path get Ingress
 * routes (host and path guessed unless given). A published port that gets no
 * route (not HTTP, UDP, or bound to one address) gets a TODO saying how to reach it.
 */
import { PortSpec, RouteSpec } from '../spec/types';
import { ServiceContext } from './context';
import { Kind } from './kind';
import { NON_HTTP_PORTS, Port, TLS_PORTS } from './ports';
import { dnsLabel, MAX_STACK_NAME } from './units';

/** Published on every interface: no address, or the IPv4 or IPv6 wildcard. */
function allInterfaces(p: Port): boolean {
  return p.hostIp === undefined || p.hostIp === '' || p.hostIp === '0.0.0.0' || p.hostIp === '::';
}

/** A route to add: its name, host, path, the container port, and where the guess came from. */
interface Wanted { readonly name: string; readonly host: string; readonly path: string; readonly target: number; readonly from: string }

/** Adds the service's routes to the stack, and a TODO for each published port left without one. */
export function addRoutes(c: ServiceContext, kind: Kind, ports: readonly Port[], specs: readonly PortSpec[]): void {
  const { m, label, x } = c;
  const http = (t: number) => c.known.ports.find(k => k.port === t && k.protocol !== 'UDP')?.http ?? (!NON_HTTP_PORTS.has(t) && !TLS_PORTS.has(t));
  // One route per compose entry (a range is one entry), on its first HTTP port.
  const candidates = ports.filter(p => p.published && p.protocol === 'tcp' && allInterfaces(p) && http(p.target));
  const routable: Port[] = [];
  for (const p of candidates.filter(p => !candidates.some(q => q.item === p.item && q.target < p.target))) {
    if (!routable.some(r => r.target === p.target)) {
      routable.push(p);
    }
  }
  const wanted = kind === 'web' && x.route !== false ? wantedRoutes(c, routable, specs) : [];
  for (const w of wanted) {
    const spec = specs.find(p => p.port === w.target && p.protocol !== 'UDP') ?? specs[0];
    const route: RouteSpec = { name: w.name, host: w.host, path: w.path, service: label, ...(spec === specs[0] ? {} : { port: spec.name }) };
    m.routes.push(route);
    if (x.host === undefined) {
      m.todos.push(`route '${w.name}': ${w.host}.<domain>${w.path} to port ${spec.port} is a guess from ${w.from} (x-stackport host/path, or route: false)`);
    }
    m.summary.push(`route '${w.name}' -> ${w.host}.<domain>${w.path}`);
  }
  const routed = new Set(wanted.map(w => w.target));
  notePublished(c, ports.filter(p => p.published), p => p.protocol === 'tcp' && routed.has(p.target), http);
}

/** x-stackport host/path (one route), else kompose's expose hosts, else one route per published HTTP port. */
function wantedRoutes(c: ServiceContext, routable: readonly Port[], specs: readonly PortSpec[]): Wanted[] {
  const { label, x, labels } = c;
  const expose = labels['kompose.service.expose']?.trim();
  const first = routable[0]?.target ?? (specs.find(p => p.protocol !== 'UDP') ?? specs[0]).port;
  if (x.host !== undefined || x.path !== undefined) {
    return [{ name: label, host: x.host ?? label, path: x.path ?? '/', target: first, from: routable.length > 0 ? `published port ${first}` : 'x-stackport' }];
  }
  if (expose !== undefined && !/^false$/i.test(expose)) {
    if (/^true$/i.test(expose)) {
      return [{ name: label, host: label, path: '/', target: first, from: 'kompose.service.expose' }];
    }
    return expose.split(',').map(h => h.trim()).filter(h => h !== '').map((h, i) => ({
      name: i === 0 ? label : `${label}-${i + 1}`,
      host: dnsLabel(h.split('/')[0].split('.')[0]),
      path: h.includes('/') ? `/${h.split('/').slice(1).join('/')}` : '/',
      target: first,
      from: `kompose.service.expose '${h}'`,
    }));
  }
  return routable.map((p, i) => ({
    name: i === 0 ? label : `${label}-${p.target}`, host: i === 0 ? label : `${label}-${p.target}`, path: '/', target: p.target, from: `published port ${p.target}`,
  }));
}

/** A TODO for each published `ports` entry without a route (the rest of a range whose first port has one): how a client outside the cluster reaches it now. */
function notePublished(c: ServiceContext, published: readonly Port[], routed: (p: Port) => boolean, http: (port: number) => boolean): void {
  const { m, label, note } = c;
  const ns = dnsLabel(m.opts.name, MAX_STACK_NAME);
  const ports = published.filter(p => !routed(p));
  for (const entry of [...new Set(ports.map(p => p.item))]) {
    const p = ports.find(q => q.item === entry)!;
    const left = ports.filter(q => q.item === entry);
    const subject = left.length === published.filter(q => q.item === entry).length ? `port '${entry}'`
      : left.length === 1 ? `port ${left[0].target} of '${entry}'` : `port range ${left[0].target}-${left[left.length - 1].target} of '${entry}'`;
    const more = left.length > 1 ? ' (each port of the range alike)' : '';
    const local = p.hostPort !== undefined && /^[0-9]+$/.test(p.hostPort) ? p.hostPort : String(p.target);
    const forward = `kubectl -n ${ns} port-forward svc/${label} ${local === String(p.target) ? local : `${local}:${p.target}`}${more}`;
    if (p.protocol === 'udp') {
      note(`${subject} is published by compose, but routes carry HTTP only: the Service carries it inside the cluster; publish it outside with a LoadBalancer or NodePort Service added by hand`);
    } else if (!allInterfaces(p)) {
      note(`${subject} is published only on ${p.hostIp}, so it gets no route: reach it with ${forward}`);
    } else {
      const why = TLS_PORTS.has(p.target) ? 'serves HTTPS, which an Ingress does not pass to its backends, so it gets no route (the profile\'s tls gives the HTTP routes TLS)'
        : !http(p.target) ? 'is not HTTP, so it gets no route' : c.x.route === false ? 'gets no route (x-stackport route: false)' : 'gets no route';
      note(`${subject} is published by compose but ${why}: reach it with ${forward}, or publish it with a LoadBalancer Service added by hand`);
    }
  }
}
