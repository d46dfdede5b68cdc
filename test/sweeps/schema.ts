/**
 * Every synthesized object against the strict Kubernetes schemas of the
 * oldest and newest API levels we target (../shared/k8s-schemas), and every
 * custom resource against its CRD (../shared/crds): unknown fields, missing
 * required fields and wrong types all fail. Skipped when ../shared is absent.
 * Shared by test/schema.test.ts and the imported compose fixtures.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import * as YAML from 'yaml';
import { RenderedStack } from '../../lib/output';
import { computedOnce } from '../util';

const SHARED = path.resolve('..', 'shared');
export const VERSIONS = ['v1.28.0', 'v1.36.0'];
export const present = fs.existsSync(path.join(SHARED, 'k8s-schemas', `${VERSIONS[0]}.json.gz`));

type Schema = any;

/** Strict structural validation; returns one line per problem. */
export function check(value: any, schema: Schema, defs: Record<string, Schema>, at: string): string[] {
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

export function loadDefinitions(version: string): Record<string, Schema> {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(SHARED, 'k8s-schemas', `${version}.json.gz`))).toString()).definitions;
}

/** Every CRD version's schema as [group/version/kind, schema] pairs. */
function parseCrds(files: readonly string[]): Array<[string, Schema]> {
  return files.flatMap(file => {
    const crd = YAML.parse(fs.readFileSync(path.join(SHARED, 'crds', file), 'utf8'));
    return crd.spec.versions.map((v: any): [string, Schema] => [`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema.openAPIV3Schema]);
  });
}

let crdCache: Map<string, Schema> | undefined;
/** Every CRD version's schema by group/version/kind, parsed once for the CRD files as they are (the Argo CD CRDs are large). */
export function crdSchemas(): Map<string, Schema> {
  if (crdCache === undefined) {
    const files = fs.readdirSync(path.join(SHARED, 'crds')).filter(f => f.endsWith('.yaml')).sort();
    const key = files.map(f => [f, fs.statSync(path.join(SHARED, 'crds', f)).size, fs.statSync(path.join(SHARED, 'crds', f)).mtimeMs]);
    crdCache = new Map(computedOnce('crds', key, () => parseCrds(files)));
  }
  return crdCache;
}

/**
 * The fields a CRD defaults that are missing from an object, below every
 * object node the object has. A defaulted field left out inside a list makes
 * each server-side re-apply of the unchanged object write it again.
 */
export function missingDefaults(value: any, schema: Schema, at: string): string[] {
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

/** Validates every object of the rendered stacks against each Kubernetes version's schema. */
export function schemaSweep(rendered: readonly RenderedStack[]): void {
  const objects = rendered.flatMap(r => r.objects.map(o => ({ where: `${r.environment}/${r.stack}`, o })));
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
}
