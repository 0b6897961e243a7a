import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDossier } from '../helpers/dossier.ts';
import { buildSearchIndex, isNeededIndexFile, makeSearchIndex, pagefindRecord, placeSearchIndex, readingDocuments, writeSearchIndex } from '../../src/pipeline/search-index.ts';
import { writeFilesAside } from '../../src/pipeline/write-aside.ts';
import { fileUrl, walkFiles } from '../../src/pipeline/files.ts';
import { searchDocument } from '../../src/domain/search.ts';
import { search } from '../../src/integrations/search.ts';

/** A built site's files in a temporary folder. */
const site = (files: Record<string, string>) => makeDossier(files, false);

const kh = searchDocument({
  collection: 'actors', id: 'kataib-hezbollah', html: '<p>Kata’ib Hezbollah (<span lang="ar">كتائب حزب الله</span>) fought in <a href="/places/al-qaim/">Al-Qa’im</a><sup class="citation"><a href="#fn-1">[1]</a></sup>.</p>',
  data: {
    name: "Kata'ib Hezbollah", kind: 'armed-group', summary: 'An Iraqi armed group',
    nativeName: { text: 'كتائب حزب الله', lang: 'ar' }, aliases: [{ name: 'KH', kind: 'abbreviation' }],
    relations: [], designations: [{ by: 'us', list: 'Foreign Terrorist Organization', sources: [] }], sizeEstimates: [], sources: [],
  } as any,
});

describe('pagefindRecord', () => {
  it('indexes the text as written, and the folded forms of its words beside it, as metadata never shown', () => {
    const r = pagefindRecord(kh, 'en');
    expect(r.url).toBe('/actors/kataib-hezbollah/');
    expect(r.content).toBe('An Iraqi armed group. Kata’ib Hezbollah (كتائب حزب الله) fought in Al-Qa’im. Foreign Terrorist Organization.');
    expect(r.meta!.title).toBe("Kata'ib Hezbollah");
    expect(r.meta!.forms!.split(' ')).toEqual(['Kataib', 'كتايب', 'Al-Qaim']);
    // Facts are matched in the content (above), not again as metadata.
    expect(r.meta!.facts).toBeUndefined();
    expect(r.filters).toEqual({ type: ['actor'], kind: ['armed group'] });
  });

  it('stores names folded, with an Arabic name also without its article', () => {
    const r = pagefindRecord(searchDocument({ collection: 'places', id: 'b', html: '', data: { name: 'Al Bukamal', kind: 'town', nativeName: { text: 'البوكمال', lang: 'ar' }, aliases: [{ name: 'Kata’ib', kind: 'other' }], sources: [] } as any }), 'en');
    expect(r.meta!.name).toBe('Al Bukamal');
    expect(r.meta!.names).toBe('البوكمال · بوكمال · Kataib');
    // No prose: found by its name and facts, and the record still has content.
    expect(r.content).toBe('Al Bukamal');
  });
});

describe('readingDocuments', () => {
  const entry = { collection: 'places' as const, id: 'b', data: { name: 'Al Bukamal', kind: 'town', aliases: [], sources: [] } as any };

  it('makes each entry\'s document from its data and its rendered body', () => {
    const [doc] = readingDocuments([entry], (key) => (key === 'places/b' ? '<p>A town on the <em>Euphrates</em>.</p>' : undefined));
    expect(doc.url).toBe('/places/b/');
    expect(doc.text).toBe('A town on the Euphrates.');
  });

  it('refuses in plain words an entry this build did not render', () => {
    expect(() => readingDocuments([entry], () => undefined)).toThrow('The search index could not be built: places/b has no rendered body in this build.');
  });
});

describe('makeSearchIndex with a cache file', () => {
  it('keeps the last index while the records are the same, and makes it again when one changes', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dossier-search-cache-')), 'dossier-search.pack');
    const first = await makeSearchIndex({ language: 'en', documents: [kh] }, file);
    expect(first).toMatchObject({ shards: 1, kept: 0 });
    const again = await makeSearchIndex({ language: 'en', documents: [kh] }, file);
    expect(again.kept).toBe(1);
    expect(again.files.map((f) => [f.path, Buffer.from(f.content).toString('base64')])).toEqual(first.files.map((f) => [f.path, Buffer.from(f.content).toString('base64')]));
    const changed = await makeSearchIndex({ language: 'en', documents: [{ ...kh, text: `${kh.text} More.` }] }, file);
    expect(changed.kept).toBe(0);
    // A damaged cache file is as good as none.
    writeFileSync(file, 'not a pack');
    expect((await makeSearchIndex({ language: 'en', documents: [kh] }, file)).kept).toBe(0);
    expect((await makeSearchIndex({ language: 'en', documents: [kh] }, file)).kept).toBe(1);
  });

  it('drops the last cache file when the new one cannot be written, so no shard is kept from an index older than the last', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dossier-search-cache-')), 'dossier-search.pack');
    await makeSearchIndex({ language: 'en', documents: [kh] }, file);
    // The pack is written aside first: a folder in the way makes that fail.
    mkdirSync(`${file}.tmp`);
    expect((await makeSearchIndex({ language: 'en', documents: [{ ...kh, text: `${kh.text} More.` }] }, file)).kept).toBe(0);
    expect(existsSync(file)).toBe(false);
    // Back to the first records: made again, not taken from the first build's cache file.
    expect((await makeSearchIndex({ language: 'en', documents: [kh] }, file)).kept).toBe(0);
  });
});

