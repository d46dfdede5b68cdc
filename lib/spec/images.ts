/** Image references: their tags, pinned or not. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The tag of an image reference, or undefined when it has none. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  if (image.includes('@sha256:')) {
    return 'digest';
  }
  return colon === -1 ? undefined : withoutDigest.slice(colon + 1);
}

/** Why an image tag is not a pinned tag (the rest of a sentence), or undefined when it is one. */
export function tagProblem(tag: string): string | undefined {
  if (tag === 'latest') {
    return `'latest' is not a pinned tag`;
  }
  if (!TAG.test(tag)) {
    return `'${tag}' is not an image tag (1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-')`;
  }
  return undefined;
}
