/**
 * Regenerates the tables of the README and docs/ that are derived from the
 * specs (the stack, service and object table, the frontend build arguments per
 * environment, and the secret keys per stack) and from the option table of
 * lib/cli/options.ts (the commands, and the options of each), between
 * `<!-- NAME:begin -->` and `<!-- NAME:end -->` markers, each in the page
 * TABLE_PAGES names.
 *
 *   npm run docs        rewrite those pages
 *
 * A test fails when a page differs from what this would write.
 */
import * as fs from 'fs';
import { STACKS } from '../charts';
import { DEFAULT_ENVIRONMENTS as PROFILES } from '../environments';
import { ServiceSpec } from '../lib/spec/types';
import { RenderedStack } from '../lib/output';
import { render } from '../lib/synth';
import { allEnvMaps, uriSecretKeys } from '../lib/spec/env';
import { COMMANDS, commandsUsage, optionsTable } from '../lib/cli/options';

function objectsTable(rendered: readonly RenderedStack[]): string {
  const rows = ['| stack | service | becomes | environments |', '|---|---|---|---|'];
  for (const spec of STACKS) {
    for (const svc of spec.services) {
      const kinds = new Set<string>();
      const envs: string[] = [];
      for (const r of rendered.filter(x => x.stack === spec.name)) {
        const mine = r.objects.filter(o => o.metadata.labels?.['app.kubernetes.io/instance'] === `${spec.name}-${svc.name}`);
        if (mine.length > 0) {
          envs.push(r.environment);
        }
        // Routes are listed by host and path: they become Ingresses or HTTPRoute rules depending on the environment.
        mine.filter(o => !['Ingress', 'HTTPRoute', 'BackendTrafficPolicy'].includes(o.kind)).forEach(o => kinds.add(o.kind));
      }
      const routes = spec.routes.filter(r => r.service === svc.name).map(r => `${r.host === undefined ? '' : `${r.host}.`}…${r.path}`);
      const becomes = [...kinds].sort().join(', ') + (routes.length > 0 ? `; routes ${routes.map(r => `\`${r}\``).join(', ')}` : '');
      const when = svc.option !== undefined ? `option \`${svc.option}\` (off by default)` : envs.join(', ');
      rows.push(`| ${spec.name} | ${svc.name} | ${becomes} | ${when} |`);
    }
  }
  return rows.join('\n');
}

/** Variables that frontend toolchains compile into the bundle when the image is built (Create React App, Vite, Next.js). */
const BUILD_TIME_PREFIXES = ['REACT_APP_', 'VITE_', 'NEXT_PUBLIC_'];

function buildArgsTable(rendered: readonly RenderedStack[]): string {
  const rows = [`| stack | service (build context) | build argument | ${PROFILES.map(p => p.name).join(' | ')} |`, `|---|---|---|${PROFILES.map(() => '---|').join('')}`];
  for (const spec of STACKS) {
    for (const svc of spec.services.filter(s => typeof s.image !== 'string')) {
      const names = [...new Set(allEnvMaps(svc).flatMap(([, m]) => Object.keys(m ?? {})))].filter(n => BUILD_TIME_PREFIXES.some(p => n.startsWith(p)));
      for (const name of names) {
        const values = PROFILES.map(p => {
          const configMap = rendered.find(r => r.stack === spec.name && r.environment === p.name)?.objects
            .find(o => o.kind === 'ConfigMap' && o.metadata.name === `${svc.name}-env`);
          const value = configMap?.data?.[name];
          return value === undefined ? '(not set)' : `\`${value}\``;
        });
        rows.push(`| ${spec.name} | ${svc.name} (\`${(svc.image as { build: string }).build}\`) | \`${name}\` | ${values.join(' | ')} |`);
      }
    }
  }
  return rows.join('\n');
}

function readers(key: string, services: readonly ServiceSpec[]): string[] {
  return services
    .filter(s => allEnvMaps(s).some(([, m]) => Object.values(m ?? {}).some(v => typeof v !== 'string' && 'secret' in v && v.secret === key)))
    .map(s => s.name);
}

function secretsTable(): string {
  const rows = ['| stack | Secret key (remote key `<stack>/<key>`) | what it is | read by | URL-safe only: pasted into |', '|---|---|---|---|---|'];
  for (const spec of STACKS) {
    const inUris = uriSecretKeys(spec);
    for (const s of spec.secrets) {
      rows.push(`| ${spec.name} | \`${s.key}\` | ${s.description} | ${readers(s.key, spec.services).join(', ')} | ${inUris.get(s.key)?.join(', ') ?? ''} |`);
    }
  }
  return rows.join('\n');
}

/** The page each generated table lives in. */
export const TABLE_PAGES: Readonly<Record<string, string>> = {
  commands: 'README.md',
  ...Object.fromEntries(COMMANDS.map(c => [`options-${c.name}`, 'docs/commands.md'])),
  objects: 'docs/stacks.md', 'build-args': 'docs/stacks.md', secrets: 'docs/stacks.md',
};

/** The pages that hold generated tables. */
export const DOC_PAGES: readonly string[] = [...new Set(Object.values(TABLE_PAGES))];

/** Every generated table, by name, from the registered stacks as they are now. */
export function generatedTables(): Record<string, string> {
  // Every option on, so optional services show what they become when switched on.
  const allOn = Object.fromEntries(STACKS.map(s => [s.name, Object.fromEntries(Object.keys(s.options ?? {}).map(o => [o, true]))]));
  const rendered = render({ stacks: STACKS, profiles: PROFILES, options: allOn });
  return {
    objects: objectsTable(rendered), 'build-args': buildArgsTable(rendered), secrets: secretsTable(),
    commands: `\`\`\`\n${commandsUsage()}\`\`\``,
    ...Object.fromEntries(COMMANDS.map(c => [`options-${c.name}`, optionsTable(c.name)])),
  };
}

/** The text of `page` with each of its generated tables replaced; a table's markers in another page are refused. */
export function renderDocs(page: string, text: string, tables: Readonly<Record<string, string>> = generatedTables()): string {
  let out = text;
  for (const [name, table] of Object.entries(tables)) {
    const begin = `<!-- ${name}:begin -->`;
    const end = `<!-- ${name}:end -->`;
    const from = out.indexOf(begin);
    const to = out.indexOf(end);
    if (TABLE_PAGES[name] !== page) {
      if (from !== -1) {
        throw new Error(`${page} has the '${begin}' block, but the ${name} table belongs in ${TABLE_PAGES[name]}; move the block there or change TABLE_PAGES in scripts/docs.ts`);
      }
      continue;
    }
    if (from === -1 || to < from) {
      throw new Error(`${page} has no '${begin}' ... '${end}' block; add the two markers where the ${name} table belongs`);
    }
    out = `${out.slice(0, from + begin.length)}\n${table}\n${out.slice(to)}`;
  }
  return out;
}

if (require.main === module) {
  const tables = generatedTables();
  for (const page of DOC_PAGES) {
    fs.writeFileSync(page, renderDocs(page, fs.readFileSync(page, 'utf8'), tables));
  }
  console.log(`docs: tables regenerated in ${DOC_PAGES.join(', ')}`);
}
