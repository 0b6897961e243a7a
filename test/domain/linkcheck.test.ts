import { describe, expect, it } from 'vitest';
import { checkLinks, pagePath } from '../../src/domain/linkcheck.ts';

const page = (body: string, head = '') => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe('checkLinks over a built site', () => {
  const files = [
    { path: 'index.html', html: page('<a href="/actors/x/">x</a> <a href="actors/x/#facts">facts</a> <a href="https://elsewhere.org/">out</a> <a href="mailto:a@b.c">mail</a>', '<link rel="stylesheet" href="/_astro/a.css"><link rel="canonical" href="https://site.example/">') },
    { path: 'actors/x/index.html', html: page('<h2 id="facts">Facts</h2><a href="../../">home</a><a href="#facts">here</a><a href="/data/d.json">data</a>') },
    { path: '_astro/a.css' },
    { path: 'data/d.json' },
  ];

  it('accepts links to existing pages, files and anchors (root-absolute, relative, own canonical)', () => {
    expect(checkLinks(files, { siteUrl: 'https://site.example' })).toEqual([]);
  });

  it.each([
    ['/actors/y/', 'points to a page or file that does not exist'],
    ['/actors/x', 'names a folder without its trailing slash'],
    ['/actors/x/#nope', 'has no element with id "nope" on /actors/x/'],
    ['#missing', 'has no element with id "missing" on /'],
    ['/data/d.json#a', 'has an #anchor, but the target is not an HTML page'],
    ['https://site.example/gone/', 'points to a page or file that does not exist'],
  ])('reports %s: %s', (href, reason) => {
    const broken = checkLinks([...files.slice(1), { path: 'index.html', html: page(`<a href="${href}">bad</a>`) }], { siteUrl: 'https://site.example' });
    expect(broken).toEqual([{ page: 'index.html', href, reason }]);
  });

  it('checks images, scripts and form actions too, and skips paths built later', () => {
    const broken = checkLinks([{ path: 'index.html', html: page('<img src="/a.png" alt=""><script src="/b.js"></script><form action="/search/"></form><a href="/dossier-offline.zip">zip</a>') }], { ignore: ['/dossier-offline.zip'] });
    expect(broken.map((b) => b.href)).toEqual(['/a.png', '/b.js', '/search/']);
  });

  it('maps files to the paths they are served at', () => {
    expect(pagePath('index.html')).toBe('/');
    expect(pagePath('actors/x/index.html')).toBe('/actors/x/');
    expect(pagePath('404.html')).toBe('/404.html');
  });
});
