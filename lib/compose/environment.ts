/**
 * Variables and commands: `environment` as the loader resolved it, credentials as Secret keys, URLs with a password expanded, and
 * credentials in commands and probes replaced by references to variables.
 */
import { credentialIn, passwordInUrl } from '../spec/credentials';
import { EnvValue } from '../spec/types';
import { distinctive, Mapper, ServiceContext } from './context';
import { Service } from './generated/compose-spec';
import { listToMap } from './parse';
import { shellWords } from './normal-form';

/**
 * Whether the importer puts a variable's value in the Secret as it is: the
 * rule of lib/spec/credentials.ts, which validation reads too, but a URL with
 * a password is expanded instead (only its password goes to the Secret).
 */
export function isCredential(name: string, value: string): boolean {
  return credentialIn(name, value) !== undefined && passwordInUrl(value) === undefined;
}

const environments = new WeakMap<Mapper, Map<string, Array<[string, string]>>>();

/**
 * Every variable of a service with a value, as compose resolves them: the
 * loader (parse.ts) has merged the env files into `environment` and filled
 * pass-through variables from the env file; read once per service and import
 * (the passes ask for it several times).
 */
export function serviceEnvironment(m: Mapper, name: string, svc: any): Array<[string, string]> {
  const cache = environments.get(m) ?? environments.set(m, new Map()).get(m)!;
  const vars = cache.get(name) ?? Object.entries(listToMap(svc.environment))
    .filter(([, v]) => v !== null && v !== undefined).map(([k, v]): [string, string] => [k, String(v)]);
  cache.set(name, vars);
  return vars;
}

/**
 * A value hard to guess: 16 characters or more, or 10 with three kinds of
 * characters. A plain setting equal to it carries the credential; a plain
 * setting equal to a weaker one (`MYSQL_USER=wordpress`) makes it public.
 */
function strong(value: string): boolean {
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter(r => r.test(value)).length;
  return value.length >= 16 || (value.length >= 10 && kinds >= 3);
}

/** Texts of the compose files with where each is written. */
type Places = Array<[string, string]>;

/** The names the compose files give (services, images, volumes, networks, paths): nothing there is secret. */
function namePlaces(m: Mapper, entries: Array<[string, any]>): Places {
  const places: Places = [];
  const doc = m.loaded.doc as Record<string, any>;
  for (const top of ['volumes', 'networks', 'configs', 'secrets']) {
    for (const [k, v] of Object.entries<any>(doc[top] ?? {})) {
      places.push([k, `the name of ${top.slice(0, -1)} '${k}'`]);
      if (typeof v?.name === 'string') {
        places.push([v.name, `the name of ${top.slice(0, -1)} '${k}'`]);
      }
    }
  }
  for (const [name, svc] of entries) {
    places.push([name, `the name of service '${name}'`]);
    for (const key of ['image', 'container_name', 'hostname', 'domainname', 'working_dir', 'user']) {
      if (typeof svc?.[key] === 'string') {
        places.push([svc[key], `the ${key} of service '${name}'`]);
      }
    }
    for (const v of svc?.volumes ?? []) {
      places.push([typeof v === 'string' ? v : `${v?.source ?? ''}:${v?.target ?? ''}`, `the volumes of service '${name}'`]);
    }
  }
  return places;
}

/**
 * The settings (variables not holding a credential; a URL without its
 * password) and the commands and health checks that use values, by service.
 */
function usePlaces(m: Mapper, entries: Array<[string, any]>): { settings: Places; uses: Places } {
  const settings: Places = [];
  const uses: Places = [];
  for (const [name, svc] of entries) {
    for (const [k, v] of serviceEnvironment(m, name, svc ?? {})) {
      const url = passwordInUrl(v);
      if (url !== undefined) {
        settings.push([`${url.before}\0${url.after}`, `variable ${k} of service '${name}'`]);
      } else if (!isCredential(k, v)) {
        settings.push([v, `variable ${k} of service '${name}'`]);
      }
    }
    for (const [key, words] of [['command', svc?.command], ['entrypoint', svc?.entrypoint], ['health check', svc?.healthcheck?.test]]) {
      if (words !== undefined && words !== null) {
        uses.push([[words].flat().join(' '), `the ${key} of service '${name}'`]);
      }
    }
  }
  return { settings, uses };
}

