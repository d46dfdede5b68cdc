/**
 * Start order and connections: `depends_on` with its conditions, `links`,
 * and the services a service names as hosts in its commands and settings
 * (renamed services are rewritten to their new names).
 */
import { DependencySpec, EnvValue, ServiceSpec } from '../spec/types';
import { Mapper, ServiceContext } from './context';
import { Service } from './generated/compose-spec';

/** The services whose completion others wait for (`service_completed_successfully`). */
export function completedTargets(entries: Array<[string, any]>): Set<string> {
  return new Set(entries.flatMap(([, svc]) => Object.entries<any>(svc.depends_on ?? {})
    .filter(([, d]) => d?.condition === 'service_completed_successfully').map(([dep]) => dep)));
}

/** `depends_on` with its conditions, for the services that are imported. */
export function mapDependsOn(svc: Service, c: ServiceContext): DependencySpec[] {
  const { m, note } = c;
  const dependsOn: DependencySpec[] = Object.entries<any>(svc.depends_on ?? {})
    .filter(([dep]) => m.names.has(dep))
    .map(([dep, d]) => ({
      service: m.names.get(dep)!,
      condition: d?.condition === 'service_healthy' ? 'healthy' : d?.condition === 'service_completed_successfully' ? 'completed' : 'started',
    }));
  for (const dep of Object.keys(svc.depends_on ?? {}).filter(d => !m.names.has(d))) {
    note(`depends_on '${dep}' is dropped: that service is left out`);
  }
  return dependsOn;
}

/**
 * The services this one connects to beyond `dependsOn`: by `links`, by an
 * address in its command words, and by a host in its settings. Settings that
 * name renamed services are rewritten in `env`.
 */
export function mapConnections(svc: Service, c: ServiceContext, dependsOn: readonly DependencySpec[], words: readonly string[],
  env: Record<string, EnvValue>): Set<string> {
  const { m, label } = c;
  const peers = new Set(dependsOn.map(d => d.service));
  const connectsTo = new Set<string>();
  for (const link of svc.links ?? []) {
    const target = m.names.get(String(link).split(':')[0]);
    if (target !== undefined && !peers.has(target)) {
      connectsTo.add(target);
    }
  }
  for (const word of words) {
    for (const [, specName, , address] of m.hostPatternsIn(word)) {
      if (specName !== label && !peers.has(specName) && address.test(word)) {
        connectsTo.add(specName);
      }
    }
  }
  settingConnections(c, peers, connectsTo, env);
  return connectsTo;
}

/** Hosts named in settings: connections, and settings rewritten where a service was renamed. */
function settingConnections(c: ServiceContext, peers: Set<string>, connectsTo: Set<string>, env: Record<string, EnvValue>): void {
  const { m, label, note } = c;
  for (const [variable, value] of Object.entries(env)) {
    const text = typeof value === 'string' ? value : 'expand' in value ? value.expand : '';
    let renamed = text;
    // A bare name is a host only in a variable named for one (DB_HOST=db, not MYSQL_USER=grafana).
    const hostVariable = /HOST|ADDR|SERVER|URL|URI|ENDPOINT|BROKER|NODES|SERVICE|DSN|PEERS/i.test(variable);
    for (const [composeName, specName, host, address] of m.hostPatternsIn(text)) {
      if (specName !== label && !peers.has(specName) && (hostVariable ? text.search(host) !== -1 : address.test(text))) {
        connectsTo.add(specName);
      }
      if (composeName !== specName) {
        renamed = renamed.replace(host, (_all, before: string) => `${before}${specName}`);
      }
    }
    if (renamed !== text) {
      env[variable] = typeof value === 'string' ? renamed : { expand: renamed };
      note(`${variable} names renamed services by their new names`);
    }
  }
}

/**
 * Conditions compose gives that this spec cannot keep become 'started', each
 * with a TODO, counted in the summary (`waits weakened: N`). A worker others
 * wait for to be healthy gets a headless Service: its name resolves once a pod is ready.
 */
export function settleDependencies(m: Mapper, services: ServiceSpec[]): void {
  const byName = new Map(services.map(s => [s.name, s]));
  const headless = new Set<string>();
  let weakened = 0;
  for (let i = 0; i < services.length; i++) {
    const svc = services[i];
    const deps = (svc.dependsOn ?? []).map(d => {
      const why = weakenedWait(d, byName.get(d.service));
      if (why === undefined) {
        if (d.condition === 'healthy' && byName.get(d.service)?.kind === 'worker') {
          headless.add(d.service);
        }
        return d;
      }
      weakened++;
      m.todos.push(`service '${svc.name}': depends_on '${d.service}' condition ${d.condition === 'healthy' ? 'service_healthy' : 'service_completed_successfully'} becomes a start only: ${why}`);
      return { ...d, condition: 'started' as const };
    });
    if (svc.dependsOn !== undefined) {
      services[i] = { ...svc, dependsOn: deps };
    }
  }
  for (const [i, svc] of services.entries()) {
    if (svc.kind === 'worker' && headless.has(svc.name)) {
      services[i] = { ...svc, headless: true };
    }
  }
  if (weakened > 0) {
    m.summary.push(`waits weakened: ${weakened} (see the TODOs: each starts without waiting as compose did)`);
  }
}

/** Why a wait cannot be kept (with the fix), or undefined when it can. */
function weakenedWait(d: DependencySpec, target: ServiceSpec | undefined): string | undefined {
  if (target === undefined || d.condition === 'started') {
    return undefined;
  }
  if (d.condition === 'completed') {
    return target.kind === 'job' ? undefined
      : `'${d.service}' is a ${target.kind} service, which never completes; remove x-stackport.kind from '${d.service}' so it runs once as a Job, or wait for it to be healthy`;
  }
  if (target.kind === 'job' || target.kind === 'cron') {
    return `'${d.service}' runs once (a ${target.kind === 'job' ? 'Job' : 'CronJob'}) and has no readiness to wait for; wait for it with condition service_completed_successfully`;
  }
  if (!('healthcheck' in target) || target.healthcheck === undefined) {
    return `'${d.service}' has no health check, so nothing says when it is healthy; add a healthcheck to '${d.service}' in compose`;
  }
  return undefined;
}
