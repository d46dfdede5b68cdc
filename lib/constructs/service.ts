import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PortSpec } from '../spec/types';
import { StackContext } from './context';
import { labels, selectorLabels } from './labels';

/**
 * The Service named as the compose service, so its DNS name is the one the
 * seed's URLs use. Headless for a StatefulSet's governing Service.
 */
export function namedService(scope: Construct, context: StackContext, name: string, component: string, ports: readonly PortSpec[], headless = false): kplus.Service {
  const service = new kplus.Service(scope, 'Service', {
    metadata: { name, labels: labels(context.spec.name, name, component) },
    clusterIP: headless ? 'None' : undefined,
    ports: ports.map(p => ({ name: p.name, port: p.port, targetPort: p.targetPort ?? p.port })),
  });
  // cdk8s-plus writes `externalIPs: []`, which the API server drops: every server-side re-apply would then rewrite the Service.
  ApiObject.of(service).addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
  return service;
}

/**
 * A headless Service without ports, named `name`, selecting the pods of
 * service `selects`: its DNS name resolves to their ready pods, whatever port
 * the clients use (cdk8s-plus refuses a Service without ports, hence the L1 object).
 */
export function portlessService(scope: Construct, id: string, context: StackContext, name: string, selects: string, component: string): k8s.KubeService {
  return new k8s.KubeService(scope, id, {
    metadata: { name, labels: labels(context.spec.name, selects, component) },
    spec: { clusterIp: 'None', selector: selectorLabels(selects) },
  });
}
