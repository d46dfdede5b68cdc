import { createHash } from 'crypto';
import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { FilesSpec, HealthCheckSpec, ResourcesSpec, ServiceSpec } from '../spec/types';
import { fileKey } from '../spec/files';
import { Profile } from '../profiles/profile';
import { StackContext } from './context';
import { JOB_VARIABLE, JOB_WAIT_IMAGE, jobReader, jobSucceededCheck, TOKEN_DIR } from './job-wait';
import { labels } from './labels';

/** Image of the init containers that wait for dependencies (has `nc` and `wget`). */
const WAIT_IMAGE = 'busybox:1.36.1';

/** Extra pieces a construct adds to the shared pod template. */
export interface PodTemplateOptions {
  /** The Kubernetes component label. */
  readonly component: string;
  /** Mounts the construct adds to the main container (a StatefulSet's data volume). */
  readonly extraMounts?: readonly kplus.VolumeMount[];
  /** Service account for services with API access. @default - none, and no token mounted */
  readonly serviceAccount?: kplus.IServiceAccount;
  /** Volumes of the stack by name, for `volumes` and `mounts` of the spec. */
  readonly claims: ReadonlyMap<string, kplus.IPersistentVolumeClaim>;
  /** Add a preStop pause so endpoints drop the pod before it gets SIGTERM (servers behind a Service). */
  readonly drainOnStop?: boolean;
}

/** What every workload construct passes on to its cdk8s-plus workload. */
export interface PodTemplate {
  readonly props: kplus.WorkloadProps;
  /** The main container's settings. */
  readonly container: kplus.ContainerProps;
}

/**
 * The pod every kind of service shares: one hardened main container, init
 * containers that hold it until its `service_healthy` dependencies answer,
 * a ConfigMap for plain settings, Secret references for credentials, and
 * emptyDir volumes for the paths the image writes.
 */
export function podTemplate(scope: Construct, svc: ServiceSpec, ctx: StackContext, opts: PodTemplateOptions): PodTemplate {
  const { plain, variables } = envParts(scope, svc, ctx);
  const envFrom: kplus.EnvFrom[] = [];
  if (Object.keys(plain).length > 0) {
    const configMap = new kplus.ConfigMap(scope, 'Env', {
      metadata: { name: envConfigMapName(svc), labels: labels(ctx.spec.name, svc.name, opts.component) },
      data: plain,
    });
    envFrom.push(kplus.Env.fromConfigMap(configMap));
  }
  const container = mainContainer(svc, ctx, opts, { envFrom, envVariables: variables, volumeMounts: volumeMounts(scope, svc, ctx, opts) });
  const { initContainers, reader } = waitContainers(scope, svc, ctx, opts);
  const ports = 'ports' in svc ? svc.ports : [];
  const lowPorts = ports.some(p => (p.targetPort ?? p.port) < 1024);
  // One set of text files hashes as it always did, so hand-written stacks keep their pods.
  const sets = fileSets(svc);
  const configHash = hash(JSON.stringify([plain, sets.length === 1 && sets[0].binaryFiles === undefined && sets[0].executable === undefined ? sets[0].files : sets.length === 0 ? {} : sets]));
  const props: kplus.WorkloadProps = {
    metadata: { name: svc.name, labels: labels(ctx.spec.name, svc.name, opts.component) },
    podMetadata: {
      labels: labels(ctx.spec.name, svc.name, opts.component),
      // A settings change must roll the pods: the ConfigMap alone would not.
      annotations: { 'stackport.io/config-hash': configHash },
    },
    containers: [container],
    initContainers,
    serviceAccount: opts.serviceAccount ?? reader?.serviceAccount,
    // A Job reader's token is mounted into the init containers that wait, not into the main container.
    automountServiceAccountToken: opts.serviceAccount !== undefined,
    terminationGracePeriod: Duration.seconds(svc.shutdownSeconds ?? 30),
    securityContext: {
      ensureNonRoot: true,
      user: svc.user.uid,
      group: svc.user.gid,
      fsGroup: svc.user.gid,
      fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH,
      // The image listens below 1024 as a non-root user: allow it without granting NET_BIND_SERVICE.
      sysctls: lowPorts ? [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] : undefined,
    },
  };
  return { props, container };
}

