import { describe, expect, it } from 'vitest';
import { displayName, languageName, relationPhrase, relationsIntro, textDirection } from '../../src/domain/labels.ts';
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

describe('relationsIntro: the relations page names only the kinds of relation the dossier has', () => {
  it.each([
    [[], 'No relations between the actors of this dossier yet.'],
    [['backed-by'], '1 relation between the actors of this dossier: who is backed by whom, each with its sources.'],
    [['opposed-to', 'unit-of', 'opposed-to'], '3 relations between the actors of this dossier: who is a unit of or opposed to whom, each with its sources.'],
    [['spokesperson-of', 'backed-by', 'member-of'], '3 relations between the actors of this dossier: who is a member of, the spokesperson of or backed by whom, each with its sources.'],
  ] as const)('%j', (types, intro) => {
    expect(relationsIntro(types)).toBe(intro);
  });
});

describe('displayName', () => {
  it.each([
    [{ name: 'Kataib Hezbollah' }, 'kh', 'Kataib Hezbollah'],
    [{ title: 'Clash in Town C' }, 'clash', 'Clash in Town C'],
    [{}, 'no-name', 'no-name'],
    [undefined, 'missing', 'missing'],
  ])('%j (%s) is shown as %s', (data, id, name) => expect(displayName(data, id)).toBe(name));
});
