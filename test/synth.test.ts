import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { STACKS } from '../charts';
import { DEFAULT_ENVIRONMENTS as PROFILES } from '../environments';
import { MARKER_FILE, OutputError, replaceTree } from '../lib/output';
import { KUSTOMIZATION_FILE, render, synthesize } from '../lib/synth';

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) {
      const file = path.join(e.parentPath, e.name);
      out[path.relative(dir, file)] = fs.readFileSync(file, 'latin1');
    }
  }
  return out;
}

describe('synth output', () => {
  let tmp: string;
  let out: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-synth-'));
    out = path.join(tmp, 'dist');
    synthesize({ stacks: STACKS, profiles: PROFILES }, out);
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('writes dist/<environment>/<stack>/ for the default environments and every registered stack, dist/gitops/ and the marker', () => {
    expect(fs.readdirSync(out).sort()).toEqual([MARKER_FILE, 'gitops', ...PROFILES.map(p => p.name)].sort());
    expect(fs.readdirSync(path.join(out, 'gitops')).sort()).toEqual(['argocd', 'flux']);
    for (const env of PROFILES.map(p => p.name)) {
      expect(fs.readdirSync(path.join(out, env)).sort()).toEqual(STACKS.map(s => s.name).sort());
    }
  });

  test('orders files so that kubectl apply -f creates what pods refer to before the pods', () => {
    const files = fs.readdirSync(path.join(out, 'production', 'enabledrm')).sort();
    const position = (f: string) => files.indexOf(f);
    expect(files[0]).toBe('00-namespace.yaml');
    expect(position('10-serviceaccount-monitor.yaml')).toBeLessThan(position('30-deployment-monitor.yaml'));
    expect(position('10-configmap-backend-env.yaml')).toBeLessThan(position('30-deployment-backend.yaml'));
    expect(position('10-networkpolicy-default-deny.yaml')).toBeLessThan(position('30-statefulset-postgres.yaml'));
    expect(position('30-deployment-backend.yaml')).toBeLessThan(position('40-horizontalpodautoscaler-backend.yaml'));
    expect(files.filter(f => !/^(00|10|20|30|40)-/.test(f))).toEqual(['Kustomization']);
  });

  test('puts the Namespace first and lists every file in the folder kustomization', () => {
    const folder = path.join(out, 'production', 'task-app');
    const files = fs.readdirSync(folder).sort();
    expect(files[0]).toBe('00-namespace.yaml');
    const kustomization = YAML.parse(fs.readFileSync(path.join(folder, KUSTOMIZATION_FILE), 'utf8'));
    expect(kustomization).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: files.filter(f => f !== KUSTOMIZATION_FILE),
    });
    // kubectl apply -f <folder>/ reads only .yaml, .yml and .json files: the kustomize file must not be one.
    expect(KUSTOMIZATION_FILE).not.toMatch(/\.(ya?ml|json)$/);
  });

  test('a spec that fails validation leaves the previous tree byte-identical', () => {
    const before = snapshot(out);
    const broken = { ...STACKS[3], services: [...STACKS[3].services, { ...STACKS[3].services[0] }] };
    expect(() => synthesize({ stacks: [broken], profiles: PROFILES }, out)).toThrow(/'name' is used by more than one service/);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(tmp)).toEqual(['dist']);
  });

  test('two stacks with the same name are refused and nothing is written', () => {
    const before = snapshot(out);
    expect(() => synthesize({ stacks: [STACKS[0], STACKS[0]], profiles: PROFILES }, out)).toThrow(
      `1 problem found:\n- stack '${STACKS[0].name}': 'name' is used by more than one stack; give each stack its own name`);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(tmp)).toEqual(['dist']);
  });

  test('a crash midway through writing leaves the previous tree byte-identical', () => {
    const before = snapshot(out);
    const rendered = render({ stacks: STACKS, profiles: PROFILES });
    // After every real file is written, one more that the file system refuses (a NUL in its name).
    const poisoned = [...rendered, { environment: 'production', stack: 'zz-crash', objects: [], files: new Map([['bad\0.yaml', 'x']]) }];
    expect(() => replaceTree(out, poisoned)).toThrow(/null bytes/);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(tmp)).toEqual(['dist']);
  });

  test('a crash between the two renames is repaired by the next run, and a crashed run\'s staging folder removed', () => {
    fs.renameSync(out, `${out}.previous-99999999`);
    fs.mkdirSync(`${out}.staging-99999998`);
    synthesize({ stacks: STACKS, profiles: PROFILES.slice(0, 1) }, out);
    expect(fs.readdirSync(tmp)).toEqual(['dist']);
    // The environment not synthesized came back from the previous tree.
    expect(fs.readdirSync(out).sort()).toEqual([MARKER_FILE, 'gitops', ...PROFILES.map(p => p.name)].sort());
  });

  test.each([
    ['a process that died', '99999999\n', 'process 99999999 no longer runs'],
    ['a full disk (empty)', '', 'it is empty (a full disk or a crash while it was written)'],
  ])('a lock left by %s is taken over with a message', (_what, text, why) => {
    fs.writeFileSync(`${out}.lock`, text);
    const said: string[] = [];
    synthesize({ stacks: STACKS, profiles: PROFILES }, out, { lock: { say: line => said.push(line) } });
    expect(said).toEqual([`synth: took over the lock '${out}.lock': ${why}`]);
    expect(fs.readdirSync(tmp)).toEqual(['dist']);
  });

  test('waits for a live lock, saying so every 5 s, and gives up after the timeout, naming the lock and leaving the tree as it was', () => {
    const before = snapshot(out);
    fs.writeFileSync(`${out}.lock`, `${process.pid}\n`);
    const said: string[] = [];
    let sleeps = 0;
    expect(() => synthesize({ stacks: STACKS, profiles: PROFILES }, out, { lockTimeoutSeconds: 12, lock: { say: line => said.push(line), sleep: () => { sleeps++; } } }))
      .toThrow(new OutputError(`another synth (process ${process.pid}) has held '${out}.lock' for 12 s; wait for it to finish or, if no synth runs, remove '${out}.lock'`));
    expect(sleeps).toBe(12000 / 50);
    const waiting = `synth: waiting for another synth (process ${process.pid}) to release '${out}.lock'`;
    const fix = `; if no synth runs, remove '${out}.lock'`;
    expect(said).toEqual([`${waiting}${fix}`, `${waiting} (5 s so far)${fix}`, `${waiting} (10 s so far)${fix}`]);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(tmp).sort()).toEqual(['dist', 'dist.lock']);
  });
});

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
  }, 60000);
});

