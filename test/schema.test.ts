/**
 * Every synthesized object against the strict Kubernetes schemas of the
 * oldest and newest API levels we target (../shared/k8s-schemas), and every
 * ExternalSecret, and the ApplicationSet and Flux Kustomizations of dist/gitops/,
 * against their CRDs (../shared/crds): unknown fields, missing required fields
 * and wrong types all fail. The AppProject cannot be checked: ../shared/crds
 * has no CRD for it. Skipped when ../shared is absent.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import * as YAML from 'yaml';
import { STACKS } from '../charts';
import { renderGitOps } from '../lib/gitops';
import { renderAll } from './util';

const SHARED = path.resolve('..', 'shared');
const VERSIONS = ['v1.28.0', 'v1.36.0'];
const present = fs.existsSync(path.join(SHARED, 'k8s-schemas', `${VERSIONS[0]}.json.gz`));

type Schema = any;

/** Strict structural validation; returns one line per problem. */
function check(value: any, schema: Schema, defs: Record<string, Schema>, at: string): string[] {
  if (schema.$ref !== undefined) {
    return check(value, defs[schema.$ref.replace('#/definitions/', '')], defs, at);
  }
  if (schema.oneOf !== undefined) {
    return schema.oneOf.some((s: Schema) => check(value, s, defs, at).length === 0) ? [] : [`${at}: matches none of ${JSON.stringify(schema.oneOf)}`];
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    return typeof value === 'string' || Number.isInteger(value) ? [] : [`${at}: must be an integer or a string`];
  }
  if (schema['x-kubernetes-preserve-unknown-fields'] === true && schema.properties === undefined) {
    return [];
  }
  switch (schema.type) {
    case 'string': return typeof value === 'string' ? [] : [`${at}: must be a string, got ${JSON.stringify(value)}`];
    case 'integer': return Number.isInteger(value) ? [] : [`${at}: must be an integer, got ${JSON.stringify(value)}`];
    case 'number': return typeof value === 'number' ? [] : [`${at}: must be a number, got ${JSON.stringify(value)}`];
    case 'boolean': return typeof value === 'boolean' ? [] : [`${at}: must be a boolean, got ${JSON.stringify(value)}`];
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => check(v, schema.items, defs, `${at}[${i}]`)) : [`${at}: must be an array`];
    default: break;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${at}: must be an object, got ${JSON.stringify(value)}`];
  }
  const problems = (schema.required ?? []).filter((k: string) => value[k] === undefined).map((k: string) => `${at}.${k}: required field is missing`);
  for (const [key, v] of Object.entries(value)) {
    const prop = schema.properties?.[key];
    if (prop !== undefined) {
      problems.push(...check(v, prop, defs, `${at}.${key}`));
    } else if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
      problems.push(...(schema.additionalProperties === true ? [] : check(v, schema.additionalProperties, defs, `${at}.${key}`)));
    } else if (schema.properties !== undefined) {
      problems.push(`${at}.${key}: unknown field`);
    }
  }
  return problems;
}

function loadDefinitions(version: string): Record<string, Schema> {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(SHARED, 'k8s-schemas', `${version}.json.gz`))).toString()).definitions;
}

let crdCache: Map<string, Schema> | undefined;
/** Every CRD version's schema by group/version/kind, parsed once per test file (the Argo CD CRDs are large). */
function crdSchemas(): Map<string, Schema> {
  if (crdCache !== undefined) {
    return crdCache;
  }
  const schemas = new Map<string, Schema>();
  for (const file of fs.readdirSync(path.join(SHARED, 'crds')).filter(f => f.endsWith('.yaml'))) {
    const crd = YAML.parse(fs.readFileSync(path.join(SHARED, 'crds', file), 'utf8'));
    for (const v of crd.spec.versions) {
      schemas.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema.openAPIV3Schema);
    }
  }
  crdCache = schemas;
  return schemas;
}

/** Kinds with no schema to check against: no CRD for them in ../shared/crds. */
const UNCHECKED = ['argoproj.io/v1alpha1/AppProject'];
const gitops = renderGitOps(renderAll()).flatMap(r => r.objects.map(o => ({ where: `gitops/${r.stack}`, o })));
const objects = [
  ...renderAll().flatMap(r => r.objects.map(o => ({ where: `${r.environment}/${r.stack}`, o }))),
  ...gitops.filter(({ o }) => !UNCHECKED.includes(`${o.apiVersion}/${o.kind}`)),
];

(present ? describe.each(VERSIONS) : describe.skip.each(VERSIONS))('Kubernetes %s schema', version => {
  const defs = present ? loadDefinitions(version) : {};
  const byGvk = new Map<string, Schema>();
  for (const schema of Object.values(defs)) {
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
      byGvk.set(`${gvk.group === '' ? '' : `${gvk.group}/`}${gvk.version}/${gvk.kind}`, schema);
    }
  }
  const crds = present ? crdSchemas() : new Map();

  test('accepts every synthesized object strictly', () => {
    const problems = objects.flatMap(({ where, o }) => {
      const key = `${o.apiVersion}/${o.kind}`;
      const schema = byGvk.get(key) ?? crds.get(key);
      const name = `${where} ${o.kind}/${o.metadata.name}`;
      return schema === undefined ? [`${name}: ${key} is not served`] : check(o, schema, defs, name);
    });
    expect(problems).toEqual([]);
  });
});

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

/**
 * The fields a CRD defaults that are missing from an object, below every
 * object node the object has. A defaulted field left out inside a list makes
 * each server-side re-apply of the unchanged object write it again.
 */
function missingDefaults(value: any, schema: Schema, at: string): string[] {
  if (Array.isArray(value)) {
    return schema.items === undefined ? [] : value.flatMap((v, i) => missingDefaults(v, schema.items, `${at}[${i}]`));
  }
  if (typeof value !== 'object' || value === null || schema.properties === undefined) {
    return [];
  }
  return Object.entries<Schema>(schema.properties).flatMap(([key, prop]) => (value[key] === undefined
    ? (prop.default === undefined ? [] : [`${at}.${key}: defaults to ${JSON.stringify(prop.default)}; write it out`])
    : missingDefaults(value[key], prop, `${at}.${key}`)));
}

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
