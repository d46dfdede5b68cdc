import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IngressRouting } from '../profiles/profile';
import { RouteSpec } from '../spec/types';
import { StackContext } from './context';
import { HttpRoutes } from './http-routes';
import { labels } from './labels';
import { certificateIssuer, describe, NOT_ENFORCED_ANNOTATION, RouteTarget, tlsSecretName } from './routes';

/** Props of {@link Gateway}. */
export interface GatewayProps {
  readonly context: StackContext;
  /** The stack's Services by compose service name. */
  readonly services: ReadonlyMap<string, kplus.Service>;
}

/**
 * The nginx reverse proxy of a compose stack, as the profile routes it:
 * Ingress objects (`routing.kind: 'ingress'`) or Gateway API HTTPRoutes
 * (`'gateway'`, see {@link HttpRoutes}).
 *
 * With Ingress, creates one Ingress per route (ingress-nginx applies
 * annotations per Ingress, and the routes differ in rate limits and
 * timeouts), all in the profile's IngressClass (or the cluster's default),
 * with TLS from the profile's cert-manager issuer (requested by the first
 * Ingress of each host, shared by the others). Rate limits, body size,
 * timeouts, buffers and WebSocket timeouts become
 * `nginx.ingress.kubernetes.io/*` annotations where the profile's controller
 * reads them, and the response headers the controller allows come from a
 * `response-headers` ConfigMap (`custom-headers`); whatever it cannot carry
 * out (gzip, which ingress-nginx only sets controller-wide) is listed on the
 * Ingress under `stackport.io/not-enforced`, so nobody assumes it is. A
 * route's `rewrite` becomes a regular-expression path with `rewrite-target`
 * where the profile's controller reads such paths (`regexPaths`), and is
 * listed as not enforced where it does not.
 */
export class Gateway extends Construct {
  public readonly ingresses: kplus.Ingress[] = [];

  constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id);
    const { context } = props;
    const targets: RouteTarget[] = [];
    for (const route of context.spec.routes) {
      const service = props.services.get(route.service);
      // A target switched off in this profile; validation allows that only for optional services.
      if (service !== undefined) {
        targets.push({ route, host: context.host(route.host), service, port: servicePort(route, context) });
      }
    }
    const routing = context.profile.routing;
    if (routing.kind === 'gateway') {
      new HttpRoutes(this, 'HttpRoutes', { context, routing, targets });
      return;
    }
    const certificateOwners = new Set<string>();
    const headersConfigMap = targets.length === 0 ? undefined : responseHeaders(this, context, routing);
    const issuer = certificateIssuer(context.profile);
    for (const { route, host, service, port } of targets) {
      const regex = regexRewrite(route, routing);
      const annotations = routeAnnotations(route, context, routing, headersConfigMap?.name, regex);
      // cert-manager lets one Ingress own a host's Certificate; the host's other Ingresses share its Secret.
      if (issuer !== undefined && !certificateOwners.has(host)) {
        annotations['cert-manager.io/cluster-issuer'] = issuer;
        certificateOwners.add(host);
      }
      const ingress = new kplus.Ingress(this, route.name, {
        metadata: { name: route.name, labels: labels(context.spec.name, route.name, 'gateway'), annotations },
        className: routing.className,
        rules: [{
          host,
          path: regex?.path ?? route.path,
          pathType: regex === undefined ? kplus.HttpIngressPathType.PREFIX : kplus.HttpIngressPathType.IMPLEMENTATION_SPECIFIC,
          backend: kplus.IngressBackend.fromService(service, { port }),
        }],
        tls: issuer === undefined ? undefined : [{
          hosts: [host],
          secret: kplus.Secret.fromSecretName(this, `${route.name}Tls`, tlsSecretName(host)),
        }],
      });
      this.ingresses.push(ingress);
    }
  }
}

/**
 * The proxy's response headers that the profile's controller may set, as the
 * `response-headers` ConfigMap that ingress-nginx's `custom-headers`
 * annotation reads; undefined when there is none to set.
 */
function responseHeaders(scope: Construct, context: StackContext, routing: IngressRouting): kplus.ConfigMap | undefined {
  const allowed = routing.annotations === 'ingress-nginx' ? routing.allowedResponseHeaders : [];
  const data = Object.fromEntries(Object.entries(context.spec.proxy?.responseHeaders ?? {}).filter(([name]) => allowed.includes(name)));
  if (Object.keys(data).length === 0) {
    return undefined;
  }
  return new kplus.ConfigMap(scope, 'ResponseHeaders', {
    metadata: { name: 'response-headers', labels: labels(context.spec.name, 'response-headers', 'gateway') },
    data,
  });
}

function servicePort(route: RouteSpec, context: StackContext): number {
  const svc = context.service(route.service);
  const ports = svc !== undefined && 'ports' in svc ? svc.ports : [];
  const port = route.port === undefined ? ports[0] : ports.find(p => p.name === route.port);
  if (port === undefined) {
    throw new Error(`stack '${context.spec.name}', route '${route.name}': service '${route.service}' has no port named '${route.port}'; use one of its port names`);
  }
  return port.port;
}