/** The credential values of every service, in order, each with the variable that holds it (`DB_URL_PASSWORD` for a URL's). */
function credentialValues(m: Mapper, entries: Array<[string, any]>): Array<[string, string, string]> {
  const named: Array<[string, string, string]> = [];
  const inUrls: Array<[string, string, string]> = [];
  for (const [name, svc] of entries) {
    for (const [k, v] of serviceEnvironment(m, name, svc ?? {})) {
      const url = passwordInUrl(v);
      if (url !== undefined) {
        inUrls.push([name, `${k}_PASSWORD`, url.password]);
      } else if (isCredential(k, v)) {
        named.push([name, k, v]);
      }
    }
  }
  // Variables named for the credential come first: a URL elsewhere reads theirs.
  return [...named, ...inUrls];
}

/**
 * First pass: credential values the compose files also write in the open
 * are weak (with where), every other one gets its Secret key, so that URLs
 * and commands elsewhere find it. Each text is searched once per distinct value.
 */
export function collectCredentials(m: Mapper, entries: Array<[string, any]>): void {
  const names = namePlaces(m, entries);
  const { settings, uses } = usePlaces(m, entries);
  const joined = (places: Places) => places.map(([text]) => text).join('\0');
  const [nameText, settingText] = [joined(names), joined(settings)];
  const values = credentialValues(m, entries);
  for (const v of new Set(values.map(([, , value]) => value))) {
    if (distinctive(v) && (nameText.includes(v) || (!strong(v) && settingText.includes(v)))) {
      const where = [...names, ...settings, ...uses].filter(([text]) => text.includes(v)).map(([, place]) => place);
      m.weak.set(v, [...new Set(where)]);
    }
  }
  for (const [name, k, v] of values) {
    if (distinctive(v) && !m.weak.has(v) && !m.byValue.has(v)) {
      m.secretFor(k, v, name);
    }
  }
}

