/** The checks of a stack's `monitoring`: its alerts and scrape targets. */
import { exhaustive } from '../kinds/exhaustive';
import { AlertSpec, ServiceSpec, StackSpec } from './types';

/** The alert kinds of `monitoring.alerts`. */
const ALERT_KINDS: ReadonlyArray<AlertSpec['kind']> = ['unavailable', 'restarts', 'cpu', 'memory', 'error-rate', 'response-time'];

/** The stack's `monitoring`: alert kinds, severities and thresholds, and scrape targets that exist. */
export function monitoringProblems(spec: StackSpec, byName: Map<string, ServiceSpec>): string[] {
  const monitoring = spec.monitoring;
  if (monitoring === undefined) {
    return [];
  }
  const at = `stack '${spec.name}'`;
  const problems: string[] = [];
  if ((monitoring.alerts ?? []).length === 0) {
    problems.push(`${at}: 'monitoring.alerts' is empty; list at least one alert, or remove 'monitoring'`);
  }
  const first = new Map<string, number>();
  (monitoring.alerts ?? []).forEach((alert, i) => {
    problems.push(...alertProblems(at, `monitoring.alerts[${i}]`, alert));
    const key = `'${alert.kind}' with severity '${alert.severity}'`;
    if (first.has(key)) {
      problems.push(`${at}: 'monitoring.alerts[${i}]' repeats kind ${key} of 'monitoring.alerts[${first.get(key)}]'; change its severity or remove it`);
    }
    first.set(key, first.get(key) ?? i);
  });
  const scraped = new Set<string>();
  (monitoring.scrape ?? []).forEach((scrape, i) => {
    const field = `monitoring.scrape[${i}]`;
    const target = byName.get(scrape.service);
    if (target === undefined) {
      problems.push(`${at}: '${field}.service' names '${scrape.service}', which is not a service of the stack; use one of: ${[...byName.keys()].join(', ')}`);
    } else if (!('ports' in target)) {
      problems.push(`${at}: '${field}.service' names '${scrape.service}', a ${target.kind} with no port; scrape a service with ports`);
    } else if (!target.ports.some(p => p.name === scrape.port)) {
      problems.push(`${at}: '${field}.port' names '${scrape.port}', which service '${scrape.service}' does not have; use one of: ${target.ports.map(p => p.name).join(', ')}`);
    } else if (target.ports.find(p => p.name === scrape.port)!.protocol === 'UDP') {
      problems.push(`${at}: '${field}.port' is '${scrape.port}', a UDP port, but Prometheus scrapes over TCP; name a TCP port`);
    }
    if (scrape.path !== undefined && !scrape.path.startsWith('/')) {
      problems.push(`${at}: '${field}.path' must start with '/', got '${scrape.path}'`);
    }
    if (scraped.has(scrape.service)) {
      problems.push(`${at}: '${field}.service' names '${scrape.service}' a second time; its ServiceMonitor is named after it, so scrape each service once`);
    }
    scraped.add(scrape.service);
  });
  return problems;
}

/** One alert: a known kind and severity, a `for`, and the thresholds its kind needs. */
function alertProblems(at: string, field: string, alert: AlertSpec): string[] {
  if (!ALERT_KINDS.includes(alert.kind)) {
    return [`${at}: '${field}.kind' must be one of ${ALERT_KINDS.map(k => `'${k}'`).join(', ')}, got '${alert.kind}'`];
  }
  const problems: string[] = [];
  const check = (name: string, value: number, ok: boolean, what: string) => {
    if (!(typeof value === 'number' && ok)) {
      problems.push(`${at}: '${field}.${name}' must be ${what}, got ${value}`);
    }
  };
  if (!['warning', 'critical'].includes(alert.severity)) {
    problems.push(`${at}: '${field}.severity' must be 'warning' or 'critical', got '${alert.severity}'`);
  }
  const whole = (n: number, min: number) => Number.isInteger(n) && n >= min;
  check('forMinutes', alert.forMinutes, whole(alert.forMinutes, 0), 'a whole number of minutes, 0 or more');
  switch (alert.kind) {
    case 'unavailable':
      break;
    case 'restarts':
      check('count', alert.count, whole(alert.count, 1), 'a whole number, 1 or more');
      check('windowMinutes', alert.windowMinutes, whole(alert.windowMinutes, 1), 'a whole number of minutes, 1 or more');
      break;
    case 'cpu':
      check('percentOfRequest', alert.percentOfRequest, alert.percentOfRequest > 0, 'a percentage above 0 (usage may exceed the request)');
      break;
    case 'memory':
      // At 100% of its limit the container is killed: the alert must fire before.
      check('percentOfLimit', alert.percentOfLimit, alert.percentOfLimit > 0 && alert.percentOfLimit < 100, 'a percentage above 0 and below 100');
      break;
    case 'error-rate':
      check('percent', alert.percent, alert.percent > 0 && alert.percent < 100, 'a percentage above 0 and below 100');
      break;
    case 'response-time':
      check('percentile', alert.percentile, alert.percentile > 0 && alert.percentile < 100, 'a percentile above 0 and below 100, such as 95');
      check('seconds', alert.seconds, alert.seconds > 0, 'a number of seconds above 0');
      break;
    default:
      exhaustive(alert, 'alert');
  }
  return problems;
}
