/**
 * Import end to end at scale: files far larger than any fixture load and map
 * in time that grows linearly. Integration tier: each takes seconds of CPU.
 */
import { loadCompose } from '../../lib/compose/parse';
import { mapYaml, serviceOf as service } from './util';

test('time grows linearly: 100k variables and 2k services load (the YAML library\'s own duplicate-key check was quadratic)', () => {
  const env = Array.from({ length: 100_000 }, (_, i) => `      V${i}: "value-${i}"`).join('\n');
  const others = Array.from({ length: 2_000 }, (_, i) => `  s${i}:\n    image: a\n    ports: ["${1000 + i}:80"]\n    environment: [A=1, B]\n    depends_on: [big]`).join('\n');
  const loaded = loadCompose([{ file: 'c.yml', text: `services:\n  big:\n    image: a\n    environment:\n${env}\n${others}\n` }], { B: 'b' });
  expect(Object.keys(loaded.doc.services!)).toHaveLength(2_001);
  expect(Object.keys(loaded.doc.services!.big.environment as object)).toHaveLength(100_000);
  expect(loaded.doc.services!.s1999.environment).toEqual({ A: '1', B: 'b' });
  // No limit on time: the machine may be shared; a quadratic step would take hours here, not seconds.
}, 300_000);

test('a file of 500 services with 50 variables each imports, every password in its own key, every peer port found', () => {
  const N = 500;
  const lines = ['services:'];
  for (let i = 0; i < N; i++) {
    const next = `svc${(i + 1) % N}`;
    lines.push(`  svc${i}:`, '    image: app:1.0.0', `    command: ["serve", "--db-pass=pw-service-${i}-value", "--peer=${next}:9${String(i % 100).padStart(3, '0')}"]`, '    environment:',
      `      DB_PASSWORD: pw-service-${i}-value`, `      NEXT_URL: "http://${next}:8080/x"`);
    for (let j = 2; j < 50; j++) {
      lines.push(`      SETTING_${j}: value-${i}-${j}`);
    }
  }
  const m = mapYaml(lines.join('\n') + '\n', { vars: {} });
  expect(m.spec.services).toHaveLength(N);
  expect(m.spec.secrets).toHaveLength(N);
  expect(m.credentials).toHaveLength(N);
  const s7 = service(m, 'svc7');
  expect(s7.args).toEqual(['serve', '--db-pass=$(DB_PASSWORD)', '--peer=svc8:9007']);
  expect(Object.keys(s7.env ?? {})).toHaveLength(50);
  expect(s7.env?.DB_PASSWORD).toEqual({ secret: 'svc7-db-password' });
  expect(s7.connectsTo).toEqual(['svc8']);
  expect('ports' in service(m, 'svc8') ? (service(m, 'svc8') as any).ports.map((p: any) => p.port) : []).toEqual([8080, 9007]);
}, 300_000);
