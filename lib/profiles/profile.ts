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
   * HTTPS on every route, with certificates cert-manager issues, and how its
   * ACME server checks the hosts. Local clusters have no public host an ACME
   * server could reach, so they serve plain HTTP.
   *
   * @default - no TLS (plain HTTP)
   * @see https://cert-manager.io/docs/configuration/acme/
   */
  readonly tls?: TlsSettings;
  /** How routes reach the stack's services: Ingress objects or Gateway API HTTPRoutes. */
  readonly routing: IngressRouting | GatewayRouting;
  /** StorageClass of single-writer volumes. @default - the cluster's default StorageClass */
  readonly storageClassName?: string;
  /**
   * StorageClass of volumes mounted by several pods at once.
   *
   * @default - the cluster's default StorageClass
   */
  readonly sharedStorageClassName?: string;
  /**
   * Whether the volumes this profile's StorageClasses (or the cluster's
   * default) provision are encrypted at rest. Synthesis cannot see a
   * StorageClass, so this is the profile's promise, which stacks whose spec
   * asks for encrypted volumes (`encryptedVolumesIn`) are checked against.
   * EKS encrypts an EBS volume only when its class has the parameter
   * `encrypted: "true"` (or the account encrypts new volumes by default), and
   * an EFS volume only on a file system created encrypted; GKE (persistent
   * disks, Filestore) and AKS (managed disks, Azure Files) encrypt every
   * volume at rest, whatever the class. kind's local-path and minikube's
   * hostpath provisioners write plain directories on the node.
   *
   * @see https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md
   */
  readonly volumesEncryptedAtRest: boolean;
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
  /** Tag of the images built from the stacks' source; `IMAGE_TAG` replaces it at synth time. */
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
  /**
   * Who delivers routed traffic to the stack's pods: the only peers outside
   * the stack that NetworkPolicies admit, to routed services (on the routed
   * ports) and to cert-manager's HTTP-01 solver pods (`tls.acmeChallenge`). An ingress controller or gateway proxy inside the cluster is a
   * namespace and pod labels; a proxy outside it (cloud-provider-kind, a
   * cloud load balancer that sends straight to pods) is an address range.
   */
  readonly dataPlane: readonly [DataPlanePeer, ...DataPlanePeer[]];
  /**
   * Addresses of the Kubernetes API server, for the NetworkPolicy of services
   * that read the API. NetworkPolicies cannot select the API server by label.
   */
  readonly apiServerCidr: string;
  /**
   * The cluster's Prometheus Operator, which reads the stacks'
   * PrometheusRules and ServiceMonitors. Local clusters run none by default.
   *
   * @default - none: no monitoring objects
   * @see https://prometheus-operator.dev/docs/developer/alerting/
   */
  readonly prometheusOperator?: PrometheusOperator;
}

/** A Prometheus Operator and the Prometheus it runs. */
export interface PrometheusOperator {
  /**
   * Labels every PrometheusRule and ServiceMonitor carries: what the
   * Prometheus's `ruleSelector` and `serviceMonitorSelector` match.
   * kube-prometheus-stack selects `release: <its Helm release name>`.
   */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** The Prometheus pods, which NetworkPolicies admit to the metrics ports of the stack's `monitoring.scrape`. */
  readonly prometheus: { readonly namespace: string; readonly podLabels: Readonly<Record<string, string>> };
  /** Whose request metrics this Prometheus already scrapes, for response-time and error-rate alerts. */
  readonly requestMetrics: RequestMetrics;
}

/**
 * The data plane's per-request metrics, as Prometheus stores them:
 * - `ingress-nginx`: `nginx_ingress_controller_requests` and
 *   `nginx_ingress_controller_request_duration_seconds`, labelled by
 *   `ingress`; the Ingress's namespace is `namespaceLabel`, which is
 *   `exported_namespace` when the controller's ServiceMonitor keeps its
 *   default `honorLabels: false` (the target's own `namespace` wins);
 * - `envoy-gateway`: the Envoy proxies' `envoy_cluster_upstream_rq_*`,
 *   labelled by `envoy_cluster_name` (`httproute/<namespace>/<route>/rule/<n>`);
 * - `none`: no request metrics; those alerts are listed as not enforced.
 */
export type RequestMetrics =
  | { readonly kind: 'ingress-nginx'; readonly namespaceLabel: 'exported_namespace' | 'namespace' }
  | { readonly kind: 'envoy-gateway' }
  | { readonly kind: 'none' };

/**
 * Routes as Ingress objects, one per route (ingress-nginx reads its
 * annotations per Ingress).
 */
