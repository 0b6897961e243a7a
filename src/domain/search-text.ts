/**
 * Text for search: what an entry's rendered body says in plain words, how words are
 * folded so that spelling variants meet, and the snippet a result shows.
 *
 * Fold for matching, show what was written: the index holds the entry's text as
 * written (the snippet is cut from it) and, beside it, the folded forms of the words
 * that folding changes (src/pipeline/search-index.ts). The query is folded the same
 * way. Pure: used at build time and in the browser.
 */
import { foldArabic } from './arabic.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the character references the renderer writes (numeric and the few named ones). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[ref.toLowerCase()] ?? all;
  });
}

// Blocks end a run of text: their text must not run into the next block's ("Kind" + "Person").
const BLOCK = /<\/?(?:p|div|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|thead|tbody|tr|td|th|figure|figcaption|section|aside|br|hr)\b[^>]*>/gi;

/**
 * The words of a rendered body (the renderer's own, safe HTML) as one line of text:
 * citation markers ("[3]"), footnote lists and figures left out, one space between
 * blocks, whitespace collapsed.
 */
export function htmlText(html: string): string {
  return decodeEntities(html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<sup\b[^>]*>[\s\S]*?<\/sup>/gi, '')
    .replace(/<section\b[^>]*class="[^"]*\bfootnotes\b[^"]*"[^>]*>[\s\S]*?<\/section>/gi, ' ')
    .replace(/<(figure|script|style|svg)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(BLOCK, ' ')
    .replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** A sentence from a field: trimmed, ending in a full stop unless it already ends a sentence. */
export function asSentence(text: string | undefined): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!t) return '';
  return /[.!?…]["”’)\]]*$/.test(t) ? t : `${t}.`;
}

const APOSTROPHES = /['’ʼ‘`]/;

/**
 * Folds text for matching; whitespace is left where it was. Arabic-script variants
 * (src/domain/arabic.ts), and an apostrophe between two letters of a transliteration
 * (Kata'ib → Kataib, Qa'im → Qaim), but not a possessive (Iran's stays: the search
 * engine reads it as Iran).
 */
export function foldText(text: string): string {
  return foldArabic(text).replace(/(\p{L})['’ʼ‘`](?!s(?![\p{L}\p{N}]))(?=\p{L})/gu, '$1');
}

/** Arabic words with the article: ال followed by at least three letters (الله and الى keep theirs). */
const ARABIC_ARTICLE = /^(?:و?ال)(?=[\u0620-\u064A\u066E-\u06D3]{3})/;

/**
 * The forms a word is found by besides the word as written: folded, and an Arabic
 * word also without its article (القايم is found by قايم). Empty when it has none.
 */
export function wordForms(word: string): string[] {
  const core = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const folded = foldText(core);
  const forms = new Set<string>();
  if (folded !== core) forms.add(folded);
  if (ARABIC_ARTICLE.test(folded)) forms.add(folded.replace(ARABIC_ARTICLE, ''));
  return [...forms];
}

/** The other forms of every word of a text (wordForms), each once, in order. */
export function otherForms(text: string): string[] {
  const out = new Set<string>();
  for (const word of text.split(/\s+/)) {
    if (!word || !(APOSTROPHES.test(word) || /[\u0600-\u06FF]/.test(word))) continue;
    for (const f of wordForms(word)) out.add(f);
  }
  return [...out];
}

/**
 * Articles a reader types as a word of their own before a name ("Al Qaim", "el Arish"):
 * not what tells names apart. Only al and el: an, as, ad are English words too, so the
 * other assimilated forms are dropped only when joined by a hyphen (as-Sadr).
 */
const LATIN_ARTICLE = /^(?:al|el)$/i;

/**
 * The query as the index is searched: folded, and a standalone article or an "al-"
 * prefix dropped when other words remain ("Al Qaim" searches Qaim, as "Qaim" does;
 * a lone "Al" stays). A quoted phrase is searched as written (folded only).
 */
export function searchTerms(query: string): string {
  const words = foldText(query).trim().split(/\s+/).filter(Boolean);
  if (/["“”]/.test(query)) return words.join(' ');
  const kept = words
    .map((w) => w.replace(/^(?:al|el|ad|an|ar|as|ash|az)[-‐‑](?=\p{L}{2})/iu, ''))
    .filter((w) => !LATIN_ARTICLE.test(w) && w !== 'ال');
  return (kept.length ? kept : words).join(' ');
}

/** A word reduced to what matching compares: folded, without marks, case or punctuation. */
export function matchKey(word: string): string {
  return foldText(word).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/['’ʼ‘`]s$/u, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Whether a word of the text is a hit for one of the query's terms (matchKey'd): the
 * same word, a word it begins (the engine matches the start of words), or the same
 * Arabic word with or without its article. Used to mark hits the engine found through
 * a folded form, which it cannot point at in the text as written.
 */
export function isHit(word: string, terms: readonly string[]): boolean {
  const parts = word.split(/[-‐‑/]/).map(matchKey).filter(Boolean);
  const key = matchKey(word);
  if (key) parts.push(key);
  for (const p of parts) {
    const bare = p.replace(ARABIC_ARTICLE, '');
    for (const t of terms) {
      if (!t) continue;
      if (p === t || bare === t || (t.length > 1 && (p.startsWith(t) || bare.startsWith(t)))) return true;
      if (t.replace(ARABIC_ARTICLE, '') === bare) return true;
    }
  }
  return false;
}

export interface SnippetPart {
  text: string;
  mark: boolean;
}

const SENTENCE_END = /[.!?…]["”’)\]]*$/;

function isSentenceStart(words: readonly string[], i: number): boolean {
  if (i === 0) return true;
  return SENTENCE_END.test(words[i - 1]) && !/^\p{Ll}/u.test(words[i]);
}

/** The marks that close the quotations left open in a run of words ("" when none is). */
function openQuotes(words: readonly string[]): string {
  let curly = 0;
  let guillemets = 0;
  let straight = 0;
  for (const w of words) {
    curly += (w.match(/“/g)?.length ?? 0) - (w.match(/”/g)?.length ?? 0);
    guillemets += (w.match(/«/g)?.length ?? 0) - (w.match(/»/g)?.length ?? 0);
    straight += w.split('"').length - 1;
  }
  return (straight % 2 ? '"' : '') + (curly > 0 ? '”' : '') + (guillemets > 0 ? '»' : '');
}

/** The opening marks of the quotations that `closing` closes, innermost last. */
const OPEN_FOR: Record<string, string> = { '”': '“', '"': '"', '»': '«' };

/**
 * The snippet of a result, cut from the text as written: about `length` words around
 * the densest run of hits (`hits`: word positions in text.split(' ')), starting at the
 * start of a sentence when one is near, never mid-quotation without its opening mark,
 * and with "…" where it cuts the text.
 */
export function buildSnippet(text: string, hits: ReadonlySet<number>, length = 30): SnippetPart[] {
  const words = text.split(' ').filter(Boolean);
  if (!words.length) return [];
  const sorted = [...hits].filter((i) => i >= 0 && i < words.length).sort((a, b) => a - b);
  // The window of `length` words holding the most hits, earliest first.
  let start = 0;
  if (sorted.length) {
    let best = -1;
    for (let a = 0, b = 0; a < sorted.length; a++) {
      while (b < sorted.length && sorted[b] < sorted[a] + length) b++;
      if (b - a > best) { best = b - a; start = sorted[a]; }
    }
    // Back to the start of its sentence when that is near; else a little context.
    let s = start;
    while (s > 0 && start - s < length / 2 && !isSentenceStart(words, s)) s--;
    start = isSentenceStart(words, s) ? s : Math.max(0, start - 4);
  }
  let end = Math.min(words.length, start + length);
  // Finish the sentence when it ends a few words later.
  for (let e = end; e < Math.min(words.length, end + 8); e++) {
    if (SENTENCE_END.test(words[e])) { end = e + 1; break; }
  }
  const parts: SnippetPart[] = [];
  const push = (t: string, mark = false) => {
    const last = parts.at(-1);
    if (last && last.mark === mark) last.text += t;
    else parts.push({ text: t, mark });
  };
  if (start > 0) push('… ');
  // A cut inside a quotation shows its opening mark, and the quotation's end if cut there.
  const openAtStart = [...openQuotes(words.slice(0, start))].reverse().map((c) => OPEN_FOR[c]).join('');
  if (openAtStart) push(openAtStart);
  for (let i = start; i < end; i++) {
    if (i > start) push(' ');
    const w = words[i];
    if (hits.has(i)) {
      // The mark covers the word, not the punctuation around it.
      const m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(w)!;
      if (m[1]) push(m[1]);
      push(m[2] || w, true);
      if (m[3]) push(m[3]);
    } else push(w);
  }
  const open = openQuotes([openAtStart, ...words.slice(start, end)]);
  if (end < words.length) push(open ? `…${open}` : ' …');
  else if (open) push(open);
  return parts;
}

/**
 * The positions of the words to mark: those the search engine matched (`engine`), and
 * those that match a query term only through folding.
 */
export function hitPositions(text: string, query: string, engine: readonly number[] = []): Set<number> {
  const terms = searchTerms(query).split(' ').map(matchKey).filter(Boolean);
  const hits = new Set(engine);
  if (!terms.length) return hits;
  text.split(' ').filter(Boolean).forEach((w, i) => { if (isHit(w, terms)) hits.add(i); });
  return hits;
}
