/**
 * Times one adversarial body at (just under) the budgets of src/domain/body-budgets.ts:
 * the check (pre-parse scan and, when it parses, the parse), a second parse as the
 * build does, and rendering to HTML; with CPU time and the process's peak memory.
 *   npx tsx bench/body-budgets.ts combined
 *   /usr/bin/time -v npx tsx bench/body-budgets.ts tables     (peak memory)
 *   npx tsx bench/body-budgets.ts combined --warm             (parser already compiled)
 * Each case runs in a fresh process so that one does not warm up or fill another.
 */
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { bodyShapeProblems, checkBody, parseBody } from '../src/pipeline/body-check.ts';

const LIMIT = 512 * 1024 - 300;
const prose = (n: number) => `${'The brigade moved north of the river in late 2017, according to two reports, and held it. '.repeat(8)}\n\n`.repeat(Math.floor(n / 730));
const emph = (p: string, marks: number) => `${p.repeat(Math.floor(marks / p.replace(/[^*_~]/g, '').length))}\n\n`;
const table = (cols: number, rows: number) => `|${'a|'.repeat(cols)}\n|${'-|'.repeat(cols)}\n${'a\n'.repeat(rows - 1)}\n`;

const CASES: Record<string, () => string> = {
  tightlist: () => '- a\n'.repeat(2499),
  looselist: () => '- a\n\n'.repeat(2499),
  quotes: () => '> a\n\n'.repeat(299) + prose(LIMIT - 2000),
  'emph-star-under': () => emph('*a_', 299).repeat(19),
  'emph-under-star': () => emph('_a*', 299).repeat(19),
  'emph-mixed-tilde': () => emph('a_*a~', 299).repeat(19),
  'emph-double-star': () => emph('**_', 299).repeat(19),
  'list-emphasis': () => `* ${'*a_'.repeat(99)}\n`.repeat(29),
  links: () => `${'[a](b) '.repeat(999)}\n\n`.repeat(2),
  autolinks: () => `${'a@b.co '.repeat(2600)}\n\n`.repeat(2),
  'www-links': () => `${'www.a.co '.repeat(2200)}\n\n`.repeat(2),
  'trailing-breaks': () => `${'a  \n'.repeat(2900)}\n`.repeat(2),
  tables: () => table(99, 101).repeat(2) + prose(LIMIT - 1300),
  prose: () => prose(LIMIT),
  combined: () => {
    // Every body limit nearly reached at once; the rest of 512 KB is plain prose.
    const s = '> a\n\n'.repeat(299) + '- a\n\n'.repeat(900) + emph('*a_', 299).repeat(5) + `${'[a](b) '.repeat(999)}\n\n`.repeat(2) + table(99, 101).repeat(2);
    return s + prose(LIMIT - s.length);
  },
};

const name = process.argv[2] ?? 'combined';
const make = CASES[name];
if (!make) throw new Error(`unknown case ${name}; cases: ${Object.keys(CASES).join(', ')}`);
const body = make();
// --warm: parse a small body of every kind first, as a check run has by its second file.
if (process.argv.includes('--warm')) for (const k of Object.keys(CASES)) parseBody(CASES[k]().slice(0, 3000), false);
const cpu0 = process.cpuUsage();
let t = performance.now();
const refused = bodyShapeProblems(body);
const issues = checkBody(body, { mdx: false, firstLine: 1, components: [] });
const checkMs = performance.now() - t;
let parseMs = 0;
let renderMs = 0;
if (!refused.length) {
  t = performance.now();
  const parsed = parseBody(body, false);
  parseMs = performance.now() - t;
  t = performance.now();
  if (parsed.ok) toHtml(toHast(parsed.tree as Root));
  renderMs = performance.now() - t;
}
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({
  case: name, kb: Math.round(Buffer.byteLength(body) / 1024), refused: refused.length > 0, issues: issues.length,
  checkMs: Math.round(checkMs), buildParseMs: Math.round(parseMs), renderMs: Math.round(renderMs),
  cpuMs: Math.round((cpu.user + cpu.system) / 1000), rssMb: Math.round(process.memoryUsage().rss / 1e6),
}));
