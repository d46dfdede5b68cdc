import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { STACKS } from '../charts';
import { ENVIRONMENTS } from '../environments';
import { LOCAL } from '../environments/local';
import { PRODUCTION } from '../environments/production';
import { isWorkload, podTemplateOf } from '../lib/kinds/kubernetes';
import { IngressRouting, Profile } from '../lib/profiles/profile';
import { APP_USER } from '../lib/catalog';
import { ServiceSpec, StackSpec } from '../lib/spec/types';
import { RenderedStack } from '../lib/output';
import { render } from '../lib/synth';

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

/** Where {@link renderAll} keeps its renderings: inside build/, so that a clean build starts without them. */
const RENDERED = path.join(__dirname, '.rendered');

/** The .js files below build/lib, build/charts, build/environments and build/imports, each as path, size and time. */
function compiled(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter(e => e.isFile() && e.name.endsWith('.js')).map(e => {
    const file = path.join(e.parentPath, e.name);
    const stat = fs.statSync(file);
    return `${file} ${stat.size} ${stat.mtimeMs}`;
  }).sort();
}

/**
 * What a rendering depends on: the compiled code that renders (any rebuild
 * that changes it changes its files' times) and the stacks and environments
 * registered in this process (a test may register one more).
 */
function renderingKey(): string {
  const build = path.resolve(__dirname, '..');
  const code = ['lib', 'charts', 'environments', 'imports'].flatMap(d => compiled(path.join(build, d)));
  return JSON.stringify([code, STACKS, ENVIRONMENTS]);
}

/**
 * A value computed once for a key and kept below build/test/.rendered/ as
 * JSON, so that the test files after the first read it back instead of
 * computing it again. `name` names the kind of value: a new key replaces the
 * file of the old one. Written aside and renamed, so that a test file running
 * beside this one reads a whole file or none.
 */
export function computedOnce<T>(name: string, key: unknown, compute: () => T): T {
  const file = path.join(RENDERED, `${name}-${createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32)}.json`);
  if (fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  const value = compute();
  fs.mkdirSync(RENDERED, { recursive: true });
  fs.readdirSync(RENDERED).filter(f => f.startsWith(`${name}-`) && f !== path.basename(file)).forEach(f => fs.rmSync(path.join(RENDERED, f), { force: true }));
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, JSON.stringify(value));
  fs.renameSync(partial, file);
  return value;
}

type SavedStack = Omit<RenderedStack, 'files'> & { files: Array<[string, string]> };

/** Every stack in every environment rendered afresh, in the form kept on disk (files as pairs). */
const renderForSaving = (): SavedStack[] => render({ stacks: STACKS, profiles: ENVIRONMENTS }).map(r => ({ ...r, files: [...r.files] }));

/** The rendering kept for this build and registry (computed first when no test file did yet). */
export function savedRendering(): RenderedStack[] {
  return computedOnce('rendering', renderingKey(), renderForSaving).map(r => ({ ...r, files: new Map(r.files) }));
}

let cached: RenderedStack[] | undefined;
/**
 * Every stack in every environment (the presets synthesized on demand
 * included). Rendered once for a build: the first test file that asks renders
 * it, the others read it back (test/render-cache.test.ts checks that the copy
 * read back equals a render).
 */
export function renderAll(): RenderedStack[] {
  cached = cached ?? savedRendering();
  return cached;
}

/** A minimal web service for construct tests. */
export function web(name: string, overrides: Partial<Extract<ServiceSpec, { kind: 'web' }>> = {}): ServiceSpec {
  return { kind: 'web', name, image: 'nginx:1.27.3', ports: [{ name: 'http', port: 8080 }], user: APP_USER, ...overrides };
}

/** Every file below a folder, by path relative to it, with its bytes as latin1 text. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) {
      const file = path.join(e.parentPath, e.name);
      out[path.relative(dir, file)] = fs.readFileSync(file, 'latin1');
    }
  }
  return out;
}
