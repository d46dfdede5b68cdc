import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { STACKS } from '../charts';
import { PROFILES } from '../lib/profiles';
import { KUSTOMIZATION_FILE, render, replaceTree, synthesize } from '../lib/synth';

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

  test('writes dist/<environment>/<stack>/ for both environments and all five stacks', () => {
    expect(fs.readdirSync(out).sort()).toEqual(['local', 'production']);
    for (const env of ['local', 'production']) {
      expect(fs.readdirSync(path.join(out, env)).sort()).toEqual(['enabledrm', 'loc8', 'p2p-sandbox', 'project-management', 'task-app']);
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

  test('a crash midway through writing leaves the previous tree byte-identical', () => {
    const before = snapshot(out);
    const rendered = render({ stacks: STACKS, profiles: PROFILES });
    // After every real file is written, one more that the file system refuses (a NUL in its name).
    const poisoned = [...rendered, { environment: 'production', stack: 'zz-crash', objects: [], files: new Map([['bad\0.yaml', 'x']]) }];
    expect(() => replaceTree(out, poisoned)).toThrow(/null bytes/);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(tmp)).toEqual(['dist']);
  });

  test('a crash between the two renames is repaired by the next run', () => {
    fs.renameSync(out, `${out}.previous`);
    synthesize({ stacks: STACKS, profiles: PROFILES }, out);
    expect(fs.readdirSync(tmp)).toEqual(['dist']);
  });
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
    expect(r.stderr).toContain("profile 'local': 'imageTag' 'latest' is not a pinned tag; set a version tag in lib/profiles or pass IMAGE_TAG");
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
    expect(r.stdout).toContain('(2 environments x 2 stacks');
    expect(fs.readFileSync(stale, 'utf8')).toBe('kept\n');
    expect(fs.readFileSync(backend, 'utf8')).toBe(fs.readFileSync('dist/production/task-app/30-deployment-backend.yaml', 'utf8'));
    expect(fs.readdirSync(path.join(out, 'local')).sort()).toEqual(['enabledrm', 'loc8', 'p2p-sandbox', 'project-management', 'task-app']);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('exits 1 on an unknown --stack, naming the stacks there are', () => {
    const r = spawnSync(process.execPath, [main, '--out', path.join(os.tmpdir(), 'stackport-never'), '--stack', 'shop'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("- '--stack' names stack 'shop'; use one of: project-management, loc8, enabledrm, task-app, p2p-sandbox");
    expect(fs.existsSync(path.join(os.tmpdir(), 'stackport-never'))).toBe(false);
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