/** The main container's mounts: the construct's own, scratch paths, files, shared memory, secret files, volumes and mounts. */
function volumeMounts(scope: Construct, svc: ServiceSpec, ctx: StackContext, opts: PodTemplateOptions): kplus.VolumeMount[] {
  const volumes: kplus.VolumeMount[] = [...(opts.extraMounts ?? [])];
  for (const path of svc.writablePaths ?? []) {
    const name = `scratch${path.replace(/[^a-z0-9]+/g, '-')}`.replace(/-$/, '');
    volumes.push({ path, volume: kplus.Volume.fromEmptyDir(scope, `Scratch${path}`, name) });
  }
  fileSets(svc).forEach((f, i) => volumes.push(...fileMounts(scope, svc, ctx, opts, f, i)));
  if (svc.shmSize !== undefined) {
    // compose shm_size: /dev/shm in memory, as large as compose made it.
    const shm = kplus.Volume.fromEmptyDir(scope, 'Shm', 'shm', { medium: kplus.EmptyDirMedium.MEMORY, sizeLimit: size(svc.shmSize) });
    volumes.push({ path: '/dev/shm', volume: shm });
  }
  if (svc.secretFiles !== undefined && svc.secretFiles.length > 0) {
    const secret = kplus.Secret.fromSecretName(scope, 'SecretFilesSecret', ctx.secretName);
    const items = Object.fromEntries(svc.secretFiles.map(f => [f.key, { path: f.key }]));
    // Readable by the pod's group (fsGroup), not by others.
    const volume = kplus.Volume.fromSecret(scope, 'SecretFiles', secret, { name: 'secret-files', items, defaultMode: 0o440 });
    for (const f of svc.secretFiles) {
      volumes.push({ path: f.path, volume, subPath: f.key, readOnly: true });
    }
  }
  for (const v of svc.volumes ?? []) {
    volumes.push({ path: v.mountPath, ...(v.readOnly === true ? { readOnly: true } : {}), volume: kplus.Volume.fromPersistentVolumeClaim(scope, `Volume${v.name}`, claim(opts.claims, v.name)) });
  }
  for (const m of svc.mounts ?? []) {
    volumes.push({
      path: m.mountPath,
      readOnly: m.readOnly ?? false,
      volume: kplus.Volume.fromPersistentVolumeClaim(scope, `Mount${m.volume}`, claim(opts.claims, m.volume), { readOnly: m.readOnly ?? false }),
    });
  }
  return volumes;
}

/** The service's one hardened main container, with its settings and mounts. */
function mainContainer(svc: ServiceSpec, ctx: StackContext, opts: PodTemplateOptions,
  { envFrom, envVariables, volumeMounts }: Required<Pick<kplus.ContainerProps, 'envFrom' | 'envVariables' | 'volumeMounts'>>): kplus.ContainerProps {
  const profile = ctx.profile;
  const ports = 'ports' in svc ? svc.ports : [];
  const tcpPorts = ports.filter(p => p.protocol !== 'UDP');
  const check = 'healthcheck' in svc ? svc.healthcheck : undefined;
  const container: kplus.ContainerProps = {
    name: svc.name,
    image: ctx.image(svc),
    imagePullPolicy: pullPolicy(profile),
    command: svc.command?.slice(),
    args: (svc.argsByStage?.[profile.stage] ?? svc.args)?.slice(),
    workingDir: svc.workingDir,
    // Named ports, not `portNumber`: cdk8s-plus would add a TCP startup probe we did not ask for.
    ports: ports.map(p => ({ name: p.name, number: p.targetPort ?? p.port, ...(p.protocol === 'UDP' ? { protocol: kplus.Protocol.UDP } : {}) })),
    envFrom,
    envVariables,
    volumeMounts,
    resources: resources(sizing(svc, profile)),
    securityContext: containerSecurity(svc, (svc.writableRootReasonByStage?.[profile.stage] ?? svc.writableRootReason) === undefined),
    // Probes connect over TCP: the primary port is the first TCP one.
    ...(check === undefined ? {} : probes(check, tcpPorts.length === 0 ? undefined : tcpPorts[0].targetPort ?? tcpPorts[0].port)),
    lifecycle: opts.drainOnStop === true
      // Endpoints are removed asynchronously; a short pause keeps in-flight connections from being refused.
      ? { preStop: kplus.Handler.fromCommand(['sh', '-c', 'sleep 5']) }
      : undefined,
  };
  return container;
}

