/** The synth command (build/main.js) run as a process: --out, the lock between processes, IMAGE_TAG, CDK8S_OUTDIR and --stack. */
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { STACKS } from '../charts';
import { MARKER_FILE } from '../lib/output';
import { snapshot } from './util';

describe('--out', () => {
  const main = path.resolve('build/main.js');
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-out-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const synth = (...args: string[]) => spawnSync(process.execPath, [main, '--env', 'local', ...args], { encoding: 'utf8', cwd: tmp });

  test('a trailing slash names the same folder', () => {
    const r = synth('--out', 'dist/');
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(fs.readdirSync(tmp)).toEqual(['dist']);
    expect(fs.readdirSync(path.join(tmp, 'dist')).sort()).toEqual([MARKER_FILE, 'local']);
  });

  test.each<[string, (tmp: string) => string, string]>([
    ['empty', () => '', "synth: '--out' is empty; name a folder, e.g. --out /tmp/dist"],
    ['the current folder', () => '.', "synth: '--out .' is the current folder, which synth would replace as a whole; name a folder of its own, e.g. --out dist"],
    ['the root folder', () => '/', "synth: '--out /' is the root folder, which synth would replace as a whole; name a folder of its own, e.g. --out dist"],
    ['a folder above the current one', () => '..', "synth: '--out ..' is a folder above the current one, which synth would replace as a whole; name a folder of its own, e.g. --out dist"],
    ['a file', t => { fs.writeFileSync(path.join(t, 'notes.txt'), 'x'); return 'notes.txt'; },
      "synth: '--out notes.txt' is a file, not a folder; name a folder, e.g. --out notes.txt.d"],
    ['a folder below a file', t => { fs.writeFileSync(path.join(t, 'notes.txt'), 'x'); return 'notes.txt/dist'; },
      "synth: '--out notes.txt/dist' lies below '<tmp>/notes.txt', which is a file; name a folder elsewhere"],
    ['a folder that is not a stackport output', t => { fs.mkdirSync(path.join(t, 'src')); fs.writeFileSync(path.join(t, 'src', 'a.ts'), 'x'); return 'src'; },
      `synth: '--out src' is a folder that is not a stackport output (it has no ${MARKER_FILE} file) and would be replaced as a whole; name a new or empty folder`],
    ['a folder inside a stackport output', t => { fs.mkdirSync(path.join(t, 'dist', 'local'), { recursive: true }); fs.writeFileSync(path.join(t, 'dist', MARKER_FILE), ''); return 'dist/local'; },
      "synth: '--out dist/local' is inside the stackport output '<tmp>/dist'; name the output folder itself and choose environments with --env, e.g. --out <tmp>/dist --env local"],
  ])('refuses %s, creating and moving nothing', (_what, setUp, message) => {
    const target = setUp(tmp);
    const before = snapshot(tmp);
    const entries = fs.readdirSync(tmp, { recursive: true }).sort();
    const r = synth('--out', target);
    expect([r.status, r.stderr]).toEqual([1, `${message.replaceAll('<tmp>', fs.realpathSync(tmp))}\nsynth: nothing written\n`]);
    expect(fs.readdirSync(tmp, { recursive: true }).sort()).toEqual(entries);
    expect(snapshot(tmp)).toEqual(before);
  });

  test('a folder it cannot write is one line naming the cause, and nothing is left behind', () => {
    // /sys refuses new files even to root, where a read-only mode would not.
    const r = synth('--out', '/sys/stackport-dist');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^synth: cannot write \/sys\/stackport-dist\/: E[A-Z]+: [^\n]*'\/sys\/stackport-dist\.lock'; \/sys\/stackport-dist\/ is as it was\n$/);
  });

  test('two synths at once, many times: both succeed, one waits, and the tree is complete each time', async () => {
    const reference = path.join(tmp, 'reference');
    execFileSync(process.execPath, [main, '--out', reference]);
    const expected = snapshot(reference);
    const out = path.join(tmp, 'dist');
    const run = () => new Promise<{ code: number | null; stderr: string }>(resolve => {
      const child = spawn(process.execPath, [main, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', d => { stderr += d; });
      child.on('close', code => resolve({ code, stderr }));
    });
    for (let i = 0; i < 5; i++) {
      const results = await Promise.all([run(), run()]);
      expect(results.map(r => r.code)).toEqual([0, 0]);
      expect(results.map(r => r.stderr).join('')).toMatch(/^(synth: waiting for another synth \(process \d+\) to release '[^']*\/dist\.lock'( \([0-9.]+ s so far\))?; if no synth runs, remove '[^']*\/dist\.lock'\n)*$/);
      expect(snapshot(out)).toEqual(expected);
      expect(fs.readdirSync(tmp).sort()).toEqual(['dist', 'reference']);
    }
  }, 600_000);
});

describe('main', () => {
  const main = path.resolve('build/main.js');

  test('exits 1 on an unknown environment, prints the fix and writes nothing', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-main-'));
    const r = spawnSync(process.execPath, [main, '--out', path.join(tmp, 'dist'), '--env', 'staging'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("- unknown environment 'staging'; use one of: local, production");
    expect(r.stderr).toContain('synth: nothing written;');
    expect(fs.readdirSync(tmp)).toEqual([]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('exits 1 on IMAGE_TAG=latest', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-main-'));
    const r = spawnSync(process.execPath, [main, '--out', path.join(tmp, 'dist')], { encoding: 'utf8', env: { ...process.env, IMAGE_TAG: 'latest' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("synth: 1 problem found:\n- IMAGE_TAG 'latest' is not a pinned tag; set a version such as IMAGE_TAG=1.4.2\nsynth: nothing written; " + path.join(tmp, 'dist') + '/ is as it was\n');
    expect(fs.readdirSync(tmp)).toEqual([]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('IMAGE_TAG retags every built image and renames every Job, and nothing else', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-main-'));
    execFileSync(process.execPath, [main, '--out', path.join(tmp, 'dist'), '--env', 'production'], { env: { ...process.env, IMAGE_TAG: '2.0.0' } });
    const text = fs.readFileSync(path.join(tmp, 'dist/production/task-app/30-deployment-backend.yaml'), 'utf8');
    expect(text).toContain('image: registry.example.com/stackport/task-app-backend:2.0.0');
    const jobs = fs.readdirSync(path.join(tmp, 'dist/production/p2p-sandbox')).filter(f => f.startsWith('30-job-'));
    const committed = fs.readdirSync('dist/production/p2p-sandbox').filter(f => f.startsWith('30-job-'));
    expect(jobs).toHaveLength(2);
    expect(jobs.filter(j => committed.includes(j))).toEqual([]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('IMAGE_TAG retags the built images of the local environment too', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-main-'));
    execFileSync(process.execPath, [main, '--out', path.join(tmp, 'dist'), '--env', 'local'], { env: { ...process.env, IMAGE_TAG: '2.0.0' } });
    expect(fs.readFileSync(path.join(tmp, 'dist/local/task-app/30-deployment-backend.yaml'), 'utf8')).toContain('image: stackport.local/task-app-backend:2.0.0');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('under cdk8s synth (CDK8S_OUTDIR) prints the summary on stderr and copies the tree for the CLI', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-main-'));
    const r = spawnSync(process.execPath, [main, '--out', path.join(tmp, 'dist'), '--env', 'local'], {
      encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: path.join(tmp, 'cdk8s.out') } });
    expect([r.status, r.stdout]).toEqual([0, '']);
    expect(r.stderr).toContain(`synth: wrote ${path.join(tmp, 'dist')}/ (1 environments x ${STACKS.length} stacks, `);
    expect(snapshot(path.join(tmp, 'cdk8s.out'))).toEqual(snapshot(path.join(tmp, 'dist')));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('under cdk8s synth -o naming a folder inside the output, writes the output alone', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-main-'));
    const r = spawnSync(process.execPath, [main, '--out', path.join(tmp, 'dist'), '--env', 'local'], {
      encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: path.join(tmp, 'dist', 'local') } });
    expect(r.status).toBe(0);
    expect(fs.readdirSync(path.join(tmp, 'dist', 'local')).sort()).toEqual(STACKS.map(s => s.name).sort());
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('--stack renders only the named stacks and keeps the others in the output folder as they were', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-main-'));
    const out = path.join(tmp, 'dist');
    execFileSync(process.execPath, [main, '--out', out]);
    const stale = path.join(out, 'production/loc8/00-namespace.yaml');
    fs.writeFileSync(stale, 'kept\n');
    const backend = path.join(out, 'production/task-app/30-deployment-backend.yaml');
    fs.writeFileSync(backend, 'replaced\n');
    const r = spawnSync(process.execPath, [main, '--out', out, '--stack', 'task-app', '--stack', 'p2p-sandbox'], { encoding: 'utf8' });
    expect(r.stdout).toContain('synth: wrote');
    expect(r.stdout).toContain('(3 environments x 2 stacks');
    // dist/gitops/ lists every stack: it is kept as it was.
    expect(fs.readdirSync(path.join(out, 'gitops')).sort()).toEqual(['argocd', 'flux']);
    expect(fs.readFileSync(stale, 'utf8')).toBe('kept\n');
    expect(fs.readFileSync(backend, 'utf8')).toBe(fs.readFileSync('dist/production/task-app/30-deployment-backend.yaml', 'utf8'));
    expect(fs.readdirSync(path.join(out, 'local')).sort()).toEqual(STACKS.map(s => s.name).sort());
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('exits 1 on an unknown --stack, naming the stacks there are', () => {
    const r = spawnSync(process.execPath, [main, '--out', path.join(os.tmpdir(), 'stackport-never'), '--stack', 'shop'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("- '--stack' names stack 'shop'; use one of: project-management, loc8, enabledrm, task-app, p2p-sandbox");
    expect(fs.existsSync(path.join(os.tmpdir(), 'stackport-never'))).toBe(false);
  });

  test('refuses gitops inputs with --stack, which keeps dist/gitops/ as it was, naming the flag', () => {
    const never = path.join(os.tmpdir(), 'stackport-never');
    const r = spawnSync(process.execPath, [main, '--out', never, '--stack', 'loc8', '--repo-url', 'https://git.example.com/x.git'], { encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([1, `synth: 1 problem found:\n- '--repo-url' changes dist/gitops/, which a synth with '--stack' keeps as it was; leave out --stack\nsynth: nothing written; ${never}/ is as it was\n`]);
    expect(fs.existsSync(never)).toBe(false);
  });
});
