import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { STACKS } from '../charts';
import { DEFAULT_ENVIRONMENTS as PROFILES } from '../environments';
import { synthesize } from '../lib/synth';

/** Every file below a folder, relative to it, sorted. */
function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

test('a fresh synth equals the committed dist/ byte for byte (run `npm run synth` and review the diff if not)', () => {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-golden-'));
  try {
    synthesize({ stacks: STACKS, profiles: PROFILES }, path.join(fresh, 'dist'));
    const committed = path.resolve('dist');
    const files = listFiles(path.join(fresh, 'dist'));
    expect(listFiles(committed)).toEqual(files);
    expect(files.filter(f => f.startsWith(`gitops${path.sep}`))).toEqual([
      'gitops/argocd/00-appproject-stackport.yaml', 'gitops/argocd/10-applicationset-stackport.yaml',
      ...STACKS.map(s => s.name).sort().map(s => `gitops/flux/10-kustomization-${s}.yaml`),
    ].map(f => f.split('/').join(path.sep)));
    const differing = files.filter(f => !fs.readFileSync(path.join(fresh, 'dist', f)).equals(fs.readFileSync(path.join(committed, f))));
    expect(differing).toEqual([]);
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
});

test('two synths give identical trees', () => {
  const a = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-a-'));
  const b = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-b-'));
  try {
    synthesize({ stacks: STACKS, profiles: PROFILES }, path.join(a, 'out'));
    synthesize({ stacks: STACKS, profiles: PROFILES }, path.join(b, 'out'));
    const files = listFiles(path.join(a, 'out'));
    expect(files.length).toBeGreaterThan(250);
    expect(files.filter(f => !fs.readFileSync(path.join(a, 'out', f)).equals(fs.readFileSync(path.join(b, 'out', f))))).toEqual([]);
  } finally {
    fs.rmSync(a, { recursive: true, force: true });
    fs.rmSync(b, { recursive: true, force: true });
  }
});
