/**
 * Start order and connections: `depends_on` with its conditions, `links`,
 * and the services a service names as hosts in its commands and settings
 * (renamed services are rewritten to their new names).
 */
import { serviceKind } from '../spec/service-kinds';
import { DependencySpec, EnvValue, ServiceSpec } from '../spec/types';
import { Mapper, ServiceContext } from './context';
import { serviceEnvironment } from './environment';
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
  addExternalPorts(m, services);
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
  if (serviceKind(target).runsOnce) {
    return `'${d.service}' runs once (a ${serviceKind(target).workload}) and has no readiness to wait for; wait for it with condition service_completed_successfully`;
  }
  if (!('healthcheck' in target) || target.healthcheck === undefined) {
    return `'${d.service}' has no health check, so nothing says when it is healthy; add a healthcheck to '${d.service}' in compose`;
  }
  return undefined;
}

/** The port of a URL scheme when the URL gives none. */
const SCHEME_PORTS: Record<string, number> = {
  http: 80, https: 443, ws: 80, wss: 443, smtp: 25, smtps: 465, submission: 587, ftp: 21, sftp: 22, ssh: 22, ldap: 389, ldaps: 636,
  postgres: 5432, postgresql: 5432, mysql: 3306, mariadb: 3306, redis: 6379, rediss: 6379, mongodb: 27017, amqp: 5672, amqps: 5671,
  nats: 4222, mqtt: 1883, mqtts: 8883, imap: 143, imaps: 993, pop3: 110, pop3s: 995,
};
/** Settings that hold the service's own public address (its route), not one it connects to. */
const OWN_ADDRESS = /(^|_)(DOMAIN|ROOT_URL|PUBLIC_URL|BASE_URL|EXTERNAL_URL|SITE_URL|APP_URL|WEB_URL|FRONTEND_URL|VIRTUAL_HOST|ALLOWED_HOSTS|ALLOWED_ORIGINS|CORS[A-Z_]*|ORIGIN|TRUSTED[A-Z_]*|CSRF[A-Z_]*|REDIRECT[A-Z_]*|CALLBACK[A-Z_]*|LETSENCRYPT[A-Z_]*)$/i;
/** A host outside the cluster: a dotted DNS name with a letter top-level label, or an IPv4 address, not the loopback. */
const EXTERNAL_HOST = /^(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}|(?:[0-9]{1,3}\.){3}[0-9]{1,3})$/;

/**
 * The outbound ports a service's settings and command show (`https://api.example.com`,
 * `smtp.gmail.com:587`, `SMTP_HOST` with `SMTP_PORT`) to hosts that are no
 * service of the stack: its `externalPorts`, each with a TODO naming the host.
 * Compose allows every outbound connection; production NetworkPolicies only these.
 */
function addExternalPorts(m: Mapper, services: ServiceSpec[]): void {
  const internal = new Set([...m.names.keys(), ...m.names.values(), ...[...m.aliases.values()].flat()].map(n => n.toLowerCase()));
  const external = (host: string) => EXTERNAL_HOST.test(host) && !internal.has(host.toLowerCase()) && !/^(127\.|0\.0\.0\.0$)/.test(host)
    && !/\.(local|localhost|internal|svc|cluster\.local)$/i.test(host);
  for (const [name, svc] of Object.entries<any>(m.loaded.doc.services ?? {})) {
    const i = services.findIndex(s => s.name === m.names.get(name));
    if (i === -1) {
      continue;
    }
    const found = new Map<number, [string, string]>();
    const add = (port: number, host: string, where: string) => port >= 1 && port <= 65535 && external(host) && !found.has(port) ? found.set(port, [host, where]) : undefined;
    const env = serviceEnvironment(m, name, svc ?? {}).filter(([v]) => !OWN_ADDRESS.test(v));
    const words = [svc?.command, svc?.entrypoint].flat().filter(w => typeof w === 'string' || typeof w === 'number').map(String);
    for (const [where, text] of [...env.map(([v, t]) => [`environment ${v}`, t]), ...words.map(w => ['command', w])]) {
      for (const [, scheme, host, port] of text.matchAll(/\b([a-z][a-z0-9+.-]*):\/\/(?:[^@\/\s]*@)?([A-Za-z0-9.-]+)(?::([0-9]{1,5}))?(?![0-9A-Za-z.-])/gi)) {
        const p = port !== undefined ? Number(port) : SCHEME_PORTS[scheme.toLowerCase()];
        if (p !== undefined) {
          add(p, host, where);
        }
      }
      for (const [, host, port] of text.matchAll(/(?:^|[\s,;=@"'(])([A-Za-z0-9.-]+\.[A-Za-z0-9-]+):([0-9]{1,5})(?![0-9])/g)) {
        add(Number(port), host, where);
      }
    }
    for (const [variable, value] of env) {
      const base = /^(.*?)_?(HOST|HOSTNAME|SERVER|ADDR|ADDRESS)$/i.exec(variable);
      const port = base === null ? undefined : env.find(([v]) => new RegExp(`^${base[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_?PORT$`, 'i').test(v))?.[1];
      if (port !== undefined && /^[0-9]{1,5}$/.test(port.trim())) {
        add(Number(port.trim()), value.trim(), `environment ${variable}`);
      }
    }
    if (found.size > 0) {
      const ports = [...found.keys()].sort((a, b) => a - b);
      services[i] = { ...services[i], externalPorts: [...new Set([...(services[i].externalPorts ?? []), ...ports])].sort((a, b) => a - b) };
      for (const port of ports) {
        const [host, where] = found.get(port)!;
        m.todos.push(`service '${services[i].name}': ${where} connects to ${host} on port ${port}, outside the stack: port ${port} is in its externalPorts, so production NetworkPolicies let it out to any address on that port (compose allows all outbound traffic); remove it from externalPorts in the chart if it is not needed`);
      }
    }
  }
}
