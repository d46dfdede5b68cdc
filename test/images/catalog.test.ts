/**
 * Every catalog image's facts reach its pod: a one-service compose file per
 * expectation (written from the image's own sources, not from the catalog),
 * with a named volume at the data directory as compose files keep one, is
 * imported and synthesized for production, and the pod is compared with it.
 */
import { CATALOG, catalogEntry } from '../../lib/images/catalog';
import { quantityBytes } from '../../lib/compose/units';
import { mapYaml } from '../import/util';
import { containers, podSpec, PRODUCTION, synthStack } from '../util';
import { EXPECTED_PODS } from './expected';
import { ExpectedPod } from './expected/types';

/** The workload, its pod spec, its main container and its settings for a one-service import of `image`. */
function podOf(image: string, dataPath: string | undefined): { workload: any; pod: any; container: any; env: Record<string, string> } {
  const data = dataPath === undefined ? '' : `    volumes: ["data:${dataPath}"]\nvolumes:\n  data: {}\n`;
  const spec = mapYaml(`services:\n  app:\n    image: ${image}\n${data}`).spec;
  const objects = synthStack(spec, PRODUCTION);
  const workload = objects.find(o => ['Deployment', 'StatefulSet'].includes(o.kind) && containers([o]).some(c => !c.init && c.container.name === 'app'));
  if (workload === undefined) {
    throw new Error(`no Deployment or StatefulSet runs '${image}'`);
  }
  const pod = podSpec(workload);
  const container = pod.containers.find((c: any) => c.name === 'app');
  // Plain settings come from the service's ConfigMap, the rest from the container's own variables.
  const fromMaps = (container.envFrom ?? []).flatMap((f: any) => Object.entries(objects.find(o => o.kind === 'ConfigMap' && o.metadata.name === f.configMapRef?.name)?.data ?? {}));
  const own = (container.env ?? []).filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]);
  return { workload, pod, container, env: Object.fromEntries([...fromMaps, ...own]) };
}

/** What a readiness probe runs, in the expectation's words. */
function probeOf(container: any): string {
  const p = container.readinessProbe;
  if (p?.httpGet !== undefined) {
    return `GET ${p.httpGet.path} :${p.httpGet.port}`;
  }
  if (p?.tcpSocket !== undefined) {
    return `TCP ${p.tcpSocket.port}`;
  }
  const argv: string[] = p?.exec?.command ?? [];
  const words = argv[0] === 'sh' && argv[1] === '-c' ? argv[2].trim().split(/\s+/) : argv;
  return words[0] ?? 'none';
}

/** The paths the container may write: its mounts that are not read-only (every path, on a writable root). */
function writes(container: any, path: string): boolean {
  if (container.securityContext?.readOnlyRootFilesystem !== true) {
    return true;
  }
  return (container.volumeMounts ?? []).some((m: any) => m.readOnly !== true && (path === m.mountPath || path.startsWith(`${m.mountPath}/`)));
}

describe.each(EXPECTED_PODS.map(e => [e.image, e] as [string, ExpectedPod]))('%s', (image, expected) => {
  const { workload, pod, container, env } = podOf(image, expected.dataPath);
  const security = { ...pod.securityContext, ...container.securityContext };

  test('runs in the catalog', () => {
    expect(catalogEntry(image)).toBeDefined();
  });

  test(`runs as ${expected.uid}:${expected.gid}`, () => {
    expect([security.runAsUser, security.runAsGroup]).toEqual([expected.uid, expected.gid]);
  });

  test('may write every path the image writes', () => {
    expect(expected.writable.filter(p => !writes(container, p))).toEqual([]);
  });

  test(expected.dataPath === undefined ? 'keeps nothing on a claim' : `keeps ${expected.dataPath} on a claim`, () => {
    // A StatefulSet's claim template, or a claim of the Deployment's own.
    const claims = [...(workload.spec.volumeClaimTemplates ?? []).map((t: any) => t.metadata.name),
      ...(pod.volumes ?? []).filter((v: any) => v.persistentVolumeClaim !== undefined).map((v: any) => v.name)];
    expect((container.volumeMounts ?? []).filter((m: any) => claims.includes(m.name)).map((m: any) => m.mountPath)).toEqual(expected.dataPath === undefined ? [] : [expected.dataPath]);
  });

  test(`is ready when ${expected.probe} says so`, () => {
    expect(probeOf(container)).toBe(expected.probe);
  });

  test('gets the memory and settings it needs', () => {
    const limit = quantityBytes(container.resources?.limits?.memory ?? '0');
    expect(limit).toBeGreaterThanOrEqual(expected.memoryAtLeast === undefined ? 1 : quantityBytes(expected.memoryAtLeast)!);
    expect(env).toEqual(expect.objectContaining(expected.env ?? {}));
  });
});

test('every cited catalog entry has a pod expectation', () => {
  const cited = CATALOG.filter(e => Object.keys(e.sources).length > 0);
  const uncovered = cited.filter(e => !EXPECTED_PODS.some(p => catalogEntry(p.image) === e)).map(e => `${e.repositories[0]} ${e.minMajor ?? ''}-${e.maxMajor ?? ''}`);
  expect(uncovered).toEqual([]);
});
