/** The gitops flags of the synth command (build/main.js), run as a process. */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';

describe('main', () => {
  const main = path.resolve('build/main.js');

  test('--repo-url, --revision and --flux-source reach dist/gitops/', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-gitops-'));
    try {
      execFileSync(process.execPath, [main, '--out', path.join(tmp, 'dist'), '--env', 'production',
        '--repo-url', 'https://github.com/acme/stackport.git', '--revision', 'release', '--flux-source', 'acme']);
      const appSetFile = YAML.parse(fs.readFileSync(path.join(tmp, 'dist/gitops/argocd/10-applicationset-stackport.yaml'), 'utf8'));
      expect(appSetFile.spec.generators[0].git).toEqual({ repoURL: 'https://github.com/acme/stackport.git', revision: 'release', directories: [{ path: 'dist/production/*' }] });
      const loc8 = YAML.parse(fs.readFileSync(path.join(tmp, 'dist/gitops/flux/10-kustomization-loc8.yaml'), 'utf8'));
      expect(loc8.spec.sourceRef).toEqual({ kind: 'GitRepository', name: 'acme' });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('a flag without a value exits 2 with an example', () => {
    const r = spawnSync(process.execPath, [main, '--out', '/nonexistent/dist', '--repo-url'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("synth: '--repo-url' needs a value, e.g. --repo-url https://github.com/acme/stackport.git\n");
  });
});
