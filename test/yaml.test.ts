import * as YAML from 'yaml';
import { toYaml } from '../lib/yaml';
import { renderAll } from './util';

const readBack = (text: string, version: '1.1' | '1.2') => YAML.parse(text, { version, strict: true, uniqueKeys: true });

test.each(['1.1', '1.2'] as const)('every synthesized file reads back as the same data with YAML %s', version => {
  const mismatches = renderAll().flatMap(r => r.objects.filter(o => JSON.stringify(readBack(toYaml(o), version)) !== JSON.stringify(o))
    .map(o => `${r.environment}/${r.stack} ${o.kind}/${o.metadata.name}`));
  expect(mismatches).toEqual([]);
});

test.each<[string, unknown]>([
  ['booleans and null as words', ['yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', 'null', '~', '']],
  ['numbers and times as strings', ['587', '0', '1e3', '0x1f', '1:30', '.5', '-1', '+1', '2026-01-02', '.inf', '1_000']],
  ['indicators', ['- x', '* * *', '#x', 'a #b', 'a: b', 'a:', '&a', '!tag', '%x', '@x', '`x', '{x}', '[x]', "'x'", '"x"', '|', '>', ',x', '? x']],
  ['spaces', [' x', 'x ', 'a  b']],
  ['multi-line strings', ['a\nb', 'a\nb\n', 'a\nb\n\n', ' a\nb', 'a \nb', 'a\n\nb', 'a\tb\nc', 'x\r\ny']],
  ['nested shapes', { a: [], b: {}, c: [[1, 2], [{ d: 'e' }]], f: [{ g: [{ h: 'i' }] }] }],
])('writes %s so that they read back unchanged', (_name, value) => {
  const doc = { value };
  expect(readBack(toYaml(doc), '1.1')).toEqual(doc);
  expect(readBack(toYaml(doc), '1.2')).toEqual(doc);
});
