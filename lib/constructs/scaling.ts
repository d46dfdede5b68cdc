import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ScalingSpec, WebServiceSpec, WorkerSpec } from '../spec/types';
import { StackContext } from './context';
import { labels, selectorLabels } from './labels';

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
interface ScalingPlan {
  /** Fixed replicas; undefined when an HPA owns the count. */
  readonly replicas?: number;
  readonly minReplicas: number;
  readonly autoscaling?: { readonly maxReplicas: number; readonly cpuUtilization: number };
}

/** The spec's scaling where the profile applies it; one replica otherwise (set explicitly: cdk8s-plus defaults to 2). */
function scalingPlan(scaling: ScalingSpec | undefined, context: StackContext): ScalingPlan {
  if (!context.profile.scaleAsSpecified || scaling === undefined) {
    return { replicas: 1, minReplicas: 1 };
  }
  if ('replicas' in scaling) {
    return { replicas: scaling.replicas, minReplicas: scaling.replicas };
  }
  return { minReplicas: scaling.minReplicas, autoscaling: { maxReplicas: scaling.maxReplicas, cpuUtilization: scaling.cpuUtilization } };
}

/**
 * Runs a Deployment at the spec's scale where the profile applies it: fixed
 * replicas, or an HPA; with more than one replica also a disruption budget and
 * topology spread.
 */
export function scaleDeployment(scope: Construct, props: { spec: WebServiceSpec | WorkerSpec; context: StackContext }, component: string, pod: kplus.WorkloadProps): kplus.Deployment {
  const { spec, context } = props;
  const plan = scalingPlan(spec.scaling, context);
  const objectLabels = labels(context.spec.name, spec.name, component);
  const singleton = spec.kind === 'worker' && spec.singleton === true;
  const deployment = new kplus.Deployment(scope, 'Deployment', {
    ...pod,
    replicas: plan.replicas,
    strategy: singleton ? kplus.DeploymentStrategy.recreate() : deploymentStrategy(spec),
  });
  autoscale(scope, deployment, plan, objectLabels);
  keepAvailable(scope, deployment, spec.name, plan, objectLabels);
  return deployment;
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