describe('makeSearchIndex in shards', () => {
  const place = (i: number, text = '') => searchDocument({ collection: 'places', id: `p${i}`, html: `<p>Town ${i}${text}</p>`, data: { name: `Town ${i}`, kind: 'town', aliases: [], sources: [] } as any });
  const docs = Array.from({ length: 12 }, (_, i) => place(i));

  it('makes one index per shard: the first with Pagefind\'s script, the others in s1/, s2/… with only their data', async () => {
    const made = await makeSearchIndex({ language: 'en', documents: docs }, undefined, 4);
    expect(made).toMatchObject({ pages: 12, shards: 3, kept: 0 });
    const paths = made.files.map((f) => f.path);
    const top = (dir: string) => paths.filter((p) => p.startsWith(dir)).map((p) => p.slice(dir.length).replace(/^(index|fragment|filter)\/.*/, '$1/…').replace(/_\w+\.pf_meta$/, '_….pf_meta'));
    expect([...new Set(top('s1/'))].sort()).toEqual(['filter/…', 'fragment/…', 'index/…', 'pagefind-entry.json', 'pagefind.en_….pf_meta']);
    expect([...new Set(top('s2/'))].sort()).toEqual(['filter/…', 'fragment/…', 'index/…', 'pagefind-entry.json', 'pagefind.en_….pf_meta']);
    expect(paths).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-worker.js', 'wasm.en.pagefind', 'pagefind-entry.json']));
    expect(paths.filter((p) => /^s\d\//.test(p) && /(\.js|wasm\..*)$/.test(p.slice(3)))).toEqual([]);
    // Every entry is in one shard: 12 fragments in all.
    expect(paths.filter((p) => /(^|\/)fragment\//.test(p))).toHaveLength(12);
  });

  it('makes again only the shard of an entry that changed', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dossier-search-cache-')), 'dossier-search.pack');
    const first = await makeSearchIndex({ language: 'en', documents: docs }, file, 4);
    expect(first.kept).toBe(0);
    const changed = docs.map((d, i) => (i === 5 ? place(5, ' on the river') : d));
    const again = await makeSearchIndex({ language: 'en', documents: changed }, file, 4);
    expect(again).toMatchObject({ shards: 3, kept: 2 });
    // The other shards' files are the same bytes.
    const bytes = (m: typeof first) => new Map(m.files.map((f) => [f.path, Buffer.from(f.content).toString('base64')]));
    const before = bytes(first);
    const same = [...bytes(again)].filter(([p, b]) => before.get(p) === b).map(([p]) => p.split('/')[0]);
    expect(new Set(same).size).toBeGreaterThan(1);
    expect((await makeSearchIndex({ language: 'en', documents: changed }, file, 4)).kept).toBe(3);
  });
});

describe('buildSearchIndex', () => {
  it('indexes one record per entry and writes only what a search needs', async () => {
    const root = site({ 'index.html': '<!doctype html><title>t</title><p>Home</p>', '_astro/x.css': 'body{}' });
    const place = searchDocument({ collection: 'places', id: 'b', html: '<p>البوكمال</p>', data: { name: 'Al Bukamal', kind: 'town', aliases: [], sources: [] } as any });
    const stats = await buildSearchIndex(root, { language: 'en', documents: [place, kh] });
    expect(stats.pages).toBe(2);
    const written = [...walkFiles(path.join(root, 'pagefind'))];
    expect(written).toContain('pagefind.js');
    expect(written).toContain('pagefind-entry.json');
    expect(written.some((f) => f.endsWith('.pf_meta'))).toBe(true);
    expect(written.filter((f) => f.startsWith('fragment/'))).toHaveLength(2);
    expect(written.some((f) => /ui|highlight|playground/.test(f))).toBe(false);
    expect(written.filter((f) => f.startsWith('wasm.'))).toEqual(['wasm.en.pagefind']);
    expect(written.every((f) => isNeededIndexFile(f, new Set(['wasm.en.pagefind'])))).toBe(true);
    expect(readdirSync(root).sort()).toEqual(['_astro', 'index.html', 'pagefind']);
  });

  it('writes the index aside while the build goes on, then puts it in the site at once (or writes it there when it cannot)', async () => {
    const made = await makeSearchIndex({ language: 'en', documents: [kh] });
    const files = (root: string) => Object.fromEntries([...walkFiles(path.join(root, 'pagefind'))].map((f) => [f, readFileSync(path.join(root, 'pagefind', f)).toString('base64')]));
    const direct = site({ 'index.html': '<p>Home</p>' });
    writeSearchIndex(direct, made);
    const placed = site({ 'index.html': '<p>Home</p>' });
    const aside = path.join(site({}), 'aside');
    await writeFilesAside(aside, made.files);
    expect(placeSearchIndex(placed, aside, made)).toMatchObject({ pages: 1, files: made.files.length });
    expect(files(placed)).toEqual(files(direct));
    expect(existsSync(aside)).toBe(false); // moved, not copied
    // Nothing aside (a write that failed): written into the site instead.
    const fallback = site({ 'index.html': '<p>Home</p>' });
    placeSearchIndex(fallback, path.join(site({}), 'missing'), made);
    expect(files(fallback)).toEqual(files(direct));
  });

  it('fails the build in plain words when the dossier was not read in its process', async () => {
    const holder = globalThis as Record<symbol, unknown>;
    const key = Symbol.for('dossier.checkedEntries');
    const saved = holder[key];
    holder[key] = undefined;
    try {
      const hook = search().hooks['astro:build:start'] as (o: unknown) => void;
      expect(() => hook({ logger: { info() {} } }))
        .toThrow('The search index could not be built: the dossier was not read in this build, so there are no records to index.');
    } finally {
      holder[key] = saved;
    }
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
