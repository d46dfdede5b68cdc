import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PrometheusRule, PrometheusRuleSpecGroupsRules, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/prometheusrules-monitoring.coreos.com';
import { ServiceMonitor } from '../../imports/servicemonitors-monitoring.coreos.com';
import { exhaustive } from '../kinds/exhaustive';
import { PrometheusOperator, RequestMetrics } from '../profiles/profile';
import { AlertSpec, ScrapeSpec } from '../spec/types';
import { StackConstructProps, StackContext } from './context';
import { labels, selectorLabels } from './labels';
import { dataPlanePeer, tcp } from './network-policy';
import { NOT_ENFORCED_ANNOTATION } from './routes';

/** Where a rule's expression looks: the stack's namespace, and the data plane's request metrics. */
interface RuleScope {
  readonly namespace: string;
  readonly requestMetrics: RequestMetrics;
}

/** An alert's rule without its severity and `for`, or why this profile cannot evaluate it. */
type RuleBody = { readonly alert: string; readonly expr: string; readonly summary: string; readonly description: string } | { readonly notEnforced: string };

/** A percentage as the ratio PromQL compares with (95 -> 0.95), without floating-point noise. */
const ratio = (percent: number): string => String(Number((percent / 100).toPrecision(12)));
/** A container's series of the stack: the pod-level cgroup (`container=""`) and the pause container left out. */
const containerSeries = (metric: string, namespace: string) => `${metric}{namespace="${namespace}", container!="", container!="POD"}`;
/** A per-container quantity of kube-state-metrics, as the same label set as the cAdvisor side. */
const perContainer = (expr: string) => `sum by (namespace, pod, container) (${expr})`;
const RATE_WINDOW = '[5m]';

/**
 * The request metrics of one data plane: the series of the stack's routes,
 * the label that names a route, and the unit of its latency histogram.
 */
function requestSeries(scope: RuleScope): { by: string; requests: (extra?: string) => string; latencyBucket: string; unitsPerSecond: number; errors: string } | undefined {
  const m = scope.requestMetrics;
  switch (m.kind) {
    case 'ingress-nginx': {
      const selector = (extra = '') => `{${m.namespaceLabel}="${scope.namespace}"${extra}}`;
      return {
        by: 'ingress',
        requests: extra => `nginx_ingress_controller_requests${selector(extra)}`,
        errors: ', status=~"5.."',
        latencyBucket: `nginx_ingress_controller_request_duration_seconds_bucket${selector()}`,
        unitsPerSecond: 1,
      };
    }
    case 'envoy-gateway': {
      const selector = (extra = '') => `{envoy_cluster_name=~"httproute/${scope.namespace}/.+"${extra}}`;
      return {
        by: 'envoy_cluster_name',
        // upstream_rq_xx counts every response by class; upstream_rq_total counts requests, some of which never got one.
        requests: extra => `envoy_cluster_upstream_rq_xx${selector(extra)}`,
        errors: ', envoy_response_code_class="5"',
        // Envoy's request-time histograms are in milliseconds.
        latencyBucket: `envoy_cluster_upstream_rq_time_bucket${selector()}`,
        unitsPerSecond: 1000,
      };
    }
    case 'none':
      return undefined;
    default:
      return exhaustive(m, 'request metrics');
  }
}

/** Each alert kind's rule: the registry a new kind joins. */
const RULES: { readonly [K in AlertSpec['kind']]: (alert: Extract<AlertSpec, { kind: K }>, scope: RuleScope) => RuleBody } = {
  'unavailable': (_, { namespace }) => ({
    alert: 'WorkloadUnavailable',
    expr: `kube_deployment_status_replicas_available{namespace="${namespace}"} == 0 or kube_statefulset_status_replicas_ready{namespace="${namespace}"} == 0`,
    summary: `{{ $labels.deployment }}{{ $labels.statefulset }} of ${namespace} has no ready replica`,
    description: 'No pod of the workload passes its readiness check: the service is down.',
  }),
  'restarts': (alert, { namespace }) => ({
    alert: 'ContainerRestarting',
    expr: `increase(kube_pod_container_status_restarts_total{namespace="${namespace}"}[${alert.windowMinutes}m]) > ${alert.count}`,
    summary: `{{ $labels.container }} in {{ $labels.pod }} of ${namespace} restarted more than ${alert.count} times in ${alert.windowMinutes} minutes`,
    description: 'Its liveness check fails or its process exits: see the previous container\'s log (kubectl logs --previous).',
  }),
  'cpu': (alert, { namespace }) => ({
    alert: 'ContainerCpuHigh',
    expr: `${perContainer(`rate(${containerSeries('container_cpu_usage_seconds_total', namespace)}${RATE_WINDOW})`)}`
      + ` / ${perContainer(`kube_pod_container_resource_requests{namespace="${namespace}", resource="cpu"}`)} > ${ratio(alert.percentOfRequest)}`,
    summary: `{{ $labels.container }} in {{ $labels.pod }} of ${namespace} uses more than ${alert.percentOfRequest}% of its CPU request`,
    description: 'Sustained use above the request: raise the request, or the replicas it scales to.',
  }),
  'memory': (alert, { namespace }) => ({
    alert: 'ContainerMemoryHigh',
    expr: `${perContainer(containerSeries('container_memory_working_set_bytes', namespace))}`
      + ` / ${perContainer(`kube_pod_container_resource_limits{namespace="${namespace}", resource="memory"}`)} > ${ratio(alert.percentOfLimit)}`,
    summary: `{{ $labels.container }} in {{ $labels.pod }} of ${namespace} uses more than ${alert.percentOfLimit}% of its memory limit`,
    description: 'At the limit the container is killed (OOMKilled): raise the limit or find what grows.',
  }),
  'error-rate': (alert, scope) => {
    const s = requestSeries(scope);
    if (s === undefined) {
      return { notEnforced: `error-rate alert above ${alert.percent}% (the profile names no request metrics)` };
    }
    const rate = (extra?: string) => `sum by (${s.by}) (rate(${s.requests(extra)}${RATE_WINDOW}))`;
    return {
      alert: 'RouteErrorRateHigh',
      expr: `${rate(s.errors)} / ${rate()} > ${ratio(alert.percent)}`,
      summary: `More than ${alert.percent}% of the responses of {{ $labels.${s.by} }} in ${scope.namespace} are server errors (5xx)`,
      description: 'Measured at the data plane: the service behind the route answers 5xx, or does not answer.',
    };
  },
  'response-time': (alert, scope) => {
    const s = requestSeries(scope);
    if (s === undefined) {
      return { notEnforced: `response-time alert above ${alert.seconds} s at p${alert.percentile} (the profile names no request metrics)` };
    }
    return {
      alert: 'RouteResponseTimeHigh',
      expr: `histogram_quantile(${ratio(alert.percentile)}, sum by (le, ${s.by}) (rate(${s.latencyBucket}${RATE_WINDOW})))`
        + ` > ${Number((alert.seconds * s.unitsPerSecond).toPrecision(12))}`,
      summary: `The p${alert.percentile} response time of {{ $labels.${s.by} }} in ${scope.namespace} is above ${alert.seconds} s`,
      description: 'Measured at the data plane, from the request to the last byte of the response.',
    };
  },
};