describe('main', () => {
  const main = path.resolve('build/main.js');

  test('npm appends the options after `--` to the last command of a script line: synth, check, import and local:secrets end with the stackport command', () => {
    const scripts = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    const last = (name: string) => scripts[name].split('&&').pop()!.trim();
    expect([last('synth'), last('check'), last('import'), last('local:secrets')]).toEqual(['bin/stackport synth', 'bin/stackport check', 'bin/stackport import', 'bin/stackport secrets']);
  });

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

  test('renders every stack with its options switched on (ELK, PostgreSQL, Redis)', () => {
    const rendered = render({ stacks: STACKS, profiles: PROFILES, options: { 'project-management': { elk: true }, 'loc8': { postgres: true, redis: true } } });
    const pm = rendered.find(r => r.environment === 'production' && r.stack === 'project-management')!;
    expect(pm.objects.filter(o => ['elasticsearch', 'logstash', 'kibana'].includes(o.metadata.name)).map(o => `${o.kind}/${o.metadata.name}`).sort())
      .toEqual(['Deployment/kibana', 'Deployment/logstash', 'Ingress/kibana', 'Service/elasticsearch', 'Service/kibana', 'StatefulSet/elasticsearch']);
    const loc8 = rendered.find(r => r.environment === 'production' && r.stack === 'loc8')!;
    expect(loc8.objects.filter(o => o.kind === 'StatefulSet').map(o => o.metadata.name).sort()).toEqual(['postgres', 'redis']);
  });
});
