import { ApiObject, App, Chart } from 'cdk8s';
import { Kustomization, KustomizationSpecDeletionPolicy, KustomizationSpecSourceRefKind } from '../imports/kustomize.toolkit.fluxcd.io';
import { fileName, kindFacts } from './kinds/kubernetes';
import { ValidationError } from './spec/validate';
import type { RenderedStack } from './output';
import { toYaml } from './yaml';

/**
 * Where Argo CD and Flux find the committed manifests.
 *
 * The defaults are placeholders: `main.ts` takes the real values from
 * `--repo-url`, `--revision` and `--flux-source`.
 */
export interface GitOpsProps {
  /**
   * The Git repository that holds this project's committed `dist/`.
   *
   * @default 'https://git.example.com/platform/stackport.git'
   */
  readonly repoUrl?: string;
  /**
   * The branch, tag or commit Argo CD reads (Flux reads what its GitRepository names).
   *
   * @default 'main'
   */
  readonly revision?: string;
  /**
   * Name of the Flux GitRepository, in namespace `flux-system`, that fetches `repoUrl`.
   * Not generated: `flux bootstrap` or `flux create source git` makes it.
   *
   * @default 'stackport'
   */
  readonly fluxSourceName?: string;
  /**
   * The environment both tools deliver: its folders `dist/<environment>/<stack>/`.
   *
   * @default 'production'
   */
  readonly environment?: string;
}

/** The placeholder inputs, as documented in docs/deploying.md. */
export const GITOPS_DEFAULTS: Required<GitOpsProps> = {
  repoUrl: 'https://git.example.com/platform/stackport.git',
  revision: 'main',
  fluxSourceName: 'stackport',
  environment: 'production',
};

/** The folder of dist/ the GitOps objects are written to, beside the environments. */
export const GITOPS_FOLDER = 'gitops';
/** The name of the AppProject and the ApplicationSet. */
export const PROJECT = 'stackport';
/** The cluster Argo CD runs in, as its Applications name it. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';
const ARGOCD_NAMESPACE = 'argocd';
const FLUX_NAMESPACE = 'flux-system';

/** Every problem with the inputs, one line each. */
export function gitOpsProblems(props: Required<GitOpsProps>): string[] {
  const problems: string[] = [];
  if (!/^(https:\/\/|ssh:\/\/|git@)\S+$/.test(props.repoUrl)) {
    problems.push(`gitops: 'repoUrl' must be an https://, ssh:// or git@ address of the repository that holds dist/, got '${props.repoUrl}'; pass --repo-url`);
  }
  if (!/^\S+$/.test(props.revision)) {
    problems.push(`gitops: 'revision' must be a branch, tag or commit without spaces, got '${props.revision}'; pass --revision`);
  }
  if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(props.fluxSourceName)) {
    problems.push(`gitops: 'fluxSourceName' must be a Kubernetes object name (lower-case letters, digits, '-' and '.'), got '${props.fluxSourceName}'; pass --flux-source`);
  }
  return problems;
}

/**
 * The Argo CD and Flux objects that deliver every folder of one environment,
 * as two more folders: `dist/gitops/argocd/` (an AppProject and an
 * ApplicationSet) and `dist/gitops/flux/` (a Flux Kustomization per stack).
 * Nothing, when that environment was not rendered this time (`--env`): the
 * committed folders are then kept as they are.
 *
 * Throws a {@link ValidationError} naming every bad input.
 */
export function renderGitOps(rendered: readonly RenderedStack[], props: GitOpsProps = {}): RenderedStack[] {
  const inputs: Required<GitOpsProps> = {
    repoUrl: props.repoUrl ?? GITOPS_DEFAULTS.repoUrl,
    revision: props.revision ?? GITOPS_DEFAULTS.revision,
    fluxSourceName: props.fluxSourceName ?? GITOPS_DEFAULTS.fluxSourceName,
    environment: props.environment ?? GITOPS_DEFAULTS.environment,
  };
  const problems = gitOpsProblems(inputs);
  if (problems.length > 0) {
    throw new ValidationError(problems);
  }
  const stacks = rendered.filter(r => r.environment === inputs.environment);
  if (stacks.length === 0) {
    const given = (['repoUrl', 'revision', 'fluxSourceName'] as const).filter(k => props[k] !== undefined);
    if (given.length > 0) {
      throw new ValidationError([`gitops: ${given.map(k => `'${k}'`).join(', ')} given, but environment '${inputs.environment}' is not rendered, so dist/${GITOPS_FOLDER}/ would not change; add --env ${inputs.environment}`]);
    }
    return [];
  }
  for (const s of stacks) {
    const namespaces = s.objects.filter(o => o.kind === 'Namespace').map(o => o.metadata.name);
    if (namespaces.length !== 1 || namespaces[0] !== s.stack) {
      throw new Error(`stack '${s.stack}': its folder must hold one Namespace named '${s.stack}' (the ApplicationSet names the destination after the folder), found: ${namespaces.join(', ') || 'none'}`);
    }
  }
  const app = new App({ outdir: 'unused' });
  return [
    folder('argocd', argoCd(new Chart(app, 'ArgoCd', { namespace: ARGOCD_NAMESPACE }), stacks, inputs)),
    folder('flux', flux(new Chart(app, 'Flux', { namespace: FLUX_NAMESPACE }), stacks, inputs)),
  ];
}

