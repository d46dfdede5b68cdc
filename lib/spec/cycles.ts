import { StackSpec } from './types';

/** Dependency cycles, each reported once as a -> b -> a. */
export function cycleProblems(spec: StackSpec): string[] {
  const edges = new Map(spec.services.map(s => [s.name, (s.dependsOn ?? []).map(d => d.service)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const problems: string[] = [];
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') {
      return;
    }
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      problems.push(`stack '${spec.name}': 'dependsOn' forms a cycle ${cycle.join(' -> ')}; remove one of these dependencies`);
      return;
    }
    state.set(name, 'visiting');
    for (const next of edges.get(name) ?? []) {
      if (edges.has(next) && next !== name) { // a self-dependency is reported on its own
        visit(next, [...path, name]);
      }
    }
    state.set(name, 'done');
  };
  for (const s of spec.services) {
    visit(s.name, []);
  }
  return problems;
}
