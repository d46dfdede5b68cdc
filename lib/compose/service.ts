/**
 * One compose service as a {@link ServiceSpec}: the per-concern mappers in
 * turn (their TODOs come out in this order), then the spec of its kind.
 */
import { FIRST_START_SECONDS } from '../catalog';
import { exhaustive } from '../kinds/exhaustive';
import { SERVICE_KINDS } from '../spec/service-kinds';
import { DependencySpec, EnvMap, EnvValue, FilesSpec, HealthCheckSpec, PortSpec, ResourcesSpec, ScalingSpec, SecretFileSpec, ServiceSpec, UserSpec } from '../spec/types';
import { MapContext, Mapper, ServiceContext, serviceBase } from './context';
import { mapConnections, mapDependsOn } from './dependencies';
import { noteDropped } from './dropped';
import { mapCommand, mapEnvironment } from './environment';
import { Service } from './generated/compose-spec';
import { mapHealthCheck } from './health';
import { imageName, mapImage } from './image';
import { Kind, mapKind, retries } from './kind';
import { mapPorts, mapReachability, namedConnections, Port } from './ports';
import { addRoutes } from './routes';
import { mapOption, mapResources, mapScaling, shutdownSeconds } from './scaling';
import { dropMountedPaths, mapUser, netBindService, writablePaths, writableRoot } from './user';
import { defaultSize, filesPaths, filesSpecOf, MappedVolumes, mapConfigs, mapSecretFiles, mapShmSize, mapVolumes, noteShmMemory } from './volumes';
import { normalizeSize } from './units';

/** The parts of a service the mappers give, before they become the spec of its kind. */
interface Parts {
  readonly kind: Kind;
  readonly schedule: string | undefined;
  readonly ports: Port[];
  readonly portSpecs: PortSpec[];
  readonly env: Record<string, EnvValue>;
  readonly command: string[] | undefined;
  readonly args: string[] | undefined;
  readonly user: UserSpec;
  readonly writable: Set<string>;
  readonly writableRootReason: string | undefined;
  readonly vols: MappedVolumes;
  readonly filesSpec: FilesSpec | FilesSpec[] | undefined;
  readonly shmSize: string | undefined;
  readonly secretFiles: SecretFileSpec[];
  readonly healthcheck: HealthCheckSpec | undefined;
  readonly dependsOn: DependencySpec[];
  readonly connectsTo: Set<string>;
  readonly scaling: ScalingSpec | undefined;
  readonly resources: ResourcesSpec | undefined;
  readonly grace: number | undefined;
  readonly option: string | undefined;
}

/** One service; `svc` has the type the Compose Specification schema generates. */
export function mapService(m: Mapper, name: string, svc: Service, mc: MapContext): ServiceSpec | undefined {
  const base = serviceBase(m, name, svc, mc);
  const image = mapImage(svc, base);
  if (image === undefined) {
    return undefined;
  }
  const c: ServiceContext = { ...base, ...image };
  const { ports, targets, portSpecs } = mapPorts(svc, c);
  const kinded = mapKind(svc, c, portSpecs);
  if (kinded === undefined) {
    return undefined;
  }
  const { kind, schedule } = kinded;
  const env = mapEnvironment(svc, c);
  const { command, args } = mapCommand(svc, c, env);
  const user = mapUser(svc, c);
  const writable = writablePaths(svc, c);
  const vols = mapVolumes(svc, c, kind, writable);
  if (kind !== 'stateful' && c.known.dataPath !== undefined && !vols.volumes.some(v => v.mountPath === c.known.dataPath) && !vols.mounts.some(v => v.mountPath === c.known.dataPath)) {
    c.note(`'${imageName(c)}' keeps its data in ${c.known.dataPath}, where compose mounts no volume (docker keeps an anonymous one across restarts): it is an emptyDir here, lost with the pod; mount a named volume there in compose for a claim`);
  }
  mapConfigs(svc, c, vols.files);
  const secretFiles = mapSecretFiles(svc, c);
  const filesSpec = filesSpecOf(vols);
  const shmSize = mapShmSize(svc, c);
  noteDropped(svc, c);
  const writableRootReason = writableRoot(svc, c, writable);
  // Probes connect over TCP: a UDP port gets none.
  const healthcheck = mapHealthCheck(svc, c, kind, targets, portSpecs.filter(p => p.protocol !== 'UDP'), env);
  const dependsOn = mapDependsOn(svc, c);
  const connectsTo = mapConnections(svc, c, dependsOn, [...(command ?? []), ...(args ?? [])], env);
  namedConnections(c, connectsTo, dependsOn);
  const { replicas, scaling } = mapScaling(svc, c);
  const resources = mapResources(svc, c, env, [...(command ?? []), ...(args ?? [])]);
  noteShmMemory(c, shmSize, resources);
  const grace = shutdownSeconds(svc, c);
  const option = mapOption(svc, c, replicas);
  return specOfKind(svc, c, {
    kind, schedule, ports, portSpecs, env, command, args, user, writable, writableRootReason, vols, filesSpec, shmSize, secretFiles,
    healthcheck, dependsOn, connectsTo, scaling, resources, grace, option,
  });
}