/** The places a weak credential value is also written, for its TODO: the first five and how many more. */
function placesOf(m: Mapper, value: string): string {
  const places = m.weak.get(value) ?? [];
  const shown = places.slice(0, 5);
  const more = places.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more place${more === 1 ? '' : 's'}` : shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
}

/** The TODO of a variable whose credential value the compose files also write in the open. */
function noteWeak(c: ServiceContext, variable: string, value: string, key: string): void {
  if (c.m.weak.has(value)) {
    c.note(`${variable} holds a credential whose value is also written as ${placesOf(c.m, value)}, so it is no secret and stays visible there: `
      + `give it a new value in the Secret (key '${key}') and change those places to match`);
  }
}

/**
 * The service's variables over the catalog's: credentials become Secret keys,
 * URLs with a password are expanded; secrets come before the expansions that use them.
 */
export function mapEnvironment(svc: Service, c: ServiceContext): Record<string, EnvValue> {
  const { m, name, known, note } = c;
  const env: Record<string, EnvValue> = { ...known.env };
  for (const [k, v] of serviceEnvironment(m, name, svc)) {
    const url = passwordInUrl(v);
    if (url !== undefined) {
      m.addCredential(url.password, `the password in ${k} of service '${name}'`, k);
      const [variable, key] = m.byValue.get(url.password) ?? [`${k}_PASSWORD`, m.secretFor(`${k}_PASSWORD`, url.password, name)];
      // A variable of the service that reads the same key already (PGPASSWORD for POSTGRES_PASSWORD's value) is the one expanded.
      const same = Object.entries(env).find(([, e]) => typeof e === 'object' && 'secret' in e && e.secret === key)?.[0];
      const holder = same ?? (env[variable] === undefined || (typeof env[variable] === 'object' && 'secret' in (env[variable] as object)) ? variable : `${k}_PASSWORD`);
      env[holder] = { secret: key };
      // Kubernetes expands `$(VAR)` and turns `$$` into `$` in the value: every other `$` is doubled to reach the container as written.
      env[k] = { expand: `${kubernetesLiteral(url.before)}$(${holder})${kubernetesLiteral(url.after)}` };
      noteWeak(c, `the password in ${k}`, url.password, key);
    } else if (isCredential(k, v) || (distinctive(v) && m.byValue.has(v) && !m.weak.has(v))) {
      const key = m.secretFor(k, v, name);
      env[k] = { secret: key };
      if (m.weak.has(v)) {
        noteWeak(c, k, v, key);
      } else if (!distinctive(v) && v !== '') {
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
 * in them become $(VAR) references (declared in `env` when needed); every literal `$` is doubled for Kubernetes.
 */
export function mapCommand(svc: Service, c: ServiceContext, env: Record<string, EnvValue>): { command: string[] | undefined; args: string[] | undefined } {
  const words = (v: any): string[] | undefined => (v === undefined || v === null ? undefined : Array.isArray(v) ? v.map(String) : shellWords(String(v)) ?? [String(v)]);
  const hide = (list: string[] | undefined) => list?.map(w => protectCommand(c.m, w, env));
  const command = hide(words(svc.entrypoint));
  const args = hide(words(svc.command));
  return { command, args };
}

/** Characters around a credential value in a command: it is replaced only as a whole token, never inside a longer word, path or name. */
const BEFORE = String.raw`(?<=^|[\s"'=:@/,;()<>|&]|(?:^|\s)-[A-Za-z])`;
const AFTER = String.raw`(?=$|[\s"'=:@/,;()<>|&])`;
const patterns = new WeakMap<Mapper, { readonly size: number; readonly pattern: RegExp | undefined }>();

/** One pattern of every credential value to hide (not the weak ones), longest first; rebuilt when a value is added. */
function credentialPattern(m: Mapper): RegExp | undefined {
  const cached = patterns.get(m);
  if (cached !== undefined && cached.size === m.byValue.size) {
    return cached.pattern;
  }
  const values = [...m.byValue.keys()].filter(v => !m.weak.has(v)).sort((a, b) => b.length - a.length);
  const pattern = values.length === 0 ? undefined
    : new RegExp(`${BEFORE}(?:${values.map(v => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})${AFTER}`, 'g');
  patterns.set(m, { size: m.byValue.size, pattern });
  return pattern;
}

/**
 * Replaces every credential value in a word, as a whole token (`--password=V`,
 * `-pV`, `user:V@host`, not `/opt/V/logs` or `V-server`), by a reference to
 * the variable that holds its Secret key (declared in `env` when the service has none).
 */
export function hideCredentials(m: Mapper, word: string, env: Record<string, EnvValue>, reference: (variable: string) => string,
  literal: (text: string) => string = text => text): string {
  const pattern = credentialPattern(m);
  if (pattern === undefined) {
    return literal(word);
  }
  let out = '';
  let last = 0;
  for (const match of word.matchAll(pattern)) {
    const [variable, key] = m.byValue.get(match[0])!;
    const holder = Object.entries(env).find(([, v]) => typeof v === 'object' && 'secret' in v && v.secret === key)?.[0] ?? variable;
    env[holder] = env[holder] ?? { secret: key };
    out += literal(word.slice(last, match.index)) + reference(holder);
    last = match.index! + match[0].length;
  }
  return out + literal(word.slice(last));
}

/**
 * Text Kubernetes gives back as written where it expands (container command,
 * args, env values): it turns `$$` into `$` and `$(VAR)` into the value, so
 * every `$` is doubled.
 */
export function kubernetesLiteral(text: string): string {
  return text.replace(/\$/g, '$$$$');
}

/** A command word: its literal text escaped for Kubernetes (every `$` doubled), credentials as `$(VAR)`, which Kubernetes expands. */
export function protectCommand(m: Mapper, word: string, env: Record<string, EnvValue>): string {
  return hideCredentials(m, word, env, v => `$(${v})`, kubernetesLiteral);
}
