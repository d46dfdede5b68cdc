/**
 * The verified catalog: every entry, and the entry of an image reference
 * (its repository, and the major version of its tag; an unpinned tag takes
 * the newest major's facts).
 */
import { splitReference } from './reference';
import { CatalogEntry } from './types';
import { APPS_COLLAB } from './catalog-apps-collab';
import { APPS_HOME } from './catalog-apps-home';
import { DATABASES } from './catalog-databases';
import { DATA_SERVICES } from './catalog-data-services';
import { WEB } from './catalog-web';

/** Every catalog entry, in the order they are matched. */
export const CATALOG: readonly CatalogEntry[] = [...DATABASES, ...DATA_SERVICES, ...WEB, ...APPS_COLLAB, ...APPS_HOME];

/** The catalog entry of an image reference (any registry, any tag; a tag variant such as `-rootless` picks its own entries), or undefined. */
export function catalogEntry(image: string): CatalogEntry | undefined {
  const repository = repositoryOf(image);
  const major = majorOf(image);
  const ofRepository = CATALOG.filter(e => e.repositories.includes(repository));
  const words = (tagOf(image) ?? '').split('-');
  const variant = ofRepository.map(e => e.tagVariant).find(v => v !== undefined && words.includes(v));
  const entries = ofRepository.filter(e => e.tagVariant === variant);
  return major === undefined
    ? entries.find(e => e.maxMajor === undefined)
    : entries.find(e => (e.minMajor ?? 0) <= major && major <= (e.maxMajor ?? Infinity)) ?? entries.find(e => e.maxMajor === undefined);
}

/** The repository of an image reference, without registry host, Docker Hub's `library/`, tag or digest. */
export function repositoryOf(image: string): string {
  return splitReference(image).path.replace(/^library\//, '');
}

/** The tag of an image reference, or undefined (none, or a digest only). */
export function tagOf(image: string): string | undefined {
  return splitReference(image).tag || undefined;
}

/**
 * The major version a tag names (`16.4-alpine` 16, `v3.1` 3, `8` 8), or
 * undefined for `latest`, a name (`alpine`, `management`), a date or a digest.
 */
export function majorOf(image: string): number | undefined {
  const match = /^v?([0-9]{1,3})(?:[.-]|$)/.exec(tagOf(image) ?? '');
  return match === null ? undefined : Number(match[1]);
}

/** Whether the tag names an Alpine variant (whose users may differ). */
export function isAlpine(image: string): boolean {
  return /alpine/.test(tagOf(image) ?? '');
}
