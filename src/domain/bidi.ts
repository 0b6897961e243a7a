/**
 * Right-to-left runs inside left-to-right text. An Arabic quotation in an English
 * sentence must be isolated (<bdi>) or the Unicode bidi algorithm pulls the quotation
 * mark and the footnote number after it into the Arabic run, before its last word.
 * Pure: the body renderer (rehype-bidi.ts) and the components use the same rules.
 *
 * Language. Arabic and Persian share a script and cannot always be told apart. The rule:
 * a run with a letter Persian has and Arabic does not (پ چ ژ گ, Farsi yeh ی, keheh ک) is
 * Persian (fa); any other Arabic-script run is Arabic (ar). Urdu, Kurdish or Pashto text
 * is therefore marked fa, not perfect but closer than ar, and Arabic text that spells a
 * foreign name with پ or گ is marked fa: a screen reader reads it with Persian rules,
 * which read the Arabic letters the same. Text whose language the content states
 * (nativeName.lang, an alias's lang) keeps that language; this rule is for text that has none.
 */

/** Arabic-script letters, marks, digits and punctuation (Arabic, Supplement, Extended-A/B, Presentation Forms). */
const SCRIPT = '\\u0600-\\u06FF\\u0750-\\u077F\\u0870-\\u089F\\u08A0-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF';
/**
 * What a run may hold between two Arabic-script characters: spaces, digits and the
 * punctuation of a sentence. Not brackets, quotation marks or commas: those belong to
 * the surrounding English ("(البوكمال), (القائم)" is two runs, each inside its brackets).
 */
const INSIDE = `${SCRIPT}\\s\\d.:/%\\-\\u200C\\u200D`;
const RUN = new RegExp(`[${SCRIPT}](?:[${INSIDE}]*[${SCRIPT}])?`, 'gu');
const HAS_SCRIPT = new RegExp(`[${SCRIPT}]`, 'u');
/** Text that may join two runs into one: only spaces, digits and in-sentence punctuation. */
const JOINER = new RegExp(`^[\\s\\d.:/%\\-\\u200C\\u200D]*$`, 'u');
const PERSIAN_ONLY = /[\u067E\u0686\u0698\u06AF\u06CC\u06A9]/u;
/** A letter of any script: what decides a text's direction. */
const LETTER = /\p{L}/u;
const LETTERS = /\p{L}/gu;

export type RtlLang = 'ar' | 'fa';

/** True when the text holds an Arabic-script character (cheap test before the rest). */
export function hasRtlScript(text: string): boolean {
  return HAS_SCRIPT.test(text);
}

/** The language of an Arabic-script run: fa when it has a Persian-only letter, else ar. */
export function rtlLang(text: string): RtlLang {
  return PERSIAN_ONLY.test(text) ? 'fa' : 'ar';
}

/** Text cut into pieces, each either plain or an Arabic-script run with its language. */
export interface TextPiece { text: string; lang?: RtlLang }

/** "He said: “البوكمال تحت مرمى” [1]" → plain, run (ar), plain. Joined, the pieces are the text. */
export function splitRtlRuns(text: string): TextPiece[] {
  if (!hasRtlScript(text)) return text ? [{ text }] : [];
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(RUN)) {
    if (m.index! > last) pieces.push({ text: text.slice(last, m.index) });
    pieces.push({ text: m[0], lang: rtlLang(m[0]) });
    last = m.index! + m[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}

/** True when the text may sit between two runs of one quotation (spaces, digits, in-sentence punctuation). */
export function joinsRuns(text: string): boolean {
  return JOINER.test(text);
}

/**
 * How a piece of text reads: 'rtl' when every letter in it is Arabic-script, 'ltr' when
 * it has a letter of another script, 'neutral' when it has no letter (digits, marks).
 */
export function textKind(text: string): 'rtl' | 'ltr' | 'neutral' {
  if (!LETTER.test(text)) return 'neutral';
  if (!hasRtlScript(text)) return 'ltr';
  for (const [letter] of text.matchAll(LETTERS)) if (!HAS_SCRIPT.test(letter)) return 'ltr';
  return 'rtl';
}