export interface IngressRouting {
  readonly kind: 'ingress';
  /**
   * IngressClass every Ingress names.
   *
   * @default - none: the cluster's default IngressClass (kind's
   * cloud-provider-kind and minikube's ingress addon both mark theirs default)
   */
  readonly className?: string;
  /**
   * Which annotations the controller understands. `'ingress-nginx'` carries
   * rate limits, body size, timeouts and buffers over as
   * `nginx.ingress.kubernetes.io/*` annotations; `'none'` lists them as not
   * enforced on each Ingress.
   */
  readonly annotations: 'ingress-nginx' | 'none';
  /**
   * Response headers the ingress-nginx controller lets an Ingress set: the
   * names its ConfigMap lists under `global-allowed-response-headers` (it
   * answers 503 on every path of an Ingress that asks for another one). The
   * stack's proxy headers named here are set through the `custom-headers`
   * annotation from a `response-headers` ConfigMap in the stack's namespace;
   * the others are listed as not enforced. Read only with `annotations:
   * 'ingress-nginx'`.
   *
   * @see https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#custom-headers
   */
  readonly allowedResponseHeaders: readonly string[];
  /**
   * Whether the controller reads regular-expression paths (pathType
   * `ImplementationSpecific`), which a route's `rewrite` needs on an Ingress:
   * its path becomes `<path>(/|$)(.*)` with ingress-nginx `rewrite-target`,
   * and ingress-nginx then matches every path of that host as a
   * case-insensitive regular expression. Without, the route keeps its plain
   * prefix and the rewrite is listed under `stackport.io/not-enforced`. Read
   * only with `annotations: 'ingress-nginx'`.
   *
   * @see https://kubernetes.github.io/ingress-nginx/examples/rewrite/
   */
  readonly regexPaths: boolean;
}

/**
 * Routes as Gateway API v1 (standard channel) HTTPRoutes, one per host with a
 * rule per path.
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/httproute/
 */
export interface GatewayRouting {
  readonly kind: 'gateway';
  /**
   * The Gateway the routes attach to: one the platform runs for every stack
   * (`shared`), or one per stack, named `gateway`, of this GatewayClass, with
   * an HTTP listener per host and, with `tls`, an HTTPS listener
   * per host whose certificate cert-manager issues, plus an HTTP to HTTPS
   * redirect.
   */
  readonly gateway: { readonly shared: SharedGateway } | { readonly className: string };
  /**
   * Whose policies carry what Gateway API leaves to implementations (rate
   * limits, body size, buffers, compression): `'envoy-gateway'` emits Envoy
   * Gateway BackendTrafficPolicy and ClientTrafficPolicy objects; `'none'`
   * lists them under `stackport.io/not-enforced` on each HTTPRoute.
   */
  readonly policies: 'envoy-gateway' | 'none';
}

/**
 * Where the stacks' certificates come from. The stack's own objects request
 * them: each Ingress's first host, or each HTTPS listener of a Gateway the
 * stack owns (the `cert-manager.io/cluster-issuer` annotation). A shared
 * Gateway's certificates are the platform's, requested and proven in the
 * platform's namespace: with one, these fields only say that the routes are
 * HTTPS.
 */
export interface TlsSettings {
  /** cert-manager ClusterIssuer that signs the certificates. */
  readonly clusterIssuer: string;
  /**
   * The ACME challenge the ClusterIssuer's solver answers; it must be the one
   * its `spec.acme.solvers` configure.
   *
   * - `'http01'`: cert-manager runs a solver pod (label
   *   `acme.cert-manager.io/http01-solver: "true"`, port 8089) in the
   *   Certificate's namespace, which is the stack's, and routes
   *   `/.well-known/acme-challenge/<token>` to it through the ingress
   *   controller or the stack's Gateway. The stack's default-deny policy would
   *   hold that pod, so a NetworkPolicy admits the profile's `dataPlane` to
   *   it on 8089; the ACME server and cert-manager's own self-check both
   *   arrive through the data plane, and the solver itself needs no egress.
   *   Let's Encrypt's usual choice; the hosts must be reachable on port 80.
   * - `'dns01'`: cert-manager writes a TXT record at the DNS provider; nothing
   *   runs in the stack's namespace and no policy is added.
   *
   * @see https://cert-manager.io/docs/configuration/acme/http01/
   * @see https://cert-manager.io/docs/configuration/acme/dns01/
   */
  readonly acmeChallenge: 'http01' | 'dns01';
}

/** A Gateway run by the platform that stacks attach their HTTPRoutes to. */
export interface SharedGateway {
  readonly name: string;
  readonly namespace: string;
  /**
   * The listener routes attach to; it must admit routes from the stacks'
   * namespaces (`allowedRoutes`).
   *
   * @default - every listener of the Gateway whose hostname matches
   */
  readonly listener?: string;
}

/** One source of routed traffic that NetworkPolicies admit. */
export type DataPlanePeer =
  | {
    /** The proxies' namespace. @default - the stack's own namespace (proxies deployed beside a stack-owned Gateway) */
    readonly namespace?: string;
    /** Labels of the proxy pods. @default - every pod of the namespace */
    readonly podLabels?: Readonly<Record<string, string>>;
  }
  | {
    /** Addresses the proxy connects from, e.g. kind's Docker network. */
    readonly cidr: string;
  };

/** The options that pick one profile and adjust it at synth time. */
export interface ProfileOverrides {
  /** Replaces the profile's `imageTag` (CI pipelines pass the built tag). */
  readonly imageTag?: string;
}
