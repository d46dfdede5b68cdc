import { Profile } from '../lib/profiles/profile';

/**
 * A managed cluster (EKS, GKE, AKS): the seeds' replicas and autoscaling,
 * requests and limits on every container, pinned images from the team's
 * registry, TLS from cert-manager, routes as Ingresses for ingress-nginx. The
 * README lists the values to use per cloud for the IngressClass, the data
 * plane and the StorageClasses; the Gateway API presets beside this file
 * start from it.
 */
export const PRODUCTION: Profile = {
  name: 'production',
  stage: 'production',
  domain: 'example.com',
  tlsClusterIssuer: 'letsencrypt-prod',
  routing: {
    kind: 'ingress',
    className: 'nginx',
    annotations: 'ingress-nginx',
    // The controller's global-allowed-response-headers must list these (README, "A managed cluster").
    allowedResponseHeaders: ['X-Frame-Options', 'X-Content-Type-Options', 'X-XSS-Protection', 'Strict-Transport-Security'],
    // ingress-nginx: a route's rewrite becomes a regular-expression path with rewrite-target.
    regexPaths: true,
  },
  dataPlane: [{ namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } }],
  storageClassName: 'gp3',
  sharedStorageClassName: 'efs-sc',
  sharedAccessMode: 'ReadWriteMany',
  // Tags are pinned, so Always costs one registry round-trip and catches a re-pushed tag.
  imagePullPolicy: 'Always',
  allowUnpinnedImages: false,
  registry: 'registry.example.com/stackport',
  imageTag: '1.0.0',
  scaleAsSpecified: true,
  defaultResources: { cpu: '100m', memory: '256Mi' },
  cpuAsSpecified: true,
  waitResources: { cpu: '10m', memory: '16Mi' },
  waitTimeoutSeconds: 600,
  podSecurity: 'restricted',
  secretStore: { kind: 'ClusterSecretStore', name: 'stackport' },
  // Narrow this to the control plane's address range where the provider publishes it.
  apiServerCidr: '0.0.0.0/0',
};
