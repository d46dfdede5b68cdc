/** The one credential rule: which names and values are credentials, and that validation applies the same rule as the importer. */
import { isCredential } from '../../lib/compose/environment';
import { credentialIn, isCredentialName, passwordInUrl } from '../../lib/spec/credentials';
import { ServiceSpec, StackSpec } from '../../lib/spec/types';
import { stackProblems } from '../../lib/spec/validate';

const CREDENTIAL_NAMES = [
  'PASSWORD', 'DB_PASS', 'MYSQL_PWD', 'PGPASSWORD', 'REDIS_PASSWD', 'SSH_PASSPHRASE', 'COOKIE_SECRET', 'CLIENTSECRET', 'GITHUB_TOKEN',
  'SECRET_KEY', 'API_KEY', 'KEY', 'APIKEY', 'STRIPE_APIKEY', 'AWS_ACCESS_KEY_ID', 'JWT_PRIVATE', 'REDIS_AUTH', 'GIT_CREDENTIALS',
  'AUTH_SALT', 'SENTRY_DSN', 'dbPassword', 'db.password', 'KEY_PASSWORD', 'SECRET_KEY_BASE',
];
const PLAIN_NAMES = [
  'AUTHOR', 'OAUTH_ENABLED', 'AUTH_ENABLED', 'AUTH_METHOD', 'POSTGRES_HOST_AUTH_METHOD', 'GF_AUTH_ANONYMOUS_ORG_ROLE', 'PRIVATE_REGISTRY',
  'KEYCLOAK_URL', 'MONKEY', 'BYPASS', 'COMPASS_URL', 'PWD', 'OLDPWD', 'POSTGRES_PASSWORD_FILE', 'SECRET_KEY_PATH', 'PASSWORD_MIN_LENGTH',
  'TOKEN_TTL', 'ACCESS_TOKEN_EXPIRE_MINUTES', 'SALT_ROUNDS', 'DSN_ENABLED', 'CSRF_TOKEN_HEADER', 'PASSENGER_APP_ENV', 'KEYS_DIR', 'SUPERTOKENS_API_DOMAIN',
];

describe('isCredentialName', () => {
  test.each(CREDENTIAL_NAMES)('%s names a credential', name => {
    expect(isCredentialName(name)).toBe(true);
  });
  test.each(PLAIN_NAMES)('%s names no credential', name => {
    expect(isCredentialName(name)).toBe(false);
  });
});

describe('credentialIn', () => {
  test('a flag under a credential name is no credential', () => {
    expect(['true', 'false', '0', '1', 'on', 'OFF', 'yes', 'no'].map(v => credentialIn('REQUIRE_AUTH', v))).toEqual(Array(8).fill(undefined));
    expect(credentialIn('REQUIRE_AUTH', 'basic-user:pw')).toBe('name');
  });

  test('an empty value under a credential name is one (the Secret is where it gets set)', () => {
    expect(credentialIn('DB_PASS', '')).toBe('name');
  });

  test('a URL with a password is one whatever the name, a URL without one or with a reference is not', () => {
    expect(credentialIn('DATABASE_URL', 'postgres://app:s3cret@db:5432/app')).toBe('url');
    expect(credentialIn('CMD', '--uri=mongodb://root:s3cret@mongo/admin')).toBe('url');
    expect(credentialIn('DATABASE_URL', 'postgres://app@db:5432/app')).toBeUndefined();
    expect(credentialIn('WEB_URL', 'http://web:8080/path@x')).toBeUndefined();
    expect(credentialIn('DATABASE_URL', 'postgres://app:$(DB_PASSWORD)@db/app')).toBeUndefined();
  });

  test('a PEM private key is one whatever the name', () => {
    expect(credentialIn('TLS', '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----')).toBe('private-key');
    expect(credentialIn('CA', '-----BEGIN CERTIFICATE-----\nMIIE\n-----END CERTIFICATE-----')).toBeUndefined();
  });

  test('passwordInUrl splits a URL around its password', () => {
    expect(passwordInUrl('redis://:pw-1@cache:6379/0')).toEqual({ before: 'redis://:', password: 'pw-1', after: '@cache:6379/0' });
    expect(passwordInUrl('x postgres://u:p@h')).toBeUndefined();
  });
});

describe('validation and import apply the same rule', () => {
  const worker = (env: Record<string, string>): ServiceSpec => ({ kind: 'worker', name: 'w', image: 'w:1.0.0', user: { uid: 10001, gid: 10001 }, env });
  const stack = (env: Record<string, string>): StackSpec => ({ name: 'x', source: 'test', description: 'test', secrets: [], routes: [], services: [worker(env)] });
  const plain = (name: string) => `stack 'x', service 'w': 'env.${name}' is a plain value, but its name says it is a credential; declare a key in the stack's 'secrets' and read it with { secret: '<key>' }`;

  test('names the importer puts in the Secret are refused as plain values', () => {
    const env = { DB_PASS: 'a', MYSQL_PWD: 'b', APIKEY: 'c', GIT_CREDENTIALS: 'd' };
    expect(stackProblems(stack(env))).toEqual(Object.keys(env).map(plain));
    expect(Object.entries(env).map(([k, v]) => isCredential(k, v))).toEqual([true, true, true, true]);
  });

  test('flags and descriptions of a credential pass both', () => {
    const env = { AUTH_ENABLED: 'true', OAUTH_ENABLED: 'false', AUTHOR: 'me', PASSWORD_MIN_LENGTH: '12', POSTGRES_PASSWORD_FILE: '/run/secrets/db' };
    expect(stackProblems(stack(env))).toEqual([]);
    expect(Object.entries(env).map(([k, v]) => isCredential(k, v))).toEqual([false, false, false, false, false]);
  });

  test('a private key in a plain value is refused', () => {
    expect(stackProblems(stack({ TLS: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----' }))).toEqual([
      "stack 'x', service 'w': 'env.TLS' holds a private key in plain text; declare a key in the stack's 'secrets' and read it with { secret: '<key>' }, or mount it with 'secretFiles'",
    ]);
  });
});
