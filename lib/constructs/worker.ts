import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WorkerSpec } from '../spec/types';
import { ServiceConstructProps } from './context';
import { podTemplate } from './pod-template';
import { scaleDeployment } from './scaling';
import { portlessService } from './service';

/** Props of {@link Worker}. */
export type WorkerProps = ServiceConstructProps<WorkerSpec>;

/**
 * A background process with no port (Celery worker or beat, Logstash).
 *
 * Creates a Deployment (Recreate and one replica for a singleton, so two
 * schedulers never run at once), a ConfigMap of its plain settings, a
 * HorizontalPodAutoscaler where the spec scales on CPU, and, when others reach
 * it by name (`headless`), a headless Service without ports named as the service.
 */
export class Worker extends Construct {
  public readonly deployment: kplus.Deployment;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id);
    const { spec, context } = props;
    const pod = podTemplate(this, spec, context, { component: 'worker', claims: props.claims });
    this.deployment = scaleDeployment(this, props, 'worker', pod.props);
    if (spec.headless === true) {
      portlessService(this, 'Service', context, spec.name, spec.name, 'worker');
    }
  }
}