/** A rewritten route's Ingress path and ingress-nginx `rewrite-target`. */
interface RegexRewrite {
  readonly path: string;
  readonly target: string;
}

/**
 * A route's `rewrite` as ingress-nginx carries it: the path as a regular
 * expression that captures the slash after the prefix ($1) and the rest ($2),
 * and the rewrite-target that puts the new prefix in front of them; undefined
 * when the route has no rewrite or the controller reads no regular-expression paths.
 */
function regexRewrite(route: RouteSpec, routing: IngressRouting): RegexRewrite | undefined {
  if (route.rewrite === undefined || routing.annotations !== 'ingress-nginx' || !routing.regexPaths) {
    return undefined;
  }
  const prefix = route.path.replace(/\/$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    path: `${prefix}(/|$)(.*)`,
    // `/monitor/status` to `/status` (rewrite `/`), `/health` to `/docs` (rewrite `/docs`).
    target: route.rewrite.endsWith('/') ? `${route.rewrite}$2` : `${route.rewrite}$1$2`,
  };
}

/** What the route asks of the proxy, as annotations the controller reads or as a not-enforced list. */
function routeAnnotations(
  route: RouteSpec, context: StackContext, routing: IngressRouting, headersConfigMap: string | undefined, regex: RegexRewrite | undefined,
): Record<string, string> {
  const wanted: Array<[string, string, string]> = []; // [annotation suffix, value, human description]
  const notEnforced: string[] = [];
  const proxy = context.spec.proxy ?? {};
  const nginx = routing.annotations === 'ingress-nginx';
  if (proxy.maxBodySize !== undefined) {
    wanted.push(['proxy-body-size', proxy.maxBodySize, describe.bodySize(proxy.maxBodySize)]);
  }
  if (route.rateLimit !== undefined) {
    const { requestsPerSecond: rps, burst } = route.rateLimit;
    wanted.push(['limit-rps', String(rps), describe.rateLimit(rps)]);
    wanted.push(['limit-burst-multiplier', String(Math.max(1, Math.round(burst / rps))), describe.burst(burst)]);
  }
  const timeout = route.websocket === true ? 3600 : route.timeoutSeconds;
  if (timeout !== undefined) {
    for (const kind of ['connect', 'send', 'read']) {
      // nginx caps connect timeouts at 75s; WebSockets only need long send and read timeouts.
      wanted.push([`proxy-${kind}-timeout`, String(kind === 'connect' ? Math.min(timeout, 60) : timeout), `${kind} timeout ${timeout}s`]);
    }
  }
  if (route.proxyBufferSize !== undefined) {
    wanted.push(['proxy-buffer-size', route.proxyBufferSize, describe.bufferSize(route.proxyBufferSize)]);
  }
  if (route.proxyBuffers !== undefined) {
    const [count, each] = route.proxyBuffers.split(' ');
    wanted.push(['proxy-buffers-number', count, describe.buffers(route.proxyBuffers)]);
    // ingress-nginx sizes each of those buffers at proxy-buffer-size; a different size has no annotation.
    if (each !== (route.proxyBufferSize ?? each) && nginx) {
      notEnforced.push(`proxy buffers of ${each} each (ingress-nginx sizes its ${count} buffers at proxy-buffer-size ${route.proxyBufferSize})`);
    }
  }
  if (route.proxyBusyBuffersSize !== undefined) {
    wanted.push(['proxy-busy-buffers-size', route.proxyBusyBuffersSize, describe.busyBuffers(route.proxyBusyBuffersSize)]);
  }
  const annotations: Record<string, string> = {};
  if (regex !== undefined) {
    annotations['nginx.ingress.kubernetes.io/use-regex'] = 'true';
    annotations['nginx.ingress.kubernetes.io/rewrite-target'] = regex.target;
  } else if (route.rewrite !== undefined) {
    notEnforced.push(describe.rewrite(route.path, route.rewrite));
  }
  if (nginx) {
    for (const [suffix, value] of wanted) {
      annotations[`nginx.ingress.kubernetes.io/${suffix}`] = value;
    }
    if (headersConfigMap !== undefined) {
      annotations['nginx.ingress.kubernetes.io/custom-headers'] = `${context.spec.name}/${headersConfigMap}`;
    }
  } else {
    notEnforced.unshift(...wanted.map(([, , description]) => description));
  }
  const carried = nginx ? routing.allowedResponseHeaders : [];
  for (const [name, value] of Object.entries(proxy.responseHeaders ?? {})) {
    if (!carried.includes(name)) {
      notEnforced.push(describe.header(name, value));
    }
  }
  if (proxy.gzip !== undefined) {
    // ingress-nginx compresses only from its controller ConfigMap (use-gzip), for every Ingress at once.
    notEnforced.push(describe.gzip(proxy.gzip));
  }
  if (notEnforced.length > 0) {
    annotations[NOT_ENFORCED_ANNOTATION] = notEnforced.join('; ');
  }
  return annotations;
}
