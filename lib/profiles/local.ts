import { Profile } from './profile';

/**
 * kind and minikube on a laptop: one replica each, small requests, images
 * loaded into the cluster by hand, hosts under `*.localhost` (browsers resolve
 * them to 127.0.0.1), the cluster's default StorageClass.
 */
export const LOCAL: Profile = {
  name: 'local',
  stage: 'development',
  domain: 'localhost',
  // minikube's ingress addon and a kind cluster with ingress-nginx both register this class.
  ingressClassName: 'nginx',
  ingressAnnotations: 'ingress-nginx',
  // kind's local-path and minikube's hostpath provisioners only offer ReadWriteOnce; one node makes that enough.
  sharedAccessMode: 'ReadWriteOnce',
  imagePullPolicy: 'IfNotPresent',
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
  // minikube's ingress addon and the ingress-nginx manifests for kind both run here.
  ingressControllerNamespace: 'ingress-nginx',
  // kind and minikube serve the API on the node's address (port 6443) behind the kubernetes Service.
  apiServerCidr: '0.0.0.0/0',
};