/** One alert as a rule of this profile, or why it is not enforced. */
function rule(alert: AlertSpec, scope: RuleScope): PrometheusRuleSpecGroupsRules | string {
  const body = (RULES[alert.kind] as (a: AlertSpec, s: RuleScope) => RuleBody)(alert, scope);
  if ('notEnforced' in body) {
    return body.notEnforced;
  }
  return {
    alert: body.alert,
    expr: PrometheusRuleSpecGroupsRulesExpr.fromString(body.expr),
    for: alert.forMinutes === 0 ? undefined : `${alert.forMinutes}m`,
    labels: { severity: alert.severity, namespace: scope.namespace },
    annotations: { summary: body.summary, description: body.description },
  };
}

/**
 * The stack's alerts and metrics endpoints, for a cluster that runs the
 * Prometheus Operator (the profile's `prometheusOperator`); nothing elsewhere.
 *
 * Creates a PrometheusRule `alerts` with one rule per alert of the spec's
 * `monitoring.alerts` (those the profile cannot evaluate listed under
 * `stackport.io/not-enforced`), and per service of `monitoring.scrape` a
 * ServiceMonitor of its Service's metrics port and a NetworkPolicy
 * `<service>-metrics` that admits the profile's Prometheus to that port. Both
 * carry the profile's `selectorLabels`, which the Prometheus selects.
 *
 * @see https://prometheus-operator.dev/docs/developer/alerting/
 */
export class StackMonitoring extends Construct {
  constructor(scope: Construct, id: string, props: StackConstructProps) {
    super(scope, id);
    const { context } = props;
    const operator = context.profile.prometheusOperator;
    const monitoring = context.spec.monitoring;
    if (operator === undefined || monitoring === undefined) {
      return;
    }
    const stack = context.spec.name;
    const ruleScope = { namespace: stack, requestMetrics: operator.requestMetrics };
    const rendered = monitoring.alerts.map(a => rule(a, ruleScope));
    const rules = rendered.filter((r): r is PrometheusRuleSpecGroupsRules => typeof r !== 'string');
    const notEnforced = rendered.filter((r): r is string => typeof r === 'string');
    new PrometheusRule(this, 'Alerts', {
      metadata: {
        name: 'alerts',
        labels: { ...labels(stack, 'alerts', 'monitoring'), ...operator.selectorLabels },
        annotations: notEnforced.length === 0 ? undefined : { [NOT_ENFORCED_ANNOTATION]: notEnforced.join('; ') },
      },
      spec: { groups: rules.length === 0 ? [] : [{ name: stack, rules }] },
    });
    for (const scrape of monitoring.scrape ?? []) {
      if (context.service(scrape.service) !== undefined) {
        scrapeTarget(this, context, operator, scrape);
      }
    }
  }
}

/** A ServiceMonitor of one service's metrics port, and the NetworkPolicy that lets Prometheus reach it. */
function scrapeTarget(scope: Construct, context: StackContext, operator: PrometheusOperator, scrape: ScrapeSpec): void {
  const stack = context.spec.name;
  const svc = context.service(scrape.service)!;
  const port = ('ports' in svc ? svc.ports : []).find(p => p.name === scrape.port)!;
  new ServiceMonitor(scope, `${scrape.service}Monitor`, {
    metadata: { name: scrape.service, labels: { ...labels(stack, scrape.service, 'monitoring'), ...operator.selectorLabels } },
    spec: {
      // The Service named as the compose service; its aliases carry their own name label.
      selector: { matchLabels: selectorLabels(scrape.service) },
      endpoints: [{ port: scrape.port, path: scrape.path ?? '/metrics' }],
    },
  });
  new k8s.KubeNetworkPolicy(scope, `${scrape.service}Metrics`, {
    metadata: { name: `${scrape.service}-metrics`, labels: labels(stack, `${scrape.service}-metrics`, 'network-policy') },
    spec: {
      podSelector: { matchLabels: selectorLabels(scrape.service) },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [dataPlanePeer(operator.prometheus)],
        ports: [tcp(port.targetPort ?? port.port)],
      }],
    },
  });
}
