/**
 * The state of an import: what is shared by the passes over the services
 * ({@link Mapper}: problems, TODOs, summary, Secret keys, names, routes) and
 * what one service's mappers read ({@link ServiceContext}).
 */
import { factsLine, ImageKnowledge, knowledgeOf } from '../images/knowledge';
import { ImageFacts } from '../images/types';
import { RouteSpec, SecretSpec } from '../spec/types';
import { Service } from './generated/compose-spec';
import { ComposeDoc, docPath, listToMap, LoadedCompose } from './parse';
import { dnsLabel, secretKeyOf } from './units';

/** What the mapper may read beside the compose file (paths relative to the first file's folder). */
export interface ComposeFiles {
  /** 'file', 'dir', or undefined when nothing is there. */
  kind(relativePath: string): 'file' | 'dir' | undefined;
  read(relativePath: string): string;
  /** A file's bytes (configuration files may be binary). */
  bytes(relativePath: string): Uint8Array;
  /** The names in a folder. */
  list(relativePath: string): readonly string[];
  /** Whether a file's mode lets its owner run it (a script a bind mount carries with its mode). */
  executable(relativePath: string): boolean;
}

/** Inputs of {@link mapCompose}. */
export interface MapOptions {
  /** The stack name asked for. */
  readonly name: string;
  /** The compose files, in merge order, as named in the chart header. */
  readonly sources: readonly string[];
  readonly files: ComposeFiles;
  /** Services left out (`--skip-service`). @default - none */
  readonly skipServices?: readonly string[];
  /** What was read from the images at import, by image reference. @default - nothing: the catalog alone */
  readonly imageFacts?: ReadonlyMap<string, ImageFacts>;
  /** Images whose facts could not be read, with the cause. @default - none */
  readonly unreadImages?: ReadonlyMap<string, string>;
}

const FLAG = /^(true|false|yes|no|on|off|0|1|none|disabled?|enabled?)$/i;
const X_STACKPORT_KEYS = ['kind', 'schedule', 'uid', 'gid', 'writablePaths', 'size', 'host', 'path', 'route', 'replicas', 'minReplicas', 'maxReplicas',
  'cpuUtilization', 'completionCheck', 'image', 'ignore', 'ports'];

/** A value distinctive enough to be recognised elsewhere (a URL, a command) as the same credential. */
export function distinctive(value: string): boolean {
  return value.length >= 6 && !FLAG.test(value) && !/^[0-9]+$/.test(value);
}

/** The state shared by the passes over the services. */
export class Mapper {
  readonly problems: string[] = [];
  readonly todos: string[] = [];
  readonly pinTodos: string[] = [];
  readonly summary: string[] = [];
  readonly secrets: SecretSpec[] = [];
  /** Credential value -> [variable, secret key]. */
  readonly byValue = new Map<string, [string, string]>();
  readonly credentials = new Set<string>();
  /** Credential value -> what holds it (`POSTGRES_PASSWORD of service 'db'`) and its variable, for the leak check's message. */
  readonly credentialOrigins = new Map<string, { readonly origin: string; readonly variable?: string }>();
  /** Compose service -> the ports other services reach it on (`zookeeper:2181` in a setting or a command). */
  readonly referencedPorts = new Map<string, Set<number>>();
  /** Compose service -> the compose services that reach it by name or alias (settings, commands, health checks, configs, links). */
  readonly namedBy = new Map<string, Set<string>>();
  /** Compose service -> the compose services whose `depends_on` names it with a condition other than completion (they connect to it). */
  readonly dependedOnBy = new Map<string, Set<string>>();
  /** Compose service -> its network and `links` aliases, in order. */
  readonly aliases = new Map<string, string[]>();
  /**
   * Credential values the compose files also write in the open, each with
   * where (a service, volume or image name, a plain setting): such a value
   * (`MYSQL_PASSWORD=wordpress` beside a service `wordpress`) is no secret.
   * It is read from the Secret, but neither hidden in commands nor guarded against leaks.
   */
  readonly weak = new Map<string, string[]>();
  /** `VARIABLE=value` -> secret key (values kept in memory only, to compare). */
  readonly byVariable = new Map<string, string>();
  readonly names = new Map<string, string>();
  readonly options: Record<string, boolean> = {};
  readonly routes: RouteSpec[] = [];

  private patterns: Array<[string, string, RegExp, RegExp]> | undefined;
  private patternIndex: Map<string, number[]> | undefined;

  private readonly knowledge = new Map<string, ImageKnowledge>();

  constructor(readonly loaded: LoadedCompose, readonly opts: MapOptions) {}

  /** What the catalog and the facts read at import say of an image reference (once per image). */
  imageKnowledge(image: string): ImageKnowledge {
    const known = this.knowledge.get(image) ?? knowledgeOf(image, this.opts.imageFacts?.get(image));
    this.knowledge.set(image, known);
    return known;
  }

  /** Where the facts of each image came from, in the order the services use them. */
  factsLines(): string[] {
    return [...this.knowledge].map(([image, known]) => factsLine(image, known, this.opts.unreadImages?.get(image)));
  }

