/** The checks of a stack's route table. */
import { DNS_LABEL, LABEL_MAX } from './syntax';
import { ServiceSpec, StackSpec } from './types';

export function routeProblems(spec: StackSpec, byName: Map<string, ServiceSpec>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const names = new Set<string>();
  for (const route of spec.routes) {
    const at = `stack '${spec.name}', route '${route.name}'`;
    if (names.has(route.name)) {
      problems.push(`${at}: 'name' is used by more than one route; give each route its own name`);
    }
    names.add(route.name);
    if (!DNS_LABEL.test(route.name)) {
      problems.push(`${at}: 'name' must be a DNS-1123 label, got '${route.name}'; it names the Ingress`);
    } else if (`${spec.name}-${route.name}`.length > LABEL_MAX) {
      problems.push(`${at}: 'name' makes the label value '${spec.name}-${route.name}' (${spec.name.length + 1 + route.name.length} characters) longer than ${LABEL_MAX}; use at most ${LABEL_MAX - 1 - spec.name.length} characters`);
    }
    if (route.host !== undefined && !DNS_LABEL.test(route.host)) {
      problems.push(`${at}: 'host' must be a DNS-1123 label (it goes in front of the stack's domain), got '${route.host}'`);
    }
    if (!route.path.startsWith('/')) {
      problems.push(`${at}: 'path' must start with '/', got '${route.path}'`);
    }
    const key = `${route.host ?? ''} ${route.path}`;
    const other = seen.get(key);
    if (other !== undefined) {
      problems.push(`${at}: host '${route.host ?? '(stack host)'}' and path '${route.path}' are already routed by route '${other}'; give one of them another host or path`);
    }
    seen.set(key, route.name);
    const target = byName.get(route.service);
    if (target === undefined) {
      problems.push(`${at}: 'service' names '${route.service}', which is not a service of the stack; use one of: ${[...byName.keys()].join(', ')}`);
    } else if (!('ports' in target)) {
      problems.push(`${at}: 'service' names '${route.service}', a ${target.kind} with no port; route to a service with ports`);
    } else if (route.port !== undefined && !target.ports.some(p => p.name === route.port)) {
      problems.push(`${at}: 'port' names '${route.port}', which service '${route.service}' does not have; use one of: ${target.ports.map(p => p.name).join(', ')}`);
    } else if ((target.ports.find(p => p.name === route.port) ?? target.ports[0]).protocol === 'UDP') {
      const tcpPorts = target.ports.filter(p => p.protocol !== 'UDP').map(p => p.name);
      problems.push(`${at}: 'port' is '${(target.ports.find(p => p.name === route.port) ?? target.ports[0]).name}', a UDP port, but a route carries HTTP over TCP; ${tcpPorts.length === 0 ? 'remove the route' : `use one of: ${tcpPorts.join(', ')}`}`);
    }
    if (route.rewrite !== undefined && !REWRITE_PATH.test(route.rewrite)) {
      problems.push(`${at}: 'rewrite' must be a path such as '/' or '/docs' (letters, digits, '-', '.', '_', '~' and '/'), got '${route.rewrite}'`);
    } else if (route.rewrite !== undefined && route.path.replace(/\/$/, '') === '') {
      problems.push(`${at}: 'rewrite' replaces the routed prefix, so 'path' must be longer than '/', got '${route.path}'; route a longer path or drop 'rewrite'`);
    }
    if (route.rateLimit !== undefined && !(route.rateLimit.requestsPerSecond >= 1 && route.rateLimit.burst >= 0)) {
      problems.push(`${at}: 'rateLimit' needs requestsPerSecond of 1 or more and a burst of 0 or more, got ${route.rateLimit.requestsPerSecond} and ${route.rateLimit.burst}`);
    }
    for (const [field, value, pattern, example] of [
      ['proxyBufferSize', route.proxyBufferSize, NGINX_SIZE, '128k'],
      ['proxyBusyBuffersSize', route.proxyBusyBuffersSize, NGINX_SIZE, '256k'],
      ['proxyBuffers', route.proxyBuffers, NGINX_BUFFERS, '4 256k'],
    ] as const) {
      if (value !== undefined && !pattern.test(value)) {
        problems.push(`${at}: '${field}' must be written as nginx writes it, such as '${example}', got '${value}'`);
      }
    }
  }
  return problems;
}

/** A route's rewrite: a path ingress-nginx's rewrite-target and Gateway API's URLRewrite both take (no `$`, read as a capture). */
const REWRITE_PATH = /^\/[-._~A-Za-z0-9/]*$/;
/** An nginx size (`128k`, `1m`). */
const NGINX_SIZE = /^[1-9][0-9]*[km]$/;
/** nginx `proxy_buffers`: a number and a size (`4 256k`). */
const NGINX_BUFFERS = /^[1-9][0-9]* [1-9][0-9]*[km]$/;
