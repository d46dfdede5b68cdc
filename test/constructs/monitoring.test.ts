/**
 * StackMonitoring: the PrometheusRule of enabledrm's alerts (the expressions
 * written out here by hand from the seed's "Monitoring & Logging" section and
 * the metrics kube-state-metrics, cAdvisor, ingress-nginx and Envoy export),
 * ServiceMonitors and the NetworkPolicy that admits Prometheus, and nothing
 * where the profile runs no Prometheus Operator.
 */
import { ENABLEDRM } from '../../charts/enabledrm';
import { AKS } from '../../environments/aks';
import { GKE } from '../../environments/gke';
import { PRODUCTION_GATEWAY } from '../../environments/production-gateway';
import { Profile } from '../../lib/profiles/profile';
import { StackSpec } from '../../lib/spec/types';
import { check, crdSchemas, present } from '../sweeps/schema';
import { reachability } from '../sweeps/network';
import { all, find, LOCAL, PRODUCTION, renderAll, synthServices, synthStack, web } from '../util';

const KSM = (metric: string) => `${metric}{namespace="enabledrm"}`;
const CONTAINERS = '{namespace="enabledrm", container!="", container!="POD"}';
const perContainer = (expr: string) => `sum by (namespace, pod, container) (${expr})`;

/** The rules every profile with an operator evaluates: kube-state-metrics and cAdvisor, no application metrics. */
const CLUSTER_RULES = [
  {
    alert: 'WorkloadUnavailable', for: '5m', labels: { severity: 'critical', namespace: 'enabledrm' },
    expr: `${KSM('kube_deployment_status_replicas_available')} == 0 or ${KSM('kube_statefulset_status_replicas_ready')} == 0`,
  },
  {
    alert: 'ContainerRestarting', for: undefined, labels: { severity: 'warning', namespace: 'enabledrm' },
    expr: `increase(${KSM('kube_pod_container_status_restarts_total')}[15m]) > 3`,
  },
  {
    alert: 'ContainerCpuHigh', for: '15m', labels: { severity: 'warning', namespace: 'enabledrm' },
    expr: `${perContainer(`rate(container_cpu_usage_seconds_total${CONTAINERS}[5m])`)} / ${perContainer('kube_pod_container_resource_requests{namespace="enabledrm", resource="cpu"}')} > 1`,
  },
  {
    alert: 'ContainerMemoryHigh', for: '10m', labels: { severity: 'warning', namespace: 'enabledrm' },
    expr: `${perContainer(`container_memory_working_set_bytes${CONTAINERS}`)} / ${perContainer('kube_pod_container_resource_limits{namespace="enabledrm", resource="memory"}')} > 0.9`,
  },
];

const rulesOf = (profile: Profile) => find(synthStack(ENABLEDRM, profile), 'PrometheusRule', 'alerts');
const essentials = (rule: any) => ({ alert: rule.alert, for: rule.for, labels: rule.labels, expr: rule.expr });

describe('StackMonitoring: enabledrm alerts', () => {
  test('production: service down, restarts, CPU and memory, and per Ingress the 5xx ratio and p95 latency from ingress-nginx', () => {
    const rule = rulesOf(PRODUCTION);
    expect(rule.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack' });
    expect(rule.metadata.annotations?.['stackport.io/not-enforced']).toBeUndefined();
    expect(rule.spec.groups.map((g: any) => g.name)).toEqual(['enabledrm']);
    expect(rule.spec.groups[0].rules.map(essentials)).toEqual([
      ...CLUSTER_RULES,
      {
        alert: 'RouteErrorRateHigh', for: '10m', labels: { severity: 'critical', namespace: 'enabledrm' },
        expr: 'sum by (ingress) (rate(nginx_ingress_controller_requests{exported_namespace="enabledrm", status=~"5.."}[5m]))'
          + ' / sum by (ingress) (rate(nginx_ingress_controller_requests{exported_namespace="enabledrm"}[5m])) > 0.05',
      },
      {
        alert: 'RouteResponseTimeHigh', for: '10m', labels: { severity: 'warning', namespace: 'enabledrm' },
        expr: 'histogram_quantile(0.95, sum by (le, ingress) (rate(nginx_ingress_controller_request_duration_seconds_bucket{exported_namespace="enabledrm"}[5m]))) > 1',
      },
    ]);
    expect(rule.spec.groups[0].rules.every((r: any) => r.annotations.summary.length > 0 && r.annotations.description.length > 0)).toBe(true);
  });

  test('production-gateway: the request alerts read the Envoy proxies\' clusters of the stack\'s HTTPRoutes, latency in milliseconds', () => {
    const [errors, latency] = rulesOf(PRODUCTION_GATEWAY).spec.groups[0].rules.slice(CLUSTER_RULES.length).map(essentials);
    const routes = 'envoy_cluster_name=~"httproute/enabledrm/.+"';
    expect(errors.expr).toBe(`sum by (envoy_cluster_name) (rate(envoy_cluster_upstream_rq_xx{${routes}, envoy_response_code_class="5"}[5m]))`
      + ` / sum by (envoy_cluster_name) (rate(envoy_cluster_upstream_rq_xx{${routes}}[5m])) > 0.05`);
    expect(latency.expr).toBe(`histogram_quantile(0.95, sum by (le, envoy_cluster_name) (rate(envoy_cluster_upstream_rq_time_bucket{${routes}}[5m]))) > 1000`);
  });

  test('ingress-nginx scraped with honorLabels: the Ingress namespace is the namespace label', () => {
    const honoring: Profile = { ...PRODUCTION, prometheusOperator: { ...PRODUCTION.prometheusOperator!, requestMetrics: { kind: 'ingress-nginx', namespaceLabel: 'namespace' } } };
    const latency = rulesOf(honoring).spec.groups[0].rules.find((r: any) => r.alert === 'RouteResponseTimeHigh');
    expect(latency.expr).toContain('nginx_ingress_controller_request_duration_seconds_bucket{namespace="enabledrm"}');
  });

  test.each([['gke', GKE], ['aks', AKS]])('%s: no request metrics, so the cluster rules only and the request alerts listed as not enforced', (_, profile) => {
    const rule = rulesOf(profile);
    expect(rule.spec.groups[0].rules.map(essentials)).toEqual(CLUSTER_RULES);
    expect(rule.metadata.annotations['stackport.io/not-enforced']).toBe(
      'error-rate alert above 5% (the profile names no request metrics); response-time alert above 1 s at p95 (the profile names no request metrics)');
  });

  test('no monitoring object in any stack where the profile runs no Prometheus Operator (local)', () => {
    const local = renderAll().filter(r => r.environment === LOCAL.name).flatMap(r => r.objects);
    expect(LOCAL.prometheusOperator).toBeUndefined();
    expect(local.filter(o => ['PrometheusRule', 'ServiceMonitor', 'PodMonitor'].includes(o.kind) || /-metrics$/.test(o.metadata.name))).toEqual([]);
  });

  test('no ServiceMonitor anywhere: no seed shows a service with a metrics endpoint', () => {
    expect(renderAll().flatMap(r => all(r.objects, 'ServiceMonitor'))).toEqual([]);
  });

  test('the monitor\'s Role reads pods and their metrics (metrics.k8s.io) in its namespace, in every environment', () => {
    for (const profile of [LOCAL, PRODUCTION]) {
      expect(find(synthStack(ENABLEDRM, profile), 'Role', 'monitor-reader').rules).toEqual([
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['metrics.k8s.io'], resources: ['pods'], verbs: ['get', 'list'] },
      ]);
    }
  });
});

