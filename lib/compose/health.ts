/**
 * Health checks: compose's `healthcheck` (HTTP, TCP or a command), kompose's
 * readiness labels, the catalog's check, or a TCP probe on the first port.
 */
import { EnvValue, HealthCheckSpec, PortSpec } from '../spec/types';
import { Mapper, ServiceContext } from './context';
import { hideCredentials } from './environment';
import { Service } from './generated/compose-spec';
import { Kind } from './kind';
import { durationSeconds } from './units';

/**
 * kompose's readiness labels as a compose `healthcheck` (`.test`, `.http_get_path`
 * with `.http_get_port`, `.tcp_port`, and the timings), for files that give no health check.
 */
export function komposeReadiness(labels: Record<string, string>, probe: 'readiness' | 'liveness' = 'readiness'): any {
  const label = (key: string) => labels[`kompose.service.healthcheck.${probe}.${key}`];
  const test = label('test') !== undefined ? ['CMD-SHELL', label('test')]
    : label('http_get_path') !== undefined ? ['CMD', 'curl', '-f', `http://localhost:${label('http_get_port') ?? 80}${label('http_get_path')}`]
      : label('tcp_port') !== undefined ? ['CMD-SHELL', `nc -z localhost ${label('tcp_port')}`] : undefined;
  if (test === undefined) {
    return undefined;
  }
  return { test, interval: label('interval'), timeout: label('timeout'), retries: label('retries'), start_period: label('start_period') };
}

/** Compose's own health check, or the catalog's, or a TCP readiness probe on the first port. */
export function mapHealthCheck(svc: Service, c: ServiceContext, kind: Kind, targets: readonly number[], portSpecs: readonly PortSpec[],
  env: Record<string, EnvValue>): HealthCheckSpec | undefined {
  const { m, name, labels, known, note } = c;
  const readiness = komposeReadiness(labels);
  const liveness = komposeReadiness(labels, 'liveness');
  const livenessKeys = Object.keys(labels).filter(k => k.startsWith('kompose.service.healthcheck.liveness.'));
  if (livenessKeys.length > 0 && (svc.healthcheck !== undefined || readiness !== undefined || liveness === undefined)) {
    const why = svc.healthcheck !== undefined ? "compose's healthcheck is the check" : readiness !== undefined ? 'the readiness labels are the check'
      : 'they give no test, http_get_path or tcp_port';
    note(`labels ${livenessKeys.slice(0, 5).join(', ')}${livenessKeys.length > 5 ? ` and ${livenessKeys.length - 5} more` : ''} are not used: ${why}, for readiness and liveness alike; write the check you want in compose's healthcheck`);
  }
  let healthcheck = healthCheck(m, name, svc.healthcheck ?? readiness ?? liveness, targets[0], env);
  if (healthcheck === undefined && known !== undefined && svc.healthcheck === undefined) {
    healthcheck = known.healthcheck;
  }
  if (healthcheck === undefined && portSpecs.length > 0 && kind !== 'job' && kind !== 'cron') {
    healthcheck = { test: { tcpPort: portSpecs[0].port }, intervalSeconds: 10, timeoutSeconds: 3, retries: 3 };
    note(`no health check in compose; a TCP readiness probe on port ${portSpecs[0].port} keeps traffic away until it listens`);
  }
  return healthcheck;
}

/** A compose `healthcheck` as a spec health check; credentials in a command are read from the container's variables. */
export function healthCheck(m: Mapper, name: string, hc: any, firstPort: number | undefined, env: Record<string, EnvValue>): HealthCheckSpec | undefined {
  if (hc === undefined || hc.disable === true) {
    return undefined;
  }
  const raw: string[] = hc.test === undefined ? [] : Array.isArray(hc.test) ? hc.test.map(String) : ['CMD-SHELL', String(hc.test)];
  if (raw[0] === 'NONE' || raw.length === 0) {
    return undefined;
  }
  const shell = raw[0] === 'CMD-SHELL' ? raw.slice(1).join(' ') : undefined;
  const argv = raw[0] === 'CMD' ? raw.slice(1) : raw[0] === 'CMD-SHELL' ? undefined : raw;
  const line = shell ?? argv!.join(' ');
  const http = /^(?:curl|wget)\b[^|;&]*?\bhttps?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(?::([0-9]+))?(\/[^\s"'|;&]*)?["']?(?:\s*\|\|\s*exit\s+1)?\s*$/.exec(line);
  const tcp = /^nc -zv? (?:localhost|127\.0\.0\.1) ([0-9]+)$/.exec(line.trim());
  let test: HealthCheckSpec['test'];
  if (tcp !== null) {
    test = { tcpPort: Number(tcp[1]) };
  } else if (http !== null) {
    const port = http[1] === undefined ? 80 : Number(http[1]);
    test = { httpGet: http[2] ?? '/', ...(port === firstPort ? {} : { port }) };
  } else {
    // Probes are not expanded by Kubernetes: credentials are read from the container's variables by the shell.
    const original = argv ?? ['sh', '-c', shell!];
    const words = original.map(w => hideCredentials(m, w, env, v => `$${v}`));
    const hidden = words.some((w, i) => w !== original[i]);
    test = { exec: hidden && shell === undefined ? ['sh', '-c', words.map(w => (/^[A-Za-z0-9_./:=@$-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`)).join(' ')] : words };
  }
  const seconds = (key: string, fallback: number) => {
    if (hc[key] === undefined) {
      return fallback;
    }
    const s = durationSeconds(hc[key]);
    if (s === undefined) {
      m.problems.push(`${m.where(name, 'healthcheck')}.${key}: got '${hc[key]}'; expected a duration such as '30s' or '1m30s'`);
    }
    return Math.max(1, s ?? fallback);
  };
  const start = hc.start_period === undefined ? 0 : durationSeconds(hc.start_period) ?? 0;
  return {
    test,
    intervalSeconds: seconds('interval', 30),
    timeoutSeconds: seconds('timeout', 30),
    retries: hc.retries === undefined ? 3 : Math.max(1, Number(hc.retries)),
    ...(start > 0 ? { startPeriodSeconds: start } : {}),
  };
}
