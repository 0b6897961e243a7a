/**
 * Codes that are not text: C0 control characters other than tab, line feed and
 * carriage return, DEL, and the Unicode noncharacters (U+FDD0–U+FDEF and the last
 * two codes of every plane, U+FFFE, U+FFFF, U+1FFFE …). XML 1.0 forbids most of
 * them, so one of them in a title makes feed.xml ill-formed, and none has a use in
 * an entry. Pure.
 */

const PLANE_ENDS = Array.from({ length: 17 }, (_, plane) => {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `\\u{${hex(plane * 0x10000 + 0xfffe)}}\\u{${hex(plane * 0x10000 + 0xffff)}}`;
}).join('');

/** One code that is not text (lone surrogates too, for strings that did not come from UTF-8). */
export const NOT_TEXT = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f\\u{fdd0}-\\u{fdef}${PLANE_ENDS}]|\\p{Cs}`, 'u');
const NOT_TEXT_ALL = new RegExp(NOT_TEXT.source, 'gu');

/** U+FFFF, U+0007: how a code is named to a contributor. */
export function codeName(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first code that is not text, with its 1-based line, or undefined. */
export function firstNonText(text: string): { code: string; line: number } | undefined {
  const m = NOT_TEXT.exec(text);
  if (!m) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
  return { code: codeName(m[0]), line };
}

/** The text without codes that are not text (for writers of XML, as a last defence). */
export function dropNonText(text: string): string {
  return text.replace(NOT_TEXT_ALL, '');
}
