import { PRODUCTION_GATEWAY, PRODUCTION_SHARED_GATEWAY } from '../../environments/production-gateway';
import { GKE } from '../../environments/gke';
import { STACKS } from '../../charts';
import { all, find, LOCAL, PRODUCTION, synthServices, synthStack, web } from '../util';

const stack = {
  proxy: { maxBodySize: '10m', responseHeaders: { 'X-Frame-Options': 'DENY' } },
  routes: [
    { name: 'app', host: 'app', path: '/', service: 'web' },
    { name: 'app-api', host: 'app', path: '/api', service: 'api', rateLimit: { requestsPerSecond: 10, burst: 20 }, timeoutSeconds: 60 },
    { name: 'app-ws', host: 'app', path: '/ws', service: 'api', websocket: true },
    { name: 'admin', host: 'admin', path: '/', service: 'api' },
  ],
};
const services = [web('web'), web('api', { ports: [{ name: 'http', port: 8000 }] })];

describe('HttpRoutes', () => {
  const objects = synthServices(services, PRODUCTION_GATEWAY, stack);

  test('one HTTPRoute per host, a rule per path in route order, with backends, timeouts and the response headers', () => {
    expect(all(objects, 'HTTPRoute').map(r => r.metadata.name)).toEqual(['https-redirect', 'app', 'admin']);
    const app = find(objects, 'HTTPRoute', 'app');
    expect(app.spec.hostnames).toEqual(['app.shop.example.com']);
    expect(app.spec.rules.map((r: any) => [r.name, r.matches[0].path, r.backendRefs, r.timeouts])).toEqual([
      ['app', { type: 'PathPrefix', value: '/' }, [{ group: '', kind: 'Service', name: 'web', port: 8080, weight: 1 }], undefined],
      ['app-api', { type: 'PathPrefix', value: '/api' }, [{ group: '', kind: 'Service', name: 'api', port: 8000, weight: 1 }], { request: '60s' }],
      ['app-ws', { type: 'PathPrefix', value: '/ws' }, [{ group: '', kind: 'Service', name: 'api', port: 8000, weight: 1 }], undefined],
    ]);
    for (const rule of app.spec.rules) {
      expect(rule.filters).toEqual([{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'X-Frame-Options', value: 'DENY' }] } }]);
    }
  });

  test('a stack-owned Gateway has HTTP and HTTPS listeners per host, cert-manager certificates and an HTTPS redirect', () => {
    const gateway = find(objects, 'Gateway', 'gateway');
    expect(gateway.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt-prod');
    expect(gateway.spec.gatewayClassName).toBe('eg');
    expect(gateway.spec.listeners.map((l: any) => [l.name, l.protocol, l.port, l.hostname, l.tls?.certificateRefs[0].name])).toEqual([
      ['http-app-shop-example-com', 'HTTP', 80, 'app.shop.example.com', undefined],
      ['https-app-shop-example-com', 'HTTPS', 443, 'app.shop.example.com', 'app-shop-example-com-tls'],
      ['http-admin-shop-example-com', 'HTTP', 80, 'admin.shop.example.com', undefined],
      ['https-admin-shop-example-com', 'HTTPS', 443, 'admin.shop.example.com', 'admin-shop-example-com-tls'],
    ]);
    expect(find(objects, 'HTTPRoute', 'app').spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gateway', sectionName: 'https-app-shop-example-com' }]);
    expect(gateway.spec.listeners.map((l: any) => l.allowedRoutes)).toEqual(Array(4).fill({ namespaces: { from: 'Same' } }));
    const redirect = find(objects, 'HTTPRoute', 'https-redirect');
    expect(redirect.spec.parentRefs.map((p: any) => p.sectionName)).toEqual(['http-app-shop-example-com', 'http-admin-shop-example-com']);
    // A prefix only: cert-manager's HTTP-01 route matches its exact path, and an Exact match takes precedence.
    expect(redirect.spec.rules).toEqual([{
      matches: [{ path: { type: 'PathPrefix', value: '/' } }],
      filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }],
    }]);
  });

  test('Envoy Gateway policies carry per-client rate limits and body size per rule, and say what they cannot', () => {
    const policy = find(objects, 'BackendTrafficPolicy', 'app-api');
    expect(policy.spec.targetRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'app', sectionName: 'app-api' }]);
    expect(policy.spec.rateLimit.local.rules).toEqual(['0.0.0.0/0', '::/0'].map(value => ({
      clientSelectors: [{ sourceCIDR: { type: 'Distinct', value, invert: false } }], limit: { requests: 10, unit: 'Second' },
    })));
    expect(policy.spec.requestBuffer).toEqual({ limit: '10Mi' });
    // Request buffering cannot be combined with a WebSocket upgrade.
    expect(all(objects, 'BackendTrafficPolicy').map(p => p.metadata.name)).toEqual(['app', 'app-api', 'admin']);
    expect(find(objects, 'HTTPRoute', 'app').metadata.annotations['stackport.io/not-enforced']).toBe(
      'app-api: burst 20 (Envoy Gateway allows 10 at once); app-ws: request bodies up to 10m (Envoy does not buffer WebSocket requests)');
    expect(find(objects, 'ClientTrafficPolicy', 'gateway').spec).toEqual({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gateway' }],
      timeout: { http: { idleTimeout: '3600s' } },
    });
  });

  test('a shared Gateway gets only HTTPRoutes attached to its listener; TLS and redirects are the platform\'s', () => {
    const shared = synthServices(services, PRODUCTION_SHARED_GATEWAY, stack);
    expect(all(shared, 'Gateway')).toEqual([]);
    expect(all(shared, 'HTTPRoute').map(r => r.metadata.name)).toEqual(['app', 'admin']);
    expect(find(shared, 'HTTPRoute', 'app').spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'platform', namespace: 'gateway-system', sectionName: 'https' }]);
    expect(find(shared, 'HTTPRoute', 'app').metadata.annotations['stackport.io/not-enforced']).toContain('WebSocket idle timeout 3600s (a ClientTrafficPolicy of the shared Gateway)');
  });

  test('without implementation policies, everything Gateway API leaves out is listed as not enforced', () => {
    const gke = synthServices(services, GKE, stack);
    expect(all(gke, 'BackendTrafficPolicy')).toEqual([]);
    expect(all(gke, 'ClientTrafficPolicy')).toEqual([]);
    expect(find(gke, 'Gateway', 'gateway').spec.gatewayClassName).toBe('gke-l7-global-external-managed');
    expect(find(gke, 'HTTPRoute', 'app').metadata.annotations['stackport.io/not-enforced']).toBe(
      'request bodies up to 10m; app-api: rate limit 10 r/s per client; app-api: burst 20');
  });

  test('rewrites a route\'s path prefix with a URLRewrite filter, before the response headers', () => {
    const rewritten = { ...stack, routes: [{ name: 'admin', host: 'admin', path: '/admin', service: 'api', rewrite: '/' }] };
    const rule = find(synthServices(services, PRODUCTION_GATEWAY, rewritten), 'HTTPRoute', 'admin').spec.rules[0];
    expect(rule.matches).toEqual([{ path: { type: 'PathPrefix', value: '/admin' } }]);
    expect(rule.filters).toEqual([
      { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } },
      { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'X-Frame-Options', value: 'DENY' }] } },
    ]);
  });

  test('a Gateway without TLS serves the routes on its HTTP listeners and redirects nothing', () => {
    const plain = synthServices(services, { ...PRODUCTION_GATEWAY, tls: undefined }, stack);
    expect(all(plain, 'HTTPRoute').map(r => r.metadata.name)).toEqual(['app', 'admin']);
    expect(find(plain, 'HTTPRoute', 'app').spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gateway', sectionName: 'http-app-shop-example-com' }]);
    expect(find(plain, 'Gateway', 'gateway').spec.listeners.map((l: any) => l.protocol)).toEqual(['HTTP', 'HTTP']);
    expect(all(synthServices(services, LOCAL, stack), 'HTTPRoute')).toEqual([]);
  });
});

