/**
 * The stack spec: a docker-compose stack rewritten as typed, plain data.
 *
 * A spec says *what* runs; it knows nothing of clusters. Field names follow
 * compose where compose has one (`image`, `command`, `environment` becomes
 * `env`, `depends_on` becomes `dependsOn`, `healthcheck`), so that a compose
 * file could be imported into this shape mechanically.
 */

/**
 * The stage of an environment, as compose files distinguish them: the main
 * file plus `docker-compose.override.yml` (development) or the production file.
 */
export type Stage = 'development' | 'production';

/** Every stage, in a stable order. */
export const STAGES: readonly Stage[] = ['development', 'production'];

/**
 * One environment variable's value.
 *
 * - a string: a plain setting, rendered into the service's ConfigMap;
 * - `{ secret }`: a key of the stack's Secret (never written into dist/);
 * - `{ expand }`: a value assembled at run time by Kubernetes from other
 *   variables of the same container with `$(NAME)`, e.g. a connection string
 *   that embeds a password read from the Secret;
 * - `{ publicUrl }`: the public URL of one of the stack's route hosts, as the
 *   profile renders it (scheme, domain), plus an optional path.
 */
export type EnvValue =
  | string
  | { readonly secret: string }
  | { readonly expand: string }
  | { readonly publicUrl: string; readonly path?: string };

/** Environment variables by name, in the order they are declared. */
export type EnvMap = Readonly<Record<string, EnvValue>>;

/** What a health check runs: compose `test`, as a Kubernetes probe handler. */
export type ProbeTest =
  | { readonly httpGet: string; readonly port?: number }
  | { readonly exec: readonly string[] }
  | { readonly tcpPort: number };

/** A compose `healthcheck`, carried over as probes with the same timings. */
export interface HealthCheckSpec {
  /** What to run: an HTTP GET path, a command, or a TCP connect. */
  readonly test: ProbeTest;
  /** Compose `interval`. */
  readonly intervalSeconds: number;
  /** Compose `timeout`. */
  readonly timeoutSeconds: number;
  /** Compose `retries`: failures in a row before the container is unhealthy. */
  readonly retries: number;
  /**
   * Compose `start_period`: how long a slow starter may fail before it counts.
   *
   * Becomes a startup probe. @default - no startup probe
   */
  readonly startPeriodSeconds?: number;
  /**
   * Whether a failing check should also restart the container (liveness).
   *
   * `'process'` (the default for HTTP checks) restarts only when the primary
   * port stops answering (a service without a port: only when its process
   * exits, which the kubelet watches anyway), so an outage of a dependency that the health
   * endpoint reports, or a database replaying its log (pg_isready says
   * "rejecting connections"), takes the pod out of its Service without
   * restarting it. `'same'` uses the check itself for liveness.
   *
   * @default - 'process' for httpGet checks, 'same' otherwise
   */
  readonly liveness?: 'process' | 'same';
}

/** `depends_on` with its condition. */
export interface DependencySpec {
  /** The service depended on. */
  readonly service: string;
  /**
   * `service_healthy`: wait until the dependency's health check passes (its
   * Service answers; for a headless worker, its name resolves to a ready
   * pod). `service_started`: no wait, only a connection.
   * `service_completed_successfully`: wait until the Job has succeeded (its
   * `completionCheck` succeeds where it has one; otherwise the Job's status,
   * read from the API server with a ServiceAccount that may only get that Job).
   */
  readonly condition: 'healthy' | 'started' | 'completed';
}

/** A named port a service listens on. */
export interface PortSpec {
  /** IANA-style port name (DNS-1123 label, at most 15 characters). */
  readonly name: string;
  /** The port other services and routes use (the Service port). */
  readonly port: number;
  /** The port the container listens on. @default - same as `port` */
  readonly targetPort?: number;
  /** The port's protocol (compose `53:53/udp`). @default - TCP */
  readonly protocol?: 'UDP';
}

/** A persistent volume (compose named volume or bind mount of data). */
export interface VolumeSpec {
  /** Volume name; also the claim name. */
  readonly name: string;
  /** Where it is mounted in the container. */
  readonly mountPath: string;
  /** Requested size, as a Kubernetes quantity (e.g. `5Gi`). */
  readonly size: string;
  /**
   * Mounted by more than one pod at once (replicas, a backup CronJob): the
   * claim then uses the profile's shared access mode and storage class.
   *
   * @default false
   */
  readonly shared?: boolean;
  /** Mounted read-only in this service's container (compose `:ro`). @default false */
  readonly readOnly?: boolean;
}

