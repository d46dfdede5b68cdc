/**
 * An image config's `config` object (the OCI image spec's, or the `Config` of
 * `docker image inspect`) as an ImageConfig. Pure: the facts file, the local
 * engine and the registry client all read configs through it.
 */
import { ImageConfig, ImageHealthcheck } from './types';

/**
 * The ImageConfig of a `config` object. A missing or null field (or a null
 * object) is absent; a field of the wrong type throws.
 *
 * @param doc the `config` object (`Config` in `docker image inspect`)
 * @param at what the field names in an error start with
 */
export function imageConfigOf(doc: unknown, at = 'config'): ImageConfig {
  if (doc === undefined || doc === null) {
    return {};
  }
  const o = object(doc, at, 'an object of the image config (User, Env, ...)');
  const config: { -readonly [K in keyof ImageConfig]: ImageConfig[K] } = {};
  const user = optional(o.User, v => text(v, `${at}.User`, 'a user name or UID such as "postgres" or "999:999"'));
  if (user !== undefined) config.user = user;
  const ports = optional(o.ExposedPorts, v => keys(v, `${at}.ExposedPorts`, 'an object keyed by "PORT/PROTOCOL" such as {"80/tcp": {}}'));
  if (ports !== undefined) config.exposedPorts = ports;
  const volumes = optional(o.Volumes, v => keys(v, `${at}.Volumes`, 'an object keyed by path such as {"/data": {}}'));
  if (volumes !== undefined) config.volumes = volumes;
  const healthcheck = optional(o.Healthcheck, v => healthcheckOf(v, `${at}.Healthcheck`));
  if (healthcheck !== undefined) config.healthcheck = healthcheck;
  const workingDir = optional(o.WorkingDir, v => text(v, `${at}.WorkingDir`, 'a path such as "/app"'));
  if (workingDir !== undefined) config.workingDir = workingDir;
  const entrypoint = optional(o.Entrypoint, v => texts(v, `${at}.Entrypoint`, 'a list of strings such as ["/entrypoint.sh"]'));
  if (entrypoint !== undefined) config.entrypoint = entrypoint;
  const cmd = optional(o.Cmd, v => texts(v, `${at}.Cmd`, 'a list of strings such as ["postgres"]'));
  if (cmd !== undefined) config.cmd = cmd;
  const env = optional(o.Env, v => texts(v, `${at}.Env`, 'a list of "KEY=value" strings'));
  if (env !== undefined) config.env = env;
  return config;
}

/**
 * `Healthcheck`: `Test` and the durations in nanoseconds. Undefined when it
 * has no `Test` (an inherited check with only timings changed): there is no
 * command to run.
 */
export function healthcheckOf(doc: unknown, at: string): ImageHealthcheck | undefined {
  const o = object(doc, at, 'an object with Test, Interval, Timeout, StartPeriod and Retries');
  const test = optional(o.Test, v => texts(v, `${at}.Test`, 'a list such as ["CMD", "pg_isready"], ["CMD-SHELL", "..."] or ["NONE"]'));
  if (test === undefined || test.length === 0) {
    return undefined;
  }
  const check: { -readonly [K in keyof ImageHealthcheck]: ImageHealthcheck[K] } = { test };
  for (const [field, key] of [['Interval', 'interval'], ['Timeout', 'timeout'], ['StartPeriod', 'startPeriod']] as const) {
    const ns = optional(o[field], v => count(v, `${at}.${field}`, 'a whole number of nanoseconds such as 30000000000'));
    // 0 is "inherit the default", the same as absent.
    if (ns !== undefined && ns !== 0) check[key] = ns;
  }
  const retries = optional(o.Retries, v => count(v, `${at}.Retries`, 'a whole number such as 3'));
  if (retries !== undefined && retries !== 0) check.retries = retries;
  return check;
}

function optional<T>(value: unknown, read: (v: unknown) => T): T | undefined {
  return value === undefined || value === null ? undefined : read(value);
}

/** The value as it appears in an error: JSON, cut short. */
export function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function wrong(at: string, value: unknown, allowed: string): Error {
  return new Error(`${at} must be ${allowed}, got ${shown(value)}`);
}

export function object(value: unknown, at: string, allowed: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw wrong(at, value, allowed);
  }
  return value as Record<string, unknown>;
}

function text(value: unknown, at: string, allowed: string): string {
  if (typeof value !== 'string') {
    throw wrong(at, value, allowed);
  }
  return value;
}

/** A list of strings. */
function texts(value: unknown, at: string, allowed: string): readonly string[] {
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    throw wrong(at, value, allowed);
  }
  return value as string[];
}

function keys(value: unknown, at: string, allowed: string): readonly string[] {
  // In the document's order (docker and podman write map keys sorted).
  return Object.keys(object(value, at, allowed));
}

function count(value: unknown, at: string, allowed: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw wrong(at, value, allowed);
  }
  return value;
}
