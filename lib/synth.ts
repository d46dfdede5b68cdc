/**
 * Rendering: every spec and profile validated, then each stack synthesized in
 * each environment into its objects and files. lib/output.ts writes them.
 */
import { App } from 'cdk8s';
import { StackChart } from './stack-chart';
import { Profile } from './profiles/profile';
import { placementProblems, profileProblems } from './profiles/validate';
import { duplicateStackProblems, optionProblems, stackProblemsWith, ValidationError } from './spec/validate';
import { StackSpec } from './spec/types';
import { toYaml } from './yaml';
import { nameJobsByContent } from './constructs/job-wait';
import { nameByContent } from './constructs/one-shot-job';
import { addSyncWaves } from './sync-waves';
import { GitOpsProps, renderGitOps } from './gitops';
import { fileName } from './kinds/kubernetes';
import { refuseBadOutDir, RenderedStack, replaceTree, WriteOptions } from './output';

/** The kustomize file of each folder. Not `kustomization.yaml`: `kubectl apply -f <folder>/` would read that as a manifest and fail. */
export const KUSTOMIZATION_FILE = 'Kustomization';

/** What to synthesize. */
export interface SynthRequest {
  readonly stacks: readonly StackSpec[];
  readonly profiles: readonly Profile[];
  /** Option overrides per stack name. @default - every stack's defaults */
  readonly options?: Readonly<Record<string, Readonly<Record<string, boolean>>>>;
  /** Inputs of dist/gitops/ (written by {@link synthesize}). @default - the documented placeholders */
  readonly gitops?: GitOpsProps;
  /**
   * Only some of the stacks (`--stack`): dist/gitops/, which lists every
   * stack, is then kept as it was. @default false
   */
  readonly partial?: boolean;
}

/**
 * Validates every spec and profile first (all problems at once, as a
 * {@link ValidationError}), then synthesizes each stack in each profile in its
 * own cdk8s App (one chart per App keeps synthesis linear in the number of stacks).
 */
export function render(request: SynthRequest): RenderedStack[] {
  const problems = [
    ...request.profiles.flatMap(profileProblems),
    ...duplicateStackProblems(request.stacks),
    ...request.stacks.flatMap(s => stackProblemsWith(s, { requirePinnedImages: request.profiles.some(p => !p.allowUnpinnedImages) })),
    ...request.stacks.flatMap(s => optionProblems(s, request.options?.[s.name] ?? {})),
    ...request.profiles.flatMap(p => request.stacks.flatMap(s => placementProblems(s, p))),
  ];
  if (problems.length > 0) {
    throw new ValidationError(problems);
  }
  const rendered: RenderedStack[] = [];
  for (const profile of request.profiles) {
    for (const spec of request.stacks) {
      // An explicit outdir: App would otherwise read CDK8S_OUTDIR from the environment.
      const app = new App({ outdir: 'unused' });
      const chart = new StackChart(app, spec.name, { spec, profile, options: request.options?.[spec.name] });
      const objects = chart.toJson();
      nameJobsByContent(objects, nameByContent);
      addSyncWaves(objects, spec);
      rendered.push({ environment: profile.name, stack: spec.name, objects, files: stackFiles(objects) });
    }
  }
  return rendered;
}

/** One YAML file per object, in apply order, plus the kustomize file listing them. */
function stackFiles(objects: readonly any[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const obj of objects) {
    const name = fileName(obj);
    if (files.has(name)) {
      throw new Error(`two objects would be written to '${name}': ${obj.kind} '${obj.metadata.name}' appears twice; give one of them another name`);
    }
    files.set(name, toYaml(obj));
  }
  const names = [...files.keys()].sort();
  const kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: names };
  const sorted = new Map(names.map(n => [n, files.get(n)!]));
  sorted.set(KUSTOMIZATION_FILE, toYaml(kustomization));
  return sorted;
}

/** Renders the request and its dist/gitops/ folders and, only when everything rendered, replaces `outDir` with the result. */
export function synthesize(request: SynthRequest, outDir: string, options: WriteOptions = {}): RenderedStack[] {
  // Checked before rendering too, so that a refused folder fails fast.
  refuseBadOutDir(outDir);
  const stacks = render(request);
  const rendered = request.partial === true ? stacks : [...stacks, ...renderGitOps(stacks, request.gitops)];
  replaceTree(outDir, rendered, { ...options, keepOtherStacks: request.partial === true });
  return rendered;
}
