/**
 * Pure helpers of the compose mapper: DNS labels, compose durations, memory
 * and CPU quantities, command splitting and Secret key names.
 */

/** A DNS-1123 label derived from a compose name: lower case, `-` for anything else, at most 63 characters. */
export function dnsLabel(name: string, max = 63): string {
  const label = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+/, '');
  // Services are DNS-1035 labels: a letter first.
  const lettered = /^[0-9]/.test(label) ? `s-${label}` : label;
  const cut = lettered.slice(0, max).replace(/-+$/, '');
  return cut === '' ? 'service' : cut;
}

/**
 * The longest names the importer derives, so that every name built from them
 * fits in 63 characters: `<stack>-<service>` labels, `<stack>-secrets`,
 * `wait-for-<service>` containers, `<service>-<hash>` Jobs, `pvc-<volume>` volumes.
 */
export const MAX_STACK_NAME = 22;
export const MAX_SERVICE_NAME = 40;

/** Seconds of a compose duration (`1m30s`, `500ms`, `2h`), rounded up; undefined when it does not parse. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Math.ceil(value / 1e9);
  }
  const text = String(value ?? '').trim();
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, 'µs': 1e-6, ns: 1e-9 };
  const parts = [...text.matchAll(/([0-9]+(?:\.[0-9]+)?)(h|ms|m|s|us|µs|ns)/g)];
  if (parts.length === 0 || parts.map(p => p[0]).join('') !== text) {
    return undefined;
  }
  return Math.ceil(parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]], 0) - 1e-9);
}

/**
 * Bytes of a compose size (`512m`, `1g`, `1.5G`, `2 GiB`, `100kb`, a number of
 * bytes): every unit is binary, as compose reads them; undefined when it does not parse.
 */
export function sizeBytes(value: unknown): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([bkmgt]?)i?b?$/i.exec(String(value ?? '').trim());
  if (m === null || (typeof value !== 'string' && typeof value !== 'number')) {
    return undefined;
  }
  return Number(m[1]) * ({ '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 } as Record<string, number>)[m[2].toLowerCase()];
}

/** Bytes as a Kubernetes `Mi`/`Gi` quantity, rounded up to a whole Mi. */
export function bytesQuantity(bytes: number): string {
  const mebibytes = Math.max(1, Math.ceil(bytes / 1024 ** 2));
  return mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`;
}

/** A compose byte size (`512m`, `1g`, `1.5G`, bytes) as a Kubernetes `Mi`/`Gi` quantity. */
export function memoryQuantity(value: unknown): string | undefined {
  const bytes = sizeBytes(value);
  return bytes === undefined ? undefined : bytesQuantity(bytes);
}

/** Bytes of a Kubernetes `Mi`/`Gi` quantity. */
export function quantityBytes(q: string): number {
  return Number(q.slice(0, -2)) * (q.endsWith('Gi') ? 1024 ** 3 : 1024 ** 2);
}

/** Compose `cpus` (`0.5`, `2`) as a Kubernetes CPU quantity. */
export function cpuQuantity(value: unknown): string | undefined {
  const n = Number(value);
  if (!(n > 0)) {
    return undefined;
  }
  return Number.isInteger(n) ? String(n) : `${Math.ceil(n * 1000)}m`;
}

/** Secret key name of a variable: `POSTGRES_PASSWORD` -> `postgres-password`. */
export function secretKeyOf(variable: string): string {
  return variable.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'secret';
}

/**
 * A volume size as a Kubernetes `Mi`/`Gi` quantity, rounded up: compose units
 * (`512m`, `1g`, `1.5GB`, bytes) and Kubernetes ones (`200Mi`, `1Ti`, `500M`,
 * `100Ki`). Every unit counts in powers of 1024, which for the decimal ones
 * (`500M`) asks a little more than written, never less. Undefined when it does not parse.
 */
export function volumeSize(size: string): string | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([kmgtpe]?)(i?)(b?)$/i.exec(String(size).trim());
  if (m === null || (m[3] !== '' && m[2] === '') || !(Number(m[1]) > 0)) {
    return undefined;
  }
  const power = ['', 'k', 'm', 'g', 't', 'p', 'e'].indexOf(m[2].toLowerCase());
  const mebibytes = Math.max(1, Math.ceil(Number(m[1]) * 1024 ** (power - 2) - 1e-9));
  return mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`;
}

/** A volume size as a Kubernetes quantity: `Mi`/`Gi` as written, anything else converted when it parses. */
export function normalizeSize(size: string): string {
  return /^[1-9][0-9]*(Mi|Gi)$/.test(size) ? size : volumeSize(size) ?? size;
}
