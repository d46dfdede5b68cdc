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

/** One fresh synth of the registered stacks, compared with dist/ and with a second synth. */
let fresh: string;
beforeAll(() => {
  fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-golden-'));
  synthesize({ stacks: STACKS, profiles: PROFILES }, path.join(fresh, 'dist'));
});
afterAll(() => fs.rmSync(fresh, { recursive: true, force: true }));

test('a fresh synth equals the committed dist/ byte for byte (run `npm run synth` and review the diff if not)', () => {
  const committed = path.resolve('dist');
  const files = listFiles(path.join(fresh, 'dist'));
  expect(listFiles(committed)).toEqual(files);
  expect(files.filter(f => f.startsWith(`gitops${path.sep}`))).toEqual([
    'gitops/argocd/00-appproject-stackport.yaml', 'gitops/argocd/10-applicationset-stackport.yaml',
    ...STACKS.map(s => s.name).sort().map(s => `gitops/flux/10-kustomization-${s}.yaml`),
  ].map(f => f.split('/').join(path.sep)));
  const differing = files.filter(f => !fs.readFileSync(path.join(fresh, 'dist', f)).equals(fs.readFileSync(path.join(committed, f))));
  expect(differing).toEqual([]);
});

test('two synths give identical trees', () => {
  const b = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-b-'));
  try {
    synthesize({ stacks: STACKS, profiles: PROFILES }, path.join(b, 'out'));
    const files = listFiles(path.join(fresh, 'dist'));
    expect(files.length).toBeGreaterThan(250);
    expect(listFiles(path.join(b, 'out'))).toEqual(files);
    expect(files.filter(f => !fs.readFileSync(path.join(fresh, 'dist', f)).equals(fs.readFileSync(path.join(b, 'out', f))))).toEqual([]);
  } finally {
    fs.rmSync(b, { recursive: true, force: true });
  }
});
