/** Sweeps every synthesized object of every stack in every environment. */
import { STACKS } from '../charts';
import { ENVIRONMENTS } from '../environments';
import { FIRST_START_SECONDS } from '../lib/catalog';
import { render } from '../lib/synth';
import { invariantSweep } from './sweeps/invariants';
import { all, containers, podSpec, renderAll } from './util';

const rendered = renderAll();

/** Seed credentials that must never appear in dist/. */
const SEED_CREDENTIALS = ['pm_password', 'your_secure_password_here', 'devpassword123', 'dev_password', 'dev-secret-key', 'dev-jwt-secret',
  'your-api-key-here', 'postgres:postgres@', 'admin:password@', 'secure_password', 'your_redis_password_here'];

invariantSweep(rendered, STACKS, SEED_CREDENTIALS);

/** Every stack in every environment with every option on, so optional services are swept too. */
const allOn = render({
  stacks: STACKS, profiles: ENVIRONMENTS,
  options: Object.fromEntries(STACKS.map(s => [s.name, Object.fromEntries(Object.keys(s.options ?? {}).map(o => [o, true]))])),
});
const mebibytes = (q: string) => (q.endsWith('Gi') ? Number(q.slice(0, -2)) * 1024 : Number(q.slice(0, -2)));

/** A container's variables: its own and those of the ConfigMaps it reads. */
function settings(objects: readonly any[], container: any): Record<string, string> {
  const fromMaps = (container.envFrom ?? []).map((f: any) => all(objects, 'ConfigMap').find(c => c.metadata.name === f.configMapRef?.name)?.data ?? {});
  return Object.assign({}, ...fromMaps, ...(container.env ?? []).filter((e: any) => e.value !== undefined).map((e: any) => ({ [e.name]: e.value })));
}

describe.each(allOn.map(r => [`${r.environment}/${r.stack}`, r] as const))('%s, every option on', (_where, r) => {
  test(`every database has a startup probe that allows at least ${FIRST_START_SECONDS} s for a first initialisation`, () => {
    for (const sts of all(r.objects, 'StatefulSet')) {
      const c = podSpec(sts).containers[0];
      const budget = c.startupProbe === undefined ? 0 : c.startupProbe.periodSeconds * c.startupProbe.failureThreshold;
      expect([sts.metadata.name, budget >= FIRST_START_SECONDS, c.livenessProbe !== undefined]).toEqual([sts.metadata.name, true, true]);
      // The startup probe is the readiness check: it passes only when the database serves.
      expect([sts.metadata.name, c.startupProbe.exec ?? c.startupProbe.httpGet]).toEqual([sts.metadata.name, c.readinessProbe.exec ?? c.readinessProbe.httpGet]);
    }
  });

  test('every JVM heap leaves at least 512Mi of its memory limit to the rest of the JVM, and Keycloak sets its heap', () => {
    for (const { owner, container } of containers(r.objects)) {
      const env = settings(r.objects, container);
      const limit = mebibytes(container.resources.limits.memory);
      const opts = [env.JAVA_OPTS_KC_HEAP, env.ES_JAVA_OPTS, env.LS_JAVA_OPTS, env.JAVA_OPTS].filter(o => o !== undefined).join(' ');
      const xmx = /-Xmx([0-9]+)m/.exec(opts);
      const percent = /-XX:MaxRAMPercentage=([0-9.]+)/.exec(opts);
      const heap = xmx !== null ? Number(xmx[1]) : percent !== null ? limit * Number(percent[1]) / 100 : undefined;
      if (container.image.includes('keycloak')) {
        expect([owner, heap !== undefined]).toEqual([owner, true]);
      }
      if (heap !== undefined) {
        expect([owner, limit - heap >= 512]).toEqual([owner, true]);
      }
    }
  });

  test("MongoDB's WiredTiger cache is pinned to at most a quarter of its memory limit", () => {
    for (const { owner, container } of containers(r.objects).filter(c => c.container.image.startsWith('mongo:'))) {
      const args: string[] = container.args ?? [];
      const gb = Number(args[args.indexOf('--wiredTigerCacheSizeGB') + 1]);
      expect([owner, args.includes('--wiredTigerCacheSizeGB'), gb * 1024 <= mebibytes(container.resources.limits.memory) / 4]).toEqual([owner, true, true]);
    }
  });
});
