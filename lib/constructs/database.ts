import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { StatefulServiceSpec } from '../spec/types';
import { ServiceConstructProps } from './context';
import { labels } from './labels';
import { podTemplate } from './pod-template';
import { aliasServices, namedService } from './service';

/** Props of {@link Database}. */
export type DatabaseProps = ServiceConstructProps<StatefulServiceSpec>;

/**
 * A server that owns persistent data (PostgreSQL, Redis, MongoDB, Elasticsearch).
 *
 * Creates a StatefulSet with one volumeClaimTemplate (`data`, mounted at the
 * spec's `dataPath`, in the profile's StorageClass), a headless governing
 * Service named as the compose service (its DNS name resolves to ready pods
 * only, which is what `service_healthy` waits for) and one per alias, and a ConfigMap of its
 * plain settings and init files.
 */
export class Database extends Construct {
  public readonly statefulSet: kplus.StatefulSet;
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { spec, context } = props;
    const pod = podTemplate(this, spec, context, { component: 'database', claims: props.claims });
    this.service = namedService(this, context, spec.name, 'database', spec.ports, true);
    this.statefulSet = new kplus.StatefulSet(this, 'StatefulSet', {
      ...pod.props,
      service: this.service,
      replicas: 1,
      podManagementPolicy: kplus.PodManagementPolicy.ORDERED_READY,
    });
    this.service.select(this.statefulSet);
    aliasServices(this, context, spec.aliases ?? [], 'database', spec.ports, this.statefulSet, true);

    // cdk8s-plus-28 has no volumeClaimTemplates: add the template and its mount by hand.
    const sts = ApiObject.of(this.statefulSet);
    sts.addJsonPatch(JsonPatch.add('/spec/volumeClaimTemplates', [{
      metadata: { name: 'data', labels: labels(context.spec.name, spec.name, 'database') },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: context.profile.storageClassName,
        // A Quantity object: KubeStatefulSet converts patched values too and would drop a bare string.
        resources: { requests: { storage: k8s.Quantity.fromString(spec.dataSize) } },
      },
    }]));
    const mount = { name: 'data', mountPath: spec.dataPath };
    const hasMounts = (pod.container.volumeMounts ?? []).length > 0;
    sts.addJsonPatch(hasMounts
      ? JsonPatch.add('/spec/template/spec/containers/0/volumeMounts/0', mount)
      : JsonPatch.add('/spec/template/spec/containers/0/volumeMounts', [mount]));
    // Keep the claims when the StatefulSet is deleted or scaled down: they hold the data (explicit, it is the API default).
    sts.addJsonPatch(JsonPatch.add('/spec/persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' }));
  }
}
