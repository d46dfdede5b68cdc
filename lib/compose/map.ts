/**
 * A merged compose document as a {@link StackSpec}: kinds, ports, variables
 * (credentials become Secret keys), volumes, health checks and start order,
 * with the catalog's knowledge of well-known images. Every guess becomes a
 * `TODO(import):` line; what has no safe equivalent is refused, all at once.
 *
 * This file runs the passes over the services; each concern has its own
 * mapper (image.ts, ports.ts, kind.ts, environment.ts, user.ts, volumes.ts,
 * health.ts, dependencies.ts, scaling.ts, routes.ts, dropped.ts), and
 * service.ts assembles one service from them.
 */
import { ServiceSpec, StackSpec } from '../spec/types';
import { ValidationError } from '../spec/validate';
import { MapOptions, Mapper } from './context';
import { completedTargets, settleDependencies } from './dependencies';
import { refusals } from './dropped';
import { collectCredentials } from './environment';
import { LoadedCompose } from './parse';
import { collectNamedServices, collectReferencedPorts } from './ports';
import { mapService } from './service';
import { dnsLabel, MAX_SERVICE_NAME, MAX_STACK_NAME } from './units';
import { volumeUsage } from './volumes';

export type { ComposeFiles, MapOptions } from './context';
export { cpuQuantity, dnsLabel, durationSeconds, MAX_SERVICE_NAME, MAX_STACK_NAME, memoryQuantity } from './units';

/** A mapped stack, the decisions taken, and the literal credential values it kept out of the spec. */
export interface MappedStack {
  readonly spec: StackSpec;
  /** `TODO(import):` lines: unpinned images first, then every guess and everything dropped. */
  readonly todos: readonly string[];
  /** Lines for the import summary: service -> object kind, secret keys, routes, root-only images. */
  readonly summary: readonly string[];
  /** Per image, where its facts came from (the chart header and the import summary say it). */
  readonly images: readonly string[];
  /** Credential values from the compose and env files: never to be written anywhere. */
  readonly credentials: readonly string[];
  /** What holds each of {@link credentials} (`POSTGRES_PASSWORD of service 'db'`), for the leak check's message. */
  readonly credentialOrigins: ReadonlyMap<string, { readonly origin: string; readonly variable?: string }>;
}

/**
 * Maps a merged compose document to a stack spec. Throws a {@link ValidationError}
 * listing every refusal and every value that cannot be mapped.
 */
export function mapCompose(loaded: LoadedCompose, opts: MapOptions): MappedStack {
  const m = new Mapper(loaded, opts);
  const { doc } = loaded;
  const all = Object.entries<any>(doc.services ?? {});
  const entries = nameServices(m, all);
  for (const [name, svc] of entries) {
    refusals(m, name, svc);
  }
  const completed = completedTargets(entries);
  collectCredentials(m, entries);
  collectNamedServices(m, entries);
  collectReferencedPorts(m, entries);
  const { dataVolumes, volumeUsers } = volumeUsage(m, entries);
  const owners = new Map<string, string>();
  const services: ServiceSpec[] = [];
  for (const [name, svc] of entries) {
    const mapped = mapService(m, name, svc ?? {}, { completedTargets: completed, volumeUsers, dataVolumes, owners, doc });
    if (mapped !== undefined) {
      services.push(mapped);
    }
  }
  settleDependencies(m, services);
  if (m.problems.length > 0) {
    throw new ValidationError(m.problems);
  }
  if (m.secrets.length > 0) {
    m.todos.push(`the Secret's keys hold what the compose files wrote in plain text, which is not copied here: put the values in the secret store (npm run local:secrets makes random ones)`);
  }
  for (const v of loaded.unsetVariables) {
    m.todos.push(`variable ${v} is not set in the env file; compose would use an empty string, and so does this chart`);
  }
  for (const { service, variable } of loaded.unresolvedPassThrough) {
    m.todos.push(`service '${m.names.get(service) ?? service}': variable ${variable} is passed through from the shell in compose, and the env file does not set it; it is left out: set it in the env file and import again, or add it to the chart`);
  }
  m.todos.push(...loaded.notes);
  for (const [image, cause] of opts.unreadImages ?? []) {
    m.todos.push(`the config of image '${image}' could not be read (${cause}): its user, ports and paths are ${m.imageKnowledge(image).entry === undefined ? 'guesses' : 'the catalog\'s'}; import again when its registry answers, or pass --image-facts with docker image inspect ${image}`);
  }
  m.todos.push('production NetworkPolicies admit no egress beyond the stack but DNS and the externalPorts found in settings; add a service\'s other outbound ports to its externalPorts in the chart (compose allows all outbound traffic)');
  return { spec: stackSpec(m, services), todos: [...m.pinTodos, ...m.todos], summary: m.summary, images: m.factsLines(), credentials: [...m.credentials].sort(), credentialOrigins: m.credentialOrigins };
}

/**
 * The services mapped (all but `--skip-service` ones), each with its spec name
 * in `m.names`; names that change or collide are noted.
 */
function nameServices(m: Mapper, all: Array<[string, any]>): Array<[string, any]> {
  const { opts } = m;
  const skipped = new Set(opts.skipServices ?? []);
  for (const s of skipped) {
    if (!all.some(([n]) => n === s)) {
      m.problems.push(`--skip-service names '${s}', which is not a service of ${opts.sources.join(', ')}; use one of: ${all.map(([n]) => n).join(', ')}`);
    }
  }
  const entries = all.filter(([n]) => !skipped.has(n));
  for (const [name] of entries) {
    const label = dnsLabel(name, MAX_SERVICE_NAME);
    if (label !== name) {
      m.todos.push(`service '${name}' is named '${label}': Kubernetes names are DNS labels (lower case, '-', a letter first), and names built from it must fit in 63 characters`);
    }
    if ([...m.names.values()].includes(label)) {
      m.problems.push(`${m.where(name, 'image')}: service name '${name}' becomes '${label}', which another service already has; rename one of them`);
    }
    m.names.set(name, label);
  }
  for (const [name] of all.filter(([n]) => skipped.has(n))) {
    m.todos.push(`service '${name}' is left out (--skip-service)`);
  }
  return entries;
}

/** The stack spec of the mapped services (a TODO when the stack name changes). */
function stackSpec(m: Mapper, services: ServiceSpec[]): StackSpec {
  const { opts } = m;
  const stackName = dnsLabel(opts.name, MAX_STACK_NAME);
  if (stackName !== opts.name) {
    m.todos.push(`the stack is named '${stackName}', not '${opts.name}': stack names are DNS labels of at most ${MAX_STACK_NAME} characters (object names are built from them)`);
  }
  return {
    name: stackName,
    source: opts.sources.join(', '),
    description: `Imported from ${opts.sources.join(', ')}: ${services.map(s => s.name).join(', ')}`,
    ...(Object.keys(m.options).length > 0 ? { options: m.options } : {}),
    secrets: m.secrets.filter(s => services.some(svc => usesKey(svc, s.key))),
    routes: m.routes,
    services,
  };
}

function usesKey(svc: ServiceSpec, key: string): boolean {
  return (svc.secretFiles ?? []).some(f => f.key === key) || [svc.env, ...Object.values(svc.envByOption ?? {})].some(env => Object.values(env ?? {}).some(v => typeof v === 'object' && 'secret' in v && v.secret === key));
}
