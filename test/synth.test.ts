import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { STACKS } from '../charts';
import { DEFAULT_ENVIRONMENTS as PROFILES } from '../environments';
import { MARKER_FILE, OutputError, replaceTree } from '../lib/output';
import { KUSTOMIZATION_FILE, render, synthesize } from '../lib/synth';
import { renderAll, snapshot } from './util';

describe('synth output', () => {
  // One synth for the suite; each test starts from a copy of its tree (the tests below synthesize again where that is what they check).
  let synthesized: string;
  let tmp: string;
  let out: string;
  beforeAll(() => {
    synthesized = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-synth-once-'));
    synthesize({ stacks: STACKS, profiles: PROFILES }, path.join(synthesized, 'dist'));
  });
  afterAll(() => fs.rmSync(synthesized, { recursive: true, force: true }));
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-synth-'));
    out = path.join(tmp, 'dist');
    fs.cpSync(path.join(synthesized, 'dist'), out, { recursive: true });
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
    const rendered = renderAll();
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
    // The lock is the subject: one stack in one environment is enough to write.
    synthesize({ stacks: STACKS.slice(0, 1), profiles: PROFILES.slice(0, 1) }, out, { lock: { say: line => said.push(line) } });
    expect(said).toEqual([`synth: took over the lock '${out}.lock': ${why}`]);
    expect(fs.readdirSync(tmp)).toEqual(['dist']);
  });

  test('waits for a live lock, saying so every 5 s, and gives up after the timeout, naming the lock and leaving the tree as it was', () => {
    const before = snapshot(out);
    fs.writeFileSync(`${out}.lock`, `${process.pid}\n`);
    const said: string[] = [];
    let sleeps = 0;
    expect(() => synthesize({ stacks: STACKS.slice(0, 1), profiles: PROFILES.slice(0, 1) }, out, { lockTimeoutSeconds: 12, lock: { say: line => said.push(line), sleep: () => { sleeps++; } } }))
      .toThrow(new OutputError(`another synth (process ${process.pid}) has held '${out}.lock' for 12 s; wait for it to finish or, if no synth runs, remove '${out}.lock'`));
    expect(sleeps).toBe(12000 / 50);
    const waiting = `synth: waiting for another synth (process ${process.pid}) to release '${out}.lock'`;
    const fix = `; if no synth runs, remove '${out}.lock'`;
    expect(said).toEqual([`${waiting}${fix}`, `${waiting} (5 s so far)${fix}`, `${waiting} (10 s so far)${fix}`]);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(tmp).sort()).toEqual(['dist', 'dist.lock']);
  });
});

describe('main', () => {
  test('npm appends the options after `--` to the last command of a script line: synth, check, import and local:secrets end with the stackport command', () => {
    const scripts = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    const last = (name: string) => scripts[name].split('&&').pop()!.trim();
    expect([last('synth'), last('check'), last('import'), last('local:secrets')]).toEqual(['bin/stackport synth', 'bin/stackport check', 'bin/stackport import', 'bin/stackport secrets']);
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
