import { Construct } from 'constructs';
import {
  BackendTrafficPolicy, BackendTrafficPolicySpec, BackendTrafficPolicySpecCompressorMinContentLength, BackendTrafficPolicySpecCompressorType,
  BackendTrafficPolicySpecConnectionBufferLimit, BackendTrafficPolicySpecRateLimitLocalRules,
  BackendTrafficPolicySpecRateLimitLocalRulesClientSelectorsSourceCidrType, BackendTrafficPolicySpecRateLimitLocalRulesLimitUnit,
  BackendTrafficPolicySpecRequestBufferLimit,
} from '../../imports/backendtrafficpolicies-gateway.envoyproxy.io';
import { ClientTrafficPolicy } from '../../imports/clienttrafficpolicies-gateway.envoyproxy.io';
import {
  Gateway as GatewayObject, GatewaySpecListeners, GatewaySpecListenersAllowedRoutesNamespacesFrom, GatewaySpecListenersTlsMode,
} from '../../imports/gateways-gateway.networking.k8s.io';
import {
  HttpRoute, HttpRouteSpecParentRefs, HttpRouteSpecRules, HttpRouteSpecRulesFilters, HttpRouteSpecRulesFiltersRequestRedirectScheme,
  HttpRouteSpecRulesFiltersRequestRedirectStatusCode, HttpRouteSpecRulesFiltersType, HttpRouteSpecRulesFiltersUrlRewritePathType,
  HttpRouteSpecRulesMatchesPathType,
} from '../../imports/httproutes-gateway.networking.k8s.io';
import { GatewayRouting } from '../profiles/profile';
import { RouteSpec } from '../spec/types';
import { StackContext } from './context';
import { labels } from './labels';
import { certificateIssuer, describe, NOT_ENFORCED_ANNOTATION, RouteTarget, tlsSecretName } from './routes';

/** Props of {@link HttpRoutes}. */
export interface HttpRoutesProps {
  readonly context: StackContext;
  readonly routing: GatewayRouting;
  /** The routes whose targets exist, in spec order. */
  readonly targets: readonly RouteTarget[];
}

/** Name of the Gateway a stack owns (one per namespace). */
export const STACK_GATEWAY_NAME = 'gateway';

/*
 * Fields the CRDs default are written out with their default values: a
 * defaulted field inside a list makes every server-side re-apply of an
 * unchanged object rewrite it (a new resourceVersion, which GitOps tools see
 * as drift).
 */
const GATEWAY_REF = { group: 'gateway.networking.k8s.io', kind: 'Gateway' } as const;
const SAME_NAMESPACE = { namespaces: { from: GatewaySpecListenersAllowedRoutesNamespacesFrom.SAME } };

/** Seconds the seed's proxy kept an idle WebSocket open (nginx `proxy_read_timeout` on WebSocket routes). */
const WEBSOCKET_IDLE_SECONDS = 3600;

/**
 * The stack's routes as Gateway API v1 (standard channel) objects.
 *
 * Creates one HTTPRoute per host, named after its first route, with one rule
 * per route path in spec order (the order of the proxy's locations), each
 * rule named after its route, carrying what Gateway API standardises:
 * per-rule request timeouts (`timeouts.request`), path rewrites (URLRewrite,
 * ReplacePrefixMatch) and the proxy's response headers
 * (ResponseHeaderModifier); WebSocket routes need nothing special.
 * The routes attach to the profile's shared Gateway, or to a Gateway named
 * `gateway` that the stack owns: an HTTP listener per host and, with TLS, an
 * HTTPS listener per host whose certificate cert-manager issues (the
 * Gateway's issuer annotation), plus an HTTP to HTTPS redirect HTTPRoute.
 *
 * What Gateway API leaves to implementations (rate limits, body size,
 * buffers, compression) becomes, with `policies: 'envoy-gateway'`, one
 * BackendTrafficPolicy per route rule that needs one, and a
 * ClientTrafficPolicy on a stack-owned Gateway that serves WebSockets;
 * whatever is not carried is listed under `stackport.io/not-enforced` on the
 * HTTPRoute, per rule.
 */
