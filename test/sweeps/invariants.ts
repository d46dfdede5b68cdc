/**
 * The invariant sweep over synthesized stacks, shared by the committed stacks
 * (test/invariants.test.ts) and the imported compose fixtures (test/import/).
 */
import { ENVIRONMENTS } from '../../environments';
import { FIRST_START_SECONDS } from '../../lib/catalog';
import { isWorkload, podTemplateOf as templateOf } from '../../lib/kinds/kubernetes';
import { RenderedStack } from '../../lib/output';
import { credentialIn } from '../../lib/spec/credentials';
import { imageTag } from '../../lib/spec/images';
import { StackSpec } from '../../lib/spec/types';
import { all, containers, podSpec } from '../util';

const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Seed credentials that must never appear in dist/. */
export const SEED_CREDENTIALS = ['pm_password', 'your_secure_password_here', 'devpassword123', 'dev_password', 'dev-secret-key', 'dev-jwt-secret',
  'your-api-key-here', 'postgres:postgres@', 'admin:password@', 'secure_password', 'your_redis_password_here'];

/** Runs every invariant on each rendered stack; `credentials` must appear in none of them. */
export function invariantSweep(rendered: readonly RenderedStack[], specs: readonly StackSpec[], credentials: readonly string[]): void {
  const cases = rendered.map(r => [`${r.environment}/${r.stack}`, r] as const);
  describe.each(cases)('%s', (_where, r) => {
    const objects = r.objects;
    const workloads = objects.filter(isWorkload);

    test('every namespaced object lives in the stack namespace, which enforces Pod Security restricted', () => {
      expect(objects.filter(o => o.kind !== 'Namespace' && o.metadata.namespace !== r.stack).map(o => `${o.kind}/${o.metadata.name}`)).toEqual([]);
      expect(objects[0].kind).toBe('Namespace');
      expect(objects[0].metadata.labels).toMatchObject({
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      });
    });

    test('every Service selects a pod template of the stack', () => {
      for (const svc of all(objects, 'Service')) {
        expect([svc.metadata.name, workloads.some(w => matches(svc.spec.selector, templateOf(w).metadata.labels))]).toEqual([svc.metadata.name, true]);
      }
    });

    test('every Ingress backend names an existing Service port', () => {
      for (const ing of all(objects, 'Ingress')) {
        const backend = ing.spec.rules[0].http.paths[0].backend.service;
        const svc = all(objects, 'Service').find(s => s.metadata.name === backend.name);
        expect([ing.metadata.name, svc?.spec.ports.some((p: any) => p.port === backend.port.number)]).toEqual([ing.metadata.name, true]);
      }
    });

    test('every Secret and ConfigMap reference names a declared key or object', () => {
      const spec = specs.find(s => s.name === r.stack)!;
      const external = all(objects, 'ExternalSecret')[0];
      const secretKeys = external === undefined ? spec.secrets.map(s => s.key) : external.spec.data.map((d: any) => d.secretKey);
      const secretName = external?.spec.target.name ?? `${r.stack}-secrets`;
      const configMaps = new Map(all(objects, 'ConfigMap').map(c => [c.metadata.name, Object.keys(c.data ?? {})]));
      for (const { owner, container } of containers(objects)) {
        for (const e of container.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (ref !== undefined) {
            expect([owner, e.name, ref.name, secretKeys.includes(ref.key)]).toEqual([owner, e.name, secretName, true]);
          }
        }
        for (const f of container.envFrom ?? []) {
          expect([owner, configMaps.has(f.configMapRef.name)]).toEqual([owner, true]);
        }
      }
      for (const w of workloads) {
        for (const v of podSpec(w).volumes ?? []) {
          if (v.configMap !== undefined) {
            expect([w.metadata.name, configMaps.has(v.configMap.name)]).toEqual([w.metadata.name, true]);
          }
          if (v.secret !== undefined) {
            expect([w.metadata.name, v.secret.secretName, (v.secret.items ?? []).filter((i: any) => !secretKeys.includes(i.key))]).toEqual([w.metadata.name, secretName, []]);
          }
        }
      }
    });

    test('no Secret with literal data and no credential in an env value or ConfigMap', () => {
      expect(all(objects, 'Secret')).toEqual([]);
      const text = JSON.stringify(objects);
      expect(credentials.filter(c => text.includes(c))).toEqual([]);
      for (const { owner, container } of containers(objects)) {
        const literal = (container.env ?? []).filter((e: any) => e.value !== undefined && credentialIn(e.name, e.value) !== undefined && !/\$\(/.test(e.value));
        expect([owner, literal]).toEqual([owner, []]);
      }
      for (const cm of all(objects, 'ConfigMap')) {
        expect([cm.metadata.name, Object.entries<string>(cm.data ?? {}).filter(([k, v]) => credentialIn(k, v) !== undefined).map(([k]) => k)]).toEqual([cm.metadata.name, []]);
      }
    });

    test('every container, init containers included, is hardened and sized', () => {
      for (const { owner, container } of containers(objects)) {
        const sc = container.securityContext;
        // NET_BIND_SERVICE is the one capability Pod Security "restricted" lets a container add.
        const { add = [], ...kept } = sc.capabilities ?? {};
        expect([owner, container.name, sc.allowPrivilegeEscalation, kept, add.filter((c: string) => c !== 'NET_BIND_SERVICE'), sc.runAsNonRoot, sc.seccompProfile, sc.privileged])
          .toEqual([owner, container.name, false, { drop: ['ALL'] }, [], true, { type: 'RuntimeDefault' }, false]);
        expect(sc.runAsUser).toBeGreaterThan(0);
        expect([owner, container.name, container.resources.requests.cpu !== undefined, container.resources.requests.memory !== undefined, container.resources.limits.memory !== undefined])
          .toEqual([owner, container.name, true, true, true]);
      }
    });

    test('no pod shares the host or mounts a host path or a runtime socket', () => {
      for (const w of workloads) {
        const spec = podSpec(w);
        expect([w.metadata.name, spec.hostNetwork ?? false, spec.hostPID ?? false, (spec.volumes ?? []).filter((v: any) => v.hostPath !== undefined)])
          .toEqual([w.metadata.name, false, false, []]);
        // A Job reader's token is projected into the init containers that wait, not automounted.
        const projected = (spec.volumes ?? []).filter((v: any) => (v.projected?.sources ?? []).some((src: any) => src.serviceAccountToken !== undefined)).map((v: any) => v.name);
        expect([w.metadata.name, spec.automountServiceAccountToken]).toEqual([w.metadata.name, spec.serviceAccountName !== undefined && projected.length === 0]);
        expect([w.metadata.name, (spec.containers ?? []).flatMap((c: any) => c.volumeMounts ?? []).filter((v: any) => projected.includes(v.name))]).toEqual([w.metadata.name, []]);
      }
      expect(JSON.stringify(objects)).not.toMatch(/docker\.sock|containerd\.sock/);
    });

    test('every name Kubernetes reads as a DNS label, every label value and container name fits in 63 characters', () => {
      const LABEL_NAMED = ['Service', 'Namespace', 'Deployment', 'StatefulSet', 'Job', 'CronJob'];
      const long = objects.flatMap(o => [
        ...(LABEL_NAMED.includes(o.kind) && o.metadata.name.length > 63 ? [`${o.kind}/${o.metadata.name}`] : []),
        ...Object.entries(o.metadata.labels ?? {}).filter(([, v]) => String(v).length > 63).map(([k, v]) => `${o.kind}/${o.metadata.name} label ${k}=${v}`),
      ]);
      const containerNames = containers(objects).map(c => c.container.name).filter(n => n.length > 63);
      expect([long, containerNames]).toEqual([[], []]);
    });

    test('a default-deny NetworkPolicy selects every pod', () => {
      expect(all(objects, 'NetworkPolicy').find(p => p.metadata.name === 'default-deny')?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    });

    test('every Job is named after the hash of its template', () => {
      for (const job of all(objects, 'Job')) {
        expect(job.metadata.name).toMatch(/^[a-z0-9-]+-[0-9a-f]{8}$/);
      }
    });

    if (ENVIRONMENTS.find(p => p.name === r.environment)?.stage === 'production') {
      test('every production image is pinned and pulled Always', () => {
        for (const { owner, container } of containers(objects)) {
          const tag = imageTag(container.image);
          expect([owner, container.image, tag !== undefined && tag !== 'latest', container.imagePullPolicy]).toEqual([owner, container.image, true, 'Always']);
        }
      });

      test('every workload with more than one replica has a PodDisruptionBudget and spreads across nodes and zones', () => {
        const hpas = all(objects, 'HorizontalPodAutoscaler');
        for (const d of all(objects, 'Deployment')) {
          const hpa = hpas.find(h => h.spec.scaleTargetRef.name === d.metadata.name);
          const min = hpa?.spec.minReplicas ?? d.spec.replicas;
          if (min > 1) {
            const pdb = all(objects, 'PodDisruptionBudget').find(p => matches(p.spec.selector.matchLabels, d.spec.template.metadata.labels));
            expect([d.metadata.name, pdb?.spec.maxUnavailable]).toEqual([d.metadata.name, 1]);
            expect(podSpec(d).topologySpreadConstraints.map((c: any) => c.topologyKey)).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
          }
        }
      });

      test('every Ingress has TLS, and exactly one Ingress per host asks cert-manager for the certificate', () => {
        const ingresses = all(objects, 'Ingress');
        for (const ing of ingresses) {
          expect([ing.metadata.name, ing.spec.tls?.[0]?.hosts]).toEqual([ing.metadata.name, [ing.spec.rules[0].host]]);
        }
        for (const host of new Set(ingresses.map(i => i.spec.rules[0].host))) {
          const owners = ingresses.filter(i => i.spec.rules[0].host === host && i.metadata.annotations?.['cert-manager.io/cluster-issuer'] === 'letsencrypt-prod');
          expect([host, owners.length]).toEqual([host, 1]);
        }
      });

      test('every HTTPRoute of a stack-owned Gateway is served over HTTPS only, and plain HTTP only redirects', () => {
        const gateway = all(objects, 'Gateway')[0];
        if (gateway === undefined) {
          return;
        }
        const listeners = new Map<string, any>(gateway.spec.listeners.map((l: any) => [l.name, l]));
        for (const route of all(objects, 'HTTPRoute')) {
          for (const ref of route.spec.parentRefs) {
            const listener = listeners.get(ref.sectionName);
            const redirect = route.spec.rules.every((rule: any) => rule.filters?.[0]?.type === 'RequestRedirect' && rule.backendRefs === undefined);
            expect([route.metadata.name, listener?.protocol, route.spec.hostnames.includes(listener?.hostname)]).toEqual([route.metadata.name, redirect ? 'HTTP' : 'HTTPS', true]);
          }
        }
      });

      test('the stack Secret, when it has one, comes from an ExternalSecret', () => {
        const keys = specs.find(s => s.name === r.stack)!.secrets.length;
        expect(all(objects, 'ExternalSecret').map(e => e.spec.target.name)).toEqual(keys === 0 ? [] : [`${r.stack}-secrets`]);
      });
    }
  });
}

const mebibytes = (q: string) => (q.endsWith('Gi') ? Number(q.slice(0, -2)) * 1024 : Number(q.slice(0, -2)));

/** A container's variables: its own and those of the ConfigMaps it reads. */
function settings(objects: readonly any[], container: any): Record<string, string> {
  const fromMaps = (container.envFrom ?? []).map((f: any) => all(objects, 'ConfigMap').find(c => c.metadata.name === f.configMapRef?.name)?.data ?? {});
  return Object.assign({}, ...fromMaps, ...(container.env ?? []).filter((e: any) => e.value !== undefined).map((e: any) => ({ [e.name]: e.value })));
}

/**
 * The resource checks of stacks rendered with every option on, so that
 * optional services are swept too: database startup budgets, JVM heaps and
 * MongoDB's cache. Shared by test/invariants.test.ts and test/add-a-stack.test.ts.
 */
export function optionsOnSweep(allOn: readonly RenderedStack[]): void {
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
}
