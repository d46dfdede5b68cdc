/** The checks of a whole stack spec (its name, secrets and stages, then each subject's checks), and the error that reports them. */
import { cycleProblems } from './cycles';
import { monitoringProblems } from './monitoring';
import { routeProblems } from './routes';
import { serviceProblems } from './services';
import { DNS_LABEL, LABEL_MAX } from './syntax';
import { ServiceSpec, StackSpec, STAGES } from './types';

/** Every problem found in the specs and profiles, reported together. */
export class ValidationError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} found:\n${problems.map(p => `- ${p}`).join('\n')}`);
    this.name = 'ValidationError';
  }
}

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** The longest label value built from the stack name alone: the instance label of its Secret, `<stack>-<stack>-secrets`. */
const stackInstance = (stack: string) => `${stack}-${stack}-secrets`;

/** Namespaces Kubernetes creates and runs itself: `default` and `kube-*`. */
export const RESERVED_NAMESPACES = /^(default|kube-.*)$/;

/**
 * Checks a stack spec before any construct exists and returns every problem,
 * each naming the stack, the service or route, the field, the value and the fix.
 */
export function stackProblems(spec: StackSpec): string[] {
  return stackProblemsWith(spec, { requirePinnedImages: true });
}

/** {@link stackProblems}, where unpinned images may be allowed (profiles with `allowUnpinnedImages`). */
export function stackProblemsWith(spec: StackSpec, checks: { readonly requirePinnedImages: boolean }): string[] {
  const problems: string[] = [];
  const stack = `stack '${spec.name}'`;
  if (!DNS_LABEL.test(spec.name)) {
    problems.push(`${stack}: 'name' must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters), got '${spec.name}'; rename the stack`);
  } else if (RESERVED_NAMESPACES.test(spec.name)) {
    problems.push(`${stack}: 'name' '${spec.name}' is the namespace of the stack, and Kubernetes runs '${spec.name}' itself (a default-deny NetworkPolicy and Pod Security there would stop the cluster's own pods, and removing the stack would delete it); rename the stack`);
  } else if (stackInstance(spec.name).length > LABEL_MAX) {
    problems.push(`${stack}: 'name' is ${spec.name.length} characters, which makes the label value '${stackInstance(spec.name)}' longer than ${LABEL_MAX}; use at most ${(LABEL_MAX - 9) >> 1} characters`);
  }
  const byName = new Map<string, ServiceSpec>();
  for (const svc of spec.services) {
    if (byName.has(svc.name)) {
      problems.push(`${stack}, service '${svc.name}': 'name' is used by more than one service; give each service its own name`);
    }
    byName.set(svc.name, svc);
  }
  const declaredKeys = new Set(spec.secrets.map(s => s.key));
  const usedKeys = new Set<string>();
  const volumes = new Set<string>();
  for (const svc of spec.services) {
    for (const v of svc.volumes ?? []) {
      if (volumes.has(v.name)) {
        problems.push(`${stack}, service '${svc.name}': volume '${v.name}' is declared twice; declare it once and mount it elsewhere with 'mounts'`);
      }
      volumes.add(v.name);
    }
  }
  const routeHosts = new Set(spec.routes.map(r => r.host ?? ''));
  for (const svc of spec.services) {
    problems.push(...serviceProblems(svc, { spec, byName, declaredKeys, usedKeys, volumes, routeHosts, requirePinnedImages: checks.requirePinnedImages }));
  }
  for (const key of declaredKeys) {
    if (!usedKeys.has(key)) {
      problems.push(`${stack}: secret key '${key}' is declared but no service reads it; remove it from 'secrets'`);
    }
  }
  for (const s of spec.secrets) {
    if (!SECRET_KEY.test(s.key)) {
      problems.push(`${stack}: secret key '${s.key}' must contain only letters, digits, '-', '_' and '.'; rename it`);
    }
  }
  for (const stage of spec.encryptedVolumesIn ?? []) {
    if (!STAGES.includes(stage)) {
      problems.push(`${stack}: 'encryptedVolumesIn' contains '${stage}'; use ${STAGES.map(s => `'${s}'`).join(' or ')}`);
    }
  }
  problems.push(...cycleProblems(spec));
  problems.push(...routeProblems(spec, byName));
  problems.push(...monitoringProblems(spec, byName));
  return problems;
}

/** Stacks that share a name: each would write over the other's folder and namespace. */
export function duplicateStackProblems(stacks: readonly StackSpec[]): string[] {
  const names = stacks.map(s => s.name);
  return [...new Set(names.filter((n, i) => names.indexOf(n) !== i))]
    .map(n => `stack '${n}': 'name' is used by more than one stack; give each stack its own name`);
}

/** Problems of option overrides given for a stack. */
export function optionProblems(spec: StackSpec, overrides: Readonly<Record<string, boolean>>): string[] {
  const known = Object.keys(spec.options ?? {});
  return Object.keys(overrides)
    .filter(o => !known.includes(o))
    .map(o => `stack '${spec.name}': option '${o}' does not exist; use one of: ${known.length === 0 ? '(none)' : known.join(', ')}`);
}