export class HttpRoutes extends Construct {
  public readonly routes: HttpRoute[] = [];

  constructor(scope: Construct, id: string, props: HttpRoutesProps) {
    super(scope, id);
    const { context, routing, targets } = props;
    const stack = context.spec.name;
    const hosts = [...new Set(targets.map(t => t.host))];
    if (hosts.length === 0) {
      return;
    }
    // The issuer of the stack's own Gateway; a shared Gateway's certificates are the platform's.
    const issuer = certificateIssuer(context.profile);
    const tls = issuer !== undefined;
    const owned = 'className' in routing.gateway;

    if ('className' in routing.gateway) {
      this.ownGateway(stack, routing.gateway.className, hosts, issuer);
    }

    const headers = Object.entries(context.spec.proxy?.responseHeaders ?? {}).map(([name, value]) => ({ name, value }));
    for (const host of hosts) {
      this.routes.push(this.hostRoute(props, host, tls, headers));
    }

    if (owned && routing.policies === 'envoy-gateway' && targets.some(t => t.route.websocket === true)) {
      this.clientPolicy(stack);
    }
  }

  /** The Gateway the stack owns: a listener per host and protocol and, with TLS, the HTTP to HTTPS redirect. */
  private ownGateway(stack: string, className: string, hosts: string[], issuer: string | undefined): void {
    const tls = issuer !== undefined;
    const listeners: GatewaySpecListeners[] = hosts.flatMap(host => [
      { name: listener('http', host), protocol: 'HTTP', port: 80, hostname: host, allowedRoutes: SAME_NAMESPACE },
      ...(tls ? [{
        name: listener('https', host), protocol: 'HTTPS', port: 443, hostname: host, allowedRoutes: SAME_NAMESPACE,
        tls: { mode: GatewaySpecListenersTlsMode.TERMINATE, certificateRefs: [{ group: '', kind: 'Secret', name: tlsSecretName(host) }] },
      }] : []),
    ]);
    new GatewayObject(this, 'Gateway', {
      metadata: {
        name: STACK_GATEWAY_NAME,
        labels: labels(stack, STACK_GATEWAY_NAME, 'gateway'),
        // cert-manager's gateway-shim issues a certificate for each HTTPS listener.
        annotations: issuer === undefined ? undefined : { 'cert-manager.io/cluster-issuer': issuer },
      },
      spec: { gatewayClassName: className, listeners },
    });
    if (tls) {
      new HttpRoute(this, 'HttpsRedirect', {
        metadata: { name: 'https-redirect', labels: labels(stack, 'https-redirect', 'gateway') },
        spec: {
          parentRefs: hosts.map(host => ({ ...GATEWAY_REF, name: STACK_GATEWAY_NAME, sectionName: listener('http', host) })),
          hostnames: hosts,
          rules: [{
            // A prefix match: cert-manager's HTTP-01 route for the same listener matches the exact path
            // /.well-known/acme-challenge/<token>, and Gateway API gives an Exact match precedence over
            // any PathPrefix (HTTPRouteRule.matches), so the challenge is answered, not redirected.
            matches: [{ path: { type: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: '/' } }],
            filters: [{
              type: HttpRouteSpecRulesFiltersType.REQUEST_REDIRECT,
              requestRedirect: { scheme: HttpRouteSpecRulesFiltersRequestRedirectScheme.HTTPS, statusCode: HttpRouteSpecRulesFiltersRequestRedirectStatusCode.VALUE_301 },
            }],
          }],
        },
      });
    }
  }

