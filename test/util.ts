import { STACKS } from '../charts';
import { ENVIRONMENTS } from '../environments';
import { LOCAL } from '../environments/local';
import { PRODUCTION } from '../environments/production';
import { isWorkload, podTemplateOf } from '../lib/kinds/kubernetes';
import { IngressRouting, Profile } from '../lib/profiles/profile';
import { APP_USER } from '../lib/spec/catalog';
import { ServiceSpec, StackSpec } from '../lib/spec/types';
import { render, RenderedStack } from '../lib/synth';

export { LOCAL, PRODUCTION };

/**
 * The stacks whose content tests assert by name. A stack imported later is
 * covered by the registry-wide checks only, so that `npm test` passes after
 * `stackport import` (README: a new stack needs no other change).
 */
export const SEED_STACKS: readonly string[] = ['project-management', 'loc8', 'enabledrm', 'task-app', 'p2p-sandbox'];

/** Whether a rendered stack is one of {@link SEED_STACKS}. */
export const isSeed = (r: { readonly stack: string } | StackSpec): boolean => SEED_STACKS.includes('stack' in r ? r.stack : r.name);

/** An Ingress-routed profile with some routing fields changed. */
export function withIngress(profile: Profile, routing: Partial<Omit<IngressRouting, 'kind'>>): Profile {
  if (profile.routing.kind !== 'ingress') {
    throw new Error(`profile '${profile.name}' routes with ${profile.routing.kind}, not ingress`);
  }
  return { ...profile, routing: { ...profile.routing, ...routing } };
}

/** The objects of one stack in one profile. */
export function synthStack(spec: StackSpec, profile: Profile, options?: Record<string, boolean>): any[] {
  return [...render({ stacks: [spec], profiles: [profile], options: options && { [spec.name]: options } })[0].objects];
}

/** The objects of a small test stack built around the given services. */
export function synthServices(services: ServiceSpec[], profile: Profile = PRODUCTION, extra: Partial<StackSpec> = {}): any[] {
  return synthStack({ name: 'shop', source: 'test', description: 'test stack', services, routes: [], secrets: [], ...extra }, profile);
}

/** The one object of this kind and name; fails the test when there is none or more than one. */
export function find(objects: readonly any[], kind: string, name: string): any {
  const found = objects.filter(o => o.kind === kind && o.metadata?.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${kind} '${name}', found ${found.length} among: ${objects.map(o => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  }
  return found[0];
}

/** Every object of a kind. */
export function all(objects: readonly any[], kind: string): any[] {
  return objects.filter(o => o.kind === kind);
}

/** The pod spec of a workload object of any kind. */
export function podSpec(obj: any): any {
  return podTemplateOf(obj).spec;
}

/** Every container (init containers included) of every workload. */
export function containers(objects: readonly any[]): Array<{ owner: string; container: any; init: boolean }> {
  return objects.filter(isWorkload).flatMap(o => {
    const spec = podSpec(o);
    const owner = `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
    return [
      ...(spec.initContainers ?? []).map((c: any) => ({ owner, container: c, init: true })),
      ...spec.containers.map((c: any) => ({ owner, container: c, init: false })),
    ];
  });
}

let cached: RenderedStack[] | undefined;
/** Every stack in every environment (the presets synthesized on demand included), rendered once per test file. */
export function renderAll(): RenderedStack[] {
  cached = cached ?? render({ stacks: STACKS, profiles: ENVIRONMENTS });
  return cached;
}

/** A minimal web service for construct tests. */
export function web(name: string, overrides: Partial<Extract<ServiceSpec, { kind: 'web' }>> = {}): ServiceSpec {
  return { kind: 'web', name, image: 'nginx:1.27.3', ports: [{ name: 'http', port: 8080 }], user: APP_USER, ...overrides };
}