/** A mounted volume claim owned by another service of the stack. */
export interface VolumeMountSpec {
  /** Name of a volume declared by another service. */
  readonly volume: string;
  /** Mount path in this container. */
  readonly mountPath: string;
  /** @default false */
  readonly readOnly?: boolean;
}

/** Files rendered into a ConfigMap and mounted as a directory, or file by file. */
export interface FilesSpec {
  /** Directory the files appear in, e.g. `/docker-entrypoint-initdb.d`. */
  readonly mountPath: string;
  /** File name (or a path below `mountPath`, `conf.d/site.conf`) to contents. */
  readonly files: Readonly<Record<string, string>>;
  /** File name (or path below `mountPath`) to binary contents, base64. @default - none */
  readonly binaryFiles?: Readonly<Record<string, string>>;
  /** Names (as in `files` or `binaryFiles`) of files mounted with mode 0755, e.g. scripts an entrypoint runs. @default - none: every file is 0644 */
  readonly executable?: readonly string[];
  /**
   * Mount each file on its own (`subPath`), so the image's other files in
   * `mountPath` stay visible (`/etc/nginx/nginx.conf` beside `mime.types`).
   * Files so mounted do not follow a ConfigMap edit; the pod rolls instead.
   *
   * @default false - the ConfigMap replaces the whole directory
   */
  readonly subPath?: boolean;
}

/** A key of the stack's Secret mounted as a file (compose `secrets`, at `/run/secrets/<name>`). */
export interface SecretFileSpec {
  /** The Secret key. */
  readonly key: string;
  /** Absolute path of the file in the container. */
  readonly path: string;
}

/** Requests and limits for one container in a sized environment. */
export interface ResourcesSpec {
  /** CPU request, e.g. `250m`. */
  readonly cpu: string;
  /** Memory request and limit, e.g. `512Mi`. */
  readonly memory: string;
  /**
   * A lower memory request (compose `mem_reservation`); `memory` stays the limit.
   *
   * @default - `memory`
   */
  readonly memoryRequest?: string;
  /** CPU limit. @default - no CPU limit (throttling hurts latency more than it protects) */
  readonly cpuLimit?: string;
}

/** Fixed replicas, or a HorizontalPodAutoscaler range. */
export type ScalingSpec =
  | { readonly replicas: number }
  | { readonly minReplicas: number; readonly maxReplicas: number; readonly cpuUtilization: number };

/** The identity a container runs as (compose `user`). */
export interface UserSpec {
  readonly uid: number;
  readonly gid: number;
}

