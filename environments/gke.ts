import { Profile } from '../lib/profiles/profile';
import { KUBE_PROMETHEUS_STACK, PRODUCTION } from './production';

/**
 * GKE with its Gateway controller: each stack owns a Gateway of class
 * `gke-l7-global-external-managed` (a global external Application Load
 * Balancer). Its proxies are Google front ends outside the cluster that send
 * to pods directly, so the data plane is their address ranges; rate limits
 * and body sizes are Cloud Armor and GCPBackendPolicy matters, listed as not
 * enforced.
 *
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/gateway-api
 */
export const GKE: Profile = {
  ...PRODUCTION,
  name: 'gke',
  routing: { kind: 'gateway', gateway: { className: 'gke-l7-global-external-managed' }, policies: 'none' },
  // DNS-01 through Cloud DNS: an HTTP-01 challenge would reprogram the global load balancer for every token
  // (minutes each), and cert-manager's challenge routes do not reliably attach to GKE's Gateways
  // (cert-manager/cert-manager#8591). No solver pod then runs in the stacks' namespaces.
  tls: { clusterIssuer: 'letsencrypt-prod', acmeChallenge: 'dns01' },
  // Google front ends and health checkers.
  dataPlane: [{ cidr: '35.191.0.0/16' }, { cidr: '130.211.0.0/22' }],
  storageClassName: 'standard-rwo',
  sharedStorageClassName: 'standard-rwx',
  // Google front ends report to Cloud Monitoring, not to the cluster's Prometheus.
  prometheusOperator: { ...KUBE_PROMETHEUS_STACK, requestMetrics: { kind: 'none' } },
  // Google encrypts persistent disks and Filestore instances at rest by default, whatever the class.
  volumesEncryptedAtRest: true,
};
