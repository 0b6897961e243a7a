/**
 * Budgets that keep one body cheap to parse and to render, checked on the text
 * before any parser runs (and one on the parsed tree). The Markdown parser
 * (remark-parse + remark-gfm) slows down steeply on some shapes that fit in the
 * 512 KB file limit, measured on Node 20:
 * - a 20 KB paragraph of alternating emphasis marks (`*a_*a_…`) takes 2.5 s, and
 *   the time grows with the square of the marks (500 marks: ~50 ms; 300: ~15 ms);
 * - a GFM table is padded to its header's width when rendered: 3,000 header cells
 *   over 3,000 one-cell rows is 9 million cells, 2.4 GB to render;
 * - every block, link and emphasis costs ~50 µs to parse, so 500 KB of tiny blocks
 *   (100,000 `- a` items) takes over 10 s; and separate quotes grow with the square
 *   of their number (2,000: 0.8 s; 5,000: 5 s).
 * Real entries stay far below every limit here (a few dozen emphasis marks per
 * paragraph, tables of a few hundred rows, a few hundred blocks per entry).
 * Markdown has been parsed by Sätteri since, which reads each of these shapes in under
 * 150 ms (200 KB of `*a_`: 71 ms; 100,000 items: 123 ms). The budgets stay: MDX is still
 * parsed by remark, the renderer still pads tables and walks every node, and what a
 * dossier may hold should not depend on which parser reads it.
 * Pure: text in, problems out. Code (fenced and inline) is masked by the caller.
 */

/** Emphasis and strikethrough marks (*, _ or ~) one paragraph may hold. */
export const MAX_BLOCK_EMPHASIS = 300;
/** [ brackets in a whole body: a link or citation costs the most of any mark (~0.15 ms). */
export const MAX_BODY_BRACKETS = 2_000;
/** Columns of one table (or cells of one table row). */
export const MAX_TABLE_COLUMNS = 100;
/** Cells of one table, columns × rows (the renderer fills short rows up to the header's width). */
export const MAX_TABLE_CELLS = 10_000;
/** Table cells in a whole body. */
export const MAX_BODY_TABLE_CELLS = 20_000;
/** Blocks (paragraphs, headings, list items, quotes, table rows…) in a whole body (~0.2 ms each). */
export const MAX_BODY_BLOCKS = 2_500;
/** Quotes (> …) in a whole body: the parser's time grows with the square of their number. */
export const MAX_BODY_QUOTES = 300;
/**
 * Parts of a whole body, counted before parsing: its blocks, and the marks that
 * start inline syntax: emphasis (* _ ~), links and citations ([), code (`),
 * escapes and hard breaks (\\ or two spaces at a line's end), HTML (<), entities
 * (&) and addresses that become links (@, www., ://). Each costs a node or more;
 * the sum bounds what the other limits leave when all are nearly reached at once.
 */
export const MAX_BODY_PARTS = 6_000;
/** Nodes of the parsed tree: bounds the memory of everything done with it afterwards. */
export const MAX_BODY_NODES = 100_000;

export interface BudgetIssue {
  /** 1-based line in the file. */
  line: number;
  message: string;
}

const n = (x: number) => x.toLocaleString('en');

