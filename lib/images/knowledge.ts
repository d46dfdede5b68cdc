/**
 * What the importer knows of the image a service runs: the verified
 * catalog's entry for its repository and major version, and the facts read
 * from the image itself (its config), which win where the two disagree.
 */
import { EnvMap, HealthCheckSpec, ResourcesSpec, UserSpec } from '../spec/types';
import { catalogEntry, isAlpine, repositoryOf } from './catalog';
import { BASE_IMAGE_USERS, COMMON_USERS } from './catalog-users';
import { CatalogEntry, ImageFacts, ImageHealthcheck, ImagePort, RootEntrypoint } from './types';

/** An image's facts as the mapper uses them. */
export interface ImageKnowledge {
  /** The catalog's entry, when the image is in it. */
  readonly entry?: CatalogEntry;
  /** What was read from the image, when it was. */
  readonly facts?: ImageFacts;
  /** The user it runs as: the image's numeric USER, else the catalog's. @default - unknown: a guess follows */
  readonly user?: UserSpec;
  /** The ports it listens on, as the catalog names them. */
  readonly ports: readonly ImagePort[];
  /** The ports its config exposes that the catalog does not name. */
  readonly exposed: ReadonlyArray<{ readonly port: number; readonly protocol: 'TCP' | 'UDP' }>;
  readonly dataPath?: string;
  readonly dataSize?: string;
  /** Paths it writes: the catalog's, and the image's VOLUMEs but the data directory. */
  readonly writablePaths: readonly string[];
  /** The catalog verified every path it writes, so the root filesystem may be read-only. */
  readonly writesKnown: boolean;
  readonly writableRootReason?: string;
  readonly env: EnvMap;
  /** The image's own HEALTHCHECK, in compose's shape (docker runs it when compose gives none). */
  readonly imageHealthcheck?: Record<string, unknown>;
  /** The catalog's health check. */
  readonly healthcheck?: HealthCheckSpec;
  readonly resources?: ResourcesSpec;
  readonly memoryFloor?: string;
  readonly shutdownSeconds?: number;
  readonly rootEntrypoint?: RootEntrypoint;
  /** Its program needs NET_BIND_SERVICE kept (a file capability). */
  readonly netBindService: boolean;
  /** TODO lines: where the image and the catalog disagree, users to verify. */
  readonly notes: readonly string[];
}

/** Nothing known: a built image, or one neither read nor in the catalog. */
export const NOTHING_KNOWN: ImageKnowledge = { ports: [], exposed: [], writablePaths: [], writesKnown: false, env: {}, netBindService: false, notes: [] };

/** The knowledge of an image reference: the catalog's entry, overridden by the facts read from the image. */
export function knowledgeOf(image: string, facts?: ImageFacts): ImageKnowledge {
  const entry = catalogEntry(image);
  const notes: string[] = [];
  const catalogUser = entry === undefined ? undefined : isAlpine(image) ? entry.alpineUser ?? entry.user : entry.user;
  const user = facts === undefined ? catalogUser : imageUser(image, facts, catalogUser, notes);
  const dataPath = entry?.dataPath;
  const volumes = (facts?.config.volumes ?? []).filter(v => v !== dataPath && !(entry?.writablePaths ?? []).includes(v));
  return {
    entry, facts, user,
    ports: entry?.ports ?? [],
    exposed: exposed(entry, facts),
    dataPath,
    dataSize: entry?.dataSize,
    writablePaths: [...(entry?.writablePaths ?? []), ...volumes],
    writesKnown: entry !== undefined,
    writableRootReason: entry?.writableRootReason,
    env: entry?.env ?? {},
    imageHealthcheck: composeHealthcheck(facts?.config.healthcheck),
    healthcheck: entry?.healthcheck,
    resources: entry?.resources,
    memoryFloor: entry?.memoryFloor,
    shutdownSeconds: entry?.shutdownSeconds,
    rootEntrypoint: entry?.rootEntrypoint ?? rootEntrypointOf(facts),
    netBindService: entry?.netBindService === true,
    notes,
  };
}

/** The TCP and UDP ports the image's config exposes (`8080/tcp`) that the catalog does not name. */
function exposed(entry: CatalogEntry | undefined, facts: ImageFacts | undefined): ImageKnowledge['exposed'] {
  return (facts?.config.exposedPorts ?? []).flatMap(text => {
    const [digits, proto = 'tcp'] = text.toLowerCase().split('/');
    const port = Number(digits);
    const protocol = proto === 'udp' ? 'UDP' as const : 'TCP' as const;
    const valid = /^[0-9]+$/.test(digits) && port >= 1 && port <= 65535 && (proto === 'tcp' || proto === 'udp');
    return valid && !(entry?.ports ?? []).some(p => p.port === port && (p.protocol ?? 'TCP') === protocol) ? [{ port, protocol }] : [];
  });
}

/**
 * The user of the image's config: a numeric USER as it is (its group, else
 * the catalog's group of that UID, else 0 as docker gives it); root or a name
 * the catalog does not know leaves the catalog's user, with a note.
 */
