import { describe, expect, it } from 'vitest';
import { dropNonText, firstNonText } from '../../src/domain/text-chars.ts';
import { escapeXml } from '../../src/domain/feeds.ts';

describe('codes that are not text', () => {
  it.each([
    ['plain text\twith tab\r\nand CRLF, Arabic العراق, emoji 🙂', undefined],
    ['a\uffffb', { code: 'U+FFFF', line: 1 }],
    ['a\n\nb\ufffe', { code: 'U+FFFE', line: 3 }],
    ['x\u0007', { code: 'U+0007', line: 1 }],
    ['x\n\u007f', { code: 'U+007F', line: 2 }],
    ['\ufdd0', { code: 'U+FDD0', line: 1 }],
    ['\u{1ffff}', { code: 'U+1FFFF', line: 1 }],
    ['\u{10fffe}', { code: 'U+10FFFE', line: 1 }],
    ['lone \ud800 surrogate', { code: 'U+D800', line: 1 }],
    ['\ufffd replacement and \u00a0 nbsp are text', undefined],
  ])('%j', (text, expected) => {
    expect(firstNonText(text)).toEqual(expected);
  });

  it('XML writers drop them (defence in depth)', () => {
    expect(dropNonText('a\uffff\u0001b\u{1fffe}c')).toBe('abc');
    expect(escapeXml('Tom & \uffffJerry\u0008 <x>')).toBe('Tom &amp; Jerry &lt;x&gt;');
  });
});

describe('the loader refuses them in every file it reads', () => {
  it('entries and dossier.yml, with the code and the line', async () => {
    const { makeDossier, EVENT } = await import('../helpers/dossier.ts');
    const { checkDossier } = await import('../../src/pipeline/check.ts');
    const { formatProblem } = await import('../../src/domain/problems.ts');
    const root = makeDossier({ 'events/e.md': EVENT('', 'One.\n\nTwo \uffff.'), 'dossier.yml': 'title: T\u0000\n' });
    const errors = (await checkDossier(root)).errors.map((p) => formatProblem(p));
    expect(errors).toEqual([
      'dossier.yml:1  the file contains U+0000, a code that is not a text character (line 1): remove it',
      'events/e.md:8  the file contains U+FFFF, a code that is not a text character (line 8): remove it',
    ]);
  });
});
