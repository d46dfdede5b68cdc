/**
 * The importer loads every fixture as compose-go v2.9.1 (the loader of
 * `docker compose config`) does: its reference.json, written by
 * `npm run reference`, is compared service by service and field by field
 * (environment, ports, expose, volumes, profiles, depends_on, healthcheck),
 * both sides rewritten to one long syntax (test/reference/normal.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadProject } from '../../lib/compose/import';
import { describeDifference, differences, FIELDS, seconds } from '../reference/normal';
import { FIXTURES, IMPORTED } from './util';

function reference(dir: string): { services?: Record<string, any>; error?: string } {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, dir, 'reference.json'), 'utf8'));
}

describe('the loaded model equals compose-go v2.9.1 (reference.json)', () => {
  test.each(IMPORTED.map(f => [f.dir, f] as const))('%s', (_dir, f) => {
    const ref = reference(f.dir);
    const load = () => loadProject({ files: f.files, envFile: f.envFile, cwd: path.join(FIXTURES, f.dir) });
    if (ref.error !== undefined) {
      expect(load).toThrow(); // compose-go refuses the fixture (the error is in reference.json)
      return;
    }
    const ours = load().loaded.doc.services ?? {};
    expect(differences(ours, ref.services ?? {}, path.join(FIXTURES, f.dir)).map(d => `${f.dir}: ${describeDifference(d)}`)).toEqual([]);
  });
});

describe('the normal form', () => {
  test('a short port, a range and a long port with defaults are the same long syntax', () => {
    expect(FIELDS.ports(['127.0.0.1:9443:8443', '7000-7001:7000-7001', '5353:5353/udp', '80', { target: 8080, published: 80 }])).toEqual([
      { target: 5353, published: '5353', protocol: 'udp' },
      { target: 7000, published: '7000', protocol: 'tcp' },
      { target: 7001, published: '7001', protocol: 'tcp' },
      { target: 80, protocol: 'tcp' },
      { target: 8080, published: '80', protocol: 'tcp' },
      { target: 8443, published: '9443', host_ip: '127.0.0.1', protocol: 'tcp' },
    ]);
  });

  test('a short bind mount, a named volume and an anonymous one are the same long syntax', () => {
    expect(FIELDS.volumes(['./conf/:/etc/app:ro,z', 'data:/var/lib/data', '/cache', { type: 'bind', source: '/p/x', target: '/src' }], '/p/x')).toEqual([
      { type: 'volume', target: '/cache', read_only: false },
      { type: 'bind', source: './conf', target: '/etc/app', read_only: true },
      { type: 'bind', source: '.', target: '/src', read_only: false },
      { type: 'volume', source: 'data', target: '/var/lib/data', read_only: false },
    ]);
  });

  test('durations are seconds, a string test is CMD-SHELL, depends_on defaults are filled in', () => {
    expect([seconds('1m30s'), seconds('500ms'), seconds('2m0s'), seconds('1h')]).toEqual([90, 0.5, 120, 3600]);
    expect(FIELDS.healthcheck({ test: 'curl -f x', interval: '10s' })).toEqual({ disable: false, test: ['CMD-SHELL', 'curl -f x'], interval: 10 });
    expect(FIELDS.depends_on(['db'])).toEqual({ db: { condition: 'service_started', required: true } });
  });

  test('a difference names the service, the field and both values', () => {
    const d = differences({ api: { environment: ['A=1', 'B'], ports: ['80:80'] } }, { api: { environment: { A: '2', B: null, C: 'x' } }, web: {} });
    expect(d.map(describeDifference)).toEqual([
      'api: environment.A: ours "1", reference "2"',
      'api: environment.C: ours (absent), reference "x"',
      'api: ports: ours [{"protocol":"tcp","published":"80","target":80}], reference []',
      'web: (service): ours (absent), reference "present"',
    ]);
  });
});
