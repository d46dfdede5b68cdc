/** Validation of a stack's `monitoring` and a profile's `prometheusOperator`: exact messages. */
import { PRODUCTION } from '../../environments/production';
import { Profile } from '../../lib/profiles/profile';
import { APP_USER } from '../../lib/catalog';
import { AlertSpec, ScrapeSpec, StackSpec } from '../../lib/spec/types';
import { profileProblems } from '../../lib/profiles/validate';
import { stackProblems } from '../../lib/spec/validate';
import { synthServices, web } from '../util';

const DOWN: AlertSpec = { kind: 'unavailable', severity: 'critical', forMinutes: 5 };
const stack = (alerts: readonly AlertSpec[], scrape?: readonly ScrapeSpec[]): StackSpec => ({
  name: 'shop', source: 'test', description: 'test', routes: [], secrets: [],
  services: [
    web('api', { ports: [{ name: 'http', port: 8000 }, { name: 'dns', port: 53, protocol: 'UDP' }] }),
    { kind: 'worker', name: 'worker', image: 'python:3.11.9-slim', user: APP_USER },
  ],
  monitoring: { alerts: alerts as [AlertSpec, ...AlertSpec[]], scrape },
});
const at = "stack 'shop'";

describe('monitoring validation', () => {
  test('accepts every alert kind and a scrape target', () => {
    expect(stackProblems(stack([
      DOWN,
      { kind: 'restarts', severity: 'warning', count: 3, windowMinutes: 15, forMinutes: 0 },
      { kind: 'cpu', severity: 'warning', percentOfRequest: 150, forMinutes: 15 },
      { kind: 'memory', severity: 'warning', percentOfLimit: 90, forMinutes: 10 },
      { kind: 'error-rate', severity: 'critical', percent: 5, forMinutes: 10 },
      { kind: 'response-time', severity: 'warning', percentile: 99.9, seconds: 0.5, forMinutes: 10 },
      { kind: 'response-time', severity: 'critical', percentile: 95, seconds: 3, forMinutes: 5 },
    ], [{ service: 'api', port: 'http', path: '/internal/metrics' }]))).toEqual([]);
  });

  test.each<[string, readonly AlertSpec[], string[]]>([
    ['no alert', [], [`${at}: 'monitoring.alerts' is empty; list at least one alert, or remove 'monitoring'`]],
    ['an unknown kind', [{ ...DOWN, kind: 'latency' } as unknown as AlertSpec],
      [`${at}: 'monitoring.alerts[0].kind' must be one of 'unavailable', 'restarts', 'cpu', 'memory', 'error-rate', 'response-time', got 'latency'`]],
    ['an unknown severity and a negative for', [{ ...DOWN, severity: 'page' as 'critical', forMinutes: -1 }], [
      `${at}: 'monitoring.alerts[0].severity' must be 'warning' or 'critical', got 'page'`,
      `${at}: 'monitoring.alerts[0].forMinutes' must be a whole number of minutes, 0 or more, got -1`,
    ]],
    ['restarts without a count or window', [{ kind: 'restarts', severity: 'warning', count: 0, windowMinutes: 2.5, forMinutes: 0 }], [
      `${at}: 'monitoring.alerts[0].count' must be a whole number, 1 or more, got 0`,
      `${at}: 'monitoring.alerts[0].windowMinutes' must be a whole number of minutes, 1 or more, got 2.5`,
    ]],
    ['CPU at 0%', [{ kind: 'cpu', severity: 'warning', percentOfRequest: 0, forMinutes: 5 }],
      [`${at}: 'monitoring.alerts[0].percentOfRequest' must be a percentage above 0 (usage may exceed the request), got 0`]],
    ['memory at its limit', [{ kind: 'memory', severity: 'warning', percentOfLimit: 100, forMinutes: 5 }],
      [`${at}: 'monitoring.alerts[0].percentOfLimit' must be a percentage above 0 and below 100, got 100`]],
    ['an error rate of 0%', [{ kind: 'error-rate', severity: 'critical', percent: 0, forMinutes: 5 }],
      [`${at}: 'monitoring.alerts[0].percent' must be a percentage above 0 and below 100, got 0`]],
    ['the 100th percentile in 0 s', [{ kind: 'response-time', severity: 'warning', percentile: 100, seconds: 0, forMinutes: 5 }], [
      `${at}: 'monitoring.alerts[0].percentile' must be a percentile above 0 and below 100, such as 95, got 100`,
      `${at}: 'monitoring.alerts[0].seconds' must be a number of seconds above 0, got 0`,
    ]],
    ['one kind twice with one severity', [DOWN, { ...DOWN, forMinutes: 1 }],
      [`${at}: 'monitoring.alerts[1]' repeats kind 'unavailable' with severity 'critical' of 'monitoring.alerts[0]'; change its severity or remove it`]],
  ])('refuses %s', (_, alerts, problems) => {
    expect(stackProblems(stack(alerts))).toEqual(problems);
  });

  test.each<[string, ScrapeSpec, string]>([
    ['an unknown service', { service: 'db', port: 'metrics' },
      `${at}: 'monitoring.scrape[0].service' names 'db', which is not a service of the stack; use one of: api, worker`],
    ['a service without ports', { service: 'worker', port: 'metrics' },
      `${at}: 'monitoring.scrape[0].service' names 'worker', a worker with no port; scrape a service with ports`],
    ['an unknown port', { service: 'api', port: 'metrics' },
      `${at}: 'monitoring.scrape[0].port' names 'metrics', which service 'api' does not have; use one of: http, dns`],
    ['a UDP port', { service: 'api', port: 'dns' },
      `${at}: 'monitoring.scrape[0].port' is 'dns', a UDP port, but Prometheus scrapes over TCP; name a TCP port`],
    ['a relative path', { service: 'api', port: 'http', path: 'metrics' },
      `${at}: 'monitoring.scrape[0].path' must start with '/', got 'metrics'`],
  ])('refuses a scrape target with %s', (_, scrape, problem) => {
    expect(stackProblems(stack([DOWN], [scrape]))).toEqual([problem]);
  });

  test('refuses a service scraped twice', () => {
    expect(stackProblems(stack([DOWN], [{ service: 'api', port: 'http' }, { service: 'api', port: 'http', path: '/m' }]))).toEqual([
      `${at}: 'monitoring.scrape[1].service' names 'api' a second time; its ServiceMonitor is named after it, so scrape each service once`,
    ]);
  });

  test('synth stops with the problem before any object exists', () => {
    expect(() => synthServices([web('api')], PRODUCTION, { monitoring: { alerts: [{ ...DOWN, forMinutes: 0.5 }] } })).toThrow(
      `1 problem found:\n- ${at}: 'monitoring.alerts[0].forMinutes' must be a whole number of minutes, 0 or more, got 0.5`);
  });
});

