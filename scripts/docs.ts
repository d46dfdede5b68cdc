/**
 * Regenerates the tables of README.md that are derived from the specs (the
 * stack, service and object table, and the secret keys per stack), between
 * `<!-- NAME:begin -->` and `<!-- NAME:end -->` markers.
 *
 *   npm run docs        rewrite README.md
 *
 * A test fails when README.md differs from what this would write.
 */
import * as fs from 'fs';
import { STACKS } from '../charts';
import { PROFILES } from '../lib/profiles';
import { ServiceSpec } from '../lib/spec/types';
import { render } from '../lib/synth';
import { allEnvMaps, uriSecretKeys } from '../lib/spec/validate';

function objectsTable(): string {
  // Every option on, so optional services show what they become when switched on.
  const allOn = Object.fromEntries(STACKS.map(s => [s.name, Object.fromEntries(Object.keys(s.options ?? {}).map(o => [o, true]))]));
  const rendered = render({ stacks: STACKS, profiles: PROFILES, options: allOn });
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
        mine.filter(o => o.kind !== 'Ingress').forEach(o => kinds.add(o.kind));
      }
      const routes = spec.routes.filter(r => r.service === svc.name).map(r => `${r.host === undefined ? '' : `${r.host}.`}…${r.path}`);
      const becomes = [...kinds].sort().join(', ') + (routes.length > 0 ? `; Ingress ${routes.map(r => `\`${r}\``).join(', ')}` : '');
      const when = svc.option !== undefined ? `option \`${svc.option}\` (off by default)` : envs.join(', ');
      rows.push(`| ${spec.name} | ${svc.name} | ${becomes} | ${when} |`);
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

/** README text with every generated table replaced. */
export function renderDocs(readme: string): string {
  const tables: Record<string, string> = { objects: objectsTable(), secrets: secretsTable() };
  let out = readme;
  for (const [name, table] of Object.entries(tables)) {
    const begin = `<!-- ${name}:begin -->`;
    const end = `<!-- ${name}:end -->`;
    const from = out.indexOf(begin);
    const to = out.indexOf(end);
    if (from === -1 || to < from) {
      throw new Error(`README.md has no '${begin}' ... '${end}' block; add the two markers where the ${name} table belongs`);
    }
    out = `${out.slice(0, from + begin.length)}\n${table}\n${out.slice(to)}`;
  }
  return out;
}

if (require.main === module) {
  fs.writeFileSync('README.md', renderDocs(fs.readFileSync('README.md', 'utf8')));
  console.log('docs: README.md tables regenerated');
}
