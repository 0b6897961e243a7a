import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDossier } from '../helpers/dossier.ts';
import { unzipOffline } from '../helpers/offline.ts';
import { htmlFiles } from '../../src/pipeline/files.ts';
import { buildOfflineEdition } from '../../src/pipeline/offline-edition.ts';
import { applySplice, cachedKeys, spliceBetween } from '../../src/pipeline/page-cache.ts';
import { applyCspToDir } from '../../src/integrations/csp.ts';

const page = (title: string, body = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script>document.documentElement.dataset.t = ${JSON.stringify(title)}</script><script type="module" src="/_astro/page.js"></script>
<script type="module">document.title += ${JSON.stringify(title.length % 2 ? 'odd' : 'even')}</script></head>
<body><a href="/">Home</a> <a href="/actors/a-1/">Next</a>${body}</body></html>`;

function site(n: number) {
  const files: Record<string, string> = { '_astro/page.js': 'document.title += "!";', 'index.html': page('home') };
  for (let i = 0; i < n; i++) files[`actors/a-${i}/index.html`] = page(`Actor ${i}`, `<p style="color: red">${i}</p>`);
  return makeDossier(files, false);
}
const copy = (dir: string) => {
  const to = mkdtempSync(path.join(tmpdir(), 'dossier-copy-'));
  cpSync(dir, to, { recursive: true });
  return to;
};
const pagesOf = (dir: string) => Object.fromEntries(htmlFiles(dir).map((f) => [path.relative(dir, f), readFileSync(f, 'utf8')]));
const entries = (cacheDir: string, step: string) => cachedKeys(path.join(cacheDir, step)).size;

describe('spliceBetween', () => {
  it.each([
    ['<head><meta charset="utf-8"><title>', '<head><meta charset="utf-8"><meta csp><title>'],
    ['same', 'same'],
    ['abc', 'xyz'],
    ['', 'new'],
    ['aaaa', 'aa'],
  ])('turns %j into %j', (before, after) => {
    expect(applySplice(before, spliceBetween(before, after))).toBe(after);
  });
});

describe('the post-build cache', () => {
  it('gives the security policy of unchanged pages from the last build, the same bytes as working it out', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'dossier-cache-'));
    const original = site(8);
    const [fresh, cached, edited] = [copy(original), copy(original), copy(original)];
    const first = await applyCspToDir(fresh, {}, { cacheDir });
    expect(first).toMatchObject({ pages: 9, fromCache: 0, problems: [] });
    const second = await applyCspToDir(cached, {}, { cacheDir, workers: 2 });
    expect(second).toMatchObject({ pages: 9, fromCache: 9, problems: [] });
    expect(pagesOf(cached)).toEqual(pagesOf(fresh));

    // One page changed: only it is worked on again, and the cache keeps only what this build used.
    const changed = path.join(edited, 'actors/a-3/index.html');
    writeFileSync(changed, page('Actor 3', '<p style="color: blue">changed</p>'));
    const reference = copy(edited);
    const third = await applyCspToDir(edited, {}, { cacheDir });
    expect(third.fromCache).toBe(8);
    await applyCspToDir(reference, {}, {});
    expect(pagesOf(edited)).toEqual(pagesOf(reference));
    // The 9 pages' entries; besides them at most the changed page's old one, in a pack the
    // build still used mostly and kept as it is (PageCache.flush).
    expect(entries(cacheDir, 'dossier-csp')).toBeGreaterThanOrEqual(9);
    expect(entries(cacheDir, 'dossier-csp')).toBeLessThanOrEqual(10);
  });

  it('gives the offline copy of unchanged pages from the last build, and the zip is the same bytes', { timeout: 60_000 }, async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'dossier-cache-'));
    const dir = site(6);
    const zip = () => readFileSync(path.join(dir, 'dossier-offline.zip'));
    const uncached = await buildOfflineEdition(dir, { workers: 0 });
    const expected = zip();
    const cold = await buildOfflineEdition(dir, { workers: 0, cacheDir });
    expect(cold.fromCache).toBe(0);
    // Every page from the cache, on two threads: their scripts are still bundled into the zip.
    const warm = await buildOfflineEdition(dir, { workers: 2, cacheDir });
    expect(warm).toEqual({ ...uncached, fromCache: 7 });
    expect(zip().equals(expected)).toBe(true);
    expect(entries(cacheDir, 'dossier-offline')).toBe(7);

    // A new page changes what every page links to (folders with an index.html): nothing is reused.
    writeFileSync(path.join(dir, 'actors/index.html'), page('Actors'));
    const grown = await buildOfflineEdition(dir, { workers: 0, cacheDir });
    expect(grown).toMatchObject({ pages: 8, fromCache: 0 });
  });

  it('compresses a large file (a data download) beside the pages: it unzips to its bytes, in its place', { timeout: 60_000 }, async () => {
    const dir = site(2);
    const big = Array.from({ length: 40_000 }, (_, i) => `{"id":"event-${i}","title":"Event ${(i * 7919) % 10007}"}`).join('\n');
    expect(big.length).toBeGreaterThan(1 << 20);
    writeFileSync(path.join(dir, 'data.json'), big);
    writeFileSync(path.join(dir, 'small.json'), '{"a":1}');
    await buildOfflineEdition(dir, { workers: 0 });
    const { root, entries: names } = unzipOffline(path.join(dir, 'dossier-offline.zip'));
    expect(readFileSync(path.join(root, 'dossier-offline', 'data.json'), 'utf8')).toBe(big);
    const files = names.filter((n) => !n.endsWith('/')).map((n) => n.replace('dossier-offline/', ''));
    // In the site's file order, as every other file (not first because it was compressed first).
    expect(files.slice(0, 5)).toEqual(['actors/a-0/index.html', 'actors/a-1/index.html', 'data.json', 'index.html', 'small.json']);
  });

  it('keeps the last good build\'s entries when a step fails', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'dossier-cache-'));
    const dir = site(3);
    await applyCspToDir(dir, {}, {});
    await buildOfflineEdition(dir, { workers: 0, cacheDir });
    expect(entries(cacheDir, 'dossier-offline')).toBe(4);
    writeFileSync(path.join(dir, 'actors/a-0/index.html'), readFileSync(path.join(dir, 'actors/a-0/index.html'), 'utf8').replace('<a href="/">', '<a href="/" onclick="steal()">'));
    await expect(buildOfflineEdition(dir, { workers: 0, cacheDir })).rejects.toThrow('inline event handlers are not allowed');
    expect(entries(cacheDir, 'dossier-offline')).toBe(4);
    expect(existsSync(path.join(cacheDir, 'dossier-offline', 'next'))).toBe(false);
  });
});
