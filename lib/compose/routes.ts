/**
 * Routes: a web service published on an HTTP port, or exposed by kompose or
 * x-stackport, gets an Ingress route (host and path guessed unless given).
 */
import { PortSpec } from '../spec/types';
import { ServiceContext } from './context';
import { NON_HTTP_PORTS, Port } from './ports';
import { dnsLabel } from './units';

/** Adds the service's route to the stack, if it gets one. */
export function addRoute(c: ServiceContext, ports: readonly Port[], specs: readonly PortSpec[]): void {
  const { m, label, x, labels } = c;
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