/** Init containers that hold the pod until its dependencies answer or complete, and the Job reader some of them use. */
function waitContainers(scope: Construct, svc: ServiceSpec, ctx: StackContext, opts: PodTemplateOptions) {
  // Dependencies switched off in this profile (an option, a development-only service) are not waited for.
  const waits = (svc.dependsOn ?? []).filter(d => d.condition !== 'started' && ctx.service(d.service) !== undefined);
  const statusWaits = waits.filter(d => d.condition === 'completed' && readsJobStatus(ctx.service(d.service)!)).map(d => d.service);
  const reader = statusWaits.length === 0 ? undefined : jobReader(scope, svc, ctx, opts.component, statusWaits, opts.serviceAccount);
  const initContainers = waits.map(d => (d.condition !== 'completed' ? waitContainer(svc, d.service, ctx)
    : reader !== undefined && statusWaits.includes(d.service) ? jobStatusContainer(svc, d.service, ctx, reader.tokenVolume)
      : completionContainer(scope, svc, d.service, ctx)));
  return { initContainers, reader };
}

/** The service's sets of files, each a ConfigMap. */
function fileSets(svc: ServiceSpec): readonly FilesSpec[] {
  return svc.files === undefined ? [] : Array.isArray(svc.files) ? svc.files : [svc.files as FilesSpec];
}

/**
 * The `i`th set of files: a ConfigMap (`<service>-files`, then `-files-2`...),
 * mounted as its directory or, with `subPath`, file by file. Paths below the
 * directory (`conf.d/site.conf`) are keys without `/`, placed by `items`.
 */
function fileMounts(scope: Construct, svc: ServiceSpec, ctx: StackContext, opts: PodTemplateOptions, f: FilesSpec, i: number): kplus.VolumeMount[] {
  const suffix = i === 0 ? '' : `${i + 1}`;
  const names = [...Object.keys(f.files), ...Object.keys(f.binaryFiles ?? {})];
  const keyed = (m: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(m).map(([n, v]) => [fileKey(n), v]));
  const configMap = new kplus.ConfigMap(scope, `Files${suffix}`, {
    metadata: { name: `${svc.name}-files${suffix === '' ? '' : `-${suffix}`}`, labels: labels(ctx.spec.name, svc.name, opts.component) },
    data: keyed(f.files),
    ...(f.binaryFiles === undefined ? {} : { binaryData: keyed(f.binaryFiles) }),
  });
  // Executable files (scripts) get mode 0755 through `items`; the others keep the ConfigMap's 0644.
  const executable = new Set(f.executable ?? []);
  const items = executable.size > 0 ? Object.fromEntries(names.map(n => [fileKey(n), { path: f.subPath === true ? fileKey(n) : n, ...(executable.has(n) ? { mode: 0o755 } : {}) }]))
    : f.subPath === true || names.every(n => fileKey(n) === n) ? undefined
      : Object.fromEntries(names.map(n => [fileKey(n), { path: n }]));
  const volume = kplus.Volume.fromConfigMap(scope, `FilesVolume${suffix}`, configMap, { name: `files${suffix === '' ? '' : `-${suffix}`}`, items });
  if (f.subPath !== true) {
    return [{ path: f.mountPath, volume, readOnly: true }];
  }
  return names.map(n => ({ path: `${f.mountPath.replace(/\/$/, '')}/${n}`, volume, subPath: fileKey(n), readOnly: true }));
}