test.each(STACKS.map(s => [s.name, s] as const))('%s: the Gateway API routes are exactly the Ingress routes (host, path, rewrite, backend)', (_, spec) => {
  const ingressRoutes = all(synthStack(spec, PRODUCTION), 'Ingress').map(i => {
    const rule = i.spec.rules[0];
    const path = rule.http.paths[0];
    // A rewritten route: `<prefix>(/|$)(.*)` with rewrite-target `<rewrite>$1$2`, or `<rewrite>$2` for a rewrite ending in '/'.
    const target = i.metadata.annotations['nginx.ingress.kubernetes.io/rewrite-target']?.replace(/(\$1)?\$2$/, '');
    const prefix = target === undefined ? path.path : path.path.replace('(/|$)(.*)', '');
    return `${i.metadata.name} ${rule.host}${prefix}${target === undefined ? '' : ` as ${target}`} -> ${path.backend.service.name}:${path.backend.service.port.number}`;
  });
  const httpRoutes = all(synthStack(spec, PRODUCTION_GATEWAY), 'HTTPRoute').filter(r => r.metadata.name !== 'https-redirect').flatMap(r => r.spec.rules.map((rule: any) => {
    const rewrite = rule.filters?.find((f: any) => f.type === 'URLRewrite')?.urlRewrite.path.replacePrefixMatch;
    return `${rule.name} ${r.spec.hostnames[0]}${rule.matches[0].path.value}${rewrite === undefined ? '' : ` as ${rewrite}`} -> ${rule.backendRefs[0].name}:${rule.backendRefs[0].port}`;
  }));
  expect(httpRoutes.sort()).toEqual(ingressRoutes.sort());
  expect(httpRoutes.length).toBeGreaterThan(0);
});
