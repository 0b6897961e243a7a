/** Carrying the last output's pages into a new build (src/pipeline/carry-over.ts), on real folders. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { carryPages, isPageFile, RECORD_FILE, recordPublished, removeUnmade, takePublished } from '../../src/pipeline/carry-over.ts';

const temp = () => mkdtempSync(path.join(tmpdir(), 'dossier-carry-'));
function page(dir: string, rel: string, text: string) {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
}

describe('isPageFile', () => {
  it.each([
    ['index.html', true],
    ['actors/group-a/index.html', true],
    ['404.html', true],
    ['../index.html', false],
    ['actors/../../x.html', false],
    ['./index.html', false],
    ['/etc/x.html', false],
    ['actors//index.html', false],
    ['actors\\x\\index.html', false],
    ['data/dossier.json', false],
    ['', false],
  ])('%s → %s', (rel, ok) => {
    expect(isPageFile(rel)).toBe(ok);
  });
});

describe('the record of the published output', () => {
  it('gives the pages of the output this cache published, once', () => {
    const root = temp();
    const out = path.join(root, 'dist');
    const cache = path.join(root, 'cache');
    mkdirSync(cache);
    page(out, 'index.html', 'home');
    const key = 'a'.repeat(64);
    // A page's key in the render cache is recorded with it (a page the build did not key has none).
    recordPublished(cache, out, ['index.html', 'actors/a/index.html'], new Map([['index.html', key], ['gone/index.html', 'b'.repeat(64)]]));
    expect(takePublished(cache, out)).toEqual({ pages: ['index.html', 'actors/a/index.html'], at: expect.any(Number), keys: new Map([['index.html', key]]) });
    // Taken: a build that fails after this leaves no record behind.
    expect(existsSync(path.join(cache, RECORD_FILE))).toBe(false);
    expect(takePublished(cache, out)).toBeUndefined();
  });

  it('gives nothing for another output folder, or the same path holding another folder', () => {
    const root = temp();
    const out = path.join(root, 'dist');
    const cache = path.join(root, 'cache');
    mkdirSync(cache);
    page(out, 'index.html', 'home');
    recordPublished(cache, out, ['index.html']);
    expect(takePublished(cache, path.join(root, 'other'))).toBeUndefined();
    recordPublished(cache, out, ['index.html']);
    renameSync(out, path.join(root, 'moved'));
    page(out, 'index.html', 'put back by hand');
    expect(takePublished(cache, out)).toBeUndefined();
    // Removed and made again: the same inode number may come back, not the same birth time.
    recordPublished(cache, out, ['index.html']);
    rmSync(out, { recursive: true });
    page(out, 'index.html', 'made again');
    expect(takePublished(cache, out)).toBeUndefined();
  });

  it('leaves out page names that would reach outside the folder, and reads a broken record as none', () => {
    const root = temp();
    const out = path.join(root, 'dist');
    const cache = path.join(root, 'cache');
    mkdirSync(cache);
    mkdirSync(out);
    const { dev, ino, birthtimeMs: birth } = statSync(out);
    writeFileSync(path.join(cache, RECORD_FILE), JSON.stringify({ out, dev, ino, birth, at: 1, pages: ['index.html', '../secret.html', 7, 'a/../../b.html'] }));
    expect(takePublished(cache, out)).toEqual({ pages: ['index.html'], at: 1, keys: new Map() });
    // Keys only for listed pages, and only render cache keys (SHA-256 in hex).
    const keys = { 'index.html': 'c'.repeat(64), 'a/index.html': 'not a key', '../secret.html': 'd'.repeat(64), 'b/index.html': 5 };
    writeFileSync(path.join(cache, RECORD_FILE), JSON.stringify({ out, dev, ino, birth, at: 1, pages: ['index.html', 'a/index.html', 'b/index.html'], keys }));
    expect(takePublished(cache, out)).toEqual({ pages: ['index.html', 'a/index.html', 'b/index.html'], at: 1, keys: new Map([['index.html', 'c'.repeat(64)]]) });
    writeFileSync(path.join(cache, RECORD_FILE), JSON.stringify({ out, dev, ino, birth, at: 1, pages: ['index.html'], keys: ['c'.repeat(64)] }));
    expect(takePublished(cache, out)).toEqual({ pages: ['index.html'], at: 1, keys: new Map() });
    writeFileSync(path.join(cache, RECORD_FILE), '{"out": ');
    expect(takePublished(cache, out)).toBeUndefined();
  });
});

describe('carryPages', () => {
  it('links the pages into the new folder (the same files, not copies), and skips what is not a plain file', async () => {
    const root = temp();
    const from = path.join(root, 'dist');
    const to = path.join(root, 'staging');
    page(from, 'index.html', 'home');
    page(from, 'actors/a/index.html', 'actor a');
    page(root, 'outside.html', 'not the site');
    symlinkSync(path.join(root, 'outside.html'), path.join(from, 'link.html'));
    const linked = await carryPages(from, to, ['index.html', 'actors/a/index.html', 'link.html', 'missing/index.html']).done;
    expect(linked).toEqual(['index.html', 'actors/a/index.html']);
    expect(readFileSync(path.join(to, 'actors/a/index.html'), 'utf8')).toBe('actor a');
    expect(statSync(path.join(to, 'actors/a/index.html')).ino).toBe(statSync(path.join(from, 'actors/a/index.html')).ino);
    expect(existsSync(path.join(to, 'link.html'))).toBe(false);
    expect(existsSync(path.join(to, 'missing'))).toBe(false);
  });

  it('skips a page changed after the output was published (by hand)', async () => {
    const root = temp();
    const from = path.join(root, 'dist');
    const to = path.join(root, 'staging');
    page(from, 'actors/a/index.html', 'as published');
    page(from, 'actors/b/index.html', 'edited by hand');
    const publishedAt = Date.now() - 60_000;
    utimesSync(path.join(from, 'actors/a/index.html'), new Date(publishedAt - 1000), new Date(publishedAt - 1000));
    expect(await carryPages(from, to, ['actors/a/index.html', 'actors/b/index.html'], publishedAt).done).toEqual(['actors/a/index.html']);
  });

  it('stops when asked, and makes no link after stop() returns', async () => {
    const root = temp();
    const from = path.join(root, 'dist');
    const to = path.join(root, 'staging');
    const pages = Array.from({ length: 3000 }, (_, i) => `events/e-${i}/index.html`);
    for (const rel of pages) page(from, rel, rel);
    const carrying = carryPages(from, to, pages);
    // Once the worker has begun.
    while (!existsSync(path.join(to, 'events'))) await new Promise((r) => setTimeout(r, 1));
    carrying.stop();
    const count = () => (existsSync(path.join(to, 'events')) ? readdirSync(path.join(to, 'events')).length : 0);
    const atStop = count();
    const linked = await carrying.done;
    expect(count()).toBe(atStop);
    expect(linked.length).toBeLessThan(pages.length);
  });
});

describe('removeUnmade', () => {
  it('removes the carried pages this build did not make, and the folders that leaves empty', () => {
    const root = temp();
    const dir = path.join(root, 'staging');
    page(dir, 'sources/gone/index.html', 'removed entry');
    page(dir, 'sources/kept/index.html', 'kept entry');
    page(dir, 'sources/index.html', 'list');
    const removed = removeUnmade(`${dir}/`, ['sources/gone/index.html', 'sources/kept/index.html'], new Set(['sources/kept/index.html', 'sources/index.html']));
    expect(removed).toEqual(['sources/gone/index.html']);
    expect(readdirSync(path.join(dir, 'sources')).sort()).toEqual(['index.html', 'kept']);
  });
});
