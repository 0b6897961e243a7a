import { describe, expect, it } from 'vitest';
import { foldArabic, hasArabic } from '../../src/domain/arabic.ts';

describe('foldArabic', () => {
  it.each([
    ['أبو مهدي المهندس', 'ابو مهدي المهندس'],       // alef with hamza above
    ['إسلامي', 'اسلامي'],                           // alef with hamza below
    ['آمرلي', 'امرلي'],                             // alef with madda
    ['مصطفى', 'مصطفي'],                             // alef maqsura → ya
    ['الرقة', 'الرقه'],                             // taa marbuta → ha
    ['كِتَائِبُ حِزْبِ اللَّه', 'كتايب حزب الله'],    // tashkeel stripped, hamza seat folded
    ['كتـــائب', 'كتايب'],                          // tatweel
    ['کتائب ی', 'كتايب ي'],                         // Persian keheh and yeh
  ])('folds %s to %s', (input, expected) => {
    expect(foldArabic(input)).toBe(expected);
  });

  it('makes the spellings a reader might type meet the one in the content', () => {
    expect(foldArabic('البوكمال')).toBe(foldArabic('البُوكَمَال'));
    expect(foldArabic('كتائب حزب الله')).toBe(foldArabic('كتايب حزب الله'));
  });

  it('leaves Latin text, markup and punctuation alone', () => {
    const html = '<p class="x" data-a="b">Kata’ib Hizballah — 3 Nov 2017</p>';
    expect(foldArabic(html)).toBe(html);
    expect(foldArabic('<span lang="ar">الرقة</span>')).toBe('<span lang="ar">الرقه</span>');
    expect(hasArabic('Raqqa')).toBe(false);
    expect(hasArabic('الرقة')).toBe(true);
  });
});
