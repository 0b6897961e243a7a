/**
 * A fast look at a page's tags, for the work done on every page as it is rendered
 * (its security policy, its offline copy): start and end tags with their attributes
 * and source offsets, and the text of raw-text elements (script, style …), without
 * building a tree. Several times faster than parsing the page with parse5.
 *
 * Exact for markup the way Astro and the dossier's renderer write it. Whatever it is
 * not sure to read as a browser would (a carriage return, a NUL, `<!--` inside a
 * script, a script or style inside SVG or MathML, an end tag that closes nothing open,
 * a character reference where a value must be decoded) makes it give up: it returns
 * undefined and the caller parses the page fully instead. Pure: no Node or Astro imports.
 */

export interface ScannedAttr {
  /** Lowercased name. */
  name: string;
  /** The value as written (undecoded); undefined for a bare attribute. */
  raw?: string;
  /** The value as a browser reads it (character references decoded). */
  value?: string;
  /** Offsets of the value as written (inside its quotes), when there is one. */
  valueStart?: number;
  valueEnd?: number;
}

export interface ScannedTag {
  kind: 'start' | 'end';
  /** Lowercased tag name. */
  name: string;
  /** Offsets of the tag from its `<` to after its `>`. */
  start: number;
  end: number;
  attrs: ScannedAttr[];
  selfClosing: boolean;
  /** For script, style, textarea, title … : the offsets of its text, up to its end tag. */
  text?: { start: number; end: number };
  /** Inside <svg> (foreign content). */
  inSvg: boolean;
}

/**
 * Elements whose content is text up to their end tag. Not <noscript>: its content is
 * markup for a reader without JavaScript, whose links the offline copy must rewrite too.
 */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'textarea', 'title']);
