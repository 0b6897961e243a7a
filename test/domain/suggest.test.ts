import { describe, expect, it } from 'vitest';
import { closest, slugify } from '../../src/domain/suggest.ts';

const ids = ['kataib-hezbollah', 'hashd-al-shaabi', 'islamic-state', 'al-bukamal'].map((v) => ({ key: v, value: v }));

describe('closest', () => {
  it.each([
    ['kataib-hezbolah', 'kataib-hezbollah'],
    ['islamic-stat', 'islamic-state'],
    ['hashd', 'hashd-al-shaabi'],
    ['al-bukamel', 'al-bukamal'],
  ])('suggests %s → %s', (wanted, expected) => expect(closest(wanted, ids)).toBe(expected));

  it('suggests nothing when nothing is close', () => expect(closest('mosul', ids)).toBeUndefined());
});

describe('slugify', () => {
  it.each([
    ['Abu Mahdi al-Muhandis', 'abu-mahdi-al-muhandis'],
    ["Kata'ib Hezbollah", 'kataib-hezbollah'],
    ['Deir ez-Zor', 'deir-ez-zor'],
    ['  Café  Noir ', 'cafe-noir'],
  ])('%s → %s', (name, slug) => expect(slugify(name)).toBe(slug));
});
