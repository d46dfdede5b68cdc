/**
 * The commands of the documentation (README.md, docs/*.md, CONTRIBUTING.md)
 * and how each is checked: shared by readme-commands.test.ts (every command
 * has a check or an exemption) and readme-commands.integration.test.ts (every
 * command runs as written).
 */
import * as fs from 'fs';
import * as path from 'path';

/** The commands of one page: the lines of its `sh` blocks, and inline commands without placeholders (`<stack>`, `NAME`, `...`). */
export function readmeCommands(readme: string): string[] {
  const command = /^([A-Z_]+=\S+ )*(npm|npx|stackport)( |$)/;
  const fromBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap(m => m[1].split('\n'))
    .map(line => line.replace(/\s+#.*$/, '').trim()).filter(line => command.test(line));
  const prose = readme.replace(/```[\s\S]*?```/g, '');
  const inline = [...prose.matchAll(/`([^`\n]+)`/g)].map(m => m[1])
    .filter(span => command.test(span) && !/<|\.\.\.|\b[A-Z]{3,}\b(?!=)/.test(span));
  return [...new Set([...fromBlocks, ...inline])];
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How each command is checked in the copy: a check of its run, or why it is not run here. */
export const CHECKS: Readonly<Record<string, ((r: Run, copy: string) => void) | { exempt: string }>> = {
  'npm ci && npm run synth': { exempt: 'npm ci installs from the registry; the copy links the installed node_modules (npm run synth runs below)' },
  'npm ci': { exempt: 'installs from the registry' },
  'npm test': { exempt: 'the unit tier: jest inside jest (CI runs it)' },
  'npm run test:integration': { exempt: 'the integration tier, the suite this test belongs to' },
  'npm run reference': { exempt: 'needs Go to build the reference loader, and rewrites the fixtures\' reference.json' },
  'UPDATE_GOLDEN=1 npx jest build/test/import/golden.test.js': { exempt: 'rewrites the import goldens, by hand, to accept a change after reading its diff' },
  'npm run test:e2e': { exempt: 'the e2e (API servers built from source, 30 minutes)' },
  'npm run reference -- --check': { exempt: 'needs Go to build the reference loader (CI runs it)' },
  'npm run test:images': { exempt: 'needs Go to build the loopback registry and podman from apt (CI runs it)' },
  'npm run gen:compose-schema': { exempt: 'reads ../shared/compose-spec, outside the project' },
  'npx': { exempt: 'names the tool' },
  'npx cdk8s': { exempt: 'names the tool' },
  'npm run': { exempt: 'names the tool' },
  'npm run synth -- --env local --stack task-app': (r, copy) => {
    expect([r.status, r.stdout]).toEqual([0, expect.stringContaining('synth: wrote dist/ (1 environments x 1 stacks')]);
    expect(r.stdout).toContain('synth: local/task-app: ');
    expect(fs.existsSync(path.join(copy, 'dist/local/task-app/00-namespace.yaml'))).toBe(true);
  },
  'npm run check -- --env production': r => {
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/check: 1 environment x \d+ stacks render and validate \(\d+ objects\); nothing written/)]);
  },
  'npx stackport synth --help': r => {
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/^usage: stackport synth \[--out DIR\]/)]);
  },
  'npm run local:secrets -- task-app': (r, copy) => {
    expect([r.status, r.stdout]).toEqual([0, expect.stringContaining('secrets: task-app/task-app-secrets: added ')]);
    expect(fs.readFileSync(path.join(copy, 'kubectl-calls'), 'utf8')).toContain('-n task-app create -f -');
  },
  'npm run local:secrets': r => {
    expect([r.status, r.stderr]).toEqual([2, expect.stringContaining('secrets: name the stack, e.g. stackport secrets')]);
  },
  'npm run synth -- --repo-url https://github.com/acme/stackport.git --revision main --flux-source stackport': (r, copy) => {
    expect(r.status).toBe(0);
    const appSet = fs.readFileSync(path.join(copy, 'dist/gitops/argocd/10-applicationset-stackport.yaml'), 'utf8');
    expect(appSet).toContain('repoURL: https://github.com/acme/stackport.git');
    expect(appSet).toContain('revision: main');
    const flux = fs.readdirSync(path.join(copy, 'dist/gitops/flux')).filter(f => f.startsWith('10-'));
    expect(fs.readFileSync(path.join(copy, 'dist/gitops/flux', flux[0]), 'utf8')).toMatch(/sourceRef:\n\s+kind: GitRepository\n\s+name: stackport/);
  },
  'npm run import -- docker-compose.yml -f docker-compose.prod.yml --env-file .env.prod --name shop --offline': (r, copy) => {
    expect([r.status, r.stdout]).toEqual([0, expect.stringContaining('import: reading the facts of 1 image (offline: the catalog alone)')]);
    const chart = fs.readFileSync(path.join(copy, 'charts/shop.ts'), 'utf8');
    expect(chart).toContain("image: 'nginx:1.27.4'"); // from -f docker-compose.prod.yml
    expect(chart).toContain("GREETING: 'from-env-prod'"); // from --env-file .env.prod
    expect(fs.readFileSync(path.join(copy, 'charts/index.ts'), 'utf8')).toContain("import { SHOP } from './shop';");
  },
  'npx stackport import docker-compose.yml -f docker-compose.prod.yml --env-file .env.prod --name shop --force --offline': (r, copy) => {
    expect([r.status, r.stdout]).toEqual([0, expect.stringContaining(`import: wrote ${path.join(copy, 'charts/shop.ts')}`)]);
    expect(fs.readFileSync(path.join(copy, 'charts/index.ts'), 'utf8').match(/import \{ SHOP \}/g)).toHaveLength(1);
  },
  'npm run check -- --stack shop': r => {
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/check: 3 environments x 1 stack render and validate/)]);
  },
  'npm run synth -- --stack shop': (r, copy) => {
    expect([r.status, r.stdout]).toEqual([0, expect.stringContaining('synth: wrote dist/ (3 environments x 1 stacks')]);
    expect(fs.existsSync(path.join(copy, 'dist/production/shop/00-namespace.yaml'))).toBe(true);
  },
  'stackport': r => {
    expect([r.status, r.stdout]).toEqual([2, expect.stringMatching(/^usage: stackport <command> \[options\]/)]);
  },
  'npx stackport': r => {
    expect([r.status, r.stdout]).toEqual([2, expect.stringMatching(/^usage: stackport <command> \[options\]/)]);
  },
  'npm run docs': (r, copy) => {
    expect([r.status, r.stdout]).toEqual([0, expect.stringContaining('docs: tables regenerated in README.md, docs/commands.md, docs/stacks.md')]);
    expect(fs.readFileSync(path.join(copy, 'docs/stacks.md'), 'utf8')).toContain('| shop | web |');
  },
  'stackport synth': r => {
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/synth: wrote dist\/ \(3 environments x \d+ stacks/)]);
  },
  'stackport check': r => {
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/check: 3 environments x \d+ stacks render and validate/)]);
  },
  'stackport import': r => {
    expect([r.status, r.stderr]).toEqual([2, expect.stringMatching(/^import: '--name' is required, e.g. --name shop/)]);
  },
  'npx cdk8s synth': (r, copy) => {
    expect([r.status, r.stderr]).toEqual([0, expect.stringMatching(/synth: wrote dist\/ \(3 environments/)]);
    expect(fs.readdirSync(path.join(copy, 'build/cdk8s.out'))).toContain('production');
  },
  'IMAGE_TAG=1.4.2 npx cdk8s synth': (r, copy) => {
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(copy, 'dist/production/task-app/30-deployment-backend.yaml'), 'utf8'))
      .toContain('image: registry.example.com/stackport/task-app-backend:1.4.2');
  },
  'npm run synth': r => {
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/synth: wrote dist\/ \(3 environments x \d+ stacks/)]);
  },
  'npm run bench:import': r => {
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/bench-import: 50 services, median of 10 runs [0-9.]+ ms/)]);
  },
  'npx --no-install true': r => {
    expect(r.status).toBe(0);
  },
};

/** What the copy needs to build, synthesize and import. */
export const PROJECT = ['README.md', 'CONTRIBUTING.md', 'docs', 'cdk8s.yaml', 'cli.ts', 'main.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'bin', 'build', 'charts', 'dist', 'environments', 'imports', 'lib', 'scripts', 'test'];

/** The documentation whose commands run, README.md first: its first five minutes set up what the others use. */
function docFiles(root: string): string[] {
  return ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter(f => f.endsWith('.md')).sort().map(f => `docs/${f}`), 'CONTRIBUTING.md'];
}

/** Every command of the documentation, once, in the order of docFiles, with the first file that shows it. */
export function docCommands(root: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of docFiles(root)) {
    for (const command of readmeCommands(fs.readFileSync(path.join(root, file), 'utf8'))) {
      if (!found.has(command)) {
        found.set(command, file);
      }
    }
  }
  return found;
}
