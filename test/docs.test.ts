import * as fs from 'fs';
import { DOC_PAGES, generatedTables, renderDocs, TABLE_PAGES } from '../scripts/docs';

const tables = generatedTables();

test.each(DOC_PAGES)('the generated tables of %s match the specs (run `npm run docs` if not)', page => {
  const text = fs.readFileSync(page, 'utf8');
  expect(renderDocs(page, text, tables)).toBe(text);
});

test('every generated table has a page, and its markers are in no other page', () => {
  expect(Object.keys(tables).filter(name => TABLE_PAGES[name] === undefined)).toEqual([]);
  expect(() => renderDocs('docs/routing.md', '<!-- objects:begin -->\n<!-- objects:end -->\n', tables))
    .toThrow("docs/routing.md has the '<!-- objects:begin -->' block, but the objects table belongs in docs/stacks.md");
  expect(() => renderDocs('docs/stacks.md', '# Stacks\n', tables)).toThrow("docs/stacks.md has no '<!-- objects:begin -->' ... '<!-- objects:end -->' block");
});
