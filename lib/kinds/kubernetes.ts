/**
 * The Kubernetes kinds stackport writes, with every fact that depends on the
 * kind alone: the file each object goes to (and so the order `kubectl apply -f
 * <folder>/` creates them in), its Argo CD sync wave, and where its pod
 * template is. A kind missing here fails synthesis with a message naming this
 * file; everything that needs these facts reads this table.
 */

/** The sync waves of a stack, in the order Argo CD applies them. */
export enum SyncWave {
  /** The Namespace everything else lives in. */
  NAMESPACE = 0,
  /** What pods refer to or are confined by: service accounts, RBAC, settings, secrets, NetworkPolicies. */
  SETTINGS = 1,
  /** StatefulSets and the Services that select their pods. */
  DATABASES = 2,
  /** Jobs that some service waits for with condition `completed` (migrations). */
  MIGRATIONS = 3,
  /** Every other workload, with its Services. */
  WORKLOADS = 4,
  /**
   * Routes (Ingresses, Gateway API objects), once there is something to serve them, and
   * autoscalers, disruption budgets, alerts and ServiceMonitors. Argo CD does not wait for the health of the last
   * wave, and an HPA is Degraded to it until the pods report metrics.
   */
  ROUTES = 5,
}

/**
 * A wave that depends on the stack, not on the kind alone (lib/sync-waves.ts applies it):
 * - `selected-pods`: a Service joins the wave of the workload whose pods it selects (DATABASES or WORKLOADS);
 * - `awaited`: a Job is in MIGRATIONS when a service waits for it to complete, else WORKLOADS;
 * - `first-mounter`: a claim joins the wave of the first workload that mounts it;
 * - `outside-stacks`: an object of dist/gitops/, which installs the stacks and is no part of one.
 */
export type WaveRule = 'selected-pods' | 'awaited' | 'first-mounter' | 'outside-stacks';

/**
 * File name prefixes: in a stack folder, the Namespace; what pods refer to
 * (service accounts, settings, claims) and the NetworkPolicies, so no pod runs
 * unprotected or fails to find its ServiceAccount; Services; workloads; what
 * refers to them (routes, autoscalers, and the alerts and ServiceMonitors that
 * watch them). In dist/gitops/, the project before what names it.
 */
export type FileOrder = '00' | '10' | '20' | '30' | '40';

/** The facts of one kind. */
export interface KindFacts {
  /** The prefix of its file names. */
  readonly fileOrder: FileOrder;
  /** Its sync wave, or the rule that decides it. */
  readonly wave: SyncWave | WaveRule;
  /**
   * Where its pod template is, as a path of fields, for kinds that run pods.
   *
   * @default - it runs no pods
   */
  readonly podTemplate?: readonly string[];
  /**
   * Its pods exist as soon as it does (a CronJob's only when its schedule fires).
   *
   * @default false
   */
  readonly podsAtOnce?: boolean;
  /**
   * Flux checks its readiness (a stack's Kustomization waits for it): what pods run in, and the secrets they need.
   *
   * @default false
   */
  readonly healthChecked?: boolean;
}

const TEMPLATE = ['spec', 'template'];

