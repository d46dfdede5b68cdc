import { tagProblem } from '../spec/images';
import { ValidationError } from '../spec/validate';
import { Profile, ProfileOverrides } from './profile';

/** The environments a synth can choose from, and the ones it renders when none is named. */
export interface EnvironmentChoice {
  readonly all: readonly Profile[];
  readonly defaults: readonly Profile[];
}

/**
 * The profiles named (the defaults when none is), with the overrides applied
 * (IMAGE_TAG retags the built images of every profile, local included: a
 * rebuilt image under a new tag is what makes `IfNotPresent` load it).
 * Throws a {@link ValidationError} naming every unknown environment and a bad IMAGE_TAG.
 */
export function selectProfiles(choice: EnvironmentChoice, names: readonly string[], overrides: ProfileOverrides = {}): Profile[] {
  const known = choice.all.map(p => p.name);
  const problems = names.filter(n => !known.includes(n)).map(n => `unknown environment '${n}'; use one of: ${known.join(', ')}`);
  if (overrides.imageTag === '') {
    problems.push(`IMAGE_TAG is set but empty; unset it to use each profile's own tag, or set a version such as IMAGE_TAG=1.4.2`);
  } else if (overrides.imageTag !== undefined && tagProblem(overrides.imageTag) !== undefined) {
    problems.push(`IMAGE_TAG ${tagProblem(overrides.imageTag)}; set a version such as IMAGE_TAG=1.4.2`);
  }
  if (problems.length > 0) {
    throw new ValidationError(problems);
  }
  return (names.length === 0 ? choice.defaults : choice.all.filter(p => names.includes(p.name)))
    .map(p => ({ ...p, imageTag: overrides.imageTag ?? p.imageTag }));
}