/** Name of the ConfigMap that holds a service's plain settings. */
function envConfigMapName(svc: ServiceSpec): string {
  return `${svc.name}-env`;
}

/**
 * A service's variables in this profile: plain settings (for its ConfigMap)
 * and, in order, Secret references and then values Kubernetes expands from
 * them, so that every `$(NAME)` refers to a variable defined before it.
 */
function envParts(scope: Construct, svc: ServiceSpec, ctx: StackContext): { plain: Record<string, string>; variables: Record<string, kplus.EnvValue> } {
  const plain: Record<string, string> = {};
  const secretVars: Record<string, kplus.EnvValue> = {};
  const expandVars: Record<string, kplus.EnvValue> = {};
  const secret = kplus.Secret.fromSecretName(scope, `${svc.name}StackSecret`, ctx.secretName);
  for (const [name, value] of Object.entries(ctx.env(svc))) {
    if (typeof value === 'string') {
      plain[name] = value;
    } else if ('secret' in value) {
      secretVars[name] = kplus.EnvValue.fromSecretValue({ secret, key: value.secret });
    } else if ('expand' in value) {
      expandVars[name] = kplus.EnvValue.fromValue(value.expand);
    } else {
      plain[name] = ctx.publicUrl(value.publicUrl, value.path);
    }
  }
  return { plain, variables: { ...secretVars, ...expandVars } };
}

function claim(claims: ReadonlyMap<string, kplus.IPersistentVolumeClaim>, name: string): kplus.IPersistentVolumeClaim {
  const found = claims.get(name);
  if (found === undefined) {
    throw new Error(`volume '${name}' is not declared by any service of the stack; declare it under some service's 'volumes'`);
  }
  return found;
}

/** Hardened container settings that Pod Security "restricted" accepts. */
function containerSecurity(svc: ServiceSpec, readOnlyRoot: boolean): kplus.ContainerSecurityContextProps {
  return {
    ensureNonRoot: true,
    user: svc.user.uid,
    group: svc.user.gid,
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: readOnlyRoot,
    capabilities: { drop: [kplus.Capability.ALL], add: svc.netBindService === true ? [kplus.Capability.NET_BIND_SERVICE] : undefined },
    seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
  };
}

function pullPolicy(profile: Profile): kplus.ImagePullPolicy {
  return profile.imagePullPolicy === 'Always' ? kplus.ImagePullPolicy.ALWAYS : kplus.ImagePullPolicy.IF_NOT_PRESENT;
}

/** The spec's sizing, or the profile default; the profile decides whether CPU follows the spec. */
function sizing(svc: ServiceSpec, profile: Profile): ResourcesSpec {
  const spec = svc.resources ?? profile.defaultResources;
  return profile.cpuAsSpecified ? spec : { cpu: profile.defaultResources.cpu, memory: spec.memory, memoryRequest: spec.memoryRequest };
}

/** Requests and limits; memory is always limited, CPU only where the spec asks. */
function resources(r: ResourcesSpec): kplus.ContainerResources {
  return {
    cpu: { request: cpu(r.cpu), limit: r.cpuLimit === undefined ? undefined : cpu(r.cpuLimit) },
    memory: { request: size(r.memoryRequest ?? r.memory), limit: size(r.memory) },
  };
}

function cpu(q: string): kplus.Cpu {
  return q.endsWith('m') ? kplus.Cpu.millis(Number(q.slice(0, -1))) : kplus.Cpu.units(Number(q));
}

/** A `Mi` or `Gi` quantity (validation admits no other). */
export function size(q: string): Size {
  return q.endsWith('Gi') ? Size.gibibytes(Number(q.slice(0, -2))) : Size.mebibytes(Number(q.slice(0, -2)));
}

/**
 * Compose health check timings, carried over: readiness is the check itself;
 * liveness is the check or, with `liveness: 'process'`, only the process
 * answering on its port (none for a service without a port); `start_period`
 * becomes a startup probe.
 */