/**
 * An AppProject that admits exactly the stacks' namespaces on this cluster,
 * this repository, the Namespace as the only cluster-scoped kind and the
 * namespaced kinds the stacks use; and an ApplicationSet that makes an
 * Application of each folder `dist/<environment>/<stack>/`.
 */
function argoCd(chart: Chart, stacks: readonly RenderedStack[], inputs: Required<GitOpsProps>): Chart {
  const objects = stacks.flatMap(s => s.objects);
  const kinds = [...new Set(objects.filter(o => o.kind !== 'Namespace').map(o => `${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''}/${o.kind}`))].sort();
  // No AppProject CRD is available offline, so no binding: a plain ApiObject.
  new ApiObject(chart, 'Project', {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: PROJECT },
    spec: {
      description: `stackport stacks of dist/${inputs.environment}/, each in its own namespace`,
      sourceRepos: [inputs.repoUrl],
      destinations: stacks.map(s => s.stack).sort().map(namespace => ({ server: IN_CLUSTER, namespace })),
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
      namespaceResourceWhitelist: kinds.map(k => ({ group: k.split('/')[0], kind: k.split('/')[1] })),
    },
  });
  // A plain ApiObject too: the generated ApplicationSet binding is 3.3 MB of TypeScript and slowed every type-check
  // 2.5-fold; the schema test checks this object strictly against the ApplicationSet CRD instead.
  new ApiObject(chart, 'Stacks', {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: PROJECT },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{ git: { repoURL: inputs.repoUrl, revision: inputs.revision, directories: [{ path: `dist/${inputs.environment}/*` }] } }],
      template: {
        // No resources finalizer: deleting an Application (or the ApplicationSet) leaves the stack, and its data, running.
        metadata: { name: '{{.path.basename}}', labels: { 'app.kubernetes.io/part-of': PROJECT } },
        spec: {
          project: PROJECT,
          source: { repoURL: inputs.repoUrl, targetRevision: inputs.revision, path: '{{.path.path}}' },
          destination: { server: IN_CLUSTER, namespace: '{{.path.basename}}' },
          syncPolicy: {
            automated: { prune: true, selfHeal: true },
            // Each folder holds its Namespace. No PruneLast: it adds a wave after the routes, and Argo CD
            // would then wait for the health of the routes wave, where a claim only a CronJob mounts stays Pending.
            syncOptions: ['ServerSideApply=true', 'CreateNamespace=false'],
            retry: { limit: 5, backoff: { duration: '30s', factor: 2, maxDuration: '10m' } },
          },
        },
      },
    },
  });
  return chart;
}

/**
 * A Flux Kustomization per stack. Readiness comes from health checks of the
 * stack's workloads and ExternalSecrets rather than `wait: true`, which checks
 * every object: a claim that only a CronJob mounts stays Pending (not ready,
 * for kstatus) under a `WaitForFirstConsumer` storage class until the first run.
 */
function flux(chart: Chart, stacks: readonly RenderedStack[], inputs: Required<GitOpsProps>): Chart {
  for (const s of stacks) {
    const checked = s.objects.filter(o => kindFacts(o.kind)?.healthChecked === true)
      .sort((a, b) => (`${a.kind}/${a.metadata.name}` < `${b.kind}/${b.metadata.name}` ? -1 : 1));
    // The longest a workload may take to become ready: a Deployment's progress deadline, a Job's active deadline.
    const seconds = Math.max(...checked.map(o => o.spec.activeDeadlineSeconds ?? o.spec.progressDeadlineSeconds ?? 0), 300);
    const minutes = Math.ceil(seconds / 60);
    new Kustomization(chart, s.stack, {
      metadata: { name: s.stack },
      spec: {
        interval: '10m',
        retryInterval: '2m',
        timeout: `${minutes}m`,
        path: `./dist/${inputs.environment}/${s.stack}`,
        prune: true,
        // Deleting this Kustomization leaves the stack, and its data, running; pruning still removes what leaves the folder.
        deletionPolicy: KustomizationSpecDeletionPolicy.ORPHAN,
        wait: false,
        // Written out as the CRD defaults it, so a server-side re-apply changes nothing.
        force: false,
        healthChecks: checked.map(o => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace })),
        sourceRef: { kind: KustomizationSpecSourceRefKind.GIT_REPOSITORY, name: inputs.fluxSourceName },
      },
    });
  }
  return chart;
}

/** One folder of dist/gitops/: a YAML file per object, `<file order>-<kind>-<name>.yaml` (the project before what names it). */
function folder(name: string, chart: Chart): RenderedStack {
  const objects = chart.toJson();
  const files = new Map(objects.map(o => [fileName(o), toYaml(o)] as const));
  return { environment: GITOPS_FOLDER, stack: name, objects, files };
}
