import { describe, expect, it } from 'vitest';
import { absoluteUrl, csvUrl, entryUrl, indexUrl, relativeUrl } from '../../src/domain/urls.ts';

describe('urls', () => {
  it('places entries, indexes and data files', () => {
    expect(entryUrl('actors', 'kataib-hezbollah')).toBe('/actors/kataib-hezbollah/');
    expect(entryUrl('pages', 'overview')).toBe('/');
    expect(indexUrl('events')).toBe('/events/');
    expect(csvUrl('relations')).toBe('/data/relations.csv');
  });

  it('makes absolute URLs only when a siteUrl is configured', () => {
    expect(absoluteUrl('/actors/x/', undefined)).toBeUndefined();
    expect(absoluteUrl('/actors/x/', 'https://example.org')).toBe('https://example.org/actors/x/');
    expect(absoluteUrl('/actors/x/', 'https://example.org/')).toBe('https://example.org/actors/x/');
  });
});

describe('relativeUrl', () => {
  it.each([
    ['/actors/kh/', '/places/iraq/', '../../places/iraq/index.html'],
    ['/actors/kh/', '/', '../../index.html'],
    ['/', '/actors/kh/', 'actors/kh/index.html'],
    ['/', '/', 'index.html'],
    ['/actors/kh/', '/actors/kh/', 'index.html'],
    ['/actors/kh/', '/actors/kh/#fn-1', 'index.html#fn-1'],
    ['/search/', '/search/?q=Hashd', 'index.html?q=Hashd'],
    ['/actors/kh/', '/actors/', '../index.html'],
    ['/actors/kh/', '/_astro/site.css', '../../_astro/site.css'],
    ['/404.html', '/favicon.svg', 'favicon.svg'],
    ['/events/x/', '/events/y/', '../y/index.html'],
  ])('from %s, %s is %s', (from, to, expected) => {
    expect(relativeUrl(from, to)).toBe(expected);
  });
});
