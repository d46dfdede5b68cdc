/**
 * Reachability computed from the synthesized NetworkPolicies alone, and the
 * rules every stack's policies follow; shared by test/network.test.ts and the
 * imported compose fixtures.
 */
import { RenderedStack } from '../../lib/synth';
import { all, podSpec } from '../util';

interface Pod { readonly name: string; readonly labels: Record<string, string>; readonly ports: number[] }

const matches = (selector: any, labels: Record<string, string>) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

/** Whether a policy rule's peers and ports admit this pod and port (pod peers only: same namespace). */
function ruleAdmits(rule: any, peers: any[] | undefined, pod: Pod, port: number): boolean {
  const portOk = rule.ports === undefined || rule.ports.some((p: any) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
  const peerOk = peers === undefined || peers.some(p => p.podSelector !== undefined && p.namespaceSelector === undefined && p.ipBlock === undefined && matches(p.podSelector, pod.labels));
  return portOk && peerOk;
}

function allowed(policies: any[], from: Pod, to: Pod, port: number): boolean {
  const egress = policies.filter(p => p.spec.policyTypes.includes('Egress') && matches(p.spec.podSelector, from.labels));
  const ingress = policies.filter(p => p.spec.policyTypes.includes('Ingress') && matches(p.spec.podSelector, to.labels));
  const out = egress.length === 0 || egress.some(p => (p.spec.egress ?? []).some((r: any) => ruleAdmits(r, r.to, to, port)));
  const inn = ingress.length === 0 || ingress.some(p => (p.spec.ingress ?? []).some((r: any) => ruleAdmits(r, r.from, from, port)));
  return out && inn;
}

export function reachability(objects: readonly any[]): string[] {
  const pods: Pod[] = objects.filter(o => ['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(o.kind)).map(o => {
    const spec = podSpec(o);
    const template = o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template : o.spec.template;
    return {
      name: template.metadata.labels['app.kubernetes.io/name'],
      labels: template.metadata.labels,
      ports: spec.containers.flatMap((c: any) => (c.ports ?? []).map((p: any) => p.containerPort)),
    };
  });
  const policies = all(objects, 'NetworkPolicy');
  const table: string[] = [];
  for (const from of pods) {
    for (const to of pods) {
      for (const port of to.ports) {
        if (from !== to && allowed(policies, from, to, port)) {
          table.push(`${from.name} -> ${to.name}:${port}`);
        }
      }
    }
  }
  return table.sort();
}

/** For each production stack: exactly the intended connections, default deny, DNS, and the ingress controller to routed services only. */
export function networkSweep(rendered: readonly RenderedStack[], intended: Readonly<Record<string, readonly string[]>>): void {
  describe.each(rendered.filter(r => r.environment === 'production').map(r => [r.stack, r] as const))('%s network policies', (stack, r) => {
    // Stacks without a hand-written table get the general rules only.
    if (intended[stack] !== undefined) {
      test('allow exactly the connections the seed intends, and nothing more', () => {
        expect(reachability(r.objects)).toEqual([...intended[stack]].sort());
      });
    }

    test('deny all ingress and egress by default and allow DNS to the cluster DNS only', () => {
      const policies = all(r.objects, 'NetworkPolicy');
      expect(policies.find(p => p.metadata.name === 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      expect(policies.find(p => p.metadata.name === 'allow-dns').spec.egress).toEqual([{
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
      }]);
    });

    test('admit the ingress controller to routed services only, never to a database', () => {
      const fromController = all(r.objects, 'NetworkPolicy')
        .filter(p => (p.spec.ingress ?? []).some((rule: any) => (rule.from ?? []).some((peer: any) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx')))
        .map(p => p.spec.podSelector.matchLabels['app.kubernetes.io/name']);
      const routed = all(r.objects, 'Ingress').map(i => i.spec.rules[0].http.paths[0].backend.service.name);
      expect(fromController.sort()).toEqual([...new Set(routed)].sort());
      const databases = all(r.objects, 'StatefulSet').map(s => s.metadata.name);
      expect(fromController.filter(n => databases.includes(n))).toEqual([]);
    });
  });
}
