import { LOCAL, PRODUCTION, find, synthServices, web, withIngress } from '../util';

const stack = {
  proxy: { maxBodySize: '10m', responseHeaders: { 'X-Frame-Options': 'DENY' } },
  routes: [
    { name: 'app', host: 'app', path: '/', service: 'web' },
    { name: 'app-api', host: 'app', path: '/api', service: 'api', rateLimit: { requestsPerSecond: 10, burst: 20 }, timeoutSeconds: 60 },
    { name: 'app-ws', host: 'app', path: '/ws', service: 'api', websocket: true },
  ],
};
const services = [web('web'), web('api', { ports: [{ name: 'http', port: 8000 }] })];

describe('Gateway', () => {
  test('routes each path to the named Service port under the stack host', () => {
    const ingress = find(synthServices(services, PRODUCTION, stack), 'Ingress', 'app-api');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.rules).toEqual([{
      host: 'app.shop.example.com',
      http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 8000 } } } }] },
    }]);
  });

  test('terminates TLS with a cert-manager issuer in production only', () => {
    const prod = find(synthServices(services, PRODUCTION, stack), 'Ingress', 'app');
    expect(prod.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt-prod');
    expect(prod.spec.tls).toEqual([{ hosts: ['app.shop.example.com'], secretName: 'app-shop-example-com-tls' }]);
    const local = find(synthServices(services, LOCAL, stack), 'Ingress', 'app');
    expect(local.spec.tls).toBeUndefined();
    expect(local.spec.rules[0].host).toBe('app.shop.localhost');
  });

  test('carries rate limits, body size and timeouts over as ingress-nginx annotations', () => {
    const api = find(synthServices(services, PRODUCTION, stack), 'Ingress', 'app-api');
    expect(api.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-body-size': '10m',
      'nginx.ingress.kubernetes.io/limit-rps': '10',
      'nginx.ingress.kubernetes.io/limit-burst-multiplier': '2',
      'nginx.ingress.kubernetes.io/proxy-connect-timeout': '60',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '60',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '60',
    });
    const ws = find(synthServices(services, PRODUCTION, stack), 'Ingress', 'app-ws');
    expect(ws.metadata.annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']).toBe('3600');
  });

  test('sets the response headers the controller allows from a ConfigMap, and no other', () => {
    const withHeaders = { ...stack, proxy: { responseHeaders: { 'X-Frame-Options': 'DENY', 'X-Custom': 'a' } } };
    const objects = synthServices(services, PRODUCTION, withHeaders);
    expect(find(objects, 'ConfigMap', 'response-headers').data).toEqual({ 'X-Frame-Options': 'DENY' });
    const app = find(objects, 'Ingress', 'app');
    expect(app.metadata.annotations['nginx.ingress.kubernetes.io/custom-headers']).toBe('shop/response-headers');
    expect(app.metadata.annotations['stackport.io/not-enforced']).toBe('response header X-Custom: a');
    const none = synthServices(services, withIngress(PRODUCTION, { allowedResponseHeaders: [] }), withHeaders);
    expect(none.filter(o => o.metadata.name === 'response-headers')).toEqual([]);
    expect(find(none, 'Ingress', 'app').metadata.annotations['nginx.ingress.kubernetes.io/custom-headers']).toBeUndefined();
  });

  test('rewrites a route\'s prefix with a regular-expression path and rewrite-target where the controller reads such paths', () => {
    const rewritten = { routes: [{ name: 'health', path: '/health', service: 'api', rewrite: '/docs' }, { name: 'admin', path: '/admin/', service: 'web', rewrite: '/' }] };
    const objects = synthServices(services, PRODUCTION, rewritten);
    const health = find(objects, 'Ingress', 'health');
    expect(health.spec.rules[0].http.paths[0]).toMatchObject({ path: '/health(/|$)(.*)', pathType: 'ImplementationSpecific' });
    expect(health.metadata.annotations).toMatchObject({ 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': '/docs$1$2' });
    const admin = find(objects, 'Ingress', 'admin');
    expect(admin.spec.rules[0].http.paths[0].path).toBe('/admin(/|$)(.*)');
    expect(admin.metadata.annotations['nginx.ingress.kubernetes.io/rewrite-target']).toBe('/$2');
  });

  test('keeps the plain prefix and lists the rewrite as not enforced where the controller reads no regular-expression paths', () => {
    const rewritten = { routes: [{ name: 'health', path: '/health', service: 'api', rewrite: '/docs' }] };
    for (const routing of [{ regexPaths: false }, { annotations: 'none' as const }]) {
      const health = find(synthServices(services, withIngress(PRODUCTION, routing), rewritten), 'Ingress', 'health');
      expect(health.spec.rules[0].http.paths[0]).toMatchObject({ path: '/health', pathType: 'Prefix' });
      expect(health.metadata.annotations['nginx.ingress.kubernetes.io/rewrite-target']).toBeUndefined();
      expect(health.metadata.annotations['stackport.io/not-enforced']).toBe('rewrite of /health to /docs');
    }
  });

  test('states plainly what the controller does not enforce', () => {
    const app = find(synthServices(services, withIngress(PRODUCTION, { allowedResponseHeaders: [] }), stack), 'Ingress', 'app');
    expect(app.metadata.annotations['stackport.io/not-enforced']).toBe('response header X-Frame-Options: DENY');
    const generic = find(synthServices(services, withIngress(PRODUCTION, { annotations: 'none' }), stack), 'Ingress', 'app-api');
    expect(generic.metadata.annotations['stackport.io/not-enforced']).toBe(
      'request bodies up to 10m; rate limit 10 r/s per client; burst 20; connect timeout 60s; send timeout 60s; read timeout 60s; response header X-Frame-Options: DENY');
    expect(Object.keys(generic.metadata.annotations).filter(k => k.startsWith('nginx.'))).toEqual([]);
  });
});
