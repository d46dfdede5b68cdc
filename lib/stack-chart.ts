import { ApiObject, Chart, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { StackContext } from './constructs/context';
import { Gateway } from './constructs/gateway';
import { StackNetworkPolicies } from './constructs/network-policy';
import { labels } from './constructs/labels';
import { StackMonitoring } from './constructs/monitoring';
import { size } from './constructs/pod-template';
import { serviceConstruct } from './constructs/registry';
import { StackSecrets } from './constructs/secrets';
import { Profile } from './profiles/profile';
import { StackSpec } from './spec/types';

/** Props of {@link StackChart}. */
export interface StackChartProps {
  /** The stack, as data. */
  readonly spec: StackSpec;
  /** Where it runs. */
  readonly profile: Profile;
  /** Overrides of the spec's option switches. @default - the spec's defaults */
  readonly options?: Readonly<Record<string, boolean>>;
}

/**
 * One stack in one environment, in its own namespace: a Namespace, then for
 * each service of the spec the construct of its kind, the volume claims the
 * services share, the Gateway that replaces the reverse proxy, and, where
 * the profile runs the Prometheus Operator, the stack's alerts.
 */
export class StackChart extends Chart {
  public readonly context: StackContext;

  constructor(scope: Construct, id: string, props: StackChartProps) {
    super(scope, id, { namespace: props.spec.name, disableResourceNameHashes: true });
    const context = new StackContext(props.spec, props.profile, props.options);
    this.context = context;
    const namespace = new kplus.Namespace(this, 'Namespace', {
      metadata: {
        name: props.spec.name,
        labels: {
          'app.kubernetes.io/part-of': props.spec.name,
          'app.kubernetes.io/managed-by': 'stackport',
          'pod-security.kubernetes.io/enforce': props.profile.podSecurity,
          'pod-security.kubernetes.io/audit': props.profile.podSecurity,
          'pod-security.kubernetes.io/warn': props.profile.podSecurity,
        },
      },
    });
    // The chart's namespace is stamped on every object; a Namespace itself is cluster-scoped.
    ApiObject.of(namespace).addJsonPatch(JsonPatch.remove('/metadata/namespace'));

    const claims = new Map<string, kplus.IPersistentVolumeClaim>();
    for (const svc of context.services) {
      for (const v of svc.volumes ?? []) {
        const shared = v.shared === true;
        const pvc = new kplus.PersistentVolumeClaim(this, `Claim${v.name}`, {
          metadata: { name: v.name, labels: labels(props.spec.name, svc.name, 'storage') },
          storage: v.size.endsWith('Mi') ? Size.gibibytes(1) : size(v.size),
          accessModes: [shared && props.profile.sharedAccessMode === 'ReadWriteMany'
            ? kplus.PersistentVolumeAccessMode.READ_WRITE_MANY
            : kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
          storageClassName: shared ? props.profile.sharedStorageClassName : props.profile.storageClassName,
        });
        if (v.size.endsWith('Mi')) {
          // cdk8s-plus writes 'storage' in whole gibibytes only (and throws on 200Mi): the exact quantity replaces it (a Quantity: the patch runs before values are resolved).
          ApiObject.of(pvc).addJsonPatch(JsonPatch.replace('/spec/resources/requests/storage', kplus.k8s.Quantity.fromString(v.size)));
        }
        claims.set(v.name, pvc);
      }
    }

    const services = new Map<string, kplus.Service>();
    for (const svc of context.services) {
      const id = serviceId(svc.name);
      const service = serviceConstruct(this, id, { spec: svc, context, claims });
      if (service !== undefined) {
        services.set(svc.name, service);
      }
    }
    new Gateway(this, 'Gateway', { context, services });
    new StackSecrets(this, 'Secrets', { context });
    new StackNetworkPolicies(this, 'NetworkPolicies', { context });
    new StackMonitoring(this, 'Monitoring', { context });
  }
}

/** IDs of the chart's own constructs, which a service (compose allows 'gateway') must not take. */
const CHART_IDS = new Set(['Namespace', 'Gateway', 'Secrets', 'NetworkPolicies', 'Monitoring']);

/** A service's construct ID; `Service<Name>` where its name is one of the chart's own IDs. */
function serviceId(name: string): string {
  const id = pascal(name);
  return CHART_IDS.has(id) || id.startsWith('Claim') ? `Service${id}` : id;
}

/** `celery-worker` -> `CeleryWorker`: construct IDs are PascalCase. */
function pascal(name: string): string {
  return name.split('-').map(w => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
