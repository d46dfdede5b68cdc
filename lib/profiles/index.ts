import { ValidationError } from '../spec/validate';
import { Profile, ProfileOverrides } from './profile';

/** The environments a synth can choose from, and the ones it renders when none is named. */
export interface EnvironmentChoice {
  readonly all: readonly Profile[];
  readonly defaults: readonly Profile[];
}

/**
 * The profiles named (the defaults when none is), with the overrides applied.
 * Throws a {@link ValidationError} naming every unknown environment.
 */
export function selectProfiles(choice: EnvironmentChoice, names: readonly string[], overrides: ProfileOverrides = {}): Profile[] {
  const known = choice.all.map(p => p.name);
  const unknown = names.filter(n => !known.includes(n));
  if (unknown.length > 0) {
    throw new ValidationError(unknown.map(n => `unknown environment '${n}'; use one of: ${known.join(', ')}`));
  }
  return (names.length === 0 ? choice.defaults : choice.all.filter(p => names.includes(p.name)))
    .map(p => ({ ...p, imageTag: overrides.imageTag ?? p.imageTag }));
}
