/** The compose fixtures of the importer tests, and helpers to import them without writing anything. */
import * as path from 'path';
import * as ts from 'typescript';
import { convert } from '../../lib/compose/import';
import { ComposeFiles, mapCompose, MapOptions, MappedStack } from '../../lib/compose/map';
import { loadCompose } from '../../lib/compose/parse';
import { ServiceSpec } from '../../lib/spec/types';
import { ValidationError } from '../../lib/spec/validate';
import { imageTag } from '../../lib/spec/images';
import { StackSpec } from '../../lib/spec/types';

/** Fixtures live in the source tree; tests run from build/, so resolve from the project root. */
export const FIXTURES = path.resolve('test', 'import', 'fixtures');

/** One fixture: its folder, the compose files in merge order, and the literal credentials it holds. */
export interface Fixture {
  readonly dir: string;
  readonly files: readonly string[];
  readonly envFile?: string;
  /** Literal credential values in the fixture's compose and env files: none may reach the chart or the manifests. */
  readonly credentials: readonly string[];
}

const one = (dir: string, credentials: readonly string[] = []): Fixture => ({ dir, files: ['docker-compose.yml'], credentials });

/** Every fixture that imports (the refused one is tested on its own). */
export const IMPORTED: readonly Fixture[] = [
  one('anchors'),
  one('interpolation'),
  one('env-files'),
  { dir: 'merge', files: ['docker-compose.yml', 'docker-compose.prod.yml'], credentials: [] },
  one('ports'),
  one('volumes'),
  one('healthchecks'),
  one('depends-on', ['example-db-pass']),
  one('deploy'),
  one('profiles'),
  one('kompose-labels'),
  one('x-stackport'),
  one('extends-file'),
  one('names'),
  one('reach-by-name'),
  one('compose-secrets', ['compose-secrets-fixture-pw', 'compose-secrets-fixture-signing']),
  one('secrets', ['fixture-redis-pass-1', 'ghp_fixturetokenvalue', 'sk_test_fixture_not_a_key', 'fixture-jwt-signing-value', 'fixture-db-password-2']),
  one('catalog', ['catalog-pg-pass', 'catalog-mysql-pass', 'catalog-maria-pass']),
  one('user-and-paths'),
  one('files'),
  one('webapp', ['webapp-fixture-pg-pass', 'webapp-fixture-django-key']),
  one('monitoring', ['monitoring-fixture-grafana']),
  one('broker', ['broker-fixture-amqp-pass']),
  one('seed-task-app', ['devpassword123', 'dev-secret-key-change-in-production', 'dev-jwt-secret-key-change-in-production']),
  { dir: 'seed-pm', files: ['docker-compose.yml', 'docker-compose.override.yml'],
    credentials: ['pm_password', 'your_redis_password_here', 'your_keycloak_admin_password', 'your_keycloak_db_password', 'your_keycloak_client_secret', 'your_very_secure_secret_key_here'] },
  one('carried-credential', ['Q7vR2xLk9pT4mN8sW3cY6bJ1hF5dG0aZeU2iO7uP4lK=']),
  // Its passwords are also an image, a volume and a user name: public, so they may appear; their TODOs say so.
  one('weak-credentials'),
  one('writable-binds'),
  one('web-tools'),
];

/** Nothing beside the compose file: what the mapper tests map against. */
export const NO_FILES: ComposeFiles = { kind: () => undefined, read: () => '', bytes: () => new Uint8Array(), list: () => [], executable: () => false };

/** Maps one compose text, named compose.yml, as the stack 'shop' beside no files (variables as the env file would give them). */
export function mapYaml(yaml: string, opts: Pick<MapOptions, 'skipServices' | 'imageFacts' | 'unreadImages'> & { readonly vars?: Record<string, string> } = {}): MappedStack {
  return mapCompose(loadCompose([{ file: 'compose.yml', text: yaml }], opts.vars ?? {}), { ...opts, name: 'shop', sources: ['compose.yml'], files: NO_FILES });
}

/** The problems of the ValidationError that `f` throws; fails when it throws none. */
export function problemsOf(f: () => unknown): readonly string[] {
  try {
    f();
  } catch (e) {
    return (e as ValidationError).problems;
  }
  throw new Error('expected a ValidationError');
}

/** The mapped service of that name. */
export const serviceOf = (m: MappedStack, name: string): ServiceSpec => m.spec.services.find(s => s.name === name)!;

/** Imports a fixture as the CLI would, without writing: spec, chart text, TODOs and summary. */
export function importFixture(f: Fixture, name = f.dir): ReturnType<typeof convert> {
  return convert({ files: f.files, envFile: f.envFile, name, cwd: path.join(FIXTURES, f.dir) });
}

/** The spec a chart file's text exports, by compiling and running it (its only import is a type). */
export function evaluateChart(text: string): StackSpec {
  const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: Record<string, unknown> = {};
  new Function('exports', 'require', js)(exports, () => ({}));
  const values = Object.values(exports);
  if (values.length !== 1) {
    throw new Error(`the chart exports ${values.length} values; expected one StackSpec`);
  }
  return values[0] as StackSpec;
}

/** The spec with every unpinned image given a version, as a user would before production. */
export function pinned(spec: StackSpec): StackSpec {
  return {
    ...spec,
    services: spec.services.map(s => {
      if (typeof s.image !== 'string') {
        return s;
      }
      const tag = imageTag(s.image);
      return tag === undefined || tag === 'latest' ? { ...s, image: `${s.image.replace(/:latest$/, '')}:1.0.0` } : s;
    }),
  };
}
