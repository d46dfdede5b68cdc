import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { GITOPS_DEFAULTS, IN_CLUSTER, renderGitOps } from '../lib/gitops';
import { ValidationError } from '../lib/spec/validate';
import { STACKS } from '../charts';
import { renderAll, SEED_STACKS } from './util';

const production = renderAll().filter(r => r.environment === 'production');
const folders = renderGitOps(renderAll());
const objectsOf = (stack: string) => folders.find(f => f.stack === stack)!.objects;
const [project, appSet] = objectsOf('argocd');
const kustomizations = objectsOf('flux');

describe('dist/gitops/argocd', () => {
  test('holds an AppProject and an ApplicationSet, in files kubectl applies in that order', () => {
    expect([...folders.find(f => f.stack === 'argocd')!.files.keys()]).toEqual(['00-appproject-stackport.yaml', '10-applicationset-stackport.yaml']);
    expect([project.kind, appSet.kind]).toEqual(['AppProject', 'ApplicationSet']);
    expect([project.metadata, appSet.metadata]).toEqual([{ name: 'stackport', namespace: 'argocd' }, { name: 'stackport', namespace: 'argocd' }]);
  });

  test('the AppProject admits exactly the namespaces of the stacks, on this cluster only', () => {
    const namespaces = production.flatMap(r => r.objects.filter(o => o.kind === 'Namespace').map(o => o.metadata.name)).sort();
    expect(namespaces).toEqual(STACKS.map(s => s.name).sort());
    expect(project.spec.destinations).toEqual(namespaces.map(namespace => ({ server: 'https://kubernetes.default.svc', namespace })));
    expect(IN_CLUSTER).toBe('https://kubernetes.default.svc');
  });

  test('the AppProject admits only the repository, the Namespace as cluster-scoped kind, and the namespaced kinds the stacks use', () => {
    expect(project.spec.sourceRepos).toEqual(['https://git.example.com/platform/stackport.git']);
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
    const used = new Set(production.flatMap(r => r.objects).filter(o => o.kind !== 'Namespace')
      .map(o => `${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''}/${o.kind}`));
    const admitted = project.spec.namespaceResourceWhitelist.map((k: any) => `${k.group}/${k.kind}`);
    expect(admitted.slice().sort()).toEqual([...used].sort());
    expect(admitted).toContain('batch/Job');
    expect(admitted).toContain('external-secrets.io/ExternalSecret');
    expect(admitted).not.toContain('/Namespace');
  });

  test('the ApplicationSet makes one Application per folder of dist/production/, named and placed after the folder', () => {
    expect(appSet.spec.generators).toEqual([{ git: {
      repoURL: 'https://git.example.com/platform/stackport.git', revision: 'main', directories: [{ path: 'dist/production/*' }],
    } }]);
    expect(appSet.spec.goTemplate).toBe(true);
    expect(appSet.spec.template.metadata.name).toBe('{{.path.basename}}');
    expect(appSet.spec.template.spec).toMatchObject({
      project: 'stackport',
      source: { repoURL: 'https://git.example.com/platform/stackport.git', targetRevision: 'main', path: '{{.path.path}}' },
      destination: { server: 'https://kubernetes.default.svc', namespace: '{{.path.basename}}' },
    });
  });

  test('each committed folder of dist/production/ is named after the Namespace it holds, as the destination assumes', () => {
    const dirs = fs.readdirSync('dist/production').sort();
    expect(dirs).toEqual(production.map(r => r.stack).sort());
    for (const dir of dirs) {
      expect([dir, YAML.parse(fs.readFileSync(path.join('dist/production', dir, '00-namespace.yaml'), 'utf8')).metadata.name]).toEqual([dir, dir]);
    }
  });

  test('Applications sync automatically with prune and self-heal, server-side, into the Namespace each folder holds', () => {
    const policy = appSet.spec.template.spec.syncPolicy;
    expect(policy.automated).toEqual({ prune: true, selfHeal: true });
    expect(policy.syncOptions).toEqual(['ServerSideApply=true', 'CreateNamespace=false']);
    expect(policy.retry.limit).toBe(5);
    expect(appSet.spec.template.metadata.finalizers).toBeUndefined();
  });
});

