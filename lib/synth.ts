import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { StackChart } from '../charts/stack-chart';
import { Profile } from './profiles/profile';
import { optionProblems, profileProblems, stackProblemsWith, ValidationError } from './spec/validate';
import { StackSpec } from './spec/types';
import { toYaml } from './yaml';
import { nameByContent } from './constructs/one-shot-job';

/** The kustomize file of each folder. Not `kustomization.yaml`: `kubectl apply -f <folder>/` would read that as a manifest and fail. */
export const KUSTOMIZATION_FILE = 'Kustomization';

/** One synthesized stack in one environment. */
export interface RenderedStack {
  readonly environment: string;
  readonly stack: string;
  /** The Kubernetes objects, in apply order (Namespace first). */
  readonly objects: readonly any[];
  /** File name (relative to the stack folder) to content. */
  readonly files: ReadonlyMap<string, string>;
}

/** What to synthesize. */
export interface SynthRequest {
  readonly stacks: readonly StackSpec[];
  readonly profiles: readonly Profile[];
  /** Option overrides per stack name. @default - every stack's defaults */
  readonly options?: Readonly<Record<string, Readonly<Record<string, boolean>>>>;
}

/**
 * Validates every spec and profile first (all problems at once, as a
 * {@link ValidationError}), then synthesizes each stack in each profile in its
 * own cdk8s App (one chart per App keeps synthesis linear in the number of stacks).
 */
export function render(request: SynthRequest): RenderedStack[] {
  const problems = [
    ...request.profiles.flatMap(profileProblems),
    ...request.stacks.flatMap(s => stackProblemsWith(s, { requirePinnedImages: request.profiles.some(p => !p.allowUnpinnedImages) })),
    ...request.stacks.flatMap(s => optionProblems(s, request.options?.[s.name] ?? {})),
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
      objects.filter(o => o.kind === 'Job').forEach(nameByContent);
      rendered.push({ environment: profile.name, stack: spec.name, objects, files: stackFiles(objects) });
    }
  }
  return rendered;
}

/**
 * The order `kubectl apply -f <folder>/` creates objects in, which is the byte
 * order of file names: the Namespace; what pods refer to (service accounts,
 * settings, claims) and the NetworkPolicies, so no pod runs unprotected or
 * fails to find its ServiceAccount; Services; workloads; what refers to them.
 */
const APPLY_ORDER: Readonly<Record<string, string>> = {
  Namespace: '00',
  ServiceAccount: '10', Role: '10', RoleBinding: '10', ConfigMap: '10', ExternalSecret: '10', PersistentVolumeClaim: '10', NetworkPolicy: '10',
  Service: '20',
  Deployment: '30', StatefulSet: '30', Job: '30', CronJob: '30',
  HorizontalPodAutoscaler: '40', PodDisruptionBudget: '40', Ingress: '40',
};

/** The file an object is written to: `<apply order>-<kind>-<name>.yaml`. */
function fileName(obj: { kind: string; metadata: { name: string } }): string {
  const order = APPLY_ORDER[obj.kind];
  if (order === undefined) {
    throw new Error(`no apply order for kind '${obj.kind}' (object '${obj.metadata.name}'); add the kind to APPLY_ORDER in lib/synth.ts`);
  }
  return obj.kind === 'Namespace' ? '00-namespace.yaml' : `${order}-${obj.kind.toLowerCase()}-${obj.metadata.name}.yaml`;
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

/** Renders the request and, only when everything rendered, replaces `outDir` with the result. */
export function synthesize(request: SynthRequest, outDir: string): RenderedStack[] {
  const rendered = render(request);
  replaceTree(outDir, rendered);
  return rendered;
}

/** Writes every rendered stack below `dir` as `<environment>/<stack>/<file>`. */
export function writeTree(dir: string, rendered: readonly RenderedStack[]): void {
  for (const r of rendered) {
    const folder = path.join(dir, r.environment, r.stack);
    fs.mkdirSync(folder, { recursive: true });
    for (const [name, content] of r.files) {
      fs.writeFileSync(path.join(folder, name), content);
    }
  }
}

/**
 * Replaces `outDir` with a freshly written tree in one step: everything is
 * written to a sibling staging folder first, which then takes the place of
 * `outDir`. A failure before the swap leaves `outDir` exactly as it was; a
 * crash between the two renames leaves the previous tree at `<outDir>.previous`,
 * which the next run puts back before it starts.
 */
export function replaceTree(outDir: string, rendered: readonly RenderedStack[]): void {
  const staging = `${outDir}.staging`;
  const previous = `${outDir}.previous`;
  if (!fs.existsSync(outDir) && fs.existsSync(previous)) {
    fs.renameSync(previous, outDir);
  }
  fs.rmSync(staging, { recursive: true, force: true });
  fs.rmSync(previous, { recursive: true, force: true });
  try {
    writeTree(staging, rendered);
    // Environments and stacks not rendered this time (`--env`, `--stack`) are carried over as they are.
    const renderedEnvs = new Set(rendered.map(r => r.environment));
    const renderedStacks = new Set(rendered.map(r => `${r.environment}/${r.stack}`));
    for (const env of fs.existsSync(outDir) ? fs.readdirSync(outDir) : []) {
      if (!renderedEnvs.has(env)) {
        fs.cpSync(path.join(outDir, env), path.join(staging, env), { recursive: true });
        continue;
      }
      for (const stack of fs.statSync(path.join(outDir, env)).isDirectory() ? fs.readdirSync(path.join(outDir, env)) : []) {
        if (!renderedStacks.has(`${env}/${stack}`)) {
          fs.cpSync(path.join(outDir, env, stack), path.join(staging, env, stack), { recursive: true });
        }
      }
    }
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (fs.existsSync(outDir)) {
    fs.renameSync(outDir, previous);
  }
  fs.renameSync(staging, outDir);
  fs.rmSync(previous, { recursive: true, force: true });
}