function probes(check: HealthCheckSpec, primaryPort: number | undefined): Pick<kplus.ContainerProps, 'readiness' | 'liveness' | 'startup'> {
  const timing = {
    periodSeconds: Duration.seconds(check.intervalSeconds),
    timeoutSeconds: Duration.seconds(check.timeoutSeconds),
    failureThreshold: check.retries,
  };
  const readiness = probe(check.test, primaryPort, timing);
  const livenessMode = check.liveness ?? ('httpGet' in check.test ? 'process' : 'same');
  const livenessPort = 'httpGet' in check.test ? check.test.port ?? primaryPort : primaryPort;
  // 'process' without a port (a worker): the kubelet already restarts a container whose process exits.
  const liveness = livenessMode === 'same' ? readiness
    : livenessPort === undefined ? undefined
      : kplus.Probe.fromTcpSocket({ port: livenessPort, ...timing });
  const startPeriod = check.startPeriodSeconds;
  const startup = startPeriod === undefined ? undefined : probe(check.test, primaryPort, {
    periodSeconds: Duration.seconds(5),
    timeoutSeconds: timing.timeoutSeconds,
    // Compose tolerates start_period, then interval x retries more, before a container counts as unhealthy.
    failureThreshold: Math.ceil((startPeriod + check.intervalSeconds * check.retries) / 5),
  });
  return { readiness, liveness, startup };
}

/** A probe; HTTP checks without a port use the primary port (cdk8s-plus would use 80). */
function probe(test: HealthCheckSpec['test'], primaryPort: number | undefined, timing: kplus.ProbeOptions): kplus.Probe {
  if ('httpGet' in test) {
    return kplus.Probe.fromHttpGet(test.httpGet, { port: test.port ?? primaryPort, ...timing });
  }
  if ('exec' in test) {
    return kplus.Probe.fromCommand([...test.exec], timing);
  }
  return kplus.Probe.fromTcpSocket({ port: test.tcpPort, ...timing });
}

/**
 * An init container that holds the pod until a dependency answers through its
 * Service: an HTTP GET of its health path where its check is HTTP, a TCP
 * connect otherwise. Logs one line when it starts, one when it is done, and
 * fails after the profile's timeout so the pod's events say what it waited for.
 */
function waitContainer(svc: ServiceSpec, depName: string, ctx: StackContext): kplus.ContainerProps {
  const dep = ctx.service(depName);
  if (dep?.kind === 'worker' && dep.headless === true) {
    // A headless Service publishes only ready pods: its name resolves once one passes its health check.
    return waitProps(svc, ctx, dep.name, `${dep.name} (a ready pod)`, `nslookup ${dep.name}`);
  }
  if (dep === undefined || !('ports' in dep)) {
    throw new Error(`stack '${ctx.spec.name}', service '${svc.name}': 'dependsOn' names '${depName}', which has no port in profile '${ctx.profile.name}'; depend on a service with ports`);
  }
  const test = dep.healthcheck?.test;
  const containerPort = test === undefined ? undefined : 'httpGet' in test ? test.port : 'tcpPort' in test ? test.tcpPort : undefined;
  const port = (dep.ports.find(p => (p.targetPort ?? p.port) === containerPort) ?? dep.ports.find(p => p.protocol !== 'UDP') ?? dep.ports[0]).port;
  const [target, probeCmd] = test !== undefined && 'httpGet' in test
    ? [`http://${dep.name}:${port}${test.httpGet}`, `wget -q -T 5 -O /dev/null 'http://${dep.name}:${port}${test.httpGet}'`]
    : [`${dep.name}:${port}`, `nc -z -w 5 ${dep.name} ${port}`];
  return waitProps(svc, ctx, dep.name, target, probeCmd);
}

/** The init container that runs `check` in the wait image until it succeeds. */
function waitProps(svc: ServiceSpec, ctx: StackContext, depName: string, target: string, check: string): kplus.ContainerProps {
  return {
    name: `wait-for-${depName}`,
    image: WAIT_IMAGE,
    imagePullPolicy: pullPolicy(ctx.profile),
    command: ['sh', '-c', waitLoop(target, check, ctx.profile.waitTimeoutSeconds)],
    resources: resources(ctx.profile.waitResources),
    securityContext: containerSecurity(svc, true),
  };
}

