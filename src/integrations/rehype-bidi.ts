/**
 * Rehype step: direction-isolates right-to-left text inside the body's left-to-right
 * prose (rules and languages: src/domain/bidi.ts). An Arabic run in an English sentence
 * becomes <bdi lang="ar">…</bdi>, so the quotation mark and the footnote number after
 * it stay after it; a run that continues through emphasis or a link is isolated whole,
 * so its words keep their order. A block whose letters are all Arabic-script (a quoted
 * paragraph, a list item) gets dir="rtl" and lang on the block itself.
 *
 * It runs after rehype-safe, on clean markup, and adds only <bdi> and the global
 * attributes lang and dir (both on rehype-safe's list). Text the content cannot give a
 * language (raw HTML is refused) never already has one, but an element with lang or dir
 * is left as it is, and so are code and footnote markers. A body of an RTL-language
 * dossier is left alone: its text runs right to left already.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { hasRtlScript, joinsRuns, rtlLang, splitRtlRuns, textKind } from '../domain/bidi.ts';

const SKIP = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'bdi', 'bdo']);
const BLOCKS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'dt', 'dd', 'figcaption', 'caption']);
/** Inline elements that may be part of a run (a link or emphasis inside an Arabic quotation). */
const INLINE = new Set(['a', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'mark', 'small', 'span', 'q', 'cite', 'abbr', 'dfn', 'var', 'sub']);

export function rehypeBidi() {
  return (tree: Root): Root => {
    texts = new WeakMap();
    if (hasRtlScript(textOf(tree))) tree.children = isolateChildren(tree.children as ElementContent[]) as RootContent[];
    texts = new WeakMap();
    return tree;
  };
}

/** Each element's text, computed once per run (deeply nested bodies stay linear). */
let texts = new WeakMap<object, string>();

function textOf(node: Root | RootContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && isCitation(node)) return '';
  if (!('children' in node)) return '';
  let text = texts.get(node);
  if (text === undefined) {
    text = (node.children as RootContent[]).map(textOf).join('');
    texts.set(node, text);
  }
  return text;
}

/** Footnote markers ([1], GFM's 1): digits that belong to the sentence, not to a run. */
const isCitation = (node: Element) => node.tagName === 'sup';
const hasOwnDirection = (node: Element) => node.properties.lang !== undefined || node.properties.dir !== undefined;

/** A piece of a parent's children: plain content, or content of one RTL run. */
type Piece = { node: ElementContent; kind: 'rtl' | 'ltr' | 'neutral' | 'join' };

function isolateChildren(children: ElementContent[]): ElementContent[] {
  const pieces: Piece[] = [];
  for (const child of children) {
    if (child.type === 'text') {
      for (const p of splitRtlRuns(child.value)) {
        const node: Text = { type: 'text', value: p.text };
        pieces.push({ node, kind: p.lang ? 'rtl' : joinsRuns(p.text) ? 'join' : 'ltr' });
      }
    } else if (child.type === 'element') {
      pieces.push({ node: visitElement(child), kind: elementKind(child) });
    } else pieces.push({ node: child, kind: 'ltr' });
  }
  // Runs: an rtl piece, then any joins and rtl pieces, ending on an rtl piece.
  const out: ElementContent[] = [];
  for (let i = 0; i < pieces.length;) {
    if (pieces[i].kind !== 'rtl') { out.push(pieces[i].node); i++; continue; }
    let end = i;
    for (let j = i + 1; j < pieces.length && (pieces[j].kind === 'rtl' || pieces[j].kind === 'join'); j++) {
      if (pieces[j].kind === 'rtl') end = j;
    }
    const run = pieces.slice(i, end + 1).map((p) => p.node);
    out.push({ type: 'element', tagName: 'bdi', properties: { lang: rtlLang(run.map(textOf).join('')) }, children: run });
    i = end + 1;
  }
  return out;
}

/** An inline element whose letters are all Arabic-script joins a run whole; others are visited. */
function elementKind(node: Element): Piece['kind'] {
  if (SKIP.has(node.tagName) || isCitation(node) || hasOwnDirection(node) || !INLINE.has(node.tagName)) return 'ltr';
  const kind = textKind(textOf(node));
  return kind === 'neutral' ? 'ltr' : kind;
}

function visitElement(node: Element): Element {
  if (SKIP.has(node.tagName) || isCitation(node) || hasOwnDirection(node)) return node;
  const text = textOf(node);
  if (!hasRtlScript(text)) return node;
  const kind = textKind(text);
  if (BLOCKS.has(node.tagName) && kind === 'rtl') {
    node.properties = { ...node.properties, dir: 'rtl', lang: rtlLang(text) };
    return node;
  }
  if (INLINE.has(node.tagName) && kind === 'rtl') return node; // isolated whole by its parent
  node.children = isolateChildren(node.children);
  return node;
}
