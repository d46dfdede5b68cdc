/**
 * The one rule for what a credential is, read by spec validation, the
 * compose importer and the invariant sweep of dist/: by the variable's name
 * (PASSWORD, SECRET, TOKEN, KEY, ...) unless its value is a flag, and by the
 * value alone (a URL with a password, a PEM private key).
 */

/** Words that make a name a credential wherever they stand: `DB_PASS`, `MYSQL_PWD`, `API_KEY_V2`. */
const WORDS = new Set(['PASSWORD', 'PASSWORDS', 'PASSWD', 'PASS', 'PWD', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'KEY', 'KEYS',
  'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'SALT', 'PEPPER']);
/** Words that make a name a credential only as its last word: `REDIS_AUTH`, `SENTRY_DSN`, not `AUTH_METHOD` or `PRIVATE_REGISTRY`. */
const LAST_WORDS = new Set(['AUTH', 'PRIVATE', 'DSN']);
/** A last word ending in a credential word: `PGPASSWORD`, `CLIENTSECRET`, `APIKEY`, `GITHUBTOKEN` (not `SUPERTOKENS_API_DOMAIN`). */
const COMPOUND = /^[A-Z0-9]*(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIALS)S?$|^(API|SECRET|ACCESS|PRIVATE|AUTH|MASTER|ENCRYPTION|SIGNING|LICENSE)KEYS?$/;
/**
 * Last words that describe a credential without holding it: where it is
 * (`_FILE`, `_PATH`), whether it is used (`_ENABLED`), its form or lifetime.
 */
const DESCRIBES = new Set(['FILE', 'PATH', 'DIR', 'ENABLED', 'ENABLE', 'DISABLED', 'DISABLE', 'REQUIRED', 'METHOD', 'METHODS', 'TYPE', 'MODE',
  'LENGTH', 'LEN', 'MIN', 'MAX', 'TTL', 'TIMEOUT', 'EXPIRY', 'EXPIRE', 'EXPIRES', 'EXPIRATION', 'LIFETIME', 'SECONDS', 'MINUTES', 'HOURS', 'DAYS',
  'ALGORITHM', 'ALG', 'PREFIX', 'HEADER', 'NAME', 'PROVIDER', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'USER', 'USERNAME', 'ISSUER', 'AUDIENCE',
  'ROUNDS', 'BITS', 'SIZE', 'STRATEGY', 'BACKEND', 'FORMAT', 'POLICY', 'LOCATION', 'STORE', 'COMMAND', 'CMD']);
/** A value that is a flag, not a credential: `AUTH_REQUIRED=true`-like settings under a credential-looking name. */
const FLAG = /^(true|false|yes|no|on|off|0|1)$/i;
/** `scheme://user:password@host...`: the password is the third group (a `$(VAR)` or `${VAR}` reference is no password). */
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)((?!\$[({])[^@\s/]+)(@.*)$/is;
const URL_PASSWORD_ANYWHERE = /[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:(?!\$[({])[^@\s/]+@/i;
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/;

/** The words of a variable name, upper case: `dbPassword` and `DB_PASSWORD` both give DB, PASSWORD. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().split(/[_.-]+/).filter(w => w !== '');
}

/**
 * Whether a variable's name says it holds a credential: a word such as
 * PASSWORD, PASS, PWD, SECRET, TOKEN, KEY, CREDENTIALS or SALT anywhere, or
 * AUTH, PRIVATE, DSN or one ending in PASSWORD, SECRET or TOKEN (PGPASSWORD) as the last word, unless a last word such as FILE,
 * PATH, ENABLED or TTL says it only describes one. `PWD` alone is the working directory.
 */
export function isCredentialName(name: string): boolean {
  const w = words(name);
  if (w.length === 0 || DESCRIBES.has(w[w.length - 1]) || (w.length === 1 && w[0] === 'PWD')) {
    return false;
  }
  const last = w[w.length - 1];
  return w.some(x => WORDS.has(x)) || LAST_WORDS.has(last) || COMPOUND.test(last);
}

/** A URL with a password written in it, split around the password; undefined for any other value. */
export function passwordInUrl(value: string): { readonly before: string; readonly password: string; readonly after: string } | undefined {
  const m = URL_PASSWORD.exec(value);
  return m === null ? undefined : { before: m[1], password: m[2], after: m[3] };
}

/** Why a variable holds a credential: its name, a URL with a password, or a private key. */
export type CredentialReason = 'name' | 'url' | 'private-key';

/**
 * Whether a variable holds a credential, and why: by its value (a URL with
 * a password anywhere in it, a PEM private key) whatever its name, or by its
 * name unless the value is a flag (`true`, `off`, `0`...).
 */
export function credentialIn(name: string, value: string): CredentialReason | undefined {
  if (PRIVATE_KEY.test(value)) {
    return 'private-key';
  }
  if (URL_PASSWORD_ANYWHERE.test(value)) {
    return 'url';
  }
  return isCredentialName(name) && !FLAG.test(value.trim()) ? 'name' : undefined;
}
