/**
 * Health checks: compose's `healthcheck` (HTTP, TCP or a command), kompose's
 * readiness labels, the catalog's check, or a TCP probe on the first port.
 */
import { SERVICE_KINDS } from '../spec/service-kinds';
import { EnvValue, HealthCheckSpec, PortSpec } from '../spec/types';
import { Mapper, ServiceContext } from './context';
import { hideCredentials } from './environment';
import { Service } from './generated/compose-spec';
import { Kind } from './kind';
import { shellWords } from './normal-form';
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
  if (disabled(svc.healthcheck) && kind !== 'stateful') {
    // A job or a cron gets no probe anyway.
    if (SERVICE_KINDS[kind].runsOnce) {
      return undefined;
    }
    note(`compose disables its health check (healthcheck ${svc.healthcheck!.disable === undefined ? `test: ${JSON.stringify(svc.healthcheck!.test)}` : 'disable: true'}), so it gets no probe: pods get traffic as soon as they start; add a healthcheck to the chart if it needs one`);
    return undefined;
  }
  const readiness = komposeReadiness(labels);
  const liveness = komposeReadiness(labels, 'liveness');
  const livenessKeys = Object.keys(labels).filter(k => k.startsWith('kompose.service.healthcheck.liveness.'));
  if (livenessKeys.length > 0 && (svc.healthcheck !== undefined || readiness !== undefined || liveness === undefined)) {
    const why = svc.healthcheck !== undefined ? "compose's healthcheck is the check" : readiness !== undefined ? 'the readiness labels are the check'
      : 'they give no test, http_get_path or tcp_port';
    note(`labels ${livenessKeys.slice(0, 5).join(', ')}${livenessKeys.length > 5 ? ` and ${livenessKeys.length - 5} more` : ''} are not used: ${why}, for readiness and liveness alike; write the check you want in compose's healthcheck`);
  }
  // Docker runs the image's own HEALTHCHECK when compose gives none.
  let healthcheck = healthCheck(m, name, svc.healthcheck ?? readiness ?? liveness ?? known.imageHealthcheck, targets[0], env);
  if (healthcheck === undefined && svc.healthcheck === undefined) {
    healthcheck = known.healthcheck;
  }
  if (healthcheck === undefined && portSpecs.length > 0 && !SERVICE_KINDS[kind].runsOnce) {
    healthcheck = { test: { tcpPort: portSpecs[0].port }, intervalSeconds: 10, timeoutSeconds: 3, retries: 3 };
    note(disabled(svc.healthcheck) ? `compose disables its health check, but a StatefulSet needs one: a TCP readiness probe on port ${portSpecs[0].port} keeps traffic away until it listens`
      : `no health check in compose; a TCP readiness probe on port ${portSpecs[0].port} keeps traffic away until it listens`);
  }
  return healthcheck;
}

