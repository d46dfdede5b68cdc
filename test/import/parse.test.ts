/** Reading compose files: interpolation, env files, YAML, schema errors and merging. */
import { interpolate, InterpolationReport, loadCompose, parseEnvFile, schemaProblems } from '../../lib/compose/parse';
import { ValidationError } from '../../lib/spec/validate';

const report = (): InterpolationReport => ({ used: new Set(), unset: new Set() });
const problemsOf = (f: () => unknown): readonly string[] => {
  try {
    f();
  } catch (e) {
    return (e as ValidationError).problems;
  }
  return [];
};

describe('interpolation', () => {
  const vars = { SET: 'value', EMPTY: '' };
  test.each([
    ['${SET}', 'value'], ['$SET/x', 'value/x'], ['${UNSET:-d}', 'd'], ['${EMPTY:-d}', 'd'], ['${EMPTY-d}', ''], ['${UNSET-d}', 'd'],
    ['$$SET', '$SET'], ['$${SET}', '${SET}'], ['${UNSET:-${SET}-x}', 'value-x'], ['${SET:+alt}', 'alt'], ['${EMPTY:+alt}', ''], ['a$', 'a$'],
  ])('%s gives %s', (text, expected) => {
    expect(interpolate(text, vars, report())).toBe(expected);
  });

  test('an unset variable becomes empty and is reported', () => {
    const r = report();
    expect(interpolate('x${NOPE}y', vars, r)).toBe('xy');
    expect([...r.unset]).toEqual(['NOPE']);
  });

  test('${VAR:?message} fails with the message when the variable is unset or empty', () => {
    expect(() => interpolate('${EMPTY:?set EMPTY first}', vars, report())).toThrow('required variable EMPTY is empty: set EMPTY first');
    expect(() => interpolate('${UNSET?needed}', vars, report())).toThrow('required variable UNSET is not set: needed');
    expect(interpolate('${EMPTY?needed}', vars, report())).toBe('');
  });
});

test('env files: comments, export, quotes and inline comments', () => {
  expect(parseEnvFile('# c\nexport A=1\nB="two words" # note\nC=\'single\'\nD=x # tail\n\nnot a line\n')).toEqual({ A: '1', B: 'two words', C: 'single', D: 'x' });
});

test('schema problems name the file, the document path, the value and what is expected', () => {
  expect(schemaProblems('compose.yml', { services: { web: { image: 'nginx', ports: ['80:80', true] } } })).toEqual([
    'compose.yml: services.web.ports[1]: got true; expected a number or a string or an object',
  ]);
  expect(schemaProblems('compose.yml', { services: { web: { image: 'nginx', depends_on: { db: { condition: 'whenever' } } } } })).toEqual([
    'compose.yml: services.web.depends_on.db.condition: got "whenever"; expected one of "service_started", "service_healthy", "service_completed_successfully"',
  ]);
  expect(schemaProblems('compose.yml', { services: { web: { image: 'nginx', restart: 'sometimes', bogus: 1 } } })).toEqual([
    'compose.yml: services.web.bogus: got 1; expected no such key (see the Compose Specification)',
  ]);
});

test('a required variable that is missing is refused with the file and the path', () => {
  expect(problemsOf(() => loadCompose([{ file: 'a.yml', text: 'services:\n  web:\n    image: "x:${TAG:?pin the tag}"\n' }], {}))).toEqual([
    "a.yml: services.web.image: required variable TAG is not set: pin the tag",
  ]);
});

test('YAML syntax errors name the file and the line', () => {
  expect(problemsOf(() => loadCompose([{ file: 'bad.yml', text: 'services:\n  web:\n    image: [unclosed\n' }], {}))[0]).toMatch(/^bad\.yml: line \d+: .*; fix the YAML syntax$/);
});

test('files merge as docker compose merges them: scalars replace, maps merge, ports append, mounts merge by target', () => {
  const base = 'services:\n  api:\n    image: a:1\n    command: [serve]\n    ports: ["80:80"]\n    environment: [A=1, B=2]\n    volumes: [data:/data, logs:/logs]\n    healthcheck: { test: [CMD, x], interval: 5s }\n';
  const over = 'services:\n  api:\n    command: [serve, --fast]\n    ports: ["443:443"]\n    environment: { B: "3" }\n    volumes: [other:/data]\n    healthcheck: { interval: 9s }\n';
  const { doc } = loadCompose([{ file: 'a.yml', text: base }, { file: 'b.yml', text: over }], {});
  expect(doc.services!.api).toEqual({
    image: 'a:1', command: ['serve', '--fast'], ports: ['80:80', '443:443'], environment: { A: '1', B: '3' },
    volumes: ['other:/data', 'logs:/logs'], healthcheck: { test: ['CMD', 'x'], interval: '9s' },
  });
});

test('anchors and merge keys are resolved', () => {
  const { doc } = loadCompose([{ file: 'a.yml', text: 'x-base: &base\n  image: a:1\n  restart: always\nservices:\n  one:\n    <<: *base\n    restart: "no"\n' }], {});
  expect(doc.services!.one).toEqual({ image: 'a:1', restart: 'no' });
});

test('extends within the file merges the base service under the service\'s own keys', () => {
  const text = 'services:\n  base:\n    image: a:1\n    environment: { A: "1", B: "2" }\n  child:\n    extends: { service: base }\n    environment: { B: "3" }\n    command: [run]\n';
  expect(loadCompose([{ file: 'a.yml', text }], {}).doc.services!.child).toEqual({ image: 'a:1', environment: { A: '1', B: '3' }, command: ['run'] });
});

test('extends from another file and include are refused with the fix', () => {
  const text = 'include: [other.yml]\nservices:\n  child:\n    extends: { file: common.yml, service: base }\n';
  expect(problemsOf(() => loadCompose([{ file: 'a.yml', text }], {}))).toEqual([
    'a.yml: include: got ["other.yml"]; expected no included files: pass them with -f instead',
    'a.yml: services.child.extends: got {"file":"common.yml","service":"base"}; expected a service of the same file: pass the other file with -f instead',
  ]);
});
