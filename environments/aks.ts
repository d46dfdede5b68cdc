import { Profile } from '../lib/profiles/profile';
import { KUBE_PROMETHEUS_STACK, PRODUCTION } from './production';

/**
 * AKS application routing with its Istio-based Gateway API implementation
 * (GatewayClass `approuting-istio`). Istio deploys a Gateway's proxy beside
 * the Gateway, so the stacks attach to one Gateway the platform creates in
 * its own namespace (docs/routing.md), and NetworkPolicies admit that
 * proxy. Rate limits and body sizes are listed as not enforced.
 *
 * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
 */
export const AKS: Profile = {
  ...PRODUCTION,
  name: 'aks',
  routing: { kind: 'gateway', gateway: { shared: { name: 'stackport', namespace: 'stackport-gateway' } }, policies: 'none' },
  // Certificates belong to the platform's Gateway: any challenge (HTTP-01, production's) is solved in
  // stackport-gateway, not in a stack's namespace, which gets no solver policy.
  tls: { clusterIssuer: 'letsencrypt-prod', acmeChallenge: 'http01' },
  dataPlane: [{ namespace: 'stackport-gateway', podLabels: { 'gateway.networking.k8s.io/gateway-name': 'stackport' } }],
  storageClassName: 'managed-csi',
  sharedStorageClassName: 'azurefile-csi',
  // Istio's request metrics are not read: response-time and error-rate alerts are listed as not enforced.
  prometheusOperator: { ...KUBE_PROMETHEUS_STACK, requestMetrics: { kind: 'none' } },
  // Azure encrypts managed disks and Azure Files at rest by default (server-side encryption), whatever the class.
  volumesEncryptedAtRest: true,
};
