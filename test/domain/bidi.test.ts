import { describe, expect, it } from 'vitest';
import { rtlLang, splitRtlRuns, textKind } from '../../src/domain/bidi.ts';

describe('Arabic-script runs in left-to-right text', () => {
  it.each([
    ['no Arabic', 'Al Bukamal, 3 Nov', [['Al Bukamal, 3 Nov', undefined]]],
    ['a quotation: the quotation marks stay outside the run',
      'said: “البوكمال تحت مرمى” [1]', [['said: “', undefined], ['البوكمال تحت مرمى', 'ar'], ['” [1]', undefined]]],
    ['digits between Arabic words stay in the run; digits after it do not',
      'في 3 نوفمبر 2017', [['في 3 نوفمبر', 'ar'], [' 2017', undefined]]],
    ['brackets and commas belong to the English around them',
      '(البوكمال), (القائم)', [['(', undefined], ['البوكمال', 'ar'], ['), (', undefined], ['القائم', 'ar'], [')', undefined]]],
    ['Arabic punctuation and marks are part of the run', 'he said: أمسِ، الجمعة؟ then', [['he said: ', undefined], ['أمسِ، الجمعة؟', 'ar'], [' then', undefined]]],
    ['a Persian-only letter makes the run Persian', 'the word پاسداران here', [['the word ', undefined], ['پاسداران', 'fa'], [' here', undefined]]],
  ] as const)('%s', (_name, text, expected) => {
    const pieces = splitRtlRuns(text);
    expect(pieces.map((p) => [p.text, p.lang])).toEqual(expected);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
  });

  it.each([
    ['كتائب حزب الله', 'ar'],
    ['سپاه پاسداران', 'fa'], // pe
    ['چهار', 'fa'], // che
    ['ژاله', 'fa'], // zhe
    ['گروه', 'fa'], // gaf
    ['ایران', 'fa'], // Farsi yeh
    ['کشور', 'fa'], // keheh
    ['إيران', 'ar'], // Arabic yeh
    ['كتاب', 'ar'], // Arabic kaf
  ] as const)('%s is %s', (text, lang) => expect(rtlLang(text)).toBe(lang));

  it.each([
    ['البوكمال', 'rtl'], ['البوكمال 2017', 'rtl'], ['Al Bukamal', 'ltr'], ['البوكمال (Al Bukamal)', 'ltr'], ['[12]', 'neutral'], ['', 'neutral'],
  ] as const)('textKind(%j) is %s', (text, kind) => expect(textKind(text)).toBe(kind));
});
