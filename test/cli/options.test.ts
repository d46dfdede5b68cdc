/** One option table and one parser for main.ts (the cdk8s entry point) and the stackport command. */
import * as fs from 'fs';
import * as path from 'path';
import { OPTIONS, parseCommand, UsageError } from '../../lib/cli/options';

/** Every TypeScript file below `dir`. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.ts')).map(f => path.join(dir, f));
}

test('main.ts and cli.ts parse through the one shared module, and nothing else in lib/ parses arguments or reads the process', () => {
  for (const entry of ['main.ts', 'cli.ts']) {
    const text = fs.readFileSync(entry, 'utf8');
    expect(text).toMatch(/import \{[^}]*\bparseCommand\b[^}]*\} from '\.\/lib\/cli\/options';/);
    expect(text).toMatch(/import \{[^}]*\breadInputs\b[^}]*\} from '\.\/lib\/cli\/options';/);
    expect(text).not.toMatch(/parseArgs|argv\[i|startsWith\('-/);
  }
  const readers = [...sources('lib'), ...sources('charts'), ...sources('environments')]
    .filter(f => f !== path.join('lib', 'cli', 'options.ts'))
    .filter(f => /process\.(argv|env)|parseArgs/.test(fs.readFileSync(f, 'utf8')));
  expect(readers).toEqual([]);
});

test('every option belongs to at least one command and has a value name or is a switch with an example only when it takes a value', () => {
  expect(OPTIONS.filter(o => o.commands.length === 0)).toEqual([]);
  expect(OPTIONS.filter(o => (o.value === undefined) !== (o.example === undefined)).map(o => o.name)).toEqual([]);
  expect(new Set(OPTIONS.map(o => o.name)).size).toBe(OPTIONS.length);
});

test('a value starting with - is refused as a separate word and taken after =', () => {
  expect(() => parseCommand('import', ['--name', '-x'])).toThrow(new UsageError("'--name' needs a value, e.g. --name shop (a value starting with '-' is written --name=VALUE)"));
  expect(parseCommand('import', ['--name=-x']).values.name).toBe('-x');
});

test('compose files keep their command-line order, named or with -f', () => {
  const p = parseCommand('import', ['-f', 'a.yml', 'b.yml', '--file', 'c.yml', '--name', 'x']);
  expect(p.sequence.filter(s => s.option === undefined || s.option === 'file').map(s => s.value)).toEqual(['a.yml', 'b.yml', 'c.yml']);
});

test('options of another command, extra arguments and switches with a value are refused', () => {
  expect(() => parseCommand('synth', ['--name', 'x'])).toThrow(/^unknown option '--name'; use: stackport synth /);
  expect(() => parseCommand('synth', ['extra'])).toThrow(/^unexpected argument 'extra'; use: stackport synth /);
  expect(() => parseCommand('import', ['--name', 'x', '--force=yes'])).toThrow(/^'--force' takes no value; use: stackport import /);
  expect(() => parseCommand('secrets', ['a', 'b'])).toThrow(/^unexpected argument 'b'; use: stackport secrets <stack>/);
});
