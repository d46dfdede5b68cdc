/** A service's variables: every map of them, and the secret keys pasted into URIs. */
import { EnvMap, ServiceSpec, StackSpec, STAGES } from './types';

export const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

// `$$(` is an escaped `$(`, which Kubernetes does not expand.
export const EXPAND_REF = /(?<=(?:^|[^$])(?:\$\$)*)\$\(([^)]*)\)/g;
/** The host of `scheme://host:port` or `user@host:port` in a setting. */
export const URL_HOST = /(?:\/\/|@)([a-z0-9-]+):[0-9]+/g;

/** The characters a value may hold to be pasted into a URI as it is (RFC 3986 "unreserved"). */
export const URL_SAFE = /^[A-Za-z0-9._~-]*$/;

/**
 * The stack's secret keys that some service pastes into a URI
 * (`scheme://user:$(VARIABLE)@host`), in declaration order, each with the
 * variables built from it. Their values must be {@link URL_SAFE}: an `@`, `/`,
 * `:`, `#`, `?` or `%` would break the URI.
 */
export function uriSecretKeys(spec: StackSpec): Map<string, string[]> {
  const uses = new Map<string, Set<string>>();
  for (const svc of spec.services) {
    const maps = allEnvMaps(svc).map(([, m]) => Object.entries(m ?? {}));
    const keyOf = new Map(maps.flat().flatMap(([name, v]) => (typeof v !== 'string' && 'secret' in v ? [[name, v.secret] as const] : [])));
    for (const [name, v] of maps.flat()) {
      if (typeof v !== 'string' && 'expand' in v && v.expand.includes('://')) {
        for (const [, ref] of v.expand.matchAll(EXPAND_REF)) {
          const key = keyOf.get(ref);
          if (key !== undefined) {
            uses.set(key, (uses.get(key) ?? new Set()).add(name));
          }
        }
      }
    }
  }
  return new Map(spec.secrets.filter(s => uses.has(s.key)).map(s => [s.key, [...uses.get(s.key)!].sort()]));
}

/** Every variable map of a service, whatever the stage or options, with its field name. */
export function allEnvMaps(svc: ServiceSpec): Array<[string, EnvMap | undefined]> {
  return [
    ['env', svc.env],
    ...STAGES.map(s => [`envByStage.${s}`, svc.envByStage?.[s]] as [string, EnvMap | undefined]),
    ...Object.entries(svc.envByOption ?? {}).map(([o, m]) => [`envByOption.${o}`, m] as [string, EnvMap]),
  ];
}
