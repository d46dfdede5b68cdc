/**
 * The code stays easy to change: no import cycle between files or between
 * folders of the sources, and no function in lib/ over 80 lines (generated
 * code aside). Read in-process with the TypeScript compiler; run it alone with
 *
 *   node scripts/build.js && npx jest build/test/structure.test.js
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { cycles, fileGraph, folderEdgeWitnesses, folderGraph, Graph, sourceFiles } from './import-graph';

/** The tests run from build/test/; the sources are read where they are written. */
const ROOT = path.resolve(__dirname, '..', '..');
const SOURCES = ['lib', 'charts', 'environments', 'main.ts', 'cli.ts'];
const GENERATED = ['lib/compose/generated'];
const MAX_LINES = 80;

/** `file:line name (N lines)` of every function-like node with a body (arrow functions, methods, constructors) over {@link MAX_LINES}. */
function longFunctions(root: string, files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
        const [first, last] = [node.getStart(), node.getEnd()].map(p => source.getLineAndCharacterOfPosition(p).line);
        const name = (node as ts.FunctionDeclaration).name?.getText() ?? (ts.isConstructorDeclaration(node) ? 'constructor' : '(anonymous)');
        if (last - first + 1 > MAX_LINES) {
          found.push(`${file}:${first + 1} ${name} (${last - first + 1} lines)`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** Each folder cycle with the file imports behind each of its steps. */
function explained(files: Graph, cycle: readonly string[]): string {
  const steps = cycle.slice(1).map((to, i) => `  ${cycle[i]} -> ${to}: ${folderEdgeWitnesses(files, cycle[i], to).join(', ')}`);
  return [cycle.join(' -> '), ...steps].join('\n');
}

describe('the sources', () => {
  const files = fileGraph(ROOT, sourceFiles(ROOT, SOURCES));

  test('are read: every folder of the layout, and imports resolved', () => {
    expect(files.size).toBeGreaterThan(50);
    expect(files.get('lib/synth.ts')).toContain('lib/stack-chart.ts');
    expect(files.get('main.ts')).not.toEqual([]);
  });

  test('have no import cycle between files', () => {
    expect(cycles(files).map(c => c.join(' -> '))).toEqual([]);
  });

  test('have no import cycle between folders', () => {
    expect(cycles(folderGraph(files)).map(c => explained(files, c))).toEqual([]);
  });

  test(`have no function in lib/ over ${MAX_LINES} lines`, () => {
    expect(longFunctions(ROOT, sourceFiles(ROOT, ['lib'], GENERATED))).toEqual([]);
  });
});

describe('the checks', () => {
  const graph = (edges: Record<string, string[]>): Graph => new Map(Object.entries(edges));

  test('report every cycle as a path, once, and none in a graph without one', () => {
    expect(cycles(graph({ a: ['b'], b: ['c'], c: ['a', 'd'], d: ['b'], e: ['a'] }))).toEqual([['a', 'b', 'c', 'a'], ['b', 'c', 'd', 'b']]);
    expect(cycles(graph({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  test('see a folder cycle that no file cycle makes', () => {
    const files = graph({ 'x/a.ts': ['y/b.ts'], 'y/b.ts': [], 'y/c.ts': ['x/d.ts'], 'x/d.ts': [] });
    expect(cycles(files)).toEqual([]);
    expect(cycles(folderGraph(files))).toEqual([['x', 'y', 'x']]);
    expect(folderEdgeWitnesses(files, 'y', 'x')).toEqual(['y/c.ts -> x/d.ts']);
  });

  test('read import, import type, export from, require and import()', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-structure-'));
    fs.mkdirSync(path.join(dir, 'p'));
    const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
    write('a.ts', "import type { B } from './b';\nexport { C } from './p';\nconst d = require('./d');\nconst e = import('./e');\nimport * as fs from 'fs';\n");
    ['b.ts', 'd.ts', 'e.ts', 'p/index.ts'].forEach(f => write(f, 'export {};\n'));
    expect(fileGraph(dir, sourceFiles(dir, ['a.ts', 'b.ts', 'd.ts', 'e.ts', 'p'])).get('a.ts')).toEqual(['b.ts', 'd.ts', 'e.ts', 'p/index.ts']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('find a long function, a long arrow function and a long method', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-structure-'));
    const body = '  let x = 1;\n'.repeat(MAX_LINES);
    fs.writeFileSync(path.join(dir, 'long.ts'), `export function long(): number {\n${body}  return 1;\n}\n`
      + `export const arrow = () => {\n${body}};\nclass K {\n  method(): void {\n${body}  }\n}\n`);
    expect(longFunctions(dir, ['long.ts'])).toEqual([
      `long.ts:1 long (${MAX_LINES + 3} lines)`,
      `long.ts:${MAX_LINES + 4} (anonymous) (${MAX_LINES + 2} lines)`,
      `long.ts:${2 * MAX_LINES + 7} method (${MAX_LINES + 2} lines)`,
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
