import { describe, expect, it } from 'vitest';
import { buildSnippet, foldText, hitPositions, htmlText, isHit, matchKey, otherForms, searchTerms, wordForms, type SnippetPart } from '../../src/domain/search-text.ts';

/** A snippet as text, hits in [brackets]. */
const show = (parts: SnippetPart[]) => parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('');

describe('htmlText', () => {
  it('keeps the words of a rendered body, with a space between blocks and no citation markers', () => {
    const html = '<h2 id="x">Kind</h2><p>Person</p>\n<ul><li>one</li><li>two&#x27;s &amp; three</li></ul>'
      + '<p>Group<sup class="citation"><a href="#fn-1" id="cite-1-1" aria-label="Source 1">[1]</a><a href="#fn-2">[2]</a></sup>. <!--dossier-component:0--><em>Done</em>&nbsp;now</p>'
      + '<section class="footnotes"><h2>Footnotes</h2><ol><li>Other entry</li></ol></section>';
    expect(htmlText(html)).toBe("Kind Person one two's & three Group. Done now");
  });
});

describe('folding', () => {
  it('folds Arabic variants and transliteration apostrophes, not possessives, and keeps whitespace', () => {
    expect(foldText("Kata'ib Hizballah, Qa’im and Iran's  كتائب أبو")).toBe("Kataib Hizballah, Qaim and Iran's  كتايب ابو");
    // Persian ی and ک meet their Arabic forms.
    expect(foldText('قاسم سلیمانی')).toBe(foldText('قاسم سليماني'));
  });

  it('gives the other forms of a word: folded, and an Arabic word without its article', () => {
    expect(wordForms('(القائم)')).toEqual(['القايم', 'قايم']);
    expect(wordForms('البوكمال')).toEqual(['بوكمال']);
    expect(wordForms('الله')).toEqual([]);
    expect(wordForms('Qaim')).toEqual([]);
    expect(otherForms('Kata’ib Hezbollah (كتائب حزب الله) near Al-Qa’im. Kata’ib')).toEqual(['Kataib', 'كتايب', 'Al-Qaim']);
  });

  it('searches a name without the article a reader may type before it', () => {
    expect(searchTerms('Al Qaim')).toBe('Qaim');
    expect(searchTerms('al-Qa’im')).toBe('Qaim');
    expect(searchTerms('Al')).toBe('Al');
    expect(searchTerms('  كتائب  حزب ')).toBe('كتايب حزب');
    expect(searchTerms('Flight 752')).toBe('Flight 752');
    // English words that are also articles' spellings stay; a joined article goes.
    expect(searchTerms('killed as reported')).toBe('killed as reported');
    expect(searchTerms('an attack')).toBe('an attack');
    expect(searchTerms('as-Sadr')).toBe('Sadr');
    // A quoted phrase is searched as written.
    expect(searchTerms('"Al Qaim was"')).toBe('"Al Qaim was"');
  });

  it('marks a word written with a spelling the query folds to', () => {
    const terms = ['ابو', 'qaim', 'قايم'].map(matchKey);
    expect(isHit('أبو', terms)).toBe(true);
    expect(isHit('Al-Qa’im,', terms)).toBe(true);
    expect(isHit('القائم', terms)).toBe(true);
    expect(isHit('Iraq', terms)).toBe(false);
  });
});

describe('buildSnippet', () => {
  const text = 'Kataib Hezbollah is an Iraqi group. Its spokesman said the “town of Al Bukamal is in range of our missiles” on Friday. Iraqi forces took Al Qaim that day.';

  it('starts at the start of the sentence holding the hits, with "…" where the text is cut', () => {
    const hits = hitPositions(text, 'Bukamal');
    expect(show(buildSnippet(text, hits, 16))).toBe('… Its spokesman said the “town of Al [Bukamal] is in range of our missiles” on Friday. Iraqi forces took Al Qaim that day.');
  });

  it('shows a quotation’s opening mark when it cuts into one, and closes it when it cuts before its end', () => {
    const long = `${'word '.repeat(20)}He said “${'a '.repeat(30)}Bukamal b c d e f g h i j k l m n o p q r s” and left.`;
    const out = show(buildSnippet(long, hitPositions(long, 'Bukamal'), 10));
    expect(out).toBe('… “a a a a [Bukamal] b c d e f…”');
  });

  it('shows the text as written, marking the words the query matched through folding', () => {
    const ar = 'قال أبو مهدي المهندس إن القائم محررة.';
    expect(show(buildSnippet(ar, hitPositions(ar, 'ابو مهدي'), 30))).toBe('قال [أبو] [مهدي] المهندس إن القائم محررة.');
    expect(show(buildSnippet(ar, hitPositions(ar, 'قائم'), 30))).toBe('قال أبو مهدي المهندس إن [القائم] محررة.');
  });

  it('marks the word, not the punctuation around it, and adds the words the engine matched', () => {
    expect(show(buildSnippet('He captured (Qaim), then left.', hitPositions('He captured (Qaim), then left.', 'qaim', [1]), 30))).toBe('He [captured] ([Qaim]), then left.');
    expect(buildSnippet('', new Set())).toEqual([]);
  });
});

describe('buildSnippet quotations', () => {
  it('closes a straight quotation with a straight mark', () => {
    const t = `${'w '.repeat(10)}gives his name as "Jamal ${'x '.repeat(20)}y" here.`;
    expect(show(buildSnippet(t, hitPositions(t, 'Jamal'), 8))).toBe('… gives his name as "[Jamal] x x x…"');
  });
});