export const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen']);
/** HTML elements that end foreign content (an <svg>) where they start. */
const BREAKS_OUT_OF_SVG = new Set(['b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike', 'sub', 'sup', 'table', 'tt', 'u', 'ul', 'var', 'font']);
const NO_ATTRS: ScannedAttr[] = [];
/** A tag's attributes and its closing ">", well formed (else the page is left to a full parse). */
// Names and unquoted values are matched atomically (a lookahead and its backreference): no backtracking.
const TAG_BODY = /(?:[\t\n\f /]*(?=([^\t\n\f />"'=<]+))\1(?:[\t\n\f ]*=[\t\n\f ]*(?:"[^"]*"|'[^']*'|(?=([^\t\n\f >"'=<`]+))\2))?)*[\t\n\f /]*>/y;
const UNQUOTED_VALUE = /=[\t\n\f ]*[^\t\n\f "']/;
/**
 * Attribute names the policy and the offline copy read, each after what can precede an
 * attribute's name (so no attribute named so is missed; a value that merely contains
 * one only costs a closer look).
 */
const INTERESTING = /[\t\n\f "'/](?:on[a-z][^\t\n\f /=>]*|style|href|src|srcset|action|formaction|poster|data|cite|background|xlink:href|ping|rel|type|charset|http-equiv|content|data-online-only|data-search-root|manifest|defer)[\t\n\f /=>]/i;
const ATTR = /[\t\n\f ]*(?:([^\t\n\f />"'=][^\t\n\f />=]*)(?:[\t\n\f ]*=[\t\n\f ]*(?:"([^"]*)"|'([^']*)'|([^\t\n\f >]+)))?|(\/)?(>)|(\/))/y;
const NAME = /[a-zA-Z][^\t\n\f />]*/y;

/** Start and end tags in order, or undefined when the page needs a full parse. */
export function scanTags(html: string): ScannedTag[] | undefined {
  if (/[\r\0]/.test(html) || /<(?:math|foreignobject)[\s/>]/i.test(html)) return undefined;
  const tags: ScannedTag[] = [];
  const open: string[] = [];
  let svgDepth = 0;
  let i = 0;
  for (;;) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html[lt + 1];
    if (html.startsWith('<!--', lt)) {
      if (html.startsWith('<!-->', lt) || html.startsWith('<!--->', lt)) return undefined;
      const close = html.indexOf('-->', lt + 4);
      if (close < 0 || html.slice(lt + 4, close).includes('--!')) return undefined;
      i = close + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      // Doctype, or a bogus comment: up to the next >.
      const close = html.indexOf('>', lt);
      if (close < 0) return undefined;
      i = close + 1;
      continue;
    }
    const closing = next === '/';
    NAME.lastIndex = lt + (closing ? 2 : 1);
    const nameMatch = NAME.exec(html);
    if (!nameMatch) {
      if (closing) return undefined; // "</>" or "</ x>": not worth getting right here
      i = lt + 1; // a "<" in text
      continue;
    }
    const name = nameMatch[0].toLowerCase();
    const tag: ScannedTag = { kind: closing ? 'end' : 'start', name, start: lt, end: 0, attrs: NO_ATTRS, selfClosing: false, inSvg: svgDepth > 0 };
    let at = NAME.lastIndex;
    TAG_BODY.lastIndex = at;
    const body = TAG_BODY.exec(html);
    if (!body) return undefined;
    // Most tags (SVG paths, text, classes) carry nothing this scan looks at: their
    // attributes are only checked to be well formed, not taken apart.
    if (UNQUOTED_VALUE.test(body[0]) || INTERESTING.test(body[0])) {
      const attrs = readAttributes(html, at, tag);
      if (attrs === undefined || attrs !== TAG_BODY.lastIndex) return undefined;
    } else {
      tag.selfClosing = body[0].endsWith('/>');
    }
    at = TAG_BODY.lastIndex;
    tag.end = at;
    if (closing) {
      if (tag.attrs.length || html.slice(tag.start, at).includes('=')) return undefined;
      // Every element Astro writes is closed explicitly: anything else is read fully elsewhere.
      if (!VOID_ELEMENTS.has(name)) {
        if (open[open.length - 1] !== name) return undefined;
        open.pop();
        if (name === 'svg') svgDepth--;
      }
      tags.push(tag);
      i = at;
      continue;
    }
    tags.push(tag);
    i = at;
    const selfClosed = tag.selfClosing && (svgDepth > 0 || name === 'svg');
    if (VOID_ELEMENTS.has(name) && svgDepth === 0) continue;
    if (selfClosed) continue;
    if (svgDepth > 0 && (name === 'script' || name === 'style' || BREAKS_OUT_OF_SVG.has(name))) return undefined;
    if (name === 'plaintext') return undefined;
    if (name === 'svg') svgDepth++;
    open.push(name);
    if (svgDepth === 0 && RAW_TEXT.has(name)) {
      const endAt = findEndTag(html, name, at);
      if (endAt < 0) return undefined;
      if (name === 'script' && html.slice(at, endAt).includes('<!--')) return undefined;
      tag.text = { start: at, end: endAt };
      i = endAt;
    }
  }
  return open.length ? undefined : tags;
}

const NAMED: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0' };

/**
 * An attribute value as a browser reads it: the references Astro and hast-util-to-html
 * write (&amp; &quot; &lt; &gt; &apos; &nbsp; and numeric ones, with their semicolon)
 * decoded; null for any other "&" followed by a name or "#" (left to a full parse).
 */
export function decodeAttr(raw: string): string | null {
  if (!raw.includes('&')) return raw;
  let unsure = false;
  const out = raw.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]*));?/g, (m, dec: string, hex: string, name: string) => {
    if (!m.endsWith(';')) { unsure = true; return m; }
    if (name !== undefined) {
      const c = NAMED[name];
      if (c === undefined) unsure = true;
      return c ?? m;
    }
    const code = dec !== undefined ? Number(dec) : parseInt(hex, 16);
    // NUL, surrogates, out of range and C1 controls are remapped by browsers: not decoded here.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || (code >= 0x80 && code <= 0x9f)) { unsure = true; return m; }
    return String.fromCodePoint(code);
  });
  if (unsure || /&#(?![\d]|[xX][0-9a-fA-F])/.test(raw)) return null;
  return out;
}

/** Takes a tag's attributes apart (into tag.attrs); returns the offset after its ">", or undefined. */
function readAttributes(html: string, from: number, tag: ScannedTag): number | undefined {
  tag.attrs = [];
  const seen = new Set<string>();
  let at = from;
  for (;;) {
    ATTR.lastIndex = at;
    const m = ATTR.exec(html);
    if (!m) return undefined;
    at = ATTR.lastIndex;
    if (m[6]) { tag.selfClosing = Boolean(m[5]); return at; }
    if (m[7]) continue; // a stray "/" between attributes
    const attrName = m[1].toLowerCase();
    const raw = m[2] ?? m[3] ?? m[4];
    if (m[4] !== undefined && /["'<=`]/.test(m[4])) return undefined;
    if (/["'<&]/.test(m[1])) return undefined;
    const value = raw === undefined ? undefined : decodeAttr(raw);
    if (value === null) return undefined; // a character reference this scanner does not decode
    // The first of two attributes with one name wins, as in a browser.
    if (seen.has(attrName)) continue;
    seen.add(attrName);
    const valueEnd = raw === undefined ? undefined : m[4] !== undefined ? at : at - 1;
    tag.attrs.push({ name: attrName, raw, value: value ?? undefined, valueStart: valueEnd === undefined ? undefined : valueEnd - raw!.length, valueEnd });
  }
}

function findEndTag(html: string, name: string, from: number): number {
  const re = new RegExp(`</${name}[\\t\\n\\f />]`, 'ig');
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index : -1;
}

/** The (decoded) value of an attribute of a scanned tag: "" for a bare one, undefined when absent. */
export function attr(tag: ScannedTag, name: string): string | undefined {
  const a = tag.attrs.find((x) => x.name === name);
  return a ? a.value ?? '' : undefined;
}

/** Escapes a value for an attribute, whichever its quotes. */
export function attrValue(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A change to a page's text: [from, to) replaced by text. */
export interface Edit { from: number; to: number; text: string }

/** Applies non-overlapping edits (in any order). */
export function applyEdits(html: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: string[] = [];
  let at = 0;
  for (const e of sorted) {
    out.push(html.slice(at, e.from), e.text);
    at = Math.max(at, e.to);
  }
  out.push(html.slice(at));
  return out.join('');
}

/** The offset after the element that starts with tags[index] (its end tag), for a start tag. */
export function elementEnd(tags: ScannedTag[], index: number): { end: number; next: number } {
  const tag = tags[index];
  if (tag.selfClosing || (VOID_ELEMENTS.has(tag.name) && !tag.inSvg)) return { end: tag.end, next: index + 1 };
  let depth = 0;
  for (let k = index; k < tags.length; k++) {
    const t = tags[k];
    if (t.name !== tag.name) continue;
    if (t.kind === 'start' && !(t.selfClosing && (t.inSvg || t.name === 'svg'))) depth++;
    else if (t.kind === 'end' && --depth === 0) return { end: t.end, next: k + 1 };
  }
  return { end: tag.end, next: index + 1 };
}
