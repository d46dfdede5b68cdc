/**
 * Variables and commands: env files and `environment` as compose resolves
 * them, credentials as Secret keys, URLs with a password expanded, and
 * credentials in commands and probes replaced by references to variables.
 */
import { EnvValue } from '../spec/types';
import { distinctive, Mapper, ServiceContext } from './context';
import { Service } from './generated/compose-spec';
import { listToMap, parseEnvFile } from './parse';
import { splitCommand } from './units';

const CREDENTIAL_NAME = /(^|[_.-])(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|KEY|APIKEY|PRIVATE|AUTH|CREDENTIALS?)([_.-]|$)/i;
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]+)(@.*)$/i;

/**
 * Whether a variable holds a credential, by its name alone: policy scanners
 * flag such names in a ConfigMap whatever the value, so the value goes to the
 * Secret (a URL with a password is expanded instead).
 */
export function isCredential(name: string, value: string): boolean {
  // POSTGRES_PASSWORD_FILE=/run/secrets/db: the path of a secret file, not the secret.
  if (/_FILE$/i.test(name) && value.startsWith('/')) {
    return false;
  }
  return CREDENTIAL_NAME.test(name) && !URL_PASSWORD.test(value);
}

/** Every variable of a service, env files first, then `environment`, as compose resolves them. */
export function serviceEnvironment(m: Mapper, name: string, svc: any, quiet = false): Array<[string, string]> {
  const vars: Record<string, string> = {};
  for (const f of svc.env_file ?? []) {
    const path = typeof f === 'string' ? f : f.path;
    const required = typeof f === 'string' || f.required !== false;
    if (m.opts.files.kind(path) === 'file') {
      Object.assign(vars, parseEnvFile(m.opts.files.read(path)));
    } else if (required && !quiet) {
      m.problems.push(`${m.where(name, 'env_file')}: env file '${path}' does not exist beside ${m.opts.sources[0]}; create it or mark it 'required: false'`);
    }
  }
  for (const [k, v] of Object.entries(listToMap(svc.environment))) {
    if (v === null || v === undefined) {
      if (!quiet) {
        m.todos.push(`service '${name}': variable ${k} is passed through from the shell in compose; it is left out, set it in the chart`);
      }
      continue;
    }
    vars[k] = String(v);
  }
  return Object.entries(vars);
}

/** First pass: every credential variable's value gets its Secret key, so that URLs and commands elsewhere find it. */
export function collectCredentials(m: Mapper, entries: Array<[string, any]>): void {
  for (const [name, svc] of entries) {
    m.publicValues.add(name);
    for (const [k, v] of serviceEnvironment(m, name, svc ?? {}, true)) {
      if (!isCredential(k, v)) {
        m.publicValues.add(v);
      }
    }
  }
  const weak = new Set<string>();
  for (const [name, svc] of entries) {
    for (const [k, v] of serviceEnvironment(m, name, svc ?? {}, true)) {
      if (isCredential(k, v) && m.publicValues.has(v) && !weak.has(`${name}/${k}`)) {
        weak.add(`${name}/${k}`);
        m.todos.push(`${k} of service '${name}' has a value the compose files also write as a plain setting or a name, so it is no secret: give it a new value in the Secret`);
      } else if (isCredential(k, v) && distinctive(v) && !m.byValue.has(v)) {
        m.secretFor(k, v, name);
      }
    }
  }
}

/**
 * The service's variables over the catalog's: credentials become Secret keys,
 * URLs with a password are expanded; secrets come before the expansions that use them.
 */
export function mapEnvironment(svc: Service, c: ServiceContext): Record<string, EnvValue> {
  const { m, name, known, note } = c;
  const env: Record<string, EnvValue> = { ...(known?.env ?? {}) };
  for (const [k, v] of serviceEnvironment(m, name, svc)) {
    const url = URL_PASSWORD.exec(v);
    if (url !== null) {
      m.addCredential(url[2]);
      const [variable, key] = m.byValue.get(url[2]) ?? [`${k}_PASSWORD`, m.secretFor(`${k}_PASSWORD`, url[2], name)];
      const holder = env[variable] === undefined || (typeof env[variable] === 'object' && 'secret' in (env[variable] as object)) ? variable : `${k}_PASSWORD`;
      env[holder] = { secret: key };
      env[k] = { expand: `${url[1]}$(${holder})${url[3]}` };
    } else if (isCredential(k, v) || (distinctive(v) && m.byValue.has(v) && !m.publicValues.has(v))) {
      env[k] = { secret: m.secretFor(k, v, name) };
      if (!distinctive(v) && v !== '') {
        note(`${k} goes to the Secret because its name looks like a credential; if it is a plain setting, write it as a string`);
      }
    } else {
      env[k] = v;
    }
  }
  // Expanded values refer to secrets defined before them: keep secrets first among the expansions' inputs.
  return Object.fromEntries(Object.entries(env).sort(([, a], [, b]) => rank(a) - rank(b)));
}

function rank(v: EnvValue): number {
  return typeof v === 'object' && 'expand' in v ? 1 : 0;
}

/**
 * `entrypoint` and `command` as the container's command and args: credentials
 * in them become $(VAR) references (declared in `env` when needed); a literal $( is escaped for Kubernetes.
 */
export function mapCommand(svc: Service, c: ServiceContext, env: Record<string, EnvValue>): { command: string[] | undefined; args: string[] | undefined } {
  const words = (v: any): string[] | undefined => (v === undefined || v === null ? undefined : Array.isArray(v) ? v.map(String) : splitCommand(String(v)));
  const hide = (list: string[] | undefined) => list?.map(w => protectCommand(c.m, w, env));
  const command = hide(words(svc.entrypoint));
  const args = hide(words(svc.command));
  return { command, args };
}

/**
 * Replaces every credential value in a word by a reference to the variable
 * that holds its Secret key (declared in `env` when the service has none).
 */
export function hideCredentials(m: Mapper, word: string, env: Record<string, EnvValue>, reference: (variable: string) => string): string {
  let out = word;
  for (const [value, [variable, key]] of [...m.byValue.entries()].sort(([a], [b]) => b.length - a.length)) {
    if (out.includes(value)) {
      const holder = Object.entries(env).find(([, v]) => typeof v === 'object' && 'secret' in v && v.secret === key)?.[0] ?? variable;
      env[holder] = env[holder] ?? { secret: key };
      out = out.split(value).join(reference(holder));
    }
  }
  return out;
}

/** A command word: a literal `$(` escaped for Kubernetes, credentials as `$(VAR)`, which Kubernetes expands. */
export function protectCommand(m: Mapper, word: string, env: Record<string, EnvValue>): string {
  return hideCredentials(m, word.replace(/\$\(/g, '$$$$('), env, v => `$(${v})`);
}
