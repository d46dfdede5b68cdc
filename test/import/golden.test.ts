/**
 * Each fixture's chart against its golden file (test/import/fixtures/<dir>/golden.ts.txt),
 * and the chart text against the spec it was written from. UPDATE_GOLDEN=1 rewrites the golden files.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { evaluateChart, FIXTURES, IMPORTED, importFixture } from './util';

describe.each(IMPORTED.map(f => [f.dir, f] as const))('%s', (dir, f) => {
  const result = importFixture(f);
  const golden = path.join(FIXTURES, dir, 'golden.ts.txt');

  test('writes the golden chart', () => {
    if (process.env.UPDATE_GOLDEN === '1') {
      fs.writeFileSync(golden, result.chart);
    }
    expect(result.chart).toBe(fs.readFileSync(golden, 'utf8'));
  });

  test('the chart file is the spec, as plain data', () => {
    expect(evaluateChart(result.chart)).toEqual(JSON.parse(JSON.stringify(result.spec)));
  });

  test('no credential of the compose or env files reaches the chart, the TODOs or the summary', () => {
    const text = [result.chart, ...result.todos, ...result.summary].join('\n');
    expect(f.credentials.filter(c => text.includes(c))).toEqual([]);
  });
});

test('every golden chart type-checks as a StackSpec under the project\'s strict compiler settings', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-charts-'));
  fs.mkdirSync(path.join(dir, 'charts'));
  fs.mkdirSync(path.join(dir, 'lib', 'spec'), { recursive: true });
  fs.copyFileSync(path.resolve('lib/spec/types.ts'), path.join(dir, 'lib/spec/types.ts'));
  const files = IMPORTED.map(f => {
    const file = path.join(dir, 'charts', `${f.dir}.ts`);
    fs.writeFileSync(file, fs.readFileSync(path.join(FIXTURES, f.dir, 'golden.ts.txt'), 'utf8'));
    return file;
  });
  const program = ts.createProgram(files, { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, noUnusedLocals: true, types: [], skipLibCheck: true });
  const diagnostics = ts.getPreEmitDiagnostics(program).map(d => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  fs.rmSync(dir, { recursive: true, force: true });
  expect(diagnostics).toEqual([]);
});