/** The fields every kind has. */
function commonSpec(svc: Service, c: ServiceContext, p: Parts) {
  const { volumes, mounts } = p.vols;
  // A path mounted from a volume, a file or a secret is not also an emptyDir.
  dropMountedPaths(p.writable, [...volumes.map(v => v.mountPath), ...mounts.map(v => v.mountPath), ...p.secretFiles.map(f => f.path),
    ...filesPaths(p.filesSpec), ...(p.shmSize === undefined ? [] : ['/dev/shm']), ...(p.kind === 'stateful' ? [p.vols.dataPath ?? '/data'] : [])]);
  return {
    name: c.label,
    image: c.image,
    ...(p.command === undefined ? {} : { command: p.command }),
    ...(p.args === undefined ? {} : { args: p.args }),
    ...(typeof svc.working_dir === 'string' ? { workingDir: svc.working_dir } : {}),
    ...(Object.keys(p.env).length === 0 ? {} : { env: p.env as EnvMap }),
    ...(p.dependsOn.length === 0 ? {} : { dependsOn: p.dependsOn }),
    ...(p.connectsTo.size === 0 ? {} : { connectsTo: [...p.connectsTo].sort() }),
    user: p.user,
    ...(p.writable.size === 0 ? {} : { writablePaths: [...p.writable] }),
    ...(p.writableRootReason === undefined ? {} : { writableRootReason: p.writableRootReason }),
    ...(netBindService(svc, c) ? { netBindService: true } : {}),
    ...(volumes.length === 0 ? {} : { volumes }),
    ...(mounts.length === 0 ? {} : { mounts }),
    ...(p.filesSpec === undefined ? {} : { files: p.filesSpec }),
    ...(p.shmSize === undefined ? {} : { shmSize: p.shmSize }),
    ...(p.secretFiles.length === 0 ? {} : { secretFiles: p.secretFiles }),
    ...(p.resources === undefined ? {} : { resources: p.resources }),
    ...(p.option === undefined ? {} : { option: p.option }),
    ...(p.grace === undefined || p.grace === 30 ? {} : { shutdownSeconds: p.grace }),
  };
}

/** The spec of the service's kind (a web service's route is added to the stack). */
function specOfKind(svc: Service, c: ServiceContext, p: Parts): ServiceSpec {
  const base = commonSpec(svc, c, p);
  const { kind, portSpecs, healthcheck, scaling } = p;
  const reach = mapReachability(c, kind);
  // A renamed service is printed with its compose name: no name is changed silently.
  c.m.summary.push(`service '${c.label}'${c.label === c.name ? '' : ` (compose service '${c.name}')`} -> ${SERVICE_KINDS[kind].summary}${reach.headless === true ? ' + headless Service' : ''}`);
  addRoutes(c, kind, p.ports, portSpecs);
  switch (kind) {
    case 'web':
      return { kind, ...base, ports: portSpecs as [PortSpec, ...PortSpec[]], ...reach, ...(healthcheck === undefined ? {} : { healthcheck }), ...(scaling === undefined ? {} : { scaling }) };
    case 'stateful': {
      const size0 = defaultSize(c);
      const dataPath = p.vols.dataPath;
      const size = normalizeSize(size0 ?? c.known.dataSize ?? '10Gi');
      if (p.vols.dataVolume === undefined) {
        c.note(`no volume at the data directory ${dataPath ?? '/data'} in compose; the StatefulSet gets a claim there`);
      }
      if (size0 === undefined) {
        c.note(`data volume sized ${size}, a guess (kompose.volume.size or x-stackport.size)`);
      }
      // A first start initialises the data directory: the startup probe allows for it, whatever compose's start_period.
      const firstStart = { ...healthcheck!, startPeriodSeconds: Math.max(healthcheck!.startPeriodSeconds ?? 0, FIRST_START_SECONDS) };
      return { kind, ...base, ports: portSpecs as [PortSpec, ...PortSpec[]], ...reach, healthcheck: firstStart, dataPath: dataPath ?? '/data', dataSize: size };
    }
    case 'worker':
      return { kind, ...base, ...reach, ...(healthcheck === undefined ? {} : { healthcheck }), ...(scaling === undefined ? {} : { scaling }) };
    case 'job': {
      const attempts = retries(svc);
      return { kind, ...base, ...(attempts === undefined ? {} : { backoffLimit: attempts }), ...(c.x.completionCheck === undefined ? {} : { completionCheck: String(c.x.completionCheck) }) };
    }
    case 'cron':
      return { kind, ...base, schedule: String(p.schedule) };
    default:
      return exhaustive(kind, 'service kind');
  }
}
