/**
 * Budgets that keep one body cheap to check and to build (src/domain/body-budgets.ts),
 * with the exact words a contributor sees, and generous real content that passes.
 */
import { describe, expect, it } from 'vitest';
import { bodyNodesProblem, countNodes, tableRowCells, withinAllBudgets } from '../../src/domain/body-budgets.ts';
import { checkBody } from '../../src/pipeline/body-check.ts';

const lines = (body: string, mdx = false) => checkBody(body, { mdx, firstLine: 6, components: [] }).map((i) => `${i.line}: ${i.message}`);
const table = (columns: number, rows: number, cell = 'a') =>
  `|${` ${cell} |`.repeat(columns)}\n|${' --- |'.repeat(columns)}\n${`|${` ${cell} |`.repeat(columns)}\n`.repeat(rows - 1)}`;

const EMPHASIS = (n: number) => `this paragraph has over ${n} emphasis marks (*, _ or ~): split it with blank lines or remove some`;

describe('emphasis marks per paragraph', () => {
  it.each([
    ['*a_', '*a_'.repeat(151)],
    ['**_', '**_'.repeat(101)],
    ['*_', '*_'.repeat(151)],
    ['_a*', '_a*'.repeat(151)],
    ['~a*', '~a*'.repeat(151)],
    ['a_*a~ over lines', `${'a_*a~'.repeat(50)}\n${'a_*a~'.repeat(51)}`],
    ['~~ strikethrough', '~~a~~ '.repeat(76)],
  ])('%s', (_name, paragraph) => {
    expect(lines(`Intro.\n\n${paragraph}\n\nAfter.`)).toEqual([`8: ${EMPHASIS(300)}`]);
  });

  it('each paragraph is counted on its own, and reported at its first line', () => {
    const body = `${'*a_'.repeat(100)}\n\n${'*a_'.repeat(100)}\n\n${'*a_'.repeat(200)}`;
    expect(lines(body)).toEqual([`10: ${EMPHASIS(300)}`]);
  });

  it('each list item is counted on its own; bullets are not emphasis', () => {
    const item = `* ${'*a* and _b_ '.repeat(5)}`;
    expect(lines(`${item}\n`.repeat(150))).toEqual([]);
  });

  it('lines that continue a paragraph do not start a new count', () => {
    const body = `Text\n${`2. ${'*a_'.repeat(60)}\n`.repeat(3)}${`<b ${'*a_'.repeat(60)}\n`.repeat(3)}`;
    expect(lines(body)).toEqual([`6: ${EMPHASIS(300)}`]);
  });

  it('marks in code do not count', () => {
    expect(lines(`\`${'*a_'.repeat(200)}\`\n\n\`\`\`\n${'*_'.repeat(400)}\n\`\`\``)).toEqual([]);
  });

  it('a long paragraph with 40 emphasised phrases passes', () => {
    const phrases = ['*the brigade*', '**the crossing**', '_the road_', '~~the bridge~~'];
    const prose = Array.from({ length: 40 }, (_, i) => `Report ${i} says that ${phrases[i % 4]} was held for some weeks in late 2017.`).join(' ');
    expect(prose.length).toBeGreaterThan(2500);
    expect(lines(prose)).toEqual([]);
  });
});

describe('tables', () => {
  it('a 300-row, 6-column table passes, with emphasis in every cell', () => {
    expect(lines(table(6, 300, 'Some *cell* text of a good length'))).toEqual([]);
  });

  it('columns × rows over the cell limit: the renderer pads short rows to the header', () => {
    const padded = `|${'a|'.repeat(100)}\n|${'-|'.repeat(100)}\n${'a\n'.repeat(100)}`;
    expect(lines(`Intro.\n\n${padded}`)).toEqual(['8: this table has over 10,000 cells (100 columns × 101 rows): split it into several tables']);
  });

  it('too many columns', () => {
    expect(lines(table(101, 2))).toEqual(['6: this table has over 100 columns (101): split it into several tables']);
  });

  it('a row with too many cells', () => {
    expect(lines(`${table(3, 3)}|${'x|'.repeat(150)}\n`)).toEqual(['10: this table row has over 100 cells (150): split it into several tables']);
  });

  it('tables in a body: at most 20,000 cells in all', () => {
    const body = Array.from({ length: 3 }, () => table(80, 100)).join('\n');
    expect(lines(body)).toEqual(['210: the body has over 20,000 table cells in all: split it into several entries']);
  });

  it('counts cells as a parser does', () => {
    expect([tableRowCells('| a | b |'), tableRowCells('a | b | c'), tableRowCells('| a \\| b |'), tableRowCells('x')]).toEqual([2, 3, 1, 1]);
  });
});

describe('whole-body budgets (many paragraphs each under its own limit)', () => {
  it('blocks', () => {
    expect(lines('- a\n\n'.repeat(2501))).toEqual(['5006: the body has over 2,500 blocks (paragraphs, headings, list items, quotes, table rows): split it into several entries']);
  });

  it('quotes', () => {
    expect(lines('> a\n\n'.repeat(301))).toEqual(['606: the body has over 300 quotes (> …): split it into several entries']);
  });

  it('[ brackets', () => {
    expect(lines(`${'[a](b) '.repeat(1000)}\n\n`.repeat(4))).toEqual(['10: the body has over 2,000 [ brackets (links, wikilinks, citations) in all: split it into several entries']);
  });

  it('parts: blocks and Markdown marks of every kind, hard breaks included', () => {
    const message = 'the body has over 6,000 parts in all (blocks, and Markdown marks: * _ ~ for emphasis, [ for links and citations, ` \\ < & @ and web addresses): split it into several entries';
    expect(lines(`${'*a* '.repeat(100)}\n\n`.repeat(51))).toEqual([`64: ${message}`]);
    expect(lines(`${'a@b.co '.repeat(2000)}\n\n`.repeat(6))).toEqual([`10: ${message}`]);
    expect(lines(`${'a  \n'.repeat(3000)}\n`.repeat(4))).toEqual([`6005: ${message}`]);
    expect(lines(`${'`a` '.repeat(2000)}\n\n`.repeat(3))).toEqual([`8: ${message}`]);
  });
});

describe('parts of the parsed tree', () => {
  it('counts nodes, stopping past the limit', () => {
    const tree = { children: Array.from({ length: 10 }, () => ({ children: [{}, {}] })) };
    expect(countNodes(tree, 1000)).toBe(31);
    expect(countNodes(tree, 5)).toBe(6);
    expect(bodyNodesProblem(tree, 30)).toBe('the body has over 30 parts (paragraphs, list items, links, emphasis, table cells…): split it into several entries');
    expect(bodyNodesProblem(tree, 31)).toBeUndefined();
  });
});

describe('the fast path', () => {
  it('skips only bodies that no budget can catch', () => {
    expect(withinAllBudgets('Plain text with [[a|b]] and [@c], *some* emphasis.\n\nAnother paragraph.')).toBe(true);
    expect(withinAllBudgets('*a_'.repeat(151))).toBe(false);
    expect(withinAllBudgets(table(6, 300))).toBe(false); // then the scan decides (and lets it pass)
    expect(lines(table(6, 300))).toEqual([]);
  });
});
