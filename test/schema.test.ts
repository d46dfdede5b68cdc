/**
 * Every synthesized object against the strict Kubernetes schemas of the
 * oldest and newest API levels we target (../shared/k8s-schemas), and every
 * ExternalSecret, and the ApplicationSet and Flux Kustomizations of dist/gitops/,
 * against their CRDs (../shared/crds): unknown fields, missing required fields
 * and wrong types all fail. The AppProject cannot be checked: ../shared/crds
 * has no CRD for it. Skipped when ../shared is absent.
 */
import { STACKS } from '../charts';
import { renderGitOps } from '../lib/gitops';
import { check, crdSchemas, loadDefinitions, missingDefaults, present, schemaSweep, VERSIONS } from './sweeps/schema';
import { renderAll } from './util';

/** Kinds with no schema to check against: no CRD for them in ../shared/crds. */
const UNCHECKED = ['argoproj.io/v1alpha1/AppProject'];
const gitops = renderGitOps(renderAll()).flatMap(r => r.objects.map(o => ({ where: `gitops/${r.stack}`, o })));
const objects = [
  ...renderAll().flatMap(r => r.objects.map(o => ({ where: `${r.environment}/${r.stack}`, o }))),
  ...gitops.filter(({ o }) => !UNCHECKED.includes(`${o.apiVersion}/${o.kind}`)),
];

schemaSweep([
  ...renderAll(),
  ...renderGitOps(renderAll()).map(r => ({ ...r, objects: r.objects.filter(o => !UNCHECKED.includes(`${o.apiVersion}/${o.kind}`)) })),
]);

test('the validator catches an unknown field, a missing required field and a wrong type', () => {
  if (!present) {
    return;
  }
  const defs = loadDefinitions(VERSIONS[0]);
  const schema = defs['io.k8s.api.apps.v1.Deployment'];
  const bad = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: '2', template: {}, bogus: 1 } };
  expect(check(bad, schema, defs, 'd')).toEqual(['d.spec.selector: required field is missing', 'd.spec.replicas: must be an integer, got "2"', 'd.spec.bogus: unknown field']);
});

test('the gitops objects are checked against the ApplicationSet and Flux Kustomization CRDs, all but the AppProject', () => {
  if (!present) {
    return;
  }
  const crds = crdSchemas();
  const checked = objects.filter(({ where }) => where.startsWith('gitops/')).map(({ o }) => `${o.apiVersion}/${o.kind}`);
  expect(checked).toEqual(['argoproj.io/v1alpha1/ApplicationSet', ...Array(STACKS.length).fill('kustomize.toolkit.fluxcd.io/v1/Kustomization')]);
  expect(checked.every(k => crds.has(k))).toBe(true);
  expect(gitops.filter(({ o }) => UNCHECKED.includes(`${o.apiVersion}/${o.kind}`)).map(({ o }) => o.metadata.name)).toEqual(['stackport']);
  const [appSet] = gitops.filter(({ o }) => o.kind === 'ApplicationSet').map(({ o }) => o);
  const bad = JSON.parse(JSON.stringify(appSet));
  bad.spec.template.spec.syncPolicy.automated.prune = 'true';
  bad.spec.template.spec.syncPolicy.syncOption = ['ServerSideApply=true'];
  expect(check(bad, crds.get('argoproj.io/v1alpha1/ApplicationSet'), {}, 'a')).toEqual([
    'a.spec.template.spec.syncPolicy.automated.prune: must be a boolean, got "true"',
    'a.spec.template.spec.syncPolicy.syncOption: unknown field',
  ]);
});

test('every custom resource writes out the fields its CRD defaults, so a re-apply changes nothing', () => {
  if (!present) {
    return;
  }
  const crds = crdSchemas();
  const custom = objects.filter(({ o }) => crds.has(`${o.apiVersion}/${o.kind}`));
  expect(custom.some(({ o }) => o.kind === 'HTTPRoute')).toBe(true);
  // The spec only: the status is the controllers' to write.
  const spec = (key: string) => crds.get(key).properties.spec;
  expect(custom.flatMap(({ where, o }) => missingDefaults(o.spec, spec(`${o.apiVersion}/${o.kind}`), `${where} ${o.kind}/${o.metadata.name}.spec`))).toEqual([]);
  expect(missingDefaults({ parentRefs: [{ name: 'g' }], rules: [] }, spec('gateway.networking.k8s.io/v1/HTTPRoute'), 'r.spec')).toEqual([
    'r.spec.parentRefs[0].group: defaults to "gateway.networking.k8s.io"; write it out',
    'r.spec.parentRefs[0].kind: defaults to "Gateway"; write it out',
  ]);
});
