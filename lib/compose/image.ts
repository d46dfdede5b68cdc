/**
 * The image of a service: `x-stackport.image`, a `build`, or `image`; the
 * catalog's knowledge of it, root-only images and unpinned tags.
 */
import { KnownImage, knownImage, rootImage } from '../spec/catalog';
import { imageTag } from '../spec/validate';
import { ServiceBase, ServiceContext, ServiceImage } from './context';
import { Service } from './generated/compose-spec';

/** The image and the catalog entry; undefined (with a problem) when the service names no usable image. */
export function mapImage(svc: Service, c: ServiceBase): { image: ServiceImage; known: KnownImage | undefined } | undefined {
  const { m, x, label, note } = c;
  let image: ServiceImage;
  let known: KnownImage | undefined;
  if (x.image !== undefined) {
    image = String(x.image);
    known = knownImage(image);
  } else if (svc.build !== undefined) {
    image = { build: label };
    const build = typeof svc.build === 'string' ? { context: svc.build, target: undefined } : svc.build;
    note(`image built from '${build.context ?? '.'}'${build.target === undefined ? '' : ` (target '${build.target}')`}; the profile names its registry and tag${svc.image === undefined ? '' : ` (compose names it '${svc.image}')`}`);
  } else if (svc.image !== undefined) {
    image = String(svc.image);
    known = knownImage(image);
  } else {
    m.problems.push(`${c.where('image')}: the service has neither 'image' nor 'build'; name the image to run`);
    return undefined;
  }
  if (image === '') {
    m.problems.push(`${c.where('image')}: got ''; expected an image reference (is the variable it is read from set?)`);
    return undefined;
  }
  if (typeof image === 'string') {
    imageChecks(c, image);
  }
  return { image, known };
}

/** An image that starts as root goes to the summary; an unpinned one gets a TODO at the top. */
function imageChecks(c: ServiceBase, image: string): void {
  const { m, label, note } = c;
  const root = rootImage(image);
  if (root !== undefined) {
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
