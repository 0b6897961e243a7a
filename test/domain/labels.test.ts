import { describe, expect, it } from 'vitest';
import { languageName, relationPhrase, textDirection } from '../../src/domain/labels.ts';
import { RELATION_TYPES } from '../../src/schemas/actors.ts';

describe('labels', () => {
  it.each([
    ['ar', 'rtl'], ['fa', 'rtl'], ['he', 'rtl'], ['ur', 'rtl'], ['ar-IQ', 'rtl'], ['ku-Arab', 'rtl'],
    ['en', undefined], ['ku', undefined], ['az-Latn', undefined], [undefined, undefined],
  ])('text direction of %s is %s', (lang, dir) => {
    expect(textDirection(lang)).toBe(dir);
  });

  it('reads relations from both ends', () => {
    expect(relationPhrase('backed-by', 'out')).toBe('backed by');
    expect(relationPhrase('backed-by', 'in')).toBe('backs');
    expect(relationPhrase('unit-of', 'in')).toBe('has unit');
    expect(relationPhrase('leader-of', 'in')).toBe('led by');
    for (const t of RELATION_TYPES) expect(relationPhrase(t, 'in')).toBeTruthy();
  });

  it('names languages for readers', () => {
    expect(languageName('ar')).toBe('Arabic');
    expect(languageName('de')).toBe('German');
  });
});
