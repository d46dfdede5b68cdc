import { Profile } from '../lib/profiles/profile';

/**
 * kind and minikube on a laptop, from the same folder: one replica each,
 * small requests, images loaded into the cluster by hand, hosts under
 * `*.localhost` (browsers resolve them to 127.0.0.1), the cluster's default
 * StorageClass and default IngressClass.
 */
export const LOCAL: Profile = {
  name: 'local',
  stage: 'development',
  domain: 'localhost',
  // No `tls`: no ACME server can reach a *.localhost host, so routes are plain HTTP and no solver runs.
  routing: {
    kind: 'ingress',
    // No class name: kind's cloud-provider-kind and minikube's ingress addon both mark their IngressClass default.
    // ingress-nginx annotations: minikube's addon reads them; cloud-provider-kind ignores them (docs/routing.md).
    annotations: 'ingress-nginx',
    // minikube's addon allows no custom response header until its ConfigMap lists them: listed as not enforced.
    allowedResponseHeaders: [],
    // cloud-provider-kind takes a regular-expression path literally and the route is lost: rewrites are listed as not enforced.
    regexPaths: false,
  },
  dataPlane: [
    // minikube's ingress addon.
    { namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
    // cloud-provider-kind's proxy runs outside the cluster, on kind's Docker network
    // (`docker network inspect kind`; 172.18.0.0/16 unless Docker picked another range).
    { cidr: '172.18.0.0/16' },
  ],
  // kind's local-path and minikube's hostpath provisioners only offer ReadWriteOnce; one node makes that enough.
  sharedAccessMode: 'ReadWriteOnce',
  // local-path and hostpath volumes are plain directories on the node; stacks ask for encryption in production only.
  volumesEncryptedAtRest: false,
  imagePullPolicy: 'IfNotPresent',
  // Imported compose files often name untagged or `latest` images: kept as written for a laptop, refused in production.
  allowUnpinnedImages: true,
  registry: 'stackport.local',
  imageTag: 'dev',
  scaleAsSpecified: false,
  defaultResources: { cpu: '50m', memory: '256Mi' },
  cpuAsSpecified: false,
  waitResources: { cpu: '10m', memory: '16Mi' },
  waitTimeoutSeconds: 300,
  // Every generated workload meets "restricted" locally too: nothing is relaxed.
  podSecurity: 'restricted',
  // kind and minikube serve the API on the node's address (port 6443) behind the kubernetes Service.
  apiServerCidr: '0.0.0.0/0',
};