/**
 * A shell loop that runs `check` every 2 seconds until it succeeds. It logs
 * the start and the end, and the last line the check printed (stdout and
 * stderr) every 30 seconds, so a dependency that never gets ready says why;
 * at the timeout it prints the check's last 20 lines and fails.
 */
function waitLoop(what: string, check: string, timeoutSeconds: number): string {
  // Backticks and expr, not $( ): Kubernetes would try to expand $(...) in args itself.
  return [
    `echo "waiting for ${what} (timeout ${timeoutSeconds}s)"`,
    'waited=0',
    `until last=\`{ ${check}; } 2>&1\`; do`,
    `  if [ "$waited" -ge ${timeoutSeconds} ]; then echo "gave up on ${what} after ${timeoutSeconds}s; the check's last output:"; echo "\${last:-(none)}" | tail -n 20; exit 1; fi`,
    `  if [ \`expr $waited % 30\` = 0 ]; then echo "still waiting for ${what} after \${waited}s: \`echo "\${last:-(no output)}" | tail -n 1\`"; fi`,
    '  sleep 2; waited=`expr $waited + 2`',
    'done',
    `echo "${what} is ready after \${waited}s"`,
  ].join('\n');
}

/**
 * An init container that holds the pod until a one-shot Job has done its work
 * (compose `service_completed_successfully`). A pod cannot see the Job without
 * API access, so it runs the Job's own `completionCheck` (for a migration:
 * the schema is at the image's head revision) in the Job's image, with the
 * Job's settings, until it succeeds.
 */
function completionContainer(scope: Construct, svc: ServiceSpec, depName: string, ctx: StackContext): kplus.ContainerProps {
  const dep = ctx.service(depName);
  if (dep === undefined || dep.kind !== 'job' || dep.completionCheck === undefined) {
    throw new Error(`stack '${ctx.spec.name}', service '${svc.name}': 'dependsOn' waits for '${depName}' to complete, but it is not a job with a 'completionCheck'; add one to '${depName}'`);
  }
  const { plain, variables } = envParts(scope, dep, ctx);
  return {
    name: `wait-for-${dep.name}`,
    image: ctx.image(dep),
    imagePullPolicy: pullPolicy(ctx.profile),
    command: ['sh', '-c', waitLoop(`${dep.name} to complete`, dep.completionCheck, ctx.profile.waitTimeoutSeconds)],
    envFrom: Object.keys(plain).length === 0 ? [] : [kplus.Env.fromConfigMap(kplus.ConfigMap.fromConfigMapName(scope, `${dep.name}Env`, envConfigMapName(dep)))],
    envVariables: variables,
    resources: resources(sizing(dep, ctx.profile)),
    securityContext: containerSecurity(dep, true),
  };
}

/** Whether a wait for this Job's completion reads its status from the API server: a Job without its own `completionCheck`. */
export function readsJobStatus(dep: ServiceSpec): boolean {
  return dep.kind === 'job' && dep.completionCheck === undefined;
}

/**
 * An init container that holds the pod until a Job has succeeded (compose
 * `service_completed_successfully`), reading the Job's status from the API
 * server with the pod's Job reader token; the Job's name is in {@link JOB_VARIABLE}.
 */
function jobStatusContainer(svc: ServiceSpec, depName: string, ctx: StackContext, tokenVolume: kplus.Volume): kplus.ContainerProps {
  return {
    name: `wait-for-${depName}`,
    image: JOB_WAIT_IMAGE,
    imagePullPolicy: pullPolicy(ctx.profile),
    command: ['sh', '-c', waitLoop(`${depName} to complete`, jobSucceededCheck(), ctx.profile.waitTimeoutSeconds)],
    envVariables: { [JOB_VARIABLE]: kplus.EnvValue.fromValue(depName) },
    volumeMounts: [{ path: TOKEN_DIR, volume: tokenVolume, readOnly: true }],
    resources: resources(ctx.profile.waitResources),
    securityContext: containerSecurity(svc, true),
  };
}

/** A short, stable content hash. */
export function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
