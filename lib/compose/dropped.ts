/**
 * What is not carried over: keys refused under Pod Security "restricted"
 * (all reported at once), and keys dropped with a TODO.
 */
import { Mapper, ServiceContext } from './context';
import { Service } from './generated/compose-spec';
import { volumeMounts } from './volumes';

/** The one capability Pod Security "restricted" lets a container add. */
export const NET_BIND_SERVICE = /^(CAP_)?NET_BIND_SERVICE$/i;

/** Compose keys that have no safe equivalent under Pod Security restricted. */
const REFUSED: ReadonlyArray<[string, (v: any) => boolean, string]> = [
  ['privileged', v => v === true, 'a privileged container controls the node'],
  ['cap_add', v => Array.isArray(v) && v.some(c => !NET_BIND_SERVICE.test(String(c))), 'every capability is dropped, and none but NET_BIND_SERVICE may be added'],
  ['network_mode', v => v === 'host', 'the host network bypasses NetworkPolicies and exposes every port of the node'],
  ['pid', v => v === 'host', 'the host PID namespace lets the container see and signal every process of the node'],
  ['ipc', v => v === 'host', 'the host IPC namespace shares the node\'s memory segments'],
  ['devices', v => Array.isArray(v) && v.length > 0, "the container would reach the node's hardware"],
];

/** How the importer handles a compose service key: which mapper reads it, refused, or dropped (why; the fix). */
export type KeyHandling = { readonly mapped: string } | { readonly refused: true } | { readonly dropped: string; readonly fix: string };

const mapped = (by: string): KeyHandling => ({ mapped: by });
const refused: KeyHandling = { refused: true };
const dropped = (why: string, fix = 'remove it from compose, or keep it and accept the difference'): KeyHandling => ({ dropped: why, fix });
const RESOURCES = 'set deploy.resources (or the chart\'s resources), which become requests and limits';

/**
 * Every key of a compose service (the Compose Specification's `service`
 * schema) and how it is handled; a test holds this table to the schema, so a
 * new key cannot be dropped silently.
 */
