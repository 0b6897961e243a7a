/**
 * Where a built site's HTML goes: the bytes of each part of a page (the entry's text, its
 * sources, related lists, visualisations, the page's chrome…), summed over every page. The
 * bench reports it beside the HTML total, so the "HTML bytes" goal says what its bytes are.
 * A part is the outermost element that matches; an element inside another part counts once,
 * for the outer one.
 */

/** The parts, in report order: an element (tag, and a class it has, if any) and what it is. */
export const HTML_PARTS = [
  { key: 'text', tag: 'div', cls: 'entry-body', label: 'entry text (the baseline has it too)' },
  { key: 'sources', tag: 'section', cls: 'footnotes', label: 'sources list (citations)' },
  { key: 'related', tag: 'section', cls: 'related', label: 'related lists' },
  { key: 'infobox', tag: 'aside', cls: 'infobox', label: 'infobox (key facts)' },
  { key: 'timeline', tag: 'figure', cls: 'viz-timeline', label: 'timelines' },
  { key: 'map', tag: 'figure', cls: 'viz-map', label: 'maps' },
  { key: 'graph', tag: 'figure', cls: 'viz-graph', label: 'relations graphs' },
  { key: 'head', tag: 'head', label: 'head (title, description, policy, links)' },
  { key: 'header', tag: 'header', cls: 'site-header', label: 'site header (navigation, search, theme)' },
  { key: 'footer', tag: 'footer', cls: 'site-footer', label: 'site footer' },
] as const;

export type HtmlPart = (typeof HTML_PARTS)[number]['key'] | 'other';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// A script or style (whose text may hold "<"), a comment and the doctype are one token
// each, skipped; then any start or end tag: groups 1 (script or style), 2 (close), 3 (name),
// 4 (attributes), 5 (self-closing).
const TAG_SOURCE = String.raw`<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->|<![^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(\/?)>`;
const TAG = new RegExp(TAG_SOURCE, 'gi');

function partOf(tag: string, attrs: string): HtmlPart | undefined {
  const cls = / class="([^"]*)"/.exec(attrs)?.[1].split(/\s+/) ?? [];
  for (const p of HTML_PARTS) if (p.tag === tag && (!('cls' in p) || cls.includes(p.cls))) return p.key;
  return undefined;
}

/** One page's bytes (UTF-8, as in its file) by part; the rest is "other". */
export function htmlParts(html: string): Record<HtmlPart, number> {
  const out = Object.fromEntries([...HTML_PARTS.map((p) => [p.key, 0]), ['other', 0]]) as Record<HtmlPart, number>;
  // Open elements: their tag, and where the part they start began (only the outermost part counts).
  const stack: { tag: string; part?: HtmlPart; at: number }[] = [];
  let inPart = 0;
  for (const m of html.matchAll(TAG)) {
    const [whole, , close, name, attrs, selfClosing] = m;
    if (!name) continue;
    const tag = name.toLowerCase();
    if (close) {
      // Close up to the matching element (HTML lets some end tags be left out).
      const i = stack.map((e) => e.tag).lastIndexOf(tag);
      if (i < 0) continue;
      for (const e of stack.splice(i)) {
        if (e.part) {
          inPart--;
          out[e.part] += Buffer.byteLength(html.slice(e.at, m.index + whole.length));
        }
      }
    } else if (!VOID.has(tag) && !selfClosing) {
      const part = inPart === 0 ? partOf(tag, attrs) : undefined;
      if (part) inPart++;
      stack.push({ tag, part, at: m.index });
    }
  }
  const counted = HTML_PARTS.reduce((sum, p) => sum + out[p.key], 0);
  out.other = Buffer.byteLength(html) - counted;
  return out;
}

/** What a page says, in UTF-8 bytes as written: its visible text and its links' targets. */
export interface HtmlContent {
  /** Text outside tags, each run of white space counted as one byte; not in the head, a script, a style, a drawing (svg) or a template. */
  text: number;
  /** The values of href attributes. */
  links: number;
}

// Elements whose text a reader does not read as the page's text.
const UNREAD = new Set(['head', 'script', 'style', 'svg', 'template']);
// The same tokens, and the text between them (a lone "<" is text).
const TOKEN = new RegExp(`${TAG_SOURCE}|[^<]+|<`, 'gi');
const HREF = /\shref="([^"]*)"/gi;

/**
 * The page's text and link targets; the rest of its bytes are markup (tags, attributes)
 * and drawings. Beside the baseline's, it says how much of the HTML is what the pages
 * say and how much is how they say it.
 */
export function htmlContent(html: string): HtmlContent {
  let text = 0;
  let links = 0;
  let unread = 0;
  for (const m of html.matchAll(TOKEN)) {
    const [whole, raw, close, name, attrs, selfClosing] = m;
    if (raw) continue; // a script or style, whole
    if (name) {
      const tag = name.toLowerCase();
      if (UNREAD.has(tag) && !selfClosing) unread = Math.max(0, unread + (close ? -1 : 1));
      if (!close) for (const h of attrs.matchAll(HREF)) links += Buffer.byteLength(h[1]);
    } else if (unread === 0 && !whole.startsWith('<!')) { // not a comment or the doctype
      text += Buffer.byteLength(whole.replace(/\s+/g, ' '));
    }
  }
  return { text, links };
}