function imageUser(image: string, facts: ImageFacts, catalogUser: UserSpec | undefined, notes: string[]): UserSpec | undefined {
  const raw = (facts.config.user ?? '').trim();
  const [userPart, groupPart] = raw.split(':');
  const named = userPart === '' ? COMMON_USERS.root : /^[0-9]+$/.test(userPart) ? { uid: Number(userPart), gid: undefined } : userNamed(image, userPart);
  if (named === undefined) {
    notes.push(`the image's config runs it as user '${userPart}' (USER ${raw}), whose UID is not known here; find it with docker run --rm --entrypoint id ${image}, and set it with x-stackport.uid`);
    return catalogUser;
  }
  if (named.uid === 0) {
    return catalogUser;
  }
  const group = groupPart === undefined ? undefined : /^[0-9]+$/.test(groupPart) ? Number(groupPart) : userNamed(image, groupPart)?.gid;
  const gid = group ?? named.gid ?? groupOf(image, named.uid) ?? 0;
  const user = { uid: named.uid, gid };
  if (catalogUser !== undefined && (catalogUser.uid !== user.uid || catalogUser.gid !== user.gid)) {
    notes.push(`the image's config runs it as ${user.uid}:${user.gid} (USER ${raw}), the catalog says ${catalogUser.uid}:${catalogUser.gid} for '${repositoryOf(image)}': the image's user is used`);
  }
  return user;
}

/**
 * The users the catalog knows in an image, as [name, user] in the order they
 * are matched: on an alpine tag the alpine variant's first (its main user
 * under that user's names), then the entry's, the base image's and every image's.
 */
function knownUsers(image: string): Array<[string | undefined, UserSpec]> {
  const entry = catalogEntry(image);
  const base = BASE_IMAGE_USERS.find(b => b.repositories.includes(repositoryOf(image)));
  const alpine = isAlpine(image);
  const own = Object.entries(entry?.users ?? {});
  const alpineUser = alpine ? entry?.alpineUser : undefined;
  return [
    ...(alpineUser === undefined ? [] : [...own.filter(([, u]) => u.uid === entry!.user.uid).map(([n]): [string, UserSpec] => [n, alpineUser]), [undefined, alpineUser] as [undefined, UserSpec]]),
    ...(alpine ? Object.entries(base?.alpineUsers ?? {}) : []),
    ...(entry === undefined ? [] : [[undefined, entry.user] as [undefined, UserSpec]]),
    ...own, ...Object.entries(base?.users ?? {}), ...Object.entries(COMMON_USERS),
  ];
}

/** The UID and GID of a user (or group) name in an image, where the catalog knows it. */
export function userNamed(image: string, name: string): UserSpec | undefined {
  return knownUsers(image).find(([n]) => n === name)?.[1];
}

/** The primary GID of a UID in an image's /etc/passwd, where the catalog knows that user. */
export function groupOf(image: string, uid: number): number | undefined {
  return knownUsers(image).find(([, u]) => u.uid === uid)?.[1].gid;
}

/** The image's HEALTHCHECK in compose's shape (durations from nanoseconds), or undefined for none. */
function composeHealthcheck(hc: ImageHealthcheck | undefined): Record<string, unknown> | undefined {
  if (hc === undefined || hc.test.length === 0 || hc.test[0] === 'NONE') {
    return undefined;
  }
  const seconds = (ns: number | undefined) => (ns === undefined || ns <= 0 ? undefined : `${Math.max(1, Math.round(ns / 1e9))}s`);
  return { test: [...hc.test], interval: seconds(hc.interval), timeout: seconds(hc.timeout), start_period: seconds(hc.startPeriod), retries: hc.retries || undefined };
}

/** An entrypoint or command that drops privileges itself (gosu, su-exec, chown) needs root to start. */
function rootEntrypointOf(facts: ImageFacts | undefined): ImageKnowledge['rootEntrypoint'] {
  const words = [...(facts?.config.entrypoint ?? []), ...(facts?.config.cmd ?? [])].join(' ');
  const tool = /\b(gosu|su-exec|setpriv|chown)\b/.exec(words)?.[1];
  return tool === undefined ? undefined : { does: `its command runs '${tool}', which needs root`, nonRoot: 'run the program without it as the user the image prepares (x-stackport.uid), with writable paths for what it chowns' };
}

/** Where an image's facts came from, for the chart header and the import summary. */
export function factsLine(image: string, known: ImageKnowledge, unread: string | undefined): string {
  const { facts, entry } = known;
  const catalog = entry === undefined ? undefined : `the catalog's entry for ${repositoryOf(image)}${entry.minMajor === undefined && entry.maxMajor === undefined ? ''
    : entry.maxMajor === undefined ? ` ${entry.minMajor} and later` : ` ${entry.minMajor ?? 0} to ${entry.maxMajor}`}`;
  const read = facts === undefined ? undefined : `its config, from ${facts.source} ${facts.from}${facts.digest === undefined ? '' : ` (${facts.digest})`}`;
  const why = unread === undefined ? '' : ` (not read: ${unread})`;
  return `'${image}': ${[read, catalog].filter(s => s !== undefined).join(', and ') || `nothing known${why}: its user, ports, writable paths and memory are guesses`}${read === undefined && catalog !== undefined ? why : ''}`;
}

/**
 * The image's data directory makes it a StatefulSet with a claim there: it
 * has one, and its main port is not HTTP (a web app, Grafana say, keeps its
 * data on a volume, and its route; a broker with a web console stays a StatefulSet).
 */
export function claimsData(known: ImageKnowledge): boolean {
  return known.dataPath !== undefined && known.ports[0]?.http !== true;
}