describe('dist/gitops/flux', () => {
  test('holds one Kustomization per stack, in flux-system, reading its folder of dist/production/', () => {
    expect(kustomizations.map(k => k.metadata.name).sort()).toEqual(production.map(r => r.stack).sort());
    for (const k of kustomizations) {
      expect(k).toMatchObject({ apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { namespace: 'flux-system' } });
      expect(k.spec.path).toBe(`./dist/production/${k.metadata.name}`);
      expect(fs.existsSync(path.join(k.spec.path, 'Kustomization'))).toBe(true);
      expect(k.spec).toMatchObject({ prune: true, interval: '10m', sourceRef: { kind: 'GitRepository', name: 'stackport' }, deletionPolicy: 'Orphan' });
    }
  });

  test('health checks cover every workload and ExternalSecret of the stack, and no volume claim', () => {
    for (const k of kustomizations) {
      const objects = production.find(r => r.stack === k.metadata.name)!.objects;
      const expected = objects.filter(o => ['Deployment', 'StatefulSet', 'Job', 'ExternalSecret'].includes(o.kind))
        .map(o => `${o.apiVersion}/${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort();
      expect(expected.length).toBeGreaterThan(2);
      expect(k.spec.healthChecks.map((h: any) => `${h.apiVersion}/${h.kind}/${h.namespace}/${h.name}`).sort()).toEqual(expected);
      // wait: true would check every object, including a claim only a CronJob mounts, which stays Pending.
      expect(k.spec.wait).toBe(false);
    }
  });

  test('the timeout covers the longest deadline of any workload it waits for', () => {
    const timeouts = Object.fromEntries(kustomizations.filter(k => SEED_STACKS.includes(k.metadata.name)).map(k => [k.metadata.name, k.spec.timeout]));
    expect(timeouts).toEqual({ 'enabledrm': '10m', 'loc8': '10m', 'p2p-sandbox': '40m', 'project-management': '20m', 'task-app': '10m' });
    const p2p = production.find(r => r.stack === 'p2p-sandbox')!.objects;
    expect(Math.max(...p2p.filter(o => o.kind === 'Job').map(o => o.spec.activeDeadlineSeconds))).toBe(2400);
  });
});

describe('inputs', () => {
  test('repository, revision and Flux source name come from the props', () => {
    const [argocd, flux] = renderGitOps(renderAll(), { repoUrl: 'git@github.com:acme/stackport.git', revision: 'v2.1.0', fluxSourceName: 'acme' });
    expect(argocd.objects[0].spec.sourceRepos).toEqual(['git@github.com:acme/stackport.git']);
    expect(argocd.objects[1].spec.generators[0].git).toMatchObject({ repoURL: 'git@github.com:acme/stackport.git', revision: 'v2.1.0' });
    expect(argocd.objects[1].spec.template.spec.source).toMatchObject({ repoURL: 'git@github.com:acme/stackport.git', targetRevision: 'v2.1.0' });
    expect(flux.objects.map(k => k.spec.sourceRef.name)).toEqual(STACKS.map(() => 'acme'));
    expect(GITOPS_DEFAULTS).toEqual({ repoUrl: 'https://git.example.com/platform/stackport.git', revision: 'main', fluxSourceName: 'stackport', environment: 'production' });
  });

  test('bad inputs are all refused at once, naming the flag to pass', () => {
    let error: unknown;
    try {
      renderGitOps(renderAll(), { repoUrl: 'stackport', revision: 'my branch', fluxSourceName: 'Stack_Port' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      "gitops: 'repoUrl' must be an https://, ssh:// or git@ address of the repository that holds dist/, got 'stackport'; pass --repo-url",
      "gitops: 'revision' must be a branch, tag or commit without spaces, got 'my branch'; pass --revision",
      "gitops: 'fluxSourceName' must be a Kubernetes object name (lower-case letters, digits, '-' and '.'), got 'Stack_Port'; pass --flux-source",
    ]);
  });

  test('without the delivered environment nothing is rendered (the committed folders are kept), and inputs given then are refused', () => {
    const local = renderAll().filter(r => r.environment === 'local');
    expect(renderGitOps(local)).toEqual([]);
    expect(() => renderGitOps(local, { revision: 'v2' }))
      .toThrow("gitops: 'revision' given, but environment 'production' is not rendered, so dist/gitops/ would not change; add --env production");
  });
});