export const SERVICE_KEYS: Readonly<Record<string, KeyHandling>> = {
  image: mapped('image.ts'), build: mapped('image.ts'), command: mapped('environment.ts'), entrypoint: mapped('environment.ts'),
  environment: mapped('environment.ts'), env_file: mapped('environment.ts'), ports: mapped('ports.ts'), expose: mapped('ports.ts'),
  volumes: mapped('volumes.ts'), tmpfs: mapped('user.ts'), configs: mapped('volumes.ts'), secrets: mapped('volumes.ts'), read_only: mapped('user.ts'),
  user: mapped('user.ts'), working_dir: mapped('service.ts'), healthcheck: mapped('health.ts'), depends_on: mapped('dependencies.ts'),
  links: mapped('dependencies.ts'), restart: mapped('kind.ts'), labels: mapped('kind.ts, dropped.ts'), deploy: mapped('scaling.ts'), scale: mapped('scaling.ts'),
  profiles: mapped('scaling.ts'), stop_grace_period: mapped('scaling.ts'),
  shm_size: mapped('volumes.ts'),
  // Every capability is dropped anyway.
  cap_drop: mapped('the pod template'),
  privileged: refused, cap_add: mapped('user.ts (NET_BIND_SERVICE; any other is refused)'), pid: refused, ipc: refused, devices: refused, network_mode: mapped('dropped.ts'),
  container_name: dropped('Kubernetes names the pods', 'refer to the service by its name'),
  hostname: dropped('the Service name is the host name', 'refer to the service by its name'),
  domainname: dropped('pods take the cluster domain', 'use the Service name, or its cluster FQDN'),
  networks: dropped('NetworkPolicies follow depends_on, links and the addresses in settings', 'add the service to connectsTo in the chart if a connection is missing'),
  logging: dropped('the cluster collects logs'), ulimits: dropped('not settable per pod', 'raise the node\'s limits if the image needs more'),
  sysctls: dropped('not admitted under Pod Security "restricted"'), security_opt: dropped('pods run with seccomp RuntimeDefault'),
  extra_hosts: dropped('pods resolve names through cluster DNS', 'give the host a Service (ExternalName) or use its DNS name'),
  dns: dropped('pods use the cluster DNS'), dns_opt: dropped('pods use the cluster DNS options', 'set dnsConfig.options on the pod by hand'),
  dns_search: dropped('pods search the namespace\'s domains', 'set dnsConfig.searches on the pod by hand'),
  stdin_open: dropped('no terminal'), tty: dropped('no terminal'), attach: dropped('logs are read with kubectl logs'),
  init: dropped('the image\'s entrypoint is PID 1, without an init to reap zombies or forward signals', 'use an image with tini or dumb-init as its entrypoint'),
  stop_signal: dropped('Kubernetes stops containers with SIGTERM', 'add a preStop hook that sends the signal, or make the image stop on SIGTERM'),
  pids_limit: dropped('the kubelet\'s pod PID limit applies', 'set podPidsLimit on the nodes'),
  group_add: dropped('the pod runs with its own group and fsGroup only', 'set x-stackport gid to the group the image needs'),
  volumes_from: dropped('pods do not share volumes by container', 'mount the same named volumes in both services'),
  cgroup: dropped('pods get their own cgroup'), cgroup_parent: dropped('the kubelet places pods in cgroups'),
  userns_mode: dropped('user namespaces are a node setting'), uts: dropped('pods get their own UTS namespace'),
  platform: dropped('the nodes decide the platform', 'pick nodes of that architecture with a nodeSelector on kubernetes.io/arch'),
  pull_policy: dropped('the profile decides the pull policy (imagePullPolicy)', 'set imagePullPolicy in the profile'),
  pull_refresh_after: dropped('the profile decides the pull policy'),
  runtime: dropped('the node\'s runtime runs every pod', 'set a runtimeClassName on the pod by hand'),
  isolation: dropped('Windows isolation is a node setting'), storage_opt: dropped('the storage class decides', 'choose the profile\'s storage class'),
  oom_score_adj: dropped('the kubelet sets it from the QoS class', RESOURCES), oom_kill_disable: dropped('not settable per pod', RESOURCES),
  mem_swappiness: dropped('swap is a node setting'), memswap_limit: dropped('swap is a node setting', RESOURCES),
  mem_limit: mapped('scaling.ts'), mem_reservation: mapped('scaling.ts'),
  cpus: mapped('scaling.ts'), cpu_count: dropped('only deploy.resources is read', RESOURCES),
  cpu_percent: dropped('only deploy.resources is read', RESOURCES), cpu_shares: mapped('scaling.ts'),
  cpu_quota: dropped('only deploy.resources is read', RESOURCES), cpu_period: dropped('only deploy.resources is read', RESOURCES),
  cpu_rt_period: dropped('real-time scheduling is not admitted'), cpu_rt_runtime: dropped('real-time scheduling is not admitted'),
  cpuset: dropped('the kubelet\'s CPU manager decides', RESOURCES), blkio_config: dropped('block I/O weights are not settable per pod'),
  device_cgroup_rules: dropped('devices are not admitted under Pod Security "restricted"'), gpus: dropped('GPUs are requested as extended resources', 'request nvidia.com/gpu in the resources by hand'),
  credential_spec: dropped('Windows credential specs are not supported'), mac_address: dropped('pods get their addresses from the network'),
  external_links: dropped('they name containers outside the stack', 'give the outside service a Service of the same name'),
  annotations: dropped('container annotations are not pod annotations', 'add pod annotations by hand if a tool reads them'),
  label_file: dropped('only labels are read', 'write the labels in compose'), develop: dropped('compose watch is for development'),
  extends: mapped('parse.ts'), provider: dropped('a provider service is run by a compose plugin', 'deploy what the provider creates yourself'),
  models: dropped('compose models are run by Docker Model Runner', 'deploy the model server as a service'),
  post_start: dropped('lifecycle hooks are not imported', 'add a postStart hook by hand'), pre_stop: dropped('lifecycle hooks are not imported', 'add a preStop hook by hand'),
  use_api_socket: dropped('the Docker API is not reachable', 'read the Kubernetes API with a ServiceAccount'),
};

/** Refused keys and container runtime sockets of a service, as problems (unless x-stackport.ignore lists them). */
export function refusals(m: Mapper, name: string, svc: any): void {
  const ignored: string[] = svc?.['x-stackport']?.ignore ?? [];
  const fix = (key: string) => `remove it, leave the service out with --skip-service ${name}, or run without it with x-stackport: { ignore: [${key}] }`;
  for (const [key, applies, why] of REFUSED) {
    if (svc?.[key] !== undefined && applies(svc[key]) && !ignored.includes(key)) {
      m.problems.push(`${m.where(name, key)}: '${key}: ${Array.isArray(svc[key]) ? svc[key].join(', ') : svc[key]}' has no equivalent under Pod Security "restricted" (${why}); ${fix(key)}`);
    }
  }
  for (const [i, v] of volumeMounts(svc ?? {}).entries()) {
    if (/\/(docker|containerd|podman|crio)\.sock$/.test(v.source ?? '') && !ignored.includes('volumes')) {
      m.problems.push(`${m.where(name, 'volumes')}[${i}]: mounting '${v.source}' gives the container control of the node's container runtime; read the Kubernetes API with a ServiceAccount instead, or ${fix('volumes')}`);
    }
  }
}

/** A TODO for each key that is dropped (service, key, value, why, fix), and for a `network_mode` other than host. */
export function noteDropped(svc: Service, c: ServiceContext): void {
  for (const [key, handling] of Object.entries(SERVICE_KEYS)) {
    const value = (svc as Record<string, unknown>)[key];
    if (value !== undefined && value !== '' && 'dropped' in handling) {
      c.note(`'${key}: ${shown(value)}' is dropped: ${handling.dropped}; ${handling.fix}`);
    }
  }
  if (svc.network_mode !== undefined && svc.network_mode !== 'host') {
    c.note(`network_mode '${svc.network_mode}' is dropped: the service runs in its own pod with its own address`);
  }
  noteDeploy(svc, c);
  noteLabels(c);
}

