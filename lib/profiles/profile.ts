import { ResourcesSpec, Stage } from '../spec/types';

/**
 * Where a stack runs. Every difference between environments lives in a
 * profile, as data; constructs and charts only read these fields.
 */
export interface Profile {
  /** Environment name: the dist/ directory name. */
  readonly name: string;
  /** Which compose stage's settings apply (`envByStage`, `stages`). */
  readonly stage: Stage;
  /**
   * Parent domain of every stack's hosts: a stack gets `<stack>.<domain>`, and
   * a route host label `app` gets `app.<stack>.<domain>`.
   */
  readonly domain: string;
  /**
   * cert-manager ClusterIssuer that signs the Ingress certificates.
   *
   * @default - no TLS (plain HTTP)
   */
  readonly tlsClusterIssuer?: string;
  /** IngressClass every Ingress names. */
  readonly ingressClassName: string;
  /**
   * Which annotations the ingress controller understands. `'ingress-nginx'`
   * carries rate limits, body size, timeouts and headers over as
   * `nginx.ingress.kubernetes.io/*` annotations; `'none'` lists them as not
   * enforced on each Ingress.
   */
  readonly ingressAnnotations: 'ingress-nginx' | 'none';
  /** StorageClass of single-writer volumes. @default - the cluster's default StorageClass */
  readonly storageClassName?: string;
  /**
   * StorageClass of volumes mounted by several pods at once.
   *
   * @default - the cluster's default StorageClass
   */
  readonly sharedStorageClassName?: string;
  /**
   * Access mode of shared volumes. Single-node clusters (kind, minikube) only
   * offer ReadWriteOnce, which is enough there because every pod lands on the
   * one node; managed clusters need ReadWriteMany.
   */
  readonly sharedAccessMode: 'ReadWriteOnce' | 'ReadWriteMany';
  /**
   * Image pull policy. `IfNotPresent` locally, so images loaded with
   * `kind load docker-image` or `minikube image load` are used as they are.
   */
  readonly imagePullPolicy: 'IfNotPresent' | 'Always';
  /**
   * Whether third-party images may be untagged or `latest`. Locally an imported
   * compose stack runs its images as written; production refuses them, since
   * the same tag can name a different image tomorrow.
   */
  readonly allowUnpinnedImages: boolean;
  /** Registry (and path) of the images built from the stacks' source. */
  readonly registry: string;
  /** Tag of the images built from the stacks' source. */
  readonly imageTag: string;
  /**
   * Whether the spec's scaling applies. Locally every workload runs one
   * replica so a laptop cluster can hold every stack.
   */
  readonly scaleAsSpecified: boolean;
  /** Requests and limits of containers whose spec names none. */
  readonly defaultResources: ResourcesSpec;
  /**
   * Whether the spec's CPU requests and limits apply. Locally every container
   * requests `defaultResources.cpu` so a laptop holds every stack; memory always
   * follows the spec, because an image needs the memory it needs (a JVM or a
   * database below its floor is killed, not slowed down).
   */
  readonly cpuAsSpecified: boolean;
  /** Requests and limits of the helper init containers that wait for dependencies. */
  readonly waitResources: ResourcesSpec;
  /** Seconds an init container waits for a dependency before it fails. */
  readonly waitTimeoutSeconds: number;
  /**
   * Pod Security Standard every namespace enforces, audits and warns on. Every
   * workload this project generates meets `restricted`; a profile that must
   * run something less strict relaxes it here, in one place, and says why.
   */
  readonly podSecurity: 'restricted' | 'baseline';
  /**
   * Where production secrets come from: the external-secrets.io store every
   * stack's ExternalSecret reads, each value under the remote key
   * `<stack>/<secret key>`.
   *
   * @default - no ExternalSecret; the stack's Secret is created in the cluster
   * by `npm run local:secrets -- <stack>`
   */
  readonly secretStore?: { readonly kind: 'ClusterSecretStore' | 'SecretStore'; readonly name: string };
  /** Namespace of the ingress controller's pods: the only peer allowed to reach routed services from outside the stack. */
  readonly ingressControllerNamespace: string;
  /**
   * Addresses of the Kubernetes API server, for the NetworkPolicy of services
   * that read the API. NetworkPolicies cannot select the API server by label.
   */
  readonly apiServerCidr: string;
}

/** The options that pick one profile and adjust it at synth time. */
export interface ProfileOverrides {
  /** Replaces the profile's `imageTag` (CI pipelines pass the built tag). */
  readonly imageTag?: string;
}
