import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ScalingSpec, WebServiceSpec, WorkerSpec } from '../spec/types';
import { ServiceConstructProps, StackContext } from './context';
import { labels, selectorLabels } from './labels';
import { podTemplate } from './pod-template';
import { namedService } from './service';

/** Props of {@link WebService}. */
export type WebServiceProps = ServiceConstructProps<WebServiceSpec>;

/**
 * A long-running server reached over the network.
 *
 * Creates a Deployment, a ClusterIP Service named as the compose service (so
 * URLs such as `http://backend:8000` keep working), a ConfigMap of its plain
 * settings, a HorizontalPodAutoscaler where the spec scales on CPU, and, for
 * services that read the Kubernetes API, a ServiceAccount with a read-only Role.
 */
export class WebService extends Construct {
  public readonly deployment: kplus.Deployment;
  public readonly service: kplus.Service;
  /** Replicas the profile runs at least. */
  public readonly minReplicas: number;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id);
    const { spec, context } = props;
    const serviceAccount = spec.apiAccess === undefined ? undefined : apiReader(this, spec.name, spec.apiAccess, context);
    const pod = podTemplate(this, spec, context, { component: 'server', claims: props.claims, serviceAccount, drainOnStop: true });
    const scaling = scalingPlan(spec.scaling, context);
    this.deployment = new kplus.Deployment(this, 'Deployment', {
      ...pod.props,
      replicas: scaling.replicas,
      strategy: deploymentStrategy(spec),
    });
    autoscale(this, this.deployment, scaling, labels(context.spec.name, spec.name, 'server'));
    keepAvailable(this, this.deployment, spec.name, scaling, labels(context.spec.name, spec.name, 'server'));
    this.minReplicas = scaling.minReplicas;
    this.service = namedService(this, context, spec.name, 'server', spec.ports);
    this.service.select(this.deployment);
  }
}

/** Props of {@link Worker}. */
export type WorkerProps = ServiceConstructProps<WorkerSpec>;

/**
 * A background process with no port (Celery worker or beat, Logstash).
 *
 * Creates a Deployment (Recreate and one replica for a singleton, so two
 * schedulers never run at once), a ConfigMap of its plain settings, and a
 * HorizontalPodAutoscaler where the spec scales on CPU.
 */
export class Worker extends Construct {
  public readonly deployment: kplus.Deployment;
  public readonly minReplicas: number;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id);
    const { spec, context } = props;
    const pod = podTemplate(this, spec, context, { component: 'worker', claims: props.claims });
    const scaling = scalingPlan(spec.scaling, context);
    this.deployment = new kplus.Deployment(this, 'Deployment', {
      ...pod.props,
      replicas: scaling.replicas,
      strategy: spec.singleton === true ? kplus.DeploymentStrategy.recreate() : deploymentStrategy(spec),
    });
    autoscale(this, this.deployment, scaling, labels(context.spec.name, spec.name, 'worker'));
    keepAvailable(this, this.deployment, spec.name, scaling, labels(context.spec.name, spec.name, 'worker'));
    this.minReplicas = scaling.minReplicas;
  }
}

/**
 * Rolling updates that never drop below the desired count, except for pods
 * that hold a single-writer volume: a second pod could not attach it, so the
 * old one stops first.
 */
function deploymentStrategy(spec: WebServiceSpec | WorkerSpec): kplus.DeploymentStrategy {
  const holdsVolume = (spec.volumes ?? []).some(v => v.shared !== true);
  return holdsVolume
    ? kplus.DeploymentStrategy.recreate()
    : kplus.DeploymentStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(1), maxUnavailable: kplus.PercentOrAbsolute.absolute(0) });
}

/** How many replicas a workload runs in this profile. */
export interface ScalingPlan {
  /** Fixed replicas; undefined when an HPA owns the count. */
  readonly replicas?: number;
  readonly minReplicas: number;
  readonly autoscaling?: { readonly maxReplicas: number; readonly cpuUtilization: number };
}

/** The spec's scaling where the profile applies it; one replica otherwise (set explicitly: cdk8s-plus defaults to 2). */
export function scalingPlan(scaling: ScalingSpec | undefined, context: StackContext): ScalingPlan {
  if (!context.profile.scaleAsSpecified || scaling === undefined) {
    return { replicas: 1, minReplicas: 1 };
  }
  if ('replicas' in scaling) {
    return { replicas: scaling.replicas, minReplicas: scaling.replicas };
  }
  return { minReplicas: scaling.minReplicas, autoscaling: { maxReplicas: scaling.maxReplicas, cpuUtilization: scaling.cpuUtilization } };
}

/** Adds a CPU HorizontalPodAutoscaler where the plan has one. */
function autoscale(scope: Construct, deployment: kplus.Deployment, plan: ScalingPlan, objectLabels: Record<string, string>): void {
  if (plan.autoscaling === undefined) {
    return;
  }
  new kplus.HorizontalPodAutoscaler(scope, 'Autoscaler', {
    metadata: { name: deployment.name, labels: objectLabels },
    target: deployment,
    minReplicas: plan.minReplicas,
    maxReplicas: plan.autoscaling.maxReplicas,
    metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(plan.autoscaling.cpuUtilization))],
  });
}

/**
 * For a workload that runs more than one replica: a PodDisruptionBudget (one
 * pod at a time may be evicted by drains and upgrades) and topology spread
 * across nodes and zones, preferred rather than required so that a cluster
 * with fewer zones still schedules every replica.
 */
function keepAvailable(scope: Construct, deployment: kplus.Deployment, name: string, plan: ScalingPlan, objectLabels: Record<string, string>): void {
  if (plan.minReplicas < 2) {
    return;
  }
  new k8s.KubePodDisruptionBudget(scope, 'DisruptionBudget', {
    metadata: { name, labels: objectLabels },
    spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: selectorLabels(name) } },
  });
  const spread = ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map(topologyKey => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: selectorLabels(name) },
  }));
  // cdk8s-plus-28 spreads with pod anti-affinity only; topologySpreadConstraints are set directly.
  ApiObject.of(deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', spread));
}

/** A ServiceAccount bound to a namespaced, read-only Role. */
function apiReader(scope: Construct, name: string, access: NonNullable<WebServiceSpec['apiAccess']>, context: StackContext): kplus.ServiceAccount {
  const meta = { labels: labels(context.spec.name, name, 'server') };
  const account = new kplus.ServiceAccount(scope, 'ServiceAccount', {
    metadata: { name, ...meta },
    automountToken: true,
  });
  const role = new kplus.Role(scope, 'Role', { metadata: { name: `${name}-reader`, ...meta } });
  for (const rule of access) {
    for (const resource of rule.resources) {
      role.allow([...rule.verbs], kplus.ApiResource.custom({ apiGroup: rule.apiGroups[0], resourceType: resource }));
    }
  }
  const binding = new kplus.RoleBinding(scope, 'RoleBinding', { metadata: { name: `${name}-reader`, ...meta }, role });
  binding.addSubjects(account);
  return account;
}
