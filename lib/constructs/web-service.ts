import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WebServiceSpec } from '../spec/types';
import { ServiceConstructProps, StackContext } from './context';
import { labels } from './labels';
import { podTemplate } from './pod-template';
import { scaleDeployment } from './scaling';
import { aliasServices, namedService } from './service';

/** Props of {@link WebService}. */
export type WebServiceProps = ServiceConstructProps<WebServiceSpec>;

/**
 * A long-running server reached over the network.
 *
 * Creates a Deployment, a ClusterIP Service named as the compose service (so
 * URLs such as `http://backend:8000` keep working) and one per alias, a ConfigMap of its plain
 * settings, a HorizontalPodAutoscaler where the spec scales on CPU, and, for
 * services that read the Kubernetes API, a ServiceAccount with a read-only Role.
 */
export class WebService extends Construct {
  public readonly deployment: kplus.Deployment;
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id);
    const { spec, context } = props;
    const serviceAccount = spec.apiAccess === undefined ? undefined : apiReader(this, spec.name, spec.apiAccess, context);
    const pod = podTemplate(this, spec, context, { component: 'server', claims: props.claims, serviceAccount, drainOnStop: true });
    this.deployment = scaleDeployment(this, props, 'server', pod.props);
    this.service = namedService(this, context, spec.name, 'server', spec.ports);
    this.service.select(this.deployment);
    aliasServices(this, context, spec.aliases ?? [], 'server', spec.ports, this.deployment);
  }
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
