import { describe, expect, it } from 'vitest';
import { isAbsoluteUrl, offlineCss, offlineRefresh, offlineSrcset, offlineUrl, resolveSiteUrl, wrapIndexFile } from '../../src/domain/offline.ts';

describe('offlineUrl', () => {
  const dirs = new Set(['/actors', '/graph']);
  const isDirectory = (p: string) => dirs.has(p);
  it.each([
    ['/', '/actors/kh/', '../../index.html'],
    ['/places/iraq/', '/actors/kh/', '../../places/iraq/index.html'],
    ['/places/iraq/#fn-2', '/actors/kh/', '../../places/iraq/index.html#fn-2'],
    ['/search/?q=KH', '/actors/kh/', '../../search/index.html?q=KH'],
    ['/_astro/site.css', '/actors/kh/', '../../_astro/site.css'],
    ['/favicon.svg', '/', 'favicon.svg'],
    ['../', '/actors/kh/', '../index.html'],
    ['./', '/actors/kh/', 'index.html'],
    ['/actors', '/', 'actors/index.html'],
    ['/graph', '/actors/kh/', '../../graph/index.html'],
    ['/events/__id__/', '/', 'events/__id__/index.html'],
    ['/404.html', '/actors/kh/', '../../404.html'],
  ])('%s on %s → %s', (u, from, expected) => {
    expect(offlineUrl(u, from, isDirectory)).toBe(expected);
  });

  it.each(['#fn-1', '', 'https://example.org/x', 'mailto:a@b.c', 'data:image/png;base64,AAA', '//cdn.example/x.js'])('leaves %j alone', (u) => {
    expect(offlineUrl(u, '/actors/kh/')).toBeUndefined();
  });

  it('knows what leaves the site', () => {
    expect(isAbsoluteUrl('HTTPS://x')).toBe(true);
    expect(isAbsoluteUrl('/x')).toBe(false);
    expect(isAbsoluteUrl('//x')).toBe(true);
  });
});

describe('resolveSiteUrl', () => {
  // What the URL parser gives: the shortcut for plain paths must never differ from it.
  const parsed = (url: string, from: string) => {
    try {
      const u = new URL(url, `http://offline.invalid${from}`);
      return { path: u.pathname, rest: u.search + u.hash };
    } catch {
      return undefined;
    }
  };
  const pages = ['/actors/a/index.html', '/index.html', '/actors/%C3%A9/index.html', '/a#b/index.html', '/a/./b/index.html', '/a//b.html'];

  it.each([
    ['/actors/x/', '/actors/x/', ''],
    ['/sources/y/#fn-1', '/sources/y/', '#fn-1'],
    ['#cite-1-2', '/actors/a/index.html', '#cite-1-2'],
    ['/a/../b/', '/b/', ''],
    ['/a/./b', '/a/b', ''],
    ['/a/%2e%2e/b', '/b', ''],
    ['/a b/', '/a%20b/', ''],
    ['/é/', '/%C3%A9/', ''],
    ['/a/#x y', '/a/', '#x%20y'],
    ['/a/?', '/a/', ''],
    ['/a/#', '/a/', ''],
    ['/a\\b', '/a/b', ''],
    ['../b/c.html', '/actors/b/c.html', ''],
  ])('%s from /actors/a/index.html is %s + %s, as the URL parser reads it', (url, path, rest) => {
    expect(resolveSiteUrl(url, '/actors/a/index.html')).toEqual({ path, rest });
    expect(resolveSiteUrl(url, '/actors/a/index.html')).toEqual(parsed(url, '/actors/a/index.html'));
  });

  it('agrees with the URL parser on 20,000 generated URLs of tricky characters', () => {
    const alphabet = ['/', '/', 'a', 'b', '.', '..', '#', '?', '%2e', '%', ' ', '\\', '~', '-', '_', 'é', '"', '<', '`', ':', '//', '\t', '&', '='];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const differ: string[] = [];
    for (let i = 0; i < 20000; i++) {
      let url = random(3) ? '/' : random(2) ? '#' : '';
      for (let n = random(9); n > 0; n--) url += alphabet[random(alphabet.length)];
      const from = pages[random(pages.length)];
      if (JSON.stringify(resolveSiteUrl(url, from)) !== JSON.stringify(parsed(url, from))) differ.push(`${JSON.stringify(url)} from ${from}`);
    }
    expect(differ).toEqual([]);
  });
});

describe('offline CSS, srcset and refresh', () => {
  it('rewrites root-relative url() and @import, leaves relative and external ones', () => {
    const css = `@import "/_astro/a.css";a{background:url(/img/x.png)}b{background:url('/img/y.svg#i')}c{background:url(z.png)}d{background:url("https://e.org/f.png")}`;
    expect(offlineCss(css, '/_astro/site.css')).toBe(`@import "a.css";a{background:url(../img/x.png)}b{background:url('../img/y.svg#i')}c{background:url(z.png)}d{background:url("https://e.org/f.png")}`);
  });

  it('rewrites each candidate of a srcset', () => {
    expect(offlineSrcset('/a.png 1x, /b.png 2x', '/actors/kh/')).toBe('../../a.png 1x, ../../b.png 2x');
  });

  it('rewrites the URL of a meta refresh', () => {
    expect(offlineRefresh('0; url=/actors/kh/', '/kh/')).toBe('0; url=../actors/kh/index.html');
    expect(offlineRefresh("0;URL='/x/'", '/')).toBe("0;URL='x/index.html'");
  });
});

describe('wrapIndexFile', () => {
  it('writes a classic script that registers the bytes under the path', () => {
    const code = wrapIndexFile('index/en_1.pf_index', 'AAEC');
    const self: Record<string, any> = {};
    new Function('self', code)(self);
    expect(self.dossierPagefindFiles).toEqual({ 'index/en_1.pf_index': 'AAEC' });
  });
});
