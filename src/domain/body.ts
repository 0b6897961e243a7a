/**
 * Body syntax: wikilinks `[[id]]`, `[[id|label]]`, `[[actors/id]]` and Pandoc-style
 * citations `[@id]`, `[@a; @b]`, `[@id, para 3]`. One scanner serves the checker,
 * the Markdown renderer and the page's source list, so their numbering agrees.
 */

export interface Wikilink {
  /** As written: `id` or `collection/id`. */
  target: string;
  label?: string;
  /** 1-based line and column within the body. */
  line: number;
  column: number;
  /** Offsets of the whole `[[…]]` in the scanned text. */
  from: number;
  to: number;
}

export interface CitationItem {
  source: string;
  locator?: string;
}

export interface Citation {
  items: CitationItem[];
  line: number;
  column: number;
  from: number;
  to: number;
}

export type BodyToken = ({ type: 'wikilink' } & Wikilink) | ({ type: 'citation' } & Citation);

// Both may wrap onto the next line (editors and reflowing do that), never across a
// blank line (that ends the paragraph). `[@name](url)` is a link, not a citation.
const TOKEN_RE = /\[\[([^\[\]|]+)(?:\|([^\[\]]+))?\]\]|\[(@[^\[\]]+)\](\()?/g;
const BLANK_LINE_RE = /\n[ \t]*\n/;
const OPENER_RE = /\[\[|\[@/g;
const CITE_ITEM_RE = /^@([A-Za-z0-9_][\w\-./:]*)\s*(?:,\s*(.+))?$/;

/** Masks fenced code blocks and inline code so syntax inside them is ignored. */
export function maskCode(text: string): string {
  if (!text.includes('`') && !text.includes('~~~')) return text;
  let out = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gm, (m) => m.replace(/[^\n]/g, ' '));
  out = out.replace(/(`+)[^`\n][\s\S]*?\1/g, (m) => m.replace(/[^\n]/g, ' '));
  return out;
}

/** Parses `@a; @b, para 3` into items; undefined when it is not a citation. */
export function parseCitation(inner: string): CitationItem[] | undefined {
  const items: CitationItem[] = [];
  for (const part of inner.replace(/\s+/g, ' ').split(';')) {
    const m = CITE_ITEM_RE.exec(part.trim());
    if (!m) return undefined;
    items.push(m[2] ? { source: m[1], locator: m[2].trim() } : { source: m[1] });
  }
  return items;
}

/** Every wikilink and citation in a Markdown body, in reading order. */
export function scanBody(text: string, firstLine = 1): BodyToken[] {
  return scan(text, firstLine).tokens;
}

/** A mistake in body syntax that would otherwise show as literal brackets on the page. */
export interface BodySyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/** Unclosed `[[` / `[@` and `[@…]` that is not a citation, with where they start. */
export function bodySyntaxProblems(text: string, firstLine = 1): BodySyntaxProblem[] {
  return scan(text, firstLine).problems;
}

const preview = (s: string) => {
  const line = s.split('\n')[0];
  return line.length > 30 ? `${line.slice(0, 30)}…` : line;
};

function scan(text: string, firstLine: number): { tokens: BodyToken[]; problems: BodySyntaxProblem[] } {
  const masked = maskCode(text);
  const tokens: BodyToken[] = [];
  const problems: BodySyntaxProblem[] = [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: firstLine + lo, column: offset - lineStarts[lo] + 1 };
  };
  // Offsets covered by a well-formed [[…]] or […], so that only stray openers remain.
  const claimed: [number, number][] = [];
  for (const m of masked.matchAll(TOKEN_RE)) {
    if (BLANK_LINE_RE.test(m[0])) continue;
    const from = m.index!;
    const to = from + m[0].length;
    claimed.push([from, to]);
    if (m[4]) continue; // [@name](url): a Markdown link
    const original = text.slice(from, to);
    const pos = position(from);
    if (m[1] !== undefined) {
      const inner = /^\[\[([^|]+)(?:\|([\s\S]+))?\]\]$/.exec(original)!;
      const label = inner[2]?.replace(/\s+/g, ' ').trim();
      tokens.push({ type: 'wikilink', target: inner[1].replace(/\s+/g, ' ').trim(), ...(label ? { label } : {}), ...pos, from, to });
    } else {
      const items = parseCitation(original.slice(1, -1));
      if (items) tokens.push({ type: 'citation', items, ...pos, from, to });
      else problems.push({ ...pos, message: `"${preview(original)}" is not a citation: write [@source-id], [@a; @b] or [@source-id, para 3]` });
    }
  }
  // Both lists are in text order, so one pointer walks the claimed ranges.
  let next = 0;
  for (const m of masked.matchAll(OPENER_RE)) {
    const at = m.index!;
    while (next < claimed.length && claimed[next][1] <= at) next++;
    if (next < claimed.length && at >= claimed[next][0]) continue;
    const rest = preview(text.slice(at, at + 200)); // not the whole rest: a flood of [[ would copy it each time
    problems.push({
      ...position(at),
      message: m[0] === '[['
        ? `unclosed wikilink "${rest}": close it with ]] on the same paragraph, e.g. [[id]] or [[id|label]]`
        : `unclosed citation "${rest}": close it with ] on the same paragraph, e.g. [@source-id] or [@a; @b]`,
    });
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { tokens, problems };
}

export interface NumberedCitation {
  /** Footnote number, 1-based, in order of first appearance. */
  n: number;
  source: string;
  locator?: string;
}

/**
 * Numbers citations: each distinct (source, locator) pair gets one number, in order
 * of first appearance. Frontmatter sources not cited in the body follow.
 */
export function numberCitations(body: string, frontmatterSources: CitationItem[] = []): NumberedCitation[] {
  const list: NumberedCitation[] = [];
  const seen = new Map<string, number>();
  const add = (item: CitationItem) => {
    const key = `${item.source}\u0000${item.locator ?? ''}`;
    if (seen.has(key)) return;
    seen.set(key, list.length + 1);
    list.push({ n: list.length + 1, ...item });
  };
  for (const t of scanBody(body)) if (t.type === 'citation') t.items.forEach(add);
  const citedSources = new Set(list.map((c) => c.source));
  for (const item of frontmatterSources) {
    // A bare frontmatter source already cited in the body adds nothing new.
    if (!item.locator && citedSources.has(item.source)) continue;
    add(item);
  }
  return list;
}

/** Key under which numberCitations files a citation, for renderers to look up numbers. */
export function citationKey(item: CitationItem): string {
  return `${item.source}\u0000${item.locator ?? ''}`;
}
