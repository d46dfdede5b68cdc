/** Credentials in an import: whichever variable carries one, weak values, whole-token replacement in commands and the leak check (linear time: scale.integration.test.ts). */
import { MappedStack } from '../../lib/compose/map';
import { render } from '../../lib/synth';
import { ValidationError } from '../../lib/spec/validate';
import { all, LOCAL, PRODUCTION } from '../util';
import { IMPORTED, importFixture, mapYaml, pinned, serviceOf } from './util';

const map = (yaml: string, vars: Record<string, string> = {}): MappedStack => mapYaml(yaml, { vars });
const service = serviceOf;
const fixture = (dir: string) => IMPORTED.find(f => f.dir === dir)!;

describe('a random password carried by variables of any name', () => {
  const PASSWORD = 'Q7vR2xLk9pT4mN8sW3cY6bJ1hF5dG0aZeU2iO7uP4lK=';
  const result = importFixture(fixture('carried-credential'));

  test('every variable that holds it reads the one Secret key', () => {
    expect(result.spec.secrets.map(s => s.key)).toEqual(['postgres-password']);
    expect(service({ spec: result.spec } as MappedStack, 'api').env).toMatchObject({
      PGPASSWORD: { secret: 'postgres-password' }, DATABASE_PASSWORD_ALIAS: { secret: 'postgres-password' }, DB_SETTING: { secret: 'postgres-password' },
      DATABASE_URL: { expand: 'postgres://app:$(PGPASSWORD)@db:5432/app' },
    });
    expect(service({ spec: result.spec } as MappedStack, 'backup').env).toMatchObject({ PGPASSWORD: { secret: 'postgres-password' } });
  });

  test('the value is in neither the chart nor the synthesized ConfigMaps and containers', () => {
    expect(result.chart).not.toContain(PASSWORD);
    const objects = render({ stacks: [pinned(result.spec)], profiles: [LOCAL, PRODUCTION] }).flatMap(r => r.objects);
    expect(all(objects, 'ConfigMap').length).toBeGreaterThan(0);
    expect(all(objects, 'ConfigMap').filter(cm => JSON.stringify(cm).includes(PASSWORD)).map(cm => cm.metadata.name)).toEqual([]);
    expect(JSON.stringify(objects)).not.toContain(PASSWORD);
  });
});

describe('a weak password (also an image, a volume or a user name)', () => {
  const result = importFixture(fixture('weak-credentials'));

  test('imports: a TODO names the variable, the service, where the value also occurs, and the fix', () => {
    expect(result.todos).toContain("service 'web': REDIS_PASSWORD holds a credential whose value is also written as variable POSTGRESQL_USERNAME of service 'postgresql' "
      + "and variable DATABASE_USER of service 'web', so it is no secret and stays visible there: give it a new value in the Secret (key 'redis-password') and change those places to match");
    expect(result.todos).toContain("service 'postgresql': POSTGRESQL_PASSWORD holds a credential whose value is also written as the name of volume 'postgres', the name of service 'postgresql', "
      + "the image of service 'postgresql', the volumes of service 'postgresql', variable RAILS_LOG_DIR of service 'web' and 1 more place, so it is no secret and stays visible there: "
      + "give it a new value in the Secret (key 'postgresql-password') and change those places to match");
  });

  test('is still read from the Secret, but never replaced inside a path or a name', () => {
    const web = service({ spec: result.spec } as MappedStack, 'web');
    expect(web.env).toMatchObject({ POSTGRESQL_PASS: { secret: 'postgresql-password' }, RAILS_LOG_DIR: '/opt/postgres/logs', DATABASE_USER: 'railsuser' });
    expect(web.args?.[2]).toContain('--pid /tmp/postgres-railsserver.pid');
  });
});

describe('a credential in a command', () => {
  const yaml = 'services:\n  a:\n    image: a:1\n    environment: { DB_PASSWORD: "${PW}" }\n'
    + '    command: ["run", "--pw=${PW}", "-p${PW}", "user:${PW}@db", "\'${PW}\'", "${PW}-railsserver", "/opt/${PW}x/logs", "${PW}"]\n'
    + '    healthcheck: { test: ["CMD", "check", "--password", "${PW}"] }\n';
  const m = map(yaml, { PW: 'pw-Sample-1234' });

  test('is replaced as a whole token only', () => {
    expect(service(m, 'a').args).toEqual(['run', '--pw=$(DB_PASSWORD)', '-p$(DB_PASSWORD)', 'user:$(DB_PASSWORD)@db', "'$(DB_PASSWORD)'",
      'pw-Sample-1234-railsserver', '/opt/pw-Sample-1234x/logs', '$(DB_PASSWORD)']);
    expect(service(m, 'a')).toMatchObject({ healthcheck: { test: { exec: ['sh', '-c', 'check --password $DB_PASSWORD'] } } });
  });
});

test('a credential glued to other text refuses the import, naming the variable, the service, the place and the fix', () => {
  let problems: readonly string[] = [];
  try {
    importFixture({ dir: 'leak', files: ['docker-compose.yml'], credentials: [] });
  } catch (e) {
    problems = (e as ValidationError).problems;
  }
  expect(problems).toEqual([
    "the value of API_TOKEN of service 'client' would be written into the chart at services.client.args[1]; write $$API_TOKEN there in the compose file instead of the value, "
    + 'or, if the value is no secret, write it as a plain setting under a name without PASSWORD, SECRET, TOKEN or KEY',
  ]);
});
