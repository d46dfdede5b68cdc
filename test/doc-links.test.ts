/**
 * The documentation's relative links resolve: every link of README.md,
 * docs/*.md and CONTRIBUTING.md to a file of the project names one that
 * exists, and every `#anchor` names a heading of the page it points at.
 */
import * as fs from 'fs';
import * as path from 'path';

/** README.md, the pages of docs/ and CONTRIBUTING.md, relative to the project. */
const PAGES = ['README.md', ...fs.readdirSync('docs').filter(f => f.endsWith('.md')).sort().map(f => `docs/${f}`), 'CONTRIBUTING.md'];

/** Markdown text without its fenced code blocks and inline code, where brackets are not links. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const [, heading] of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const slug = heading.toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

/** The relative links of a page (not `http:`, `https:` or `mailto:`), as written. */
function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map(m => m[1]).filter(target => !/^[a-z]+:/.test(target));
}

/** What is wrong with each link of `page`: a file that does not exist, or an anchor its target lacks. */
function brokenLinks(page: string): string[] {
  const problems: string[] = [];
  for (const link of relativeLinks(fs.readFileSync(page, 'utf8'))) {
    const [file, anchor] = link.split('#', 2);
    const target = file === '' ? page : path.normalize(path.join(path.dirname(page), file));
    if (!fs.existsSync(target)) {
      problems.push(`${page}: (${link}): no file ${target}`);
    } else if (anchor !== undefined && !(target.endsWith('.md') && anchors(fs.readFileSync(target, 'utf8')).has(anchor))) {
      problems.push(`${page}: (${link}): ${target} has no heading with anchor #${anchor}`);
    }
  }
  return problems;
}

test.each(PAGES)('the relative links and anchors of %s resolve', page => {
  expect(brokenLinks(page)).toEqual([]);
});

test('every page of docs/ is linked from the README', () => {
  const linked = relativeLinks(fs.readFileSync('README.md', 'utf8')).map(l => l.split('#')[0]);
  expect(PAGES.filter(p => p !== 'README.md' && !linked.includes(p))).toEqual([]);
});

test('the README stays short: 150 to 200 lines, the rest in docs/', () => {
  const lines = fs.readFileSync('README.md', 'utf8').split('\n').length - 1;
  expect(lines).toBeGreaterThanOrEqual(150);
  expect(lines).toBeLessThanOrEqual(200);
});

test('anchors and links are read as GitHub reads them', () => {
  expect([...anchors('# A managed cluster (GitOps)\n## Set-up: two commands\n```sh\n# not a heading\n```\n## `x-stackport` overrides\n## Tests\n## Tests\n')])
    .toEqual(['a-managed-cluster-gitops', 'set-up-two-commands', 'x-stackport-overrides', 'tests', 'tests-1']);
  expect(relativeLinks('[a](docs/x.md#y) [b](https://example.com) `[c](no.md)`\n```\n[d](no.md)\n```\n[e](#here)'))
    .toEqual(['docs/x.md#y', '#here']);
});
