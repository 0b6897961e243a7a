/**
 * Arabic-script folding for search. Readers type the same name in several ways:
 * with or without hamza on the alef (أ إ آ ٱ → ا), alef maqsura for ya (ى → ي),
 * ha for taa marbuta (ة → ه), with or without short vowels and tatweel, and on a
 * Persian keyboard (ی ک). The index and the query are both folded with this one
 * function so that any of these spellings meets any other. Pure: used at build time
 * and in the browser.
 */

// Tashkeel (harakat, tanwin, shadda, sukun, dagger alef), Quranic marks, tatweel.
const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
const FOLD: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا',
  'ى': 'ي', 'ی': 'ي', 'ئ': 'ي',
  'ة': 'ه',
  'ؤ': 'و',
  'ک': 'ك',
};
const LETTERS = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g');

/** True when the text contains Arabic-script letters. */
export function hasArabic(text: string): boolean {
  return /[\u0600-\u06FF]/.test(text);
}

/** Folds Arabic-script spelling variants; leaves every other character alone. */
export function foldArabic(text: string): string {
  if (!hasArabic(text)) return text;
  return text.replace(MARKS, '').replace(LETTERS, (c) => FOLD[c]);
}
