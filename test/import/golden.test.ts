/**
 * Each fixture's chart against its golden file (test/import/fixtures/<dir>/golden.ts.txt),
 * and the chart text against the spec it was written from. UPDATE_GOLDEN=1 rewrites the golden files.
 */
import * as fs from 'fs';
import * as path from 'path';
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