  /**
   * For each service: its compose name, its spec name, a pattern of either as a
   * host anywhere in a setting, and one of either as an address (`//db`, `@db`, `db:5432`).
   */
  hostPatterns(): Array<[string, string, RegExp, RegExp]> {
    this.patterns = this.patterns ?? [...this.names].map(([composeName, specName]) => {
      const names = `${composeName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|${specName}`;
      return [composeName, specName,
        new RegExp(`(^|//|@|[,=\\s])(${names})(?=:[0-9]+|/|$|[,\\s])`, 'g'),
        new RegExp(`((?://|@)(?:${names})(?=[:/]|$)|(?:^|[,=\\s])(?:${names}):[0-9]+)`)];
    });
    return this.patterns;
  }

  /**
   * The {@link hostPatterns} of the services whose compose or spec name is a
   * whole token of the text (split at characters no name has): the only ones
   * that can match it, found by lookup rather than by trying every pattern.
   */
  hostPatternsIn(text: string): Array<[string, string, RegExp, RegExp]> {
    const all = this.hostPatterns();
    if (this.patternIndex === undefined) {
      this.patternIndex = new Map();
      all.forEach(([composeName, specName], i) => {
        for (const n of new Set([composeName, specName])) {
          this.patternIndex!.set(n, [...(this.patternIndex!.get(n) ?? []), i]);
        }
      });
    }
    const found = new Set(text.split(/[^A-Za-z0-9_.-]+/).flatMap(token => this.patternIndex!.get(token) ?? []));
    return [...found].sort((a, b) => a - b).map(i => all[i]);
  }

  where(service: string, key: string): string {
    return `${this.loaded.origins.get(`${service}/${key}`) ?? this.opts.sources[0]}: ${docPath(['services', service, key])}`;
  }

  /** A credential value that must not be written (compared, never stored in the spec). */
  addCredential(value: string, origin = 'a compose secret file', variable?: string): void {
    if (distinctive(value) && !this.weak.has(value)) {
      this.credentials.add(value);
      if (!this.credentialOrigins.has(value)) {
        this.credentialOrigins.set(value, { origin, variable });
      }
    }
  }

  /** Declares a secret key for a credential value, reusing the key of an equal value. */
  secretFor(variable: string, value: string, service: string): string {
    this.addCredential(value, `${variable} of service '${service}'`, variable);
    const known = distinctive(value) ? this.byValue.get(value) : undefined;
    if (known !== undefined) {
      return known[1];
    }
    // The same variable with the same value in several services (often from one env file) is one key.
    const same = this.byVariable.get(`${variable}=${value}`);
    if (same !== undefined) {
      return same;
    }
    let key = secretKeyOf(variable);
    if (this.secrets.some(s => s.key === key)) {
      key = `${dnsLabel(service)}-${key}`;
    }
    if (!this.secrets.some(s => s.key === key)) {
      this.secrets.push({ key, description: `${variable} of compose service '${service}'` });
    }
    if (distinctive(value)) {
      this.byValue.set(value, [variable, key]);
    }
    this.byVariable.set(`${variable}=${value}`, key);
    return key;
  }
}

/** What the first passes learnt about all services, read while mapping each one. */
export interface MapContext {
  readonly completedTargets: Set<string>;
  readonly volumeUsers: Map<string, number>;
  readonly dataVolumes: Set<string>;
  /** Named volume -> owning service (spec name). */
  readonly owners: Map<string, string>;
  readonly doc: ComposeDoc;
}

/** One service's mappers read this: the shared state, its names, its x-stackport block and labels. */
export interface ServiceBase extends MapContext {
  readonly m: Mapper;
  /** The compose service name. */
  readonly name: string;
  /** The spec name (a DNS label). */
  readonly label: string;
  /** The service's `x-stackport` block. */
  readonly x: Record<string, any>;
  /** The service's compose labels, as strings. */
  readonly labels: Record<string, string>;
  /** Adds a `TODO(import):` line about this service. */
  note(text: string): void;
  /** Where a key of this service is written (file and path), for problems. */
  where(key: string): string;
}

/** The image a service runs: a reference, or built from its compose `build`. */
export type ServiceImage = string | { build: string; args?: Record<string, string> };

/** {@link ServiceBase} once the image is known. */
export interface ServiceContext extends ServiceBase {
  readonly image: ServiceImage;
  /** What the catalog and the image's own config say of the image (nothing for a built one). */
  readonly known: ImageKnowledge;
}

/** The context of one service; an unknown `x-stackport` key is a problem. */
export function serviceBase(m: Mapper, name: string, svc: Service, c: MapContext): ServiceBase {
  const label = m.names.get(name)!;
  const x: Record<string, any> = svc['x-stackport'] ?? {};
  for (const k of Object.keys(x)) {
    if (!X_STACKPORT_KEYS.includes(k)) {
      m.problems.push(`${m.where(name, 'x-stackport')}.${k}: got '${k}'; expected one of ${X_STACKPORT_KEYS.join(', ')}`);
    }
  }
  const labels: Record<string, string> = Object.fromEntries(Object.entries(listToMap(svc.labels)).map(([k, v]) => [k, String(v)]));
  return {
    ...c, m, name, label, x, labels,
    note: (text: string) => m.todos.push(`service '${label}': ${text}`),
    where: (key: string) => m.where(name, key),
  };
}
