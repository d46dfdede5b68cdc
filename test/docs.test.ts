import * as fs from 'fs';
import { renderDocs } from '../scripts/docs';

test('README tables match the specs (run `npm run docs` if not)', () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  expect(renderDocs(readme)).toBe(readme);
});
