/**
 * The compose blocks of seeds 003 and 000, imported, against the hand-written
 * charts/task-app.ts and charts/project-management.ts: same services, ports,
 * variable names, health check timings, start order and volumes, except where
 * the hand-written chart documents a deviation (listed here with it).
 */
import { PROJECT_MANAGEMENT } from '../../charts/project-management';
import { TASK_APP } from '../../charts/task-app';
import { ServiceSpec, StackSpec } from '../../lib/spec/types';
import { IMPORTED, importFixture } from './util';

const imported = (dir: string): StackSpec => importFixture(IMPORTED.find(f => f.dir === dir)!).spec;
const variables = (s: ServiceSpec) => [...new Set([s.env, ...Object.values(s.envByStage ?? {}), ...Object.values(s.envByOption ?? {})].flatMap(e => Object.keys(e ?? {})))];
const ports = (s: ServiceSpec) => ('ports' in s ? s.ports.map(p => p.port) : []);
const timings = (s: ServiceSpec) => {
  const h = 'healthcheck' in s ? s.healthcheck : undefined;
  return h === undefined ? undefined : [h.intervalSeconds, h.timeoutSeconds, h.retries];
};
const data = (s: ServiceSpec) => [...(s.kind === 'stateful' ? [s.dataPath] : []), ...(s.volumes ?? []).map(v => `${v.name}:${v.mountPath}`)];

describe('seed 003 (task app)', () => {
  const spec = imported('seed-task-app');
  test('has the same services, ports, variables, health check timings and start periods, start order and volumes as charts/task-app.ts', () => {
    const view = (s: StackSpec) => s.services.map(svc => ({
      name: svc.name, kind: svc.kind, ports: ports(svc), variables: variables(svc).sort(), timings: timings(svc),
      startPeriod: 'healthcheck' in svc ? svc.healthcheck?.startPeriodSeconds : undefined, dependsOn: svc.dependsOn, data: data(svc),
    }));
    expect(view(spec)).toEqual(view(TASK_APP));
  });

  test('declares the same Secret keys', () => {
    expect(spec.secrets.map(s => s.key).sort()).toEqual(TASK_APP.secrets.map(s => s.key).sort());
  });
});

describe('seed 000 (project management), main file and development override', () => {
  const spec = imported('seed-pm');
  const hand = (name: string) => PROJECT_MANAGEMENT.services.find(s => s.name === name)!;

  test('has the hand-written services, but for the nginx proxy, which the chart replaces by its routes', () => {
    expect(spec.services.map(s => s.name).filter(n => PROJECT_MANAGEMENT.services.every(h => h.name !== n))).toEqual(['nginx']);
  });

  const common = ['frontend', 'backend', 'postgres', 'redis', 'keycloak', 'mailhog'];
  test.each(common)('%s: every compose variable is in the chart, but the documented renames and dropped conveniences', name => {
    const deviations: Record<string, string[]> = {
      // "Development source mounts, --reload and CHOKIDAR_USEPOLLING are compose conveniences"
      frontend: ['CHOKIDAR_USEPOLLING'],
      // "Keycloak 26 reads KC_PROXY_HEADERS instead of the removed KC_PROXY=edge"; admin variables renamed for Keycloak 26
      keycloak: ['KEYCLOAK_ADMIN', 'KEYCLOAK_ADMIN_PASSWORD', 'KC_PROXY'],
    };
    const svc = spec.services.find(s => s.name === name)!;
    expect(variables(svc).filter(v => !variables(hand(name)).includes(v))).toEqual(deviations[name] ?? []);
  });

  test.each(common.filter(n => n !== 'frontend'))('%s: the compose ports are the chart\'s (the frontend serves on 80 by its image, as documented)', name => {
    expect(ports(spec.services.find(s => s.name === name)!).filter(p => !ports(hand(name)).includes(p))).toEqual([]);
  });

  test.each(['backend', 'postgres', 'redis', 'keycloak'])('%s: the compose health check timings are the chart\'s', name => {
    expect(timings(spec.services.find(s => s.name === name)!)).toEqual(timings(hand(name)));
  });

  test.each(common)('%s: the compose start order is kept (the chart adds the migrate Job it documents)', name => {
    const deps = spec.services.find(s => s.name === name)!.dependsOn ?? [];
    expect(deps.filter(d => !(hand(name).dependsOn ?? []).some(h => h.service === d.service && h.condition === d.condition))).toEqual([]);
  });

  test('the data directories and the uploads volume are the chart\'s', () => {
    for (const name of ['postgres', 'redis']) {
      expect(data(spec.services.find(s => s.name === name)!)[0]).toBe(data(hand(name))[0]);
    }
    expect(spec.services.find(s => s.name === 'backend')!.volumes?.find(v => v.name === 'uploads')?.mountPath).toBe('/app/uploads');
  });
});