/** Every kind stackport writes. */
export const KINDS = {
  Namespace: { fileOrder: '00', wave: SyncWave.NAMESPACE },
  ServiceAccount: { fileOrder: '10', wave: SyncWave.SETTINGS },
  Role: { fileOrder: '10', wave: SyncWave.SETTINGS },
  RoleBinding: { fileOrder: '10', wave: SyncWave.SETTINGS },
  ConfigMap: { fileOrder: '10', wave: SyncWave.SETTINGS },
  Secret: { fileOrder: '10', wave: SyncWave.SETTINGS },
  ExternalSecret: { fileOrder: '10', wave: SyncWave.SETTINGS, healthChecked: true },
  PersistentVolumeClaim: { fileOrder: '10', wave: 'first-mounter' },
  NetworkPolicy: { fileOrder: '10', wave: SyncWave.SETTINGS },
  Service: { fileOrder: '20', wave: 'selected-pods' },
  Deployment: { fileOrder: '30', wave: SyncWave.WORKLOADS, podTemplate: TEMPLATE, podsAtOnce: true, healthChecked: true },
  StatefulSet: { fileOrder: '30', wave: SyncWave.DATABASES, podTemplate: TEMPLATE, podsAtOnce: true, healthChecked: true },
  Job: { fileOrder: '30', wave: 'awaited', podTemplate: TEMPLATE, podsAtOnce: true, healthChecked: true },
  CronJob: { fileOrder: '30', wave: SyncWave.WORKLOADS, podTemplate: ['spec', 'jobTemplate', 'spec', 'template'] },
  HorizontalPodAutoscaler: { fileOrder: '40', wave: SyncWave.ROUTES },
  PodDisruptionBudget: { fileOrder: '40', wave: SyncWave.ROUTES },
  Ingress: { fileOrder: '40', wave: SyncWave.ROUTES },
  Gateway: { fileOrder: '40', wave: SyncWave.ROUTES },
  HTTPRoute: { fileOrder: '40', wave: SyncWave.ROUTES },
  GRPCRoute: { fileOrder: '40', wave: SyncWave.ROUTES },
  ReferenceGrant: { fileOrder: '40', wave: SyncWave.ROUTES },
  BackendTrafficPolicy: { fileOrder: '40', wave: SyncWave.ROUTES },
  ClientTrafficPolicy: { fileOrder: '40', wave: SyncWave.ROUTES },
  // They watch the workloads, so they come after them, with the routes.
  PrometheusRule: { fileOrder: '40', wave: SyncWave.ROUTES },
  ServiceMonitor: { fileOrder: '40', wave: SyncWave.ROUTES },
  // dist/gitops/
  AppProject: { fileOrder: '00', wave: 'outside-stacks' },
  ApplicationSet: { fileOrder: '10', wave: 'outside-stacks' },
  Kustomization: { fileOrder: '10', wave: 'outside-stacks' },
} as const satisfies Readonly<Record<string, KindFacts>>;

/** A kind of {@link KINDS}. */
export type Kind = keyof typeof KINDS;

/** The kinds whose objects run pods (they have a pod template). */
export type WorkloadKind = { [K in Kind]: (typeof KINDS)[K] extends { podTemplate: readonly string[] } ? K : never }[Kind];

/** The kinds that run pods, in table order. */
export const WORKLOAD_KINDS = (Object.keys(KINDS) as Kind[]).filter((k): k is WorkloadKind => 'podTemplate' in KINDS[k]);

/** The facts of a kind, or undefined when it is not in {@link KINDS}. */
export function kindFacts(kind: string): KindFacts | undefined {
  return Object.prototype.hasOwnProperty.call(KINDS, kind) ? KINDS[kind as Kind] : undefined;
}

/** Whether an object runs pods. */
export function isWorkload(obj: { readonly kind: string }): boolean {
  return (WORKLOAD_KINDS as readonly string[]).includes(obj.kind);
}

/** An object's pod template (metadata and spec), or undefined when its kind runs no pods or the path is not there. */
export function podTemplateOf(obj: any): any {
  const path: readonly string[] | undefined = isWorkload(obj) ? KINDS[obj.kind as WorkloadKind].podTemplate : undefined;
  return path?.reduce((at: any, field) => at?.[field], obj);
}

/** The file an object is written to: `<file order>-<kind>-<name>.yaml` (a stack's Namespace: `00-namespace.yaml`). */
export function fileName(obj: { readonly kind: string; readonly metadata: { readonly name: string } }): string {
  const order = kindFacts(obj.kind)?.fileOrder;
  if (order === undefined) {
    throw new Error(`no file order for kind '${obj.kind}' (object '${obj.metadata.name}'); add the kind to KINDS in lib/kinds/kubernetes.ts`);
  }
  return obj.kind === 'Namespace' ? '00-namespace.yaml' : `${order}-${obj.kind.toLowerCase()}-${obj.metadata.name}.yaml`;
}
