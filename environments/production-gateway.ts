import { Profile } from '../lib/profiles/profile';
import { KUBE_PROMETHEUS_STACK, PRODUCTION } from './production';

/**
 * Production with Gateway API and Envoy Gateway: each stack owns a Gateway of
 * class `eg` (HTTPS listeners with cert-manager certificates, an HTTP to HTTPS
 * redirect), and Envoy Gateway policies carry the rate limits, body sizes,
 * buffers and compression that Gateway API does not standardise.
 */
export const PRODUCTION_GATEWAY: Profile = {
  ...PRODUCTION,
  name: 'production-gateway',
  routing: { kind: 'gateway', gateway: { className: 'eg' }, policies: 'envoy-gateway' },
  // HTTP-01 as production: cert-manager attaches its challenge route (an exact path, which wins over the
  // redirect's prefix) to each stack's own Gateway; the ClusterIssuer's solver names that Gateway (docs/deploying.md).
  tls: { clusterIssuer: 'letsencrypt-prod', acmeChallenge: 'http01' },
  // Envoy Gateway runs every Gateway's proxies in its own namespace.
  dataPlane: [{
    namespace: 'envoy-gateway-system',
    podLabels: { 'app.kubernetes.io/managed-by': 'envoy-gateway', 'app.kubernetes.io/component': 'proxy' },
  }],
  // The Envoy proxies' metrics scraped by a PodMonitor of the platform's (docs/monitoring.md).
  prometheusOperator: { ...KUBE_PROMETHEUS_STACK, requestMetrics: { kind: 'envoy-gateway' } },
};

/**
 * Production with a Gateway the platform runs for every stack (Envoy Gateway):
 * the stacks attach HTTPRoutes to its `https` listener; TLS and the redirect
 * are the platform's.
 */
export const PRODUCTION_SHARED_GATEWAY: Profile = {
  ...PRODUCTION_GATEWAY,
  name: 'production-shared-gateway',
  routing: { kind: 'gateway', gateway: { shared: { name: 'platform', namespace: 'gateway-system', listener: 'https' } }, policies: 'envoy-gateway' },
  // The platform's Gateway holds the certificates, so their challenges (HTTP-01 here, as production) are
  // answered in its namespace: the stacks request none, and their namespaces get no solver policy.
  tls: { clusterIssuer: 'letsencrypt-prod', acmeChallenge: 'http01' },
};