describe('StackMonitoring: scrape targets', () => {
  const api = web('api', { ports: [{ name: 'http', port: 8000 }, { name: 'metrics', port: 9100, targetPort: 9102 }] });
  const frontend = web('frontend', { connectsTo: ['api'] });
  const monitoring: StackSpec['monitoring'] = {
    alerts: [{ kind: 'unavailable', severity: 'critical', forMinutes: 5 }],
    scrape: [{ service: 'api', port: 'metrics' }],
  };
  const shop = (profile: Profile = PRODUCTION) => synthServices([api, frontend], profile, { monitoring });

  test('a ServiceMonitor selects the service\'s own Service and scrapes its metrics port at /metrics, with the profile\'s selector labels', () => {
    const monitor = find(shop(), 'ServiceMonitor', 'api');
    expect(monitor.metadata.labels).toMatchObject({ 'release': 'kube-prometheus-stack', 'app.kubernetes.io/name': 'api' });
    expect(monitor.spec).toEqual({ selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, endpoints: [{ port: 'metrics', path: '/metrics' }] });
    const service = find(shop(), 'Service', 'api');
    expect(Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => service.metadata.labels[k] === v)).toBe(true);
    expect(service.spec.ports.map((p: any) => p.name)).toContain('metrics');
  });

  test('a NetworkPolicy admits exactly the profile\'s Prometheus pods to the container\'s metrics port, and nothing else changes', () => {
    const objects = shop();
    expect(find(objects, 'NetworkPolicy', 'api-metrics').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
        ports: [{ port: 9102, protocol: 'TCP' }],
      }],
    });
    const fromMonitoring = all(objects, 'NetworkPolicy').filter(p => JSON.stringify(p.spec.ingress ?? []).includes('"monitoring"')).map(p => p.metadata.name);
    expect(fromMonitoring).toEqual(['api-metrics']);
    expect(reachability(objects)).toEqual(reachability(synthServices([api, frontend], PRODUCTION)));
  });

  test('follows the profile\'s Prometheus namespace, pod labels and selector labels', () => {
    const other: Profile = {
      ...PRODUCTION,
      prometheusOperator: { selectorLabels: { prometheus: 'main' }, prometheus: { namespace: 'observability', podLabels: { app: 'prom' } }, requestMetrics: { kind: 'none' } },
    };
    const objects = shop(other);
    expect(find(objects, 'NetworkPolicy', 'api-metrics').spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } }, podSelector: { matchLabels: { app: 'prom' } } },
    ]);
    expect(find(objects, 'ServiceMonitor', 'api').metadata.labels.prometheus).toBe('main');
    expect(find(objects, 'PrometheusRule', 'alerts').metadata.labels.prometheus).toBe('main');
    expect(find(objects, 'PrometheusRule', 'alerts').metadata.labels.release).toBeUndefined();
  });

  test('renders nothing without an operator', () => {
    expect(shop(LOCAL).filter(o => ['PrometheusRule', 'ServiceMonitor'].includes(o.kind) || o.metadata.name === 'api-metrics')).toEqual([]);
  });

  test('the ServiceMonitor and PrometheusRule pass their CRD schemas (v0.93.0)', () => {
    if (!present) {
      return;
    }
    const crds = crdSchemas();
    for (const o of shop().filter(x => ['ServiceMonitor', 'PrometheusRule'].includes(x.kind))) {
      expect(check(o, crds.get(`${o.apiVersion}/${o.kind}`), {}, o.kind)).toEqual([]);
    }
  });
});