describe('prometheusOperator validation', () => {
  const operator = PRODUCTION.prometheusOperator!;
  const fix = '; edit its file in environments/';
  const withOperator = (change: Partial<NonNullable<Profile['prometheusOperator']>>): Profile => ({ ...PRODUCTION, prometheusOperator: { ...operator, ...change } });

  test('accepts a profile without one, and the production one', () => {
    expect(profileProblems({ ...PRODUCTION, prometheusOperator: undefined })).toEqual([]);
    expect(profileProblems(PRODUCTION)).toEqual([]);
  });

  test.each<[string, Partial<NonNullable<Profile['prometheusOperator']>>, string[]]>([
    ['selector labels Kubernetes refuses', { selectorLabels: { 'release name': 'x', 'release': 'kube prometheus' } }, [
      `'prometheusOperator.selectorLabels' must hold label keys such as 'release', got 'release name'`,
      `'prometheusOperator.selectorLabels.release' must be a label value (63 characters at most: letters, digits, - _ .), got 'kube prometheus'`,
    ]],
    ['a Prometheus namespace and pod labels Kubernetes refuses', { prometheus: { namespace: 'Monitoring', podLabels: { app: '-prometheus' } } }, [
      `'prometheusOperator.prometheus.namespace' must be a namespace name such as 'monitoring', got 'Monitoring'`,
      `'prometheusOperator.prometheus.podLabels.app' must be a label value (63 characters at most: letters, digits, - _ .), got '-prometheus'`,
    ]],
    ['an unknown request-metrics source', { requestMetrics: { kind: 'traefik' } as unknown as NonNullable<Profile['prometheusOperator']>['requestMetrics'] }, [
      `'prometheusOperator.requestMetrics.kind' must be 'ingress-nginx', 'envoy-gateway' or 'none', got 'traefik'`,
    ]],
    ['an unknown namespace label', { requestMetrics: { kind: 'ingress-nginx', namespaceLabel: 'ns' as 'namespace' } }, [
      `'prometheusOperator.requestMetrics.namespaceLabel' must be 'exported_namespace' (the controller's ServiceMonitor without honorLabels) or 'namespace' (with it), got 'ns'`,
    ]],
  ])('refuses %s', (_, change, problems) => {
    expect(profileProblems(withOperator(change))).toEqual(problems.map(p => `profile 'production': ${p}${fix}`));
  });
});