/** A namespaced API permission (for services that read the Kubernetes API). */
export interface ApiAccessSpec {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

/** What every kind of service shares. */
export interface ServiceSpecBase {
  /** Compose service name; becomes the Service's DNS name (DNS-1123 label). */
  readonly name: string;
  /**
   * A pinned third-party image (`postgres:15.10-alpine`), or `{ build }` for an
   * image built from the stack's source: the profile names its registry and tag.
   * `args` are its build arguments (compose `build.args`). @default - no build arguments
   */
  readonly image: string | { readonly build: string; readonly args?: Readonly<Record<string, string>> };
  /** Compose `entrypoint` override. @default - the image's entrypoint */
  readonly command?: readonly string[];
  /** Compose `command`: arguments. @default - the image's CMD */
  readonly args?: readonly string[];
  /** Compose `working_dir`: the directory the process starts in. @default - the image's WORKDIR */
  readonly workingDir?: string;
  /** Per-stage arguments, like a compose override file's `command`. @default - `args` */
  readonly argsByStage?: Readonly<Partial<Record<Stage, readonly string[]>>>;
  /** Compose `environment`, for every stage. */
  readonly env?: EnvMap;
  /** Per-stage additions or replacements, like a compose override file. */
  readonly envByStage?: Readonly<Partial<Record<Stage, EnvMap>>>;
  /** Variables added only while a stack option is on. */
  readonly envByOption?: Readonly<Record<string, EnvMap>>;
  /** `depends_on`. */
  readonly dependsOn?: readonly DependencySpec[];
  /**
   * Further services this one connects to without waiting for them (network
   * reachability without start order).
   */
  readonly connectsTo?: readonly string[];
  /**
   * Connections that leave the cluster (an SMTP relay, a public API), by port.
   *
   * @default - none
   */
  readonly externalPorts?: readonly number[];
  /** The user the image runs as, or must be run as. */
  readonly user: UserSpec;
  /**
   * Paths the process writes outside its volumes; each gets an emptyDir so the
   * root filesystem can stay read-only.
   */
  readonly writablePaths?: readonly string[];
  /**
   * Why this image cannot run with a read-only root filesystem; setting it
   * leaves the root filesystem writable.
   *
   * @default - read-only root filesystem
   */
  readonly writableRootReason?: string;
  /**
   * Per-stage reasons for a writable root filesystem, like a compose override
   * file's command: a development server that writes beside its source (Vite
   * before 6 writes its bundled config next to `vite.config.*`) runs on a
   * writable root in that stage only.
   *
   * @default - `writableRootReason`, in every stage
   */
  readonly writableRootReasonByStage?: Readonly<Partial<Record<Stage, string>>>;
  /**
   * Keep the NET_BIND_SERVICE capability (the one Pod Security "restricted"
   * allows): the image's program carries it as a file capability and cannot
   * start without it, or compose adds it (cap_add).
   *
   * @default false: every capability is dropped
   */
  readonly netBindService?: boolean;
  /** Volumes this service owns. */
  readonly volumes?: readonly VolumeSpec[];
  /** Volumes owned by another service that this one mounts too. */
  readonly mounts?: readonly VolumeMountSpec[];
  /** Configuration files mounted from a ConfigMap (e.g. init scripts); several directories, one ConfigMap each. */
  readonly files?: FilesSpec | readonly FilesSpec[];
  /**
   * Size of /dev/shm (compose `shm_size`): a memory-backed emptyDir, which
   * counts against the memory limit.
   *
   * @default - the runtime's 64Mi /dev/shm
   */
  readonly shmSize?: string;
  /** Secret keys mounted as read-only files. @default - none */
  readonly secretFiles?: readonly SecretFileSpec[];
  /** Production sizing. @default - the profile's default resources */
  readonly resources?: ResourcesSpec;
  /** Stages this service exists in (compose `profiles`). @default - every stage */
  readonly stages?: readonly Stage[];
  /** Name of the stack option that switches this service on. @default - always on */
  readonly option?: string;
  /** Seconds to finish in-flight work after SIGTERM. @default 30 */
  readonly shutdownSeconds?: number;
}

/** A long-running server reached over the network: Deployment + Service. */
export interface WebServiceSpec extends ServiceSpecBase {
  readonly kind: 'web';
  /** Ports, the first one primary. */
  readonly ports: readonly [PortSpec, ...PortSpec[]];
  /**
   * More DNS names of this service (compose network aliases, `links` aliases):
   * each is a Service of that name selecting the same pods.
   *
   * @default - none
   */
  readonly aliases?: readonly string[];
  readonly healthcheck?: HealthCheckSpec;
  /** @default - one replica */
  readonly scaling?: ScalingSpec;
  /**
   * Kubernetes API access (namespaced, read-only) for services that inspect
   * the stack, such as a monitor that used the Docker socket.
   *
   * @default - no API access and no service account token
   */
  readonly apiAccess?: readonly ApiAccessSpec[];
}

/** A server with its own persistent data: StatefulSet + headless Service. */
export interface StatefulServiceSpec extends ServiceSpecBase {
  readonly kind: 'stateful';
  readonly ports: readonly [PortSpec, ...PortSpec[]];
  /**
   * More DNS names of this service (compose network aliases, `links` aliases):
   * each is a Service of that name selecting the same pods.
   *
   * @default - none
   */
  readonly aliases?: readonly string[];
  readonly healthcheck: HealthCheckSpec;
  /** The data directory, backed by a volumeClaimTemplate. */
  readonly dataPath: string;
  /** Size of the data volume, as a Kubernetes quantity. */
  readonly dataSize: string;
}

/** A background process with no port: Deployment, and no Service unless `headless`. */
export interface WorkerSpec extends ServiceSpecBase {
  readonly kind: 'worker';
  readonly healthcheck?: HealthCheckSpec;
  /**
   * Other services reach it by name on a port compose does not list: a
   * headless Service without ports, named as the service, so its DNS name
   * resolves to its ready pods and NetworkPolicies admit its clients on any port.
   *
   * @default false
   */
  readonly headless?: boolean;
  /**
   * More DNS names of this service (compose network aliases, `links` aliases):
   * each is a Service of that name selecting the same pods.
   *
   * @default - none
   */
  readonly aliases?: readonly string[];
  /**
   * Exactly one may run at any time (a scheduler such as Celery beat): one
   * replica, and the old pod stops before the new one starts.
   *
   * @default false
   */
  readonly singleton?: boolean;
  /** @default - one replica */
  readonly scaling?: ScalingSpec;
}

/** One-shot work (migration, seeder): a Job. */
export interface JobSpec extends ServiceSpecBase {
  readonly kind: 'job';
  /** Retries before the Job fails. @default 4 */
  readonly backoffLimit?: number;
  /** Seconds the Job may run once its dependencies answered. @default 600 */
  readonly deadlineSeconds?: number;
  /**
   * A shell command, run in the Job's image with its settings, that succeeds
   * once the Job's work is done (a migration: the schema is at head). Services
   * that depend on the Job with condition `completed` wait for it.
   *
   * @default - nothing can wait for this Job
   */
  readonly completionCheck?: string;
}

/** Periodic work (backups): a CronJob. */
export interface CronJobSpec extends ServiceSpecBase {
  readonly kind: 'cron';
  /** Five-field cron expression, in UTC. */
  readonly schedule: string;
  /** Seconds one run may take. @default 3600 */
  readonly deadlineSeconds?: number;
}

/** Any service of a stack. */
export type ServiceSpec = WebServiceSpec | StatefulServiceSpec | WorkerSpec | JobSpec | CronJobSpec;

/** The kind of a service; each has its entry in lib/spec/service-kinds.ts and its construct in lib/constructs/registry.ts. */
export type ServiceKind = ServiceSpec['kind'];

/** The spec of one kind of service. */
export type ServiceOfKind<K extends ServiceKind> = Extract<ServiceSpec, { readonly kind: K }>;

/** Requests per second per client address, nginx `limit_req`. */
export interface RateLimitSpec {
  readonly requestsPerSecond: number;
  readonly burst: number;
}

/** One `location` of the reverse proxy that the stack no longer deploys. */
export interface RouteSpec {
  /** Route name, unique in the stack; names the Ingress. */
  readonly name: string;
  /**
   * Host label in front of the stack's domain (`app` gives `app.<domain>`).
   *
   * @default - the stack's own host
   */
  readonly host?: string;
  /** Path prefix, starting with `/`. */
  readonly path: string;
  /** Target service. */
  readonly service: string;
  /** Target port name. @default - the service's first port */
  readonly port?: string;
  /**
   * The path prefix the service receives in place of `path` (nginx
   * `location /monitor/ { proxy_pass http://monitor:9000/; }`): with path
   * `/monitor` and rewrite `/`, `/monitor/status` reaches the service as
   * `/status`. Gateway API carries it as a URLRewrite filter; Ingress only
   * where the profile's controller reads regular-expression paths
   * (`routing.regexPaths`), otherwise it is listed as not enforced.
   *
   * @default - the path is passed on unchanged
   */
  readonly rewrite?: string;
  /** Upgrade to WebSocket (long read timeout). @default false */
  readonly websocket?: boolean;
  /** @default - no rate limit */
  readonly rateLimit?: RateLimitSpec;
  /** proxy_connect/send/read_timeout. @default - the controller's default */
  readonly timeoutSeconds?: number;
  /** proxy_buffer_size, as nginx writes it (`128k`). @default - the controller's default */
  readonly proxyBufferSize?: string;
  /** proxy_buffers, as nginx writes it (`4 256k`: number and size). @default - the controller's default */
  readonly proxyBuffers?: string;
  /** proxy_busy_buffers_size, as nginx writes it (`256k`). @default - the controller's default */
  readonly proxyBusyBuffersSize?: string;
}

/** nginx `gzip on` for every route: responses compressed, with `Vary: Accept-Encoding`. */
export interface GzipSpec {
  /** gzip_min_length: smaller responses are sent as they are. */
  readonly minLengthBytes: number;
  /** gzip_types: the MIME types compressed (nginx always adds text/html). */
  readonly types: readonly string[];
}

/** Behaviour the reverse proxy applied to every route. */
export interface ProxySpec {
  /** client_max_body_size, as nginx writes it (`10m`). */
  readonly maxBodySize?: string;
  /** Response headers added to every answer (security headers). */
  readonly responseHeaders?: Readonly<Record<string, string>>;
  /** Response compression. @default - none */
  readonly gzip?: GzipSpec;
}

/** A key of the stack's Secret. */
export interface SecretSpec {
  /** Key name (lower-case, dashes). */
  readonly key: string;
  /** What it is, for the README and the external store's documentation. */
  readonly description: string;
  /** How `local:secrets` makes a value. @default 'random' */
  readonly generate?: 'random' | 'hex32';
}

/** A whole compose stack. */
export interface StackSpec {
  /** Stack name: the namespace and the dist/ directory name. */
  readonly name: string;
  /** The compose document this spec replaces. */
  readonly source: string;
  /** One line on what the stack is. */
  readonly description: string;
  /** The services, in compose order. */
  readonly services: readonly ServiceSpec[];
  /** Reverse proxy locations, now Ingress rules. */
  readonly routes: readonly RouteSpec[];
  /** Reverse proxy behaviour applied to all routes. */
  readonly proxy?: ProxySpec;
  /** Every key of the stack's Secret. */
  readonly secrets: readonly SecretSpec[];
  /** Switches for optional parts, with their defaults as the compose file has them. */
  readonly options?: Readonly<Record<string, boolean>>;
  /**
   * Alerts and metrics endpoints, for clusters that run the Prometheus
   * Operator (the profile's `prometheusOperator`); elsewhere nothing is rendered.
   *
   * @default - no monitoring objects
   */
  readonly monitoring?: MonitoringSpec;
  /**
   * Stages whose volumes must be encrypted at rest, as the stack's
   * documentation requires (compose cannot say it). Synthesis refuses a
   * profile of such a stage that does not promise `volumesEncryptedAtRest`.
   *
   * @default - no requirement
   */
  readonly encryptedVolumesIn?: readonly Stage[];
}

/**
 * What the stack's alerts watch and which of its services Prometheus scrapes.
 * The alerts are rendered as one PrometheusRule whose expressions read
 * metrics every Prometheus Operator cluster has (kube-state-metrics, the
 * kubelet's cAdvisor) and, for response time and errors, the data plane's
 * request metrics that the profile names.
 */
export interface MonitoringSpec {
  /** The alerts, each one kind with its threshold. */
  readonly alerts: readonly [AlertSpec, ...AlertSpec[]];
  /**
   * Services that expose Prometheus metrics on one of their ports: each gets
   * a ServiceMonitor, and a NetworkPolicy that admits the profile's
   * Prometheus to that port.
   *
   * @default - none: no service exposes metrics
   */
  readonly scrape?: readonly ScrapeSpec[];
}

/** A metrics endpoint of a service with ports. */
export interface ScrapeSpec {
  /** The service. */
  readonly service: string;
  /** Name of the port that serves the metrics. */
  readonly port: string;
  /** @default '/metrics' */
  readonly path?: string;
}

/** What every alert carries. */
interface AlertBase {
  /** The `severity` label Alertmanager routes on. */
  readonly severity: 'warning' | 'critical';
  /** Minutes the condition must hold before the alert fires (the rule's `for`). */
  readonly forMinutes: number;
}

/**
 * One alert of the stack, by kind:
 * - `unavailable`: a Deployment or StatefulSet with no ready replica;
 * - `restarts`: a container restarted more than `count` times in `windowMinutes`;
 * - `cpu`: a container uses more than `percentOfRequest` of its CPU request;
 * - `memory`: a container's working set is above `percentOfLimit` of its memory limit;
 * - `error-rate`: more than `percent` of a route's responses are 5xx;
 * - `response-time`: a route's `percentile` response time is above `seconds`.
 *
 * The last two read the data plane's request metrics (the profile's
 * `prometheusOperator.requestMetrics`); without them they are listed under
 * `stackport.io/not-enforced` on the PrometheusRule.
 */
export type AlertSpec =
  | AlertBase & { readonly kind: 'unavailable' }
  | AlertBase & { readonly kind: 'restarts'; readonly count: number; readonly windowMinutes: number }
  | AlertBase & { readonly kind: 'cpu'; readonly percentOfRequest: number }
  | AlertBase & { readonly kind: 'memory'; readonly percentOfLimit: number }
  | AlertBase & { readonly kind: 'error-rate'; readonly percent: number }
  | AlertBase & { readonly kind: 'response-time'; readonly percentile: number; readonly seconds: number };