// A line's content inside any quote markers (`> > text` → `text`).
const QUOTE_PREFIX = /^(?: {0,3}>)+ ?/;
// Lines that start a block of their own even without a blank line before them.
const BLOCK_START = /^ {0,3}(?:[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|```|~~~|<)/;
// Lines that start a new paragraph even inside one: a bullet item with content and a
// heading (an ordered item not starting at 1, or HTML, may continue a paragraph instead).
const NEW_PARAGRAPH = /^ {0,3}(?:[-+*][ \t]+\S|#{1,6}(?:[ \t]|$))/;
const BULLETS = /^(?: {0,3}[-+*][ \t]+)+/;
// A GFM delimiter row: `| --- | :-: |`, `---|---`.
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
// The same on any line of a text, inside quotes too: one native scan instead of one per line.
const DELIMITER_ROW_ANYWHERE = new RegExp(`^(?:(?: {0,3}>)+ ?)?${DELIMITER_ROW.source.slice(1)}`, 'm');

/** Cells of one table row: `|`-separated, outer pipes and escaped `\|` not counted. */
export function tableRowCells(line: string): number {
  const row = line.trim().replace(/\\\|/g, '').replace(/^\|/, '').replace(/\|$/, '');
  let cells = 1;
  for (let at = row.indexOf('|'); at !== -1; at = row.indexOf('|', at + 1)) cells++;
  return cells;
}

/**
 * Which lines are rows of a GFM table (header and delimiter rows included). The
 * parser reads each cell on its own, so a long table is not one long paragraph.
 */
export function tableRowLines(lines: readonly string[]): boolean[] {
  const rows = lines.map(() => false);
  if (!DELIMITER_ROW_ANYWHERE.test(lines.join('\n'))) return rows; // most bodies: no table
  let inTable = false;
  lines.forEach((line, i) => {
    const inner = unquote(line);
    if (inner.trim() === '') { inTable = false; return; }
    const prev = i > 0 ? unquote(lines[i - 1]) : '';
    if (!inTable && DELIMITER_ROW.test(inner) && prev.trim() !== '' && (inner.includes('|') || prev.includes('|'))) {
      inTable = true;
      rows[i - 1] = true;
    }
    rows[i] = inTable;
  });
  return rows;
}

const unquote = (line: string) => (line.includes('>') && QUOTE_PREFIX.test(line) ? line.replace(QUOTE_PREFIX, '') : line);

/** The marks of one line, counted in one pass (this runs on every line of every body). */
function lineMarks(line: string): { emphasis: number; brackets: number; marks: number } {
  let emphasis = 0;
  let brackets = 0;
  let marks = 0;
  for (let i = 0; i < line.length; i++) {
    switch (line.charCodeAt(i)) {
      case 0x2a: case 0x5f: case 0x7e: emphasis++; marks++; break; // * _ ~
      case 0x5b: brackets++; marks++; break; // [
      case 0x5c: case 0x3c: case 0x26: case 0x40: marks++; break; // \ < & @
      case 0x3a: if (line.startsWith('//', i + 1)) marks++; break; // ://
      case 0x77: if (line.startsWith('ww.', i + 1)) marks++; break; // www.
    }
  }
  // Two spaces at a line's end are a hard break: a node, like a backslash one.
  if (line.endsWith('  ')) marks++;
  return { emphasis, brackets, marks };
}

/** Code spans (runs of backticks) in a line. */
function backtickRuns(line: string): number {
  let runs = 0;
  for (let at = line.indexOf('`'); at !== -1; at = line.indexOf('`', at + 1)) {
    if (line.charCodeAt(at - 1) !== 0x60) runs++;
  }
  return runs;
}

/**
 * Every budget a body's text goes over, each reported once, at the line where it
 * is crossed. `masked` is the body with code masked (see maskCode): marks in code
 * are text, but each code span's backticks still count.
 */
export function bodyBudgetProblems(body: string, masked: string, firstLine = 1): BudgetIssue[] {
  if (withinAllBudgets(body)) return [];
  const raw = body.split('\n');
  const lines = masked.split('\n');
  const tableRows = tableRowLines(lines);
  const issues: BudgetIssue[] = [];
  const once = new Set<string>();
  const report = (key: string, line: number, message: string) => {
    if (once.has(key)) return;
    once.add(key);
    issues.push({ line: firstLine + line, message });
  };
  let blockStart = 0;
  let blockEmphasis = 0;
  let parts = 0;
  let brackets = 0;
  let blocks = 0;
  let quotes = 0;
  let cells = 0;
  // The table being read: its header line, columns and rows so far.
  let table: { line: number; columns: number; rows: number } | undefined;
  let prevInner = '';
  let prevQuoted = false;

  const addParts = (k: number, i: number) => {
    parts += k;
    if (parts > MAX_BODY_PARTS) report('parts', i, `the body has over ${n(MAX_BODY_PARTS)} parts in all (blocks, and Markdown marks: * _ ~ for emphasis, [ for links and citations, \` \\ < & @ and web addresses): split it into several entries`);
  };

  const endTable = () => {
    if (!table) return;
    const total = table.columns * table.rows;
    if (total > MAX_TABLE_CELLS) {
      report(`cells@${table.line}`, table.line, `this table has over ${n(MAX_TABLE_CELLS)} cells (${n(table.columns)} columns × ${n(table.rows)} rows): split it into several tables`);
    }
    cells += total;
    if (cells > MAX_BODY_TABLE_CELLS) report('body-cells', table.line, `the body has over ${n(MAX_BODY_TABLE_CELLS)} table cells in all: split it into several entries`);
    table = undefined;
  };

  lines.forEach((line, i) => {
    // Before the blank-line test: a line of code spans is blank once masked.
    if (raw[i]?.includes('`')) addParts(backtickRuns(raw[i]), i);
    const inner = unquote(line);
    const quoted = inner !== line;
    if (inner.trim() === '') {
      endTable();
      blockEmphasis = 0;
      blockStart = i + 1;
      prevInner = '';
      prevQuoted = quoted;
      return;
    }
    if (prevInner === '' || BLOCK_START.test(inner) || table) {
      addParts(1, i);
      if (++blocks > MAX_BODY_BLOCKS) report('blocks', i, `the body has over ${n(MAX_BODY_BLOCKS)} blocks (paragraphs, headings, list items, quotes, table rows): split it into several entries`);
    }
    if (quoted && !prevQuoted) {
      if (++quotes > MAX_BODY_QUOTES) report('quotes', i, `the body has over ${n(MAX_BODY_QUOTES)} quotes (> …): split it into several entries`);
    }
    // A table row's cells are read one by one, a list item's text on its own.
    if (tableRows[i] || NEW_PARAGRAPH.test(inner)) {
      blockEmphasis = 0;
      blockStart = i;
    }
    const counts = lineMarks(inner);
    // A bullet (* item) is no emphasis mark.
    blockEmphasis += counts.emphasis - (inner.match(BULLETS)?.[0].match(/\*/g)?.length ?? 0);
    if (blockEmphasis > MAX_BLOCK_EMPHASIS) {
      report(`emphasis@${blockStart}`, blockStart, `this paragraph has over ${n(MAX_BLOCK_EMPHASIS)} emphasis marks (*, _ or ~): split it with blank lines or remove some`);
    }
    brackets += counts.brackets;
    if (brackets > MAX_BODY_BRACKETS) report('brackets', i, `the body has over ${n(MAX_BODY_BRACKETS)} [ brackets (links, wikilinks, citations) in all: split it into several entries`);
    addParts(counts.marks, i);

    if (table) {
      table.rows++;
    } else if (DELIMITER_ROW.test(inner) && prevInner !== '' && (inner.includes('|') || prevInner.includes('|'))) {
      // The line before is the header; the delimiter row itself renders nothing.
      table = { line: i - 1, columns: Math.max(tableRowCells(inner), tableRowCells(prevInner)), rows: 1 };
      if (table.columns > MAX_TABLE_COLUMNS) report(`columns@${i - 1}`, i - 1, `this table has over ${n(MAX_TABLE_COLUMNS)} columns (${n(table.columns)}): split it into several tables`);
    }
    if (table && tableRowCells(inner) > MAX_TABLE_COLUMNS) {
      report(`columns@${table.line}`, i, `this table row has over ${n(MAX_TABLE_COLUMNS)} cells (${n(tableRowCells(inner))}): split it into several tables`);
    }
    prevInner = inner;
    prevQuoted = quoted;
  });
  endTable();
  return issues;
}

/**
 * True when the body cannot go over any budget, by counts of the whole text that
 * bound each one from above (all its marks in one paragraph, every line a block,
 * a table as wide as all its pipes and as long as all its lines). Almost every
 * body is: one pass over its characters then saves the line-by-line scan.
 */
export function withinAllBudgets(body: string): boolean {
  let emphasis = 0;
  let marks = 0;
  let brackets = 0;
  let quotes = 0;
  let pipes = 0;
  let lines = 1;
  for (let i = 0; i < body.length; i++) {
    switch (body.charCodeAt(i)) {
      case 0x2a: case 0x5f: case 0x7e: emphasis++; marks++; break; // * _ ~
      case 0x5b: brackets++; marks++; break; // [
      case 0x5c: case 0x3c: case 0x26: case 0x40: case 0x60: case 0x3a: case 0x77: case 0x20: marks++; break; // \ < & @ ` : w and spaces (://, www., hard breaks)
      case 0x3e: quotes++; break; // >
      case 0x7c: pipes++; break; // |
      case 0x0a: lines++; break;
    }
  }
  return emphasis <= MAX_BLOCK_EMPHASIS && brackets <= MAX_BODY_BRACKETS && quotes <= MAX_BODY_QUOTES
    && lines <= MAX_BODY_BLOCKS && marks + lines <= MAX_BODY_PARTS
    && pipes + 1 <= MAX_TABLE_COLUMNS && (pipes + 1) * lines <= MAX_TABLE_CELLS;
}

/** The subset of a syntax tree node this reads. */
interface TreeNode {
  children?: TreeNode[];
}

/** Counts a tree's nodes, stopping once past `limit` (no need to walk the rest). */
export function countNodes(tree: TreeNode, limit = MAX_BODY_NODES): number {
  let count = 0;
  const stack: TreeNode[] = [tree];
  while (stack.length && count <= limit) {
    const node = stack.pop()!;
    count++;
    if (node.children) for (const child of node.children) stack.push(child);
  }
  return count;
}

/** The message for a parsed body with too many nodes, checked before any further work. */
export function bodyNodesProblem(tree: TreeNode, limit = MAX_BODY_NODES): string | undefined {
  return countNodes(tree, limit) > limit
    ? `the body has over ${n(limit)} parts (paragraphs, list items, links, emphasis, table cells…): split it into several entries`
    : undefined;
}
