import { ValidationError } from '../spec/validate';
import { LOCAL } from './local';
import { PRODUCTION } from './production';
import { Profile, ProfileOverrides } from './profile';

/** Every profile, in synth order. */
export const PROFILES: readonly Profile[] = [LOCAL, PRODUCTION];

/**
 * The profiles named (every profile when none is), with the overrides applied.
 * Throws a {@link ValidationError} naming every unknown environment.
 */
export function selectProfiles(names: readonly string[], overrides: ProfileOverrides = {}): Profile[] {
  const known = PROFILES.map(p => p.name);
  const unknown = names.filter(n => !known.includes(n));
  if (unknown.length > 0) {
    throw new ValidationError(unknown.map(n => `unknown environment '${n}'; use one of: ${known.join(', ')}`));
  }
  return PROFILES
    .filter(p => names.length === 0 || names.includes(p.name))
    .map(p => ({ ...p, imageTag: overrides.imageTag ?? p.imageTag }));
}