/** Compose's `disable: true`, or a `test` of `NONE`: health checking is off. */
function disabled(hc: any): boolean {
  const test = Array.isArray(hc?.test) ? hc.test[0] : hc?.test;
  return hc?.disable === true || hc?.disable === 'true' || String(test) === 'NONE';
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
  const self = ownNames(m, name, ['localhost', '127.0.0.1', '0.0.0.0']);
  const words = argv ?? plainShell(shell!);
  // curl without --fail succeeds on any answer (404, 401), as compose counts it; an httpGet probe fails from 400 on.
  const url = words === undefined || !failsOnError(words) ? undefined : plainFetch(words);
  const http = url === undefined ? null : new RegExp(`^http://(?:${self})(?::([0-9]+))?(/\\S*)?$`).exec(url);
  const tcp = words === undefined ? null : new RegExp(`^nc -zv? (?:${self}) ([0-9]+)$`).exec(words.join(' '));
  let test: HealthCheckSpec['test'];
  if (tcp !== null) {
    test = { tcpPort: Number(tcp[1]) };
  } else if (http !== null) {
    const port = http[1] === undefined ? 80 : Number(http[1]);
    test = { httpGet: http[2] ?? '/', ...(port === firstPort ? {} : { port }) };
  } else {
    // Probes are not expanded by Kubernetes: credentials are read from the container's variables by the shell.
    // The service's own name reaches the container itself in compose; in Kubernetes the Service admits only ready pods.
    const original = toLocalhost(argv ?? ['sh', '-c', shell!], ownNames(m, name, []), argv === undefined);
    // A marker around each variable, so the words around it are quoted and the variable is not.
    const marked = original.map(w => hideCredentials(m, w, env, v => `\u0000${v}\u0000`));
    const hidden = marked.some((w, i) => w !== original[i]);
    const plain = (w: string) => w.replace(/\u0000([^\u0000]*)\u0000/g, '$$$1');
    const quoted = (w: string) => /^[A-Za-z0-9_./:=@$-]+$/.test(plain(w)) ? plain(w) : w.split('\u0000').map((part, i) => (i % 2 === 1 ? `"$${part}"` : part === '' || /^[A-Za-z0-9_./:=@-]+$/.test(part) ? part
      : `'${part.replace(/'/g, "'\\''")}'`)).join('');
    test = { exec: hidden && shell === undefined ? ['sh', '-c', marked.map(quoted).join(' ')] : marked.map(plain) };
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

/** The names a container reaches itself by (`local` ones, its service name and aliases), as a regular expression alternative. */
function ownNames(m: Mapper, name: string, local: readonly string[]): string {
  const names = [...local, name, m.names.get(name) ?? name, ...(m.aliases.get(name) ?? [])];
  return [...new Set(names)].map(n => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/**
 * A check's words with the service's own names (`own`, a regular expression
 * alternative) as localhost: in a URL or after `@`, and after a host flag
 * (`-h redis`, `--host=db`). Compose resolves them to the container itself; in
 * Kubernetes the Service admits only ready pods, so the check could never pass.
 */
function toLocalhost(words: readonly string[], own: string, shell: boolean): string[] {
  const url = new RegExp(`(://|@)(?:${own})(?=[:/"'\\s]|$)`, 'g');
  const flag = new RegExp(`(^|\\s)(-h|--host|--hostname)(\\s+|=)(?:${own})(?=[\\s;&|"']|$)`, 'g');
  const word = new RegExp(`^(?:${own})$`);
  return words.map((w, i) => {
    const local = w.replace(url, '$1localhost');
    if (shell) {
      return local.replace(flag, '$1$2$3localhost');
    }
    return i > 0 && /^(-h|--host|--hostname)$/.test(words[i - 1]) && word.test(w) ? 'localhost' : local.replace(flag, '$1$2$3localhost');
  });
}

/** The words of a shell line that is one plain command (`|| exit 1` after it allowed), or undefined when the shell does more. */
function plainShell(line: string): string[] | undefined {
  const command = line.replace(/\s*\|\|\s*exit\s+1\s*$/, '');
  return /[|;&<>$`()]/.test(command) ? undefined : shellWords(command);
}

/** Whether a fetch fails on an HTTP error status: wget does, curl only with -f, --fail or --fail-with-body. */
function failsOnError(words: readonly string[]): boolean {
  if (words[0]?.replace(/^.*\//, '') !== 'curl') {
    return true;
  }
  return words.slice(1).some(w => w === '--fail' || w === '--fail-with-body' || /^-[A-Za-z]*f[A-Za-z]*$/.test(w) && !/^-[A-Za-z]*[omw][A-Za-z]*f/.test(w));
}

/** Options of curl and wget that leave the request as a plain GET: flags, and options that take a value. */
const PLAIN_OPTIONS: Record<string, { flags: string; valued: string; long: string[]; longValued: string[] }> = {
  curl: {
    flags: 'fsSLkqv', valued: 'omw',
    long: ['fail', 'fail-with-body', 'silent', 'show-error', 'location', 'insecure', 'verbose', 'no-progress-meter', 'retry-connrefused', 'retry-all-errors'],
    longValued: ['output', 'max-time', 'connect-timeout', 'retry', 'retry-delay', 'retry-max-time', 'write-out'],
  },
  wget: {
    flags: 'qS', valued: 'OoTt',
    long: ['quiet', 'spider', 'no-verbose', 'no-check-certificate', 'server-response', 'retry-connrefused'],
    longValued: ['output-document', 'output-file', 'timeout', 'tries', 'waitretry', 'connect-timeout', 'read-timeout', 'dns-timeout'],
  },
};

/**
 * The one URL a curl or wget command fetches, when every other word is an
 * option that does not change the request (no header, method, body or user):
 * only then is an httpGet probe the same check.
 */
export function plainFetch(words: readonly string[]): string | undefined {
  const tool = PLAIN_OPTIONS[words[0]?.replace(/^.*\//, '')];
  if (tool === undefined) {
    return undefined;
  }
  const urls: string[] = [];
  let missing = false;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w.startsWith('--')) {
      const [key, value] = [w.slice(2).split('=')[0], w.includes('=') ? w.slice(w.indexOf('=') + 1) : undefined];
      if (tool.longValued.includes(key)) {
        i += value === undefined ? 1 : 0;
        missing ||= i >= words.length;
      } else if (!tool.long.includes(key) || value !== undefined) {
        return undefined;
      }
    } else if (w === '-nv' && words[0].endsWith('wget')) {
      continue;
    } else if (w.startsWith('-') && w.length > 1) {
      for (let j = 1; j < w.length; j++) {
        if (tool.valued.includes(w[j])) {
          i += j === w.length - 1 ? 1 : 0;
          missing ||= i >= words.length;
          break;
        } else if (!tool.flags.includes(w[j])) {
          return undefined;
        }
      }
    } else {
      urls.push(w);
    }
  }
  return urls.length === 1 && !missing ? urls[0] : undefined;
}
