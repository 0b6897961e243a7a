import { describe, expect, it } from 'vitest';
import { relativeUrl } from '../../src/domain/urls.ts';

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
