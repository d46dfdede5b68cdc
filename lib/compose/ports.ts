/**
 * Ports: compose's `ports` and `expose` (short and long syntax), the ports
 * other services reach a service on, and the spec's named ports.
 */
import { PortSpec } from '../spec/types';
import { Mapper, ServiceContext } from './context';
import { serviceEnvironment } from './environment';
import { Service } from './generated/compose-spec';

/** Ports that are not HTTP, so a published one gets no route. */
export const NON_HTTP_PORTS = new Set([21, 22, 25, 53, 110, 143, 465, 587, 993, 995, 1025, 1433, 1521, 2181, 3306, 4222, 5432, 5672, 6379, 6380, 7687, 9042, 9092, 9093, 11211, 27017, 1883, 8883, 5671, 26257, 28015]);

export interface Port { readonly target: number; readonly published: boolean; readonly protocol: string }

/** A service's ports: the TCP ones compose lists, the container ports the spec declares, and their specs. */
export interface MappedPorts {
  /** The TCP ports of `ports` and `expose`, as compose lists them (a route follows a published one). */
  readonly tcp: Port[];
  /** The container ports declared, in order. */
  readonly targets: number[];
  readonly portSpecs: PortSpec[];
}

/** Ports of the short (`[ip:][host:]container[/proto]`, ranges) and long syntax. */
export function parsePorts(items: readonly any[], at: string, problems: string[]): Port[] {
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

/**
 * The ports services reach each other on by `name:port` in their settings and
 * commands: compose lets a container reach every port of another, Kubernetes
 * only the ports its Service declares.
 */
export function collectReferencedPorts(m: Mapper, entries: Array<[string, any]>): void {
  const targets = new Set(entries.map(([n]) => n));
  // One scan per text: every `name:port` whose name (a whole token) is another service's.
  const address = /(?:^|[^A-Za-z0-9_.-])([A-Za-z0-9_.-]+):([0-9]{1,5})(?![0-9])/g;
  for (const [name, svc] of entries) {
    const command = [svc?.command, svc?.entrypoint].flat().filter(w => w !== undefined && w !== null).map(String);
    const texts = [...serviceEnvironment(m, name, svc ?? {}, true).map(([, v]) => v), ...command];
    for (const text of texts) {
      for (const [, target, digits] of text.matchAll(address)) {
        const port = Number(digits);
        if (target !== name && targets.has(target) && port >= 1 && port <= 65535) {
          m.referencedPorts.set(target, (m.referencedPorts.get(target) ?? new Set()).add(port));
        }
      }
    }
  }
}

/**
 * The TCP ports of `ports` and `expose`, the catalog's port when there is none,
 * and the ports other services connect to; the first HTTP one is named `http`.
 */
export function mapPorts(svc: Service, c: ServiceContext): MappedPorts {
  const { m, name, known, note } = c;
  const ports = parsePorts([...(svc.ports ?? []), ...(svc.expose ?? []).map((e: any) => String(e))], c.where('ports'), m.problems);
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
  return { tcp, targets, portSpecs };
}
