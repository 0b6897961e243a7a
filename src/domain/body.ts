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

const TOKEN_RE = /\[\[([^\[\]\n|]+)(?:\|([^\[\]\n]+))?\]\]|\[(@[^\[\]\n]+)\]/g;
const CITE_ITEM_RE = /^@([A-Za-z0-9_][\w\-./:]*)\s*(?:,\s*(.+))?$/;

/** Masks fenced code blocks and inline code so syntax inside them is ignored. */
function maskCode(text: string): string {
  if (!text.includes('`') && !text.includes('~~~')) return text;
  let out = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gm, (m) => m.replace(/[^\n]/g, ' '));
  out = out.replace(/(`+)[^`\n][\s\S]*?\1/g, (m) => m.replace(/[^\n]/g, ' '));
  return out;
}

/** Parses `@a; @b, para 3` into items; undefined when it is not a citation. */
export function parseCitation(inner: string): CitationItem[] | undefined {
  const items: CitationItem[] = [];
  for (const part of inner.split(';')) {
    const m = CITE_ITEM_RE.exec(part.trim());
    if (!m) return undefined;
    items.push(m[2] ? { source: m[1], locator: m[2].trim() } : { source: m[1] });
  }
  return items;
}

/** Every wikilink and citation in a Markdown body, in reading order. */
export function scanBody(text: string, firstLine = 1): BodyToken[] {
  const masked = maskCode(text);
  const tokens: BodyToken[] = [];
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
  for (const m of masked.matchAll(TOKEN_RE)) {
    const from = m.index!;
    const to = from + m[0].length;
    const original = text.slice(from, to);
    const pos = position(from);
    if (m[1] !== undefined) {
      const inner = /^\[\[([^|]+)(?:\|(.+))?\]\]$/.exec(original)!;
      const label = inner[2]?.trim();
      tokens.push({ type: 'wikilink', target: inner[1].trim(), ...(label ? { label } : {}), ...pos, from, to });
    } else {
      const items = parseCitation(original.slice(1, -1));
      if (items) tokens.push({ type: 'citation', items, ...pos, from, to });
    }
  }
  return tokens;
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
