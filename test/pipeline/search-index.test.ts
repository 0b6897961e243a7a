import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDossier } from '../helpers/dossier.ts';
import { buildSearchIndex, isNeededIndexFile } from '../../src/pipeline/search-index.ts';
import { fileUrl, walkFiles } from '../../src/pipeline/files.ts';

/** A built site's files in a temporary folder. */
const site = (files: Record<string, string>) => makeDossier(files, false);
const page = (body: string) => `<!doctype html><html lang="en"><head><title>t</title></head><body><nav>Menu</nav>${body}</body></html>`;

describe('buildSearchIndex', () => {
  it('indexes the pages with data-pagefind-body and writes only what a search needs', async () => {
    const root = site({
      'index.html': page('<h1>Home</h1><p>Lists only.</p>'),
      'actors/a/index.html': page('<article data-pagefind-body><h1>Group A</h1><p>Text.</p></article>'),
      'places/b/index.html': page('<article data-pagefind-body><h1>البوكمال</h1></article>'),
      '_astro/x.css': 'body{}',
    });
    const stats = await buildSearchIndex(root);
    expect(stats.pages).toBe(2);
    const written = [...walkFiles(path.join(root, 'pagefind'))];
    expect(written).toContain('pagefind.js');
    expect(written).toContain('pagefind-entry.json');
    expect(written.some((f) => f.endsWith('.pf_meta'))).toBe(true);
    expect(written.filter((f) => f.startsWith('fragment/'))).toHaveLength(2);
    expect(written.some((f) => /ui|highlight|playground/.test(f))).toBe(false);
    expect(written.filter((f) => f.startsWith('wasm.'))).toEqual(['wasm.en.pagefind']);
    expect(written.every((f) => isNeededIndexFile(f, new Set(['wasm.en.pagefind'])))).toBe(true);
    expect(readdirSync(root).sort()).toEqual(['_astro', 'actors', 'index.html', 'pagefind', 'places']);
  });
});

describe('output files', () => {
  it('walks files in a stable sorted order', () => {
    const root = site({ 'b/index.html': '', 'a/z.txt': '', 'a/b/c.txt': '', 'B.txt': '' });
    expect([...walkFiles(root)]).toEqual(['B.txt', 'a/b/c.txt', 'a/z.txt', 'b/index.html']);
  });

  it.each([
    ['index.html', '/'],
    ['actors/kh/index.html', '/actors/kh/'],
    ['404.html', '/404.html'],
    ['_astro/x.css', '/_astro/x.css'],
  ])('%s is served at %s', (rel, url) => {
    expect(fileUrl(rel)).toBe(url);
  });
});
