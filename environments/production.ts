import { Profile, PrometheusOperator } from '../lib/profiles/profile';

/**
 * kube-prometheus-stack installed as Helm release `kube-prometheus-stack` in
 * namespace `monitoring`: its Prometheus selects rules and ServiceMonitors
 * labelled `release: <release name>` (docs/monitoring.md).
 */
export const KUBE_PROMETHEUS_STACK: Omit<PrometheusOperator, 'requestMetrics'> = {
  selectorLabels: { release: 'kube-prometheus-stack' },
  prometheus: { namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'prometheus' } },
};

/**
 * A managed cluster (EKS, GKE, AKS): the seeds' replicas and autoscaling,
 * requests and limits on every container, pinned images from the team's
 * registry, TLS from cert-manager, routes as Ingresses for ingress-nginx. The
 * docs/deploying.md lists the values to use per cloud for the IngressClass, the data
 * plane and the StorageClasses; the Gateway API presets beside this file
 * start from it.
 */
export const PRODUCTION: Profile = {
  name: 'production',
  stage: 'production',
  domain: 'example.com',
  // HTTP-01, Let's Encrypt's usual challenge: it needs only the ingress controller already serving the
  // hosts on port 80, no DNS provider credentials; the solver pod's NetworkPolicy admits the data plane.
  tls: { clusterIssuer: 'letsencrypt-prod', acmeChallenge: 'http01' },
  routing: {
    kind: 'ingress',
    className: 'nginx',
    annotations: 'ingress-nginx',
    // The controller's global-allowed-response-headers must list these (docs/deploying.md, "A managed cluster").
    allowedResponseHeaders: ['X-Frame-Options', 'X-Content-Type-Options', 'X-XSS-Protection', 'Strict-Transport-Security'],
    // ingress-nginx: a route's rewrite becomes a regular-expression path with rewrite-target.
    regexPaths: true,
  },
  dataPlane: [{ namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } }],
  storageClassName: 'gp3',
  sharedStorageClassName: 'efs-sc',
  // gp3 must carry the parameter encrypted: "true", and efs-sc's file system be created encrypted (docs/deploying.md, "A managed cluster").
  volumesEncryptedAtRest: true,
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
  // ingress-nginx's metrics and ServiceMonitor switched on in its Helm values, which keep honorLabels off.
  prometheusOperator: { ...KUBE_PROMETHEUS_STACK, requestMetrics: { kind: 'ingress-nginx', namespaceLabel: 'exported_namespace' } },
};
