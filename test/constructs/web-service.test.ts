import { ServiceSpec } from '../../lib/spec/types';
import { containers, find, LOCAL, podSpec, PRODUCTION, synthServices, web } from '../util';

describe('WebService', () => {
  test('names the Deployment and Service after the compose service and selects its pods', () => {
    const objects = synthServices([web('api')]);
    const deployment = find(objects, 'Deployment', 'api');
    const service = find(objects, 'Service', 'api');
    const selector = deployment.spec.selector.matchLabels;
    expect(service.spec.selector).toEqual(selector);
    expect(deployment.spec.template.metadata.labels).toMatchObject(selector);
    expect(service.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8080 }]);
    expect(service.spec.type).toBe('ClusterIP');
  });

  test('maps a Service port to a different container port', () => {
    const objects = synthServices([web('web', { ports: [{ name: 'http', port: 3000, targetPort: 80 }] })]);
    expect(find(objects, 'Service', 'web').spec.ports).toEqual([{ name: 'http', port: 3000, targetPort: 80 }]);
    expect(podSpec(find(objects, 'Deployment', 'web')).containers[0].ports).toEqual([{ containerPort: 80, name: 'http' }]);
    // Port 80 as a non-root user: the pod opens unprivileged ports instead of granting a capability.
    expect(podSpec(find(objects, 'Deployment', 'web')).securityContext.sysctls).toEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }]);
  });

  test('runs one replica when the profile does not scale as specified, explicitly', () => {
    const objects = synthServices([web('api', { scaling: { replicas: 3 } })], LOCAL);
    expect(find(objects, 'Deployment', 'api').spec.replicas).toBe(1);
    expect(objects.filter(o => o.kind === 'PodDisruptionBudget')).toEqual([]);
  });

  test('runs the specified replicas with a disruption budget and topology spread in production', () => {
    const objects = synthServices([web('api', { scaling: { replicas: 3 } })], PRODUCTION);
    const deployment = find(objects, 'Deployment', 'api');
    expect(deployment.spec.replicas).toBe(3);
    expect(find(objects, 'PodDisruptionBudget', 'api').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } });
    expect(podSpec(deployment).topologySpreadConstraints.map((c: any) => c.topologyKey)).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
  });

  test('hands the replica count to an HPA when the spec autoscales', () => {
    const objects = synthServices([web('api', { scaling: { minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 } })]);
    expect(find(objects, 'Deployment', 'api').spec.replicas).toBeUndefined();
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'api');
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 4, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' } });
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
  });

  test('carries a compose health check over with the same timings; liveness only checks the port', () => {
    const objects = synthServices([web('api', {
      healthcheck: { test: { httpGet: '/health' }, intervalSeconds: 30, timeoutSeconds: 10, retries: 3, startPeriodSeconds: 40 },
    })]);
    const c = podSpec(find(objects, 'Deployment', 'api')).containers[0];
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 3 });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 8080 }, periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 3 });
    // Compose: start_period 40s, then 3 x 30s more before unhealthy = 130s = 26 x 5s.
    expect(c.startupProbe).toEqual({ httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, periodSeconds: 5, timeoutSeconds: 10, failureThreshold: 26 });
  });

  test('adds no probe the spec did not ask for (cdk8s-plus would add a TCP startup probe)', () => {
    const c = podSpec(find(synthServices([web('api')]), 'Deployment', 'api')).containers[0];
    expect(c.startupProbe).toBeUndefined();
    expect(c.readinessProbe).toBeUndefined();
  });

  test('hardens every container for Pod Security restricted', () => {
    const [{ container }] = containers(synthServices([web('api')]));
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 10001,
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(podSpec(find(synthServices([web('api')]), 'Deployment', 'api')).automountServiceAccountToken).toBe(false);
  });

  test('leaves the root filesystem writable only in the stages that give a reason, a stage\'s reason before the general one', () => {
    const readOnly = (svc: ServiceSpec, profile: typeof PRODUCTION) => containers(synthServices([svc], profile))[0].container.securityContext.readOnlyRootFilesystem;
    const devServer = web('web', { writableRootReasonByStage: { development: 'writes beside its config' } });
    expect(readOnly(devServer, LOCAL)).toBe(false);
    expect(readOnly(devServer, PRODUCTION)).toBe(true);
    const always = web('web', { writableRootReason: 'rewrites its installation' });
    expect([readOnly(always, LOCAL), readOnly(always, PRODUCTION)]).toEqual([false, false]);
  });

  test('mounts an emptyDir for each writable path', () => {
    const spec = podSpec(find(synthServices([web('api', { writablePaths: ['/tmp', '/var/cache/nginx'] })]), 'Deployment', 'api'));
    expect(spec.containers[0].volumeMounts).toEqual([
      { mountPath: '/tmp', name: 'scratch-tmp' },
      { mountPath: '/var/cache/nginx', name: 'scratch-var-cache-nginx' },
    ]);
    expect(spec.volumes).toEqual([{ emptyDir: {}, name: 'scratch-tmp' }, { emptyDir: {}, name: 'scratch-var-cache-nginx' }]);
  });

  test('takes image pull policy and sizing from the profile', () => {
    const svc = web('api', { resources: { cpu: '1', memory: '512Mi', cpuLimit: '1' } });
    const prod = podSpec(find(synthServices([svc], PRODUCTION), 'Deployment', 'api')).containers[0];
    expect(prod.imagePullPolicy).toBe('Always');
    expect(prod.resources).toEqual({ requests: { cpu: '1', memory: '512Mi' }, limits: { cpu: '1', memory: '512Mi' } });
    const local = podSpec(find(synthServices([svc], LOCAL), 'Deployment', 'api')).containers[0];
    expect(local.imagePullPolicy).toBe('IfNotPresent');
    // Locally only the CPU request shrinks: an image needs its memory wherever it runs.
    expect(local.resources).toEqual({ requests: { cpu: '50m', memory: '512Mi' }, limits: { memory: '512Mi' } });
  });

  test('names built images by the profile registry and tag', () => {
    const objects = synthServices([web('api', { image: { build: 'backend' } })], PRODUCTION);
    expect(podSpec(find(objects, 'Deployment', 'api')).containers[0].image).toBe('registry.example.com/stackport/shop-backend:1.0.0');
  });

  test('gives an API reader its own ServiceAccount, a read-only Role and a mounted token', () => {
    const objects = synthServices([web('monitor', { apiAccess: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] })]);
    expect(find(objects, 'ServiceAccount', 'monitor').automountServiceAccountToken).toBe(true);
    expect(find(objects, 'Role', 'monitor-reader').rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
    expect(find(objects, 'RoleBinding', 'monitor-reader')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'monitor-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'monitor', namespace: 'shop' }],
    });
    const spec = podSpec(find(objects, 'Deployment', 'monitor'));
    expect(spec.serviceAccountName).toBe('monitor');
    expect(spec.automountServiceAccountToken).toBe(true);
  });

  test('starts the process in the spec\'s working directory, and leaves the image\'s WORKDIR alone otherwise', () => {
    expect(podSpec(find(synthServices([web('api', { workingDir: '/srv/app' })]), 'Deployment', 'api')).containers[0].workingDir).toBe('/srv/app');
    expect(podSpec(find(synthServices([web('api')]), 'Deployment', 'api')).containers[0].workingDir).toBeUndefined();
  });
});
