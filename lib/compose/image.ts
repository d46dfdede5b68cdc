/**
 * The image of a service: `x-stackport.image`, a `build`, or `image`; the
 * catalog's knowledge of it, root-only images and unpinned tags.
 */
import { ImageKnowledge, NOTHING_KNOWN } from '../images/knowledge';
import { rootImage } from '../catalog';
import { imageTag } from '../spec/images';
import { ServiceBase, ServiceContext, ServiceImage } from './context';
import { isCredential } from './environment';
import { Service } from './generated/compose-spec';
import { listToMap } from './normal-form';

/** The image and the catalog entry; undefined (with a problem) when the service names no usable image. */
export function mapImage(svc: Service, c: ServiceBase): { image: ServiceImage; known: ImageKnowledge } | undefined {
  const { m, x, label, note } = c;
  let image: ServiceImage;
  let known = NOTHING_KNOWN;
  if (x.image !== undefined) {
    image = String(x.image);
    known = m.imageKnowledge(image);
  } else if (svc.build !== undefined && svc.image === undefined) {
    const args = buildArgs(svc, c);
    image = { build: label, ...(args === undefined ? {} : { args }) };
    note(`image built from ${buildSource(svc)}; the profile names its registry and tag`);
  } else if (svc.image !== undefined) {
    if (svc.build !== undefined) {
      note(`runs the published image '${svc.image}', which compose builds from ${buildSource(svc)}; build and push it under that name, or set x-stackport.image`);
    }
    image = String(svc.image);
    known = m.imageKnowledge(image);
  } else {
    m.problems.push(`${c.where('image')}: the service has neither 'image' nor 'build'; name the image to run`);
    return undefined;
  }
  if (image === '') {
    m.problems.push(`${c.where('image')}: got ''; expected an image reference (is the variable it is read from set?)`);
    return undefined;
  }
  if (typeof image === 'string') {
    imageChecks(c, image, known, Object.keys(listToMap(svc.environment)));
  }
  return { image, known };
}

/** Where compose builds the image: its context and target. */
function buildSource(svc: Service): string {
  const build = typeof svc.build === 'string' ? { context: svc.build, target: undefined } : svc.build ?? {};
  return `'${build.context ?? '.'}'${build.target === undefined ? '' : ` (target '${build.target}')`}`;
}

/**
 * `build.args` (a map or a `NAME=value` list) as the image's build arguments;
 * an argument named like a credential, or with no value, is left out with a TODO.
 */
function buildArgs(svc: Service, c: ServiceBase): Record<string, string> | undefined {
  const raw = typeof svc.build === 'object' ? svc.build.args : undefined;
  const entries: Array<[string, unknown]> = Array.isArray(raw)
    ? raw.map(a => String(a)).map(a => (a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]))
    : Object.entries(raw ?? {});
  const args: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (value === undefined || value === null) {
      c.note(`build.args ${name} has no value (compose reads it from the shell at build time); pass it when you build the image`);
    } else if (isCredential(name, String(value))) {
      c.m.addCredential(String(value));
      c.note(`build.args ${name} looks like a credential and is not written here; pass it as a build secret when you build the image`);
    } else {
      args[name] = String(value);
    }
  }
  return Object.keys(args).length === 0 ? undefined : args;
}

/** An image that starts as root goes to the summary; an unpinned one gets a TODO at the top. */
function imageChecks(c: ServiceBase, image: string, known: ImageKnowledge, variables: readonly string[]): void {
  const { m, label, note } = c;
  known.notes.forEach(note);
  const root = rootImage(image);
  const entrypoint = known.rootEntrypoint;
  if (entrypoint !== undefined && (entrypoint.when === undefined || entrypoint.when.some(v => variables.includes(v)))) {
    m.summary.push(`root: image '${image}' of service '${label}' needs root to start (${entrypoint.does}), which Pod Security "restricted" refuses; ${entrypoint.nonRoot}`);
    note(`'${image}' needs root to start: see the import summary for the non-root way`);
  } else if (root !== undefined && known.entry === undefined) {
    m.summary.push(`root: image '${image}' of service '${label}' starts as root, which Pod Security "restricted" refuses; use ${root.fix}`);
    note(`'${image}' starts as root: see the import summary for the fix`);
  }
  const tag = imageTag(image);
  if (tag === undefined || tag === 'latest') {
    m.pinTodos.push(`image '${image}' of service '${label}' is not pinned: local runs it as written, production refuses it; pin a version here or with x-stackport.image`);
  }
}

/** The image as a name in messages: the reference, or the service's spec name for a built one. */
export function imageName(c: ServiceContext): string {
  return typeof c.image === 'string' ? c.image : c.label;
}
