/** The importer stays a pipeline of small mappers: no function in lib/compose/ or lib/images/ (generated code aside) over 80 lines. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const MAX_LINES = 80;

/** `file:line name (N lines)` of every function, method or arrow function longer than {@link MAX_LINES}. */
function longFunctions(dir: string): string[] {
  const found: string[] = [];
  for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.ts')).sort()) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(dir, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
        const [first, last] = [node.getStart(), node.getEnd()].map(p => source.getLineAndCharacterOfPosition(p).line);
        const name = (node as ts.FunctionDeclaration).name?.getText() ?? '(anonymous)';
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

test.each(['lib/compose', 'lib/images'])(`no function in %s/ is over ${MAX_LINES} lines`, dir => {
  expect(longFunctions(path.resolve(dir))).toEqual([]);
});

test('the check finds a long function', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-structure-'));
  fs.writeFileSync(path.join(dir, 'long.ts'), `export function long(): number {\n${'  let x = 1;\n'.repeat(MAX_LINES)}  return 1;\n}\n`);
  expect(longFunctions(dir)).toEqual([`long.ts:1 long (${MAX_LINES + 3} lines)`]);
  fs.rmSync(dir, { recursive: true, force: true });
});