const ROLLING = 'pods are replaced by the rolling update of the Deployment or StatefulSet (25% surge and unavailable), and undone with kubectl rollout undo';

/**
 * Swarm's `deploy` keys the importer does not read (mode is read by kind.ts,
 * replicas, resources and restart_policy's condition and max_attempts by scaling.ts
 * and kind.ts): why each is dropped, and the fix.
 */
export const DEPLOY_KEYS: Readonly<Record<string, KeyHandling>> = {
  mode: mapped('kind.ts'), replicas: mapped('scaling.ts'), resources: mapped('scaling.ts'), restart_policy: mapped('kind.ts'),
  labels: dropped('they label the swarm service; the Kubernetes objects carry the stack\'s own labels (app.kubernetes.io/*)', 'add them as annotations by hand if a tool reads them'),
  placement: dropped('swarm constraints and preferences pick nodes; the scheduler places the pods on any node', 'set a nodeSelector (constraints), node affinity (preferences) or a topology spread (max_replicas_per_node) on the pod by hand'),
  update_config: dropped(ROLLING, 'set strategy.rollingUpdate (maxSurge, maxUnavailable) on the Deployment by hand'),
  rollback_config: dropped(ROLLING, 'roll back with kubectl rollout undo, or set strategy.rollingUpdate on the Deployment by hand'),
  endpoint_mode: dropped('the Service has one virtual IP that balances connections', 'for DNS round robin, make the Service headless (clusterIP: None) by hand'),
};

/** Values compose fills in or that say nothing: no TODO for them. */
function isDefault(key: string, value: unknown): boolean {
  if (value === undefined || value === null || value === '' || (key === 'endpoint_mode' && value === 'vip')) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.length === 0;
  }
  return typeof value === 'object' && Object.entries(value as object).every(([k, v]) => isDefault(k, v));
}

/** A TODO for each `deploy` key that is dropped, and for what `resources` and `restart_policy` hold beyond what is read. */
function noteDeploy(svc: Service, c: ServiceContext): void {
  const deploy = (svc.deploy ?? {}) as Record<string, any>;
  for (const [key, value] of Object.entries(deploy)) {
    const handling = DEPLOY_KEYS[key];
    if (handling !== undefined && 'dropped' in handling && !isDefault(key, value)) {
      c.note(`'deploy.${key}: ${shown(value)}' is dropped: ${handling.dropped}; ${handling.fix}`);
    }
  }
  const policy = deploy.restart_policy ?? {};
  const timing = Object.fromEntries(['delay', 'window'].filter(k => !isDefault(k, policy[k])).map(k => [k, policy[k]]));
  if (Object.keys(timing).length > 0) {
    c.note(`'deploy.restart_policy: ${shown(timing)}' is dropped: the kubelet restarts a container with its own back-off (10s doubling to 5m); remove it, or accept the difference`);
  }
  const devices = deploy.resources?.reservations?.devices;
  if (!isDefault('devices', devices)) {
    c.note(`'deploy.resources.reservations.devices: ${shown(devices)}' is dropped: GPUs and other devices are requested as extended resources; request nvidia.com/gpu (or the device plugin's resource) in the resources by hand`);
  }
  const pids = deploy.resources?.limits?.pids;
  if (!isDefault('pids', pids)) {
    c.note(`'deploy.resources.limits.pids: ${shown(pids)}' is dropped: the kubelet's pod PID limit applies; set podPidsLimit on the nodes`);
  }
}

/** Labels that configure a reverse proxy from the container's labels (traefik, caddy-docker-proxy). */
const PROXY_LABEL = /^(traefik|caddy(_[0-9]+)?)(\.|$)/;

/** Up to five keys, then how many more. */
function someKeys(keys: readonly string[]): string {
  return `${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}`;
}

/** One TODO for a service's own labels (not kompose's nor compose's), and one for reverse proxy labels. */
function noteLabels(c: ServiceContext): void {
  const keys = Object.keys(c.labels).filter(k => !k.startsWith('kompose.') && !k.startsWith('com.docker.compose.'));
  const proxy = keys.filter(k => PROXY_LABEL.test(k));
  const plain = keys.filter(k => !PROXY_LABEL.test(k));
  if (plain.length > 0) {
    c.note(`label${plain.length === 1 ? '' : 's'} ${someKeys(plain)} ${plain.length === 1 ? 'is' : 'are'} dropped: compose puts labels on the container; the pods carry the stack's own labels (app.kubernetes.io/*); add them as pod annotations by hand if a tool reads them`);
  }
  if (proxy.length > 0) {
    c.note(`reverse proxy label${proxy.length === 1 ? '' : 's'} ${someKeys(proxy)} ${proxy.length === 1 ? 'is' : 'are'} dropped: the proxy is not deployed, and the routes come from the ports and x-stackport host/path instead; set x-stackport host and path for the route the proxy gave`);
  }
}

/** A compose value in one short line. */
function shown(value: unknown): string {
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
