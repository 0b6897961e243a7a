/**
 * Smart quotes, dashes and ellipses: the output of Astro's `smartypants: true`
 * (remark-smartypants 3 with retext-smartypants), computed with less work.
 *
 * remark-smartypants parses every document's whole text into a natural-language
 * tree twice (once for quotes, then once per text node for dashes, ellipses and
 * backticks). That was two thirds of the Markdown rendering time of a dossier. This
 * plugin gives the same output with less work:
 * - quotes: each straight quote is decided from its neighbouring characters, with
 *   retext-smartypants' rules, when the neighbours are ones that parse-latin's
 *   merging cannot reinterpret (a letter, a space, a comma …): apostrophes, "quoted
 *   words", quotes after a full stop. Any other quote sends the whole document
 *   through retext as before, so unusual text is still handled exactly;
 * - dashes, ellipses and backticks: retext runs only on text nodes that contain
 *   `--`, `..`, `. .`, two backticks or two single quotes; elsewhere it is the identity.
 * test/integrations/remark-typography.test.ts compares the output with
 * remark-smartypants' on real, generated and fuzzed text.
 */
import { retext } from 'retext';
import smartypants from 'retext-smartypants';

type MdNode = { type: string; value?: string; name?: string | null; children?: MdNode[] };

// What remark-smartypants visits: text, inline code (as placeholder letters) and blocks.
const LITERALS = new Set(['text', 'inlineCode']);
const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
const VISITED = new Set([...LITERALS, ...BLOCKS]);
const IGNORED_HTML_ELEMENTS = new Set(['style', 'script']);

/** Text the quote pass can change: a straight quote. */
const HAS_QUOTE = /["']/;
/** Text the second pass can change: dashes, dots, double backticks or double single quotes. */
const HAS_OTHER = /--|\.\s*\.|``|''/;

export function remarkTypography() {
  const quotes = retext().use(smartypants, { ellipses: false, dashes: false, backticks: false });
  const others = retext().use(smartypants, { quotes: false });
  return (tree: MdNode) => {
    const nodes: MdNode[] = [];
    collect(tree, undefined, nodes);
    let all = '';
    for (const node of nodes) {
      if (LITERALS.has(node.type)) all += node.type === 'text' ? node.value! : 'A'.repeat(node.value!.length);
      // A fake space at each block start, so a quote opening a block is an opening quote.
      else all += ' ';
    }
    if (HAS_QUOTE.test(all)) all = curlQuotes(all) ?? quotes.processSync(all).toString();
    let start = 0;
    for (const node of nodes) {
      if (!LITERALS.has(node.type)) { start += 1; continue; }
      const end = start + node.value!.length;
      if (node.type === 'text') {
        const text = all.slice(start, end);
        node.value = HAS_OTHER.test(text) ? others.processSync(text).toString() : text;
      }
      start = end;
    }
  };
}

/** Document order, with remark-smartypants' test (unist-util-visit walks the same way). */
function collect(node: MdNode, parent: MdNode | undefined, out: MdNode[]) {
  const visited = parent !== undefined
    && (parent.type !== 'mdxJsxTextElement' || (typeof parent.name === 'string' && !IGNORED_HTML_ELEMENTS.has(parent.name)))
    && VISITED.has(node.type)
    && (typeof node.value === 'string' || BLOCKS.has(node.type));
  if (visited) out.push(node);
  if (node.children) for (const child of node.children) collect(child, node, out);
}

// --- the quote pass without a natural-language tree ---

/** parse-latin's white space (its `whiteSpace` expression). */
const WHITE_SPACE = /[\t-\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;
const WORD = /[\p{L}\p{M}\p{N}]/u;
/** Characters parse-latin ends sentences with. */
const TERMINAL = new Set(['.', '!', '?', '\u2026', '\u203D']);
/** Punctuation no parse-latin merge rule touches: a quote after it keeps it as its neighbour. */
const PLAIN_PUNCTUATION = new Set([',', ';', '(', '[', '\u2013', '\u2014']);

type CharClass = 'space' | 'word' | 'other' | 'unknown';

/**
 * parse-latin's class of a character: space, word (letters, marks, digits) or
 * other (punctuation and symbols, which the quote rules treat alike). Only for
 * characters below U+0800 and in General Punctuation, where this agrees with
 * parse-latin's own expressions (the test checks every one); 'unknown' elsewhere.
 */
export function charClass(ch: string): CharClass {
  if (ch === '') return 'space';
  const code = ch.charCodeAt(0);
  if (WHITE_SPACE.test(ch)) return 'space';
  if (code < 0x0800) return WORD.test(ch) ? 'word' : 'other';
  if (code >= 0x2010 && code <= 0x205e) return 'other';
  return 'unknown';
}

/**
 * Curls the straight quotes of a whole document as retext-smartypants would, or
 * returns undefined when a quote has neighbours whose meaning depends on
 * parse-latin's sentence and word merging (then the caller runs retext).
 * For a quote with previous neighbour P and next N (retext's rules, in order):
 * N punctuation → close (unless N is itself a quote: undecided); N a decade like
 * 80s → close; P space or punctuation and N a word → open; P a word → close;
 * N space or nothing → close; otherwise open.
 */
export function curlQuotes(text: string): string | undefined {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(/["']/g)) {
    const i = match.index!;
    const ch = match[0];
    const prev = text[i - 1] ?? '';
    const next = text[i + 1] ?? '';
    // A run of the same quote (`''`, `""`) is one token the quote rule leaves alone.
    if (prev === ch || next === ch) continue;
    if (next === '"' || next === "'") return undefined;
    const before = charClass(prev);
    const after = charClass(next);
    let open: boolean;
    if (before === 'word') open = false;
    else if (before === 'space' || PLAIN_PUNCTUATION.has(prev)) {
      if (after === 'space') open = false;
      // A word after: open, unless it starts with a digit (retext's decade rule: '80s).
      else if (after === 'word' && !/\d/.test(next)) open = true;
      else return undefined;
    } else if (TERMINAL.has(prev) && after === 'space') open = false;
    else return undefined;
    out += text.slice(last, i) + (ch === '"' ? (open ? '\u201C' : '\u201D') : (open ? '\u2018' : '\u2019'));
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}