  /** The HTTPRoute of one host, after the BackendTrafficPolicies of its rules; what is not carried is annotated. */
  private hostRoute({ context, routing, targets }: HttpRoutesProps, host: string, tls: boolean, headers: ResponseHeader[]): HttpRoute {
    const stack = context.spec.name;
    const owned = 'className' in routing.gateway;
    const mine = targets.filter(t => t.host === host);
    const name = mine[0].route.name;
    const parentRef: HttpRouteSpecParentRefs = 'shared' in routing.gateway
      ? { ...GATEWAY_REF, name: routing.gateway.shared.name, namespace: routing.gateway.shared.namespace, sectionName: routing.gateway.shared.listener }
      : { ...GATEWAY_REF, name: STACK_GATEWAY_NAME, sectionName: listener(tls ? 'https' : 'http', host) };
    const rules: HttpRouteSpecRules[] = mine.map(target => routeRule(target, headers));
    const missingBy = new Map<string, string[]>(); // what is not carried -> the rules it concerns
    for (const { route } of mine) {
      const { policy, missing } = routingPolicy(route, context, routing);
      missing.forEach(m => missingBy.set(m, [...missingBy.get(m) ?? [], route.name]));
      if (policy !== undefined) {
        new BackendTrafficPolicy(this, `Policy${route.name}`, {
          metadata: { name: route.name, labels: labels(stack, route.name, 'gateway') },
          spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name, sectionName: route.name }], ...policy },
        });
      }
    }
    // What concerns every rule is said once; the rest names its rules.
    const notEnforced = [...missingBy].map(([what, rules]) => (rules.length === mine.length ? what : `${rules.join(', ')}: ${what}`));
    if (!owned && routing.policies === 'envoy-gateway' && mine.some(t => t.route.websocket === true)) {
      notEnforced.push(`WebSocket idle timeout ${WEBSOCKET_IDLE_SECONDS}s (a ClientTrafficPolicy of the shared Gateway)`);
    }
    return new HttpRoute(this, `Route${name}`, {
      metadata: {
        name,
        labels: labels(stack, name, 'gateway'),
        annotations: notEnforced.length === 0 ? undefined : { [NOT_ENFORCED_ANNOTATION]: notEnforced.join('; ') },
      },
      spec: { parentRefs: [parentRef], hostnames: [host], rules },
    });
  }

  /** Envoy closes idle client connections; the seed's proxy held WebSockets open for an hour. */
  private clientPolicy(stack: string): void {
    new ClientTrafficPolicy(this, 'ClientPolicy', {
      metadata: { name: STACK_GATEWAY_NAME, labels: labels(stack, STACK_GATEWAY_NAME, 'gateway') },
      spec: {
        targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: STACK_GATEWAY_NAME }],
        timeout: { http: { idleTimeout: `${WEBSOCKET_IDLE_SECONDS}s` } },
      },
    });
  }
}

/** A response header the proxy sets. */
interface ResponseHeader {
  readonly name: string;
  readonly value: string;
}

/** The name of the stack Gateway's listener for a protocol and host. */
function listener(protocol: 'http' | 'https', host: string): string {
  return `${protocol}-${host.replace(/\./g, '-')}`;
}

/** One route as a rule of its host's HTTPRoute: its path prefix, rewrite, response headers, backend and timeout. */
function routeRule({ route, service, port }: RouteTarget, headers: ResponseHeader[]): HttpRouteSpecRules {
  const filters: HttpRouteSpecRulesFilters[] = [
    ...(route.rewrite === undefined ? [] : [{
      type: HttpRouteSpecRulesFiltersType.URL_REWRITE,
      urlRewrite: { path: { type: HttpRouteSpecRulesFiltersUrlRewritePathType.REPLACE_PREFIX_MATCH, replacePrefixMatch: route.rewrite } },
    }]),
    ...(headers.length === 0 ? [] : [{
      type: HttpRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER,
      responseHeaderModifier: { set: headers },
    }]),
  ];
  return {
    name: route.name,
    matches: [{ path: { type: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: route.path } }],
    filters: filters.length === 0 ? undefined : filters,
    backendRefs: [{ group: '', kind: 'Service', name: service.name, port, weight: 1 }],
    timeouts: route.timeoutSeconds === undefined || route.websocket === true ? undefined : { request: `${route.timeoutSeconds}s` },
  };
}

/** An nginx size (`10m`, `256k`) as a Kubernetes quantity. */
function quantity(nginxSize: string, times = 1): string {
  const [, n, unit] = /^([0-9]+)([km])$/.exec(nginxSize)!;
  return `${Number(n) * times}${unit === 'k' ? 'Ki' : 'Mi'}`;
}

/**
 * What Gateway API leaves to the implementation for one route: an Envoy
 * Gateway BackendTrafficPolicy spec (without its target) when the profile
 * names Envoy Gateway and there is something to carry, and the descriptions
 * of what is not carried.
 */
function routingPolicy(route: RouteSpec, context: StackContext, routing: GatewayRouting): { policy?: Omit<BackendTrafficPolicySpec, 'targetRefs'>; missing: string[] } {
  const proxy = context.spec.proxy ?? {};
  const missing: string[] = [];
  const envoy = routing.policies === 'envoy-gateway';
  const policy: { -readonly [K in keyof BackendTrafficPolicySpec]?: BackendTrafficPolicySpec[K] } = {};
  if (route.rateLimit !== undefined) {
    const { requestsPerSecond: rps, burst } = route.rateLimit;
    if (envoy) {
      // One bucket per client address (Distinct), IPv4 and IPv6 as separate rules.
      const rule = (cidr: string): BackendTrafficPolicySpecRateLimitLocalRules => ({
        clientSelectors: [{ sourceCidr: { type: BackendTrafficPolicySpecRateLimitLocalRulesClientSelectorsSourceCidrType.DISTINCT, value: cidr, invert: false } }],
        limit: { requests: rps, unit: BackendTrafficPolicySpecRateLimitLocalRulesLimitUnit.SECOND },
      });
      policy.rateLimit = { local: { rules: [rule('0.0.0.0/0'), rule('::/0')] } };
      // Envoy's token bucket holds `requests` tokens: a client may send that many at once, not rps + burst.
      missing.push(`${describe.burst(burst)} (Envoy Gateway allows ${rps} at once)`);
    } else {
      missing.push(describe.rateLimit(rps), describe.burst(burst));
    }
  }
  if (proxy.maxBodySize !== undefined) {
    if (envoy && route.websocket !== true) {
      // Envoy answers 413 above the buffer limit; buffering cannot be combined with an upgrade, hence not on WebSockets.
      policy.requestBuffer = { limit: BackendTrafficPolicySpecRequestBufferLimit.fromString(quantity(proxy.maxBodySize)) };
    } else {
      missing.push(`${describe.bodySize(proxy.maxBodySize)}${envoy ? ' (Envoy does not buffer WebSocket requests)' : ''}`);
    }
  }
  if (route.proxyBuffers !== undefined && envoy) {
    const [count, each] = route.proxyBuffers.split(' ');
    // nginx may hold count x size of a response; Envoy's per-connection buffer limit is the nearest equivalent.
    policy.connection = { bufferLimit: BackendTrafficPolicySpecConnectionBufferLimit.fromString(quantity(each, Number(count))) };
  } else if (route.proxyBuffers !== undefined) {
    missing.push(describe.buffers(route.proxyBuffers));
  }
  for (const [value, text] of [[route.proxyBufferSize, describe.bufferSize], [route.proxyBusyBuffersSize, describe.busyBuffers]] as const) {
    if (value !== undefined) {
      missing.push(text(value));
    }
  }
  if (proxy.gzip !== undefined) {
    if (envoy) {
      policy.compressor = [{
        type: BackendTrafficPolicySpecCompressorType.GZIP,
        minContentLength: BackendTrafficPolicySpecCompressorMinContentLength.fromNumber(proxy.gzip.minLengthBytes),
      }];
      missing.push(`gzip types ${proxy.gzip.types.join(' ')} (Envoy compresses its own list of text types)`);
    } else {
      missing.push(describe.gzip(proxy.gzip));
    }
  }
  return { policy: Object.keys(policy).length === 0 ? undefined : policy, missing };
}
