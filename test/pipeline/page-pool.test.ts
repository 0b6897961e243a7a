import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDossier } from '../helpers/dossier.ts';
import { fileUrl, htmlFiles } from '../../src/pipeline/files.ts';
import { buildOfflineEdition } from '../../src/pipeline/offline-edition.ts';
import { inOrder, MIN_PAGES_FOR_WORKERS, poolSize, renderingPoolSize, startRenderingPool, type RenderingPool } from '../../src/pipeline/page-pool.ts';
import { beginGeneration, endGeneration, PageCache } from '../../src/pipeline/page-cache.ts';
import { pageFile, secureRenderedPage, type SecuredPage } from '../../src/pipeline/render-time.ts';
import { layoutGraph } from '../../src/domain/graph-layout.ts';
import { applyCspToDir } from '../../src/integrations/csp.ts';

const page = (title: string, body = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script>document.documentElement.dataset.t = ${JSON.stringify(title)}</script><script type="module" src="/_astro/page.js"></script></head>
<body><a href="/">Home</a> <a href="/actors/a-${title}/">Next</a>${body}</body></html>`;

/** A built site of `n` pages with a module script. */
function site(n: number, extra: Record<string, string> = {}) {
  const files: Record<string, string> = { '_astro/page.js': 'document.title += "!";', 'index.html': page('home'), ...extra };
  for (let i = 0; i < n; i++) files[`actors/a-${i}/index.html`] = page(String(i), `<p style="color: red">${i}</p>`);
  return makeDossier(files, false);
}

describe('poolSize', () => {
  it('runs small sites in this thread and large ones on one worker per core, up to 4 (none on one core)', () => {
    expect(poolSize(MIN_PAGES_FOR_WORKERS - 1, {})).toBe(0);
    const cores = availableParallelism();
    expect(poolSize(10_000, {})).toBe(cores >= 2 ? Math.min(cores, 4) : 0);
  });

  it('follows DOSSIER_WORKERS, and says what it wants when it is not a number', () => {
    expect(poolSize(10_000, { DOSSIER_WORKERS: '0' })).toBe(0);
    expect(poolSize(5, { DOSSIER_WORKERS: '3' })).toBe(3);
    expect(() => poolSize(5, { DOSSIER_WORKERS: 'many' })).toThrow('DOSSIER_WORKERS is "many": give a whole number of worker threads from 0 to 64 (0 runs the post-build steps in the main thread), or leave it unset to use one per core.');
  });
});

describe('renderingPoolSize', () => {
  it('leaves a core to the rendering thread, and follows DOSSIER_WORKERS', () => {
    const cores = availableParallelism();
    expect(renderingPoolSize(MIN_PAGES_FOR_WORKERS - 1, {})).toBe(0);
    expect(renderingPoolSize(10_000, {})).toBe(cores >= 2 ? Math.min(cores - 1, 3) : 0);
    expect(renderingPoolSize(10_000, { DOSSIER_WORKERS: '0' })).toBe(0);
    expect(renderingPoolSize(5, { DOSSIER_WORKERS: '2' })).toBe(2);
  });
});

describe('pages secured on worker threads as they are rendered', () => {
  /** What a secured page holds, with its copy's bytes. */
  const settled = async (p: SecuredPage<string | Uint8Array<ArrayBuffer>>) => ({ ...p, html: typeof p.html === 'string' ? p.html : Buffer.from(p.html).toString('utf8'), ms: 0, copy: p.copy && { ...p.copy, entry: await p.copy.entry } });
  const bytes = (html: string) => new Uint8Array(Buffer.from(html, 'utf8'));
  const rendered = (title: string, body = '') => page(title, body).replace('<meta charset="utf-8">', '<meta charset="utf-8"><meta name="x">');

  it('publish the same page, problems and offline copy as this thread, and take copies from the cache alike', { timeout: 60_000 }, async () => {
    const pages: [string, string][] = [
      ['/actors/a-1/', rendered('1', '<p style="color: red">1 — قاسم سليماني</p><a href="/places/p">p</a>')],
      ['/actors/bad/', rendered('bad', '<button onclick="steal()">x</button>')],
      ['/', rendered('home', '<div data-search-root></div>')],
    ];
    const dir = makeDossier({}, false);
    const setup = { dir: path.join(dir, 'cache'), fingerprint: 'test' };
    // One build: a pool over a generation of the cache, closed (its threads' entries written) before the generation ends.
    const build = async <T>(work: (pool: RenderingPool) => Promise<T>): Promise<T> => {
      beginGeneration(setup.dir);
      const pool = await startRenderingPool(setup, 1);
      try {
        return await work(pool);
      } finally {
        await pool.close();
        endGeneration(setup.dir);
      }
    };
    await build(async (pool) => {
      for (const [pathname, html] of pages) {
        const here = await settled(secureRenderedPage(html, pathname, undefined));
        const there = await settled(await pool.secure(bytes(html), pathname));
        // The pool keeps the copy in the cache, under the key of the page as published (the
        // next build adopts a page carried over by it); this thread, without a cache, has none.
        if (there.copy) expect(there.copy.key).toBe(new PageCache(setup).key(fileUrl(pageFile(pathname)), there.html));
        expect({ ...there, copy: there.copy && { ...there.copy, key: undefined } }).toEqual(here);
      }
    });
    // The next build: the last one's copies are the cache.
    const [good, bad, home] = await build((pool) => Promise.all(pages.map(([pathname, html]) => pool.secure(bytes(html), pathname).then(settled))));
    expect(bad.problems).toEqual([expect.stringMatching(/^<button onclick="…">: inline event handlers are not allowed/)]);
    expect(bad.copy).toBeUndefined();
    expect(good.copy).toMatchObject({ assumed: ['/places/p'], scripts: [['_astro/page.classic.js', { src: '/_astro/page.js' }]], cached: true, search: false });
    expect(home.copy?.search).toBe(true);
    // The worker's copies were kept: this thread finds them by the page.
    beginGeneration(setup.dir);
    const cache = new PageCache(setup);
    const fromHere = await settled(secureRenderedPage(pages[0][1], pages[0][0], cache));
    cache.flush();
    expect(fromHere.copy?.cached).toBe(true);
    expect(Buffer.from(fromHere.copy!.entry.deflated).equals(Buffer.from(good.copy!.entry.deflated))).toBe(true);
  });
});

describe('graph layouts on a worker thread', () => {
  it('place every node where this thread does, with each node\'s room', { timeout: 60_000 }, async () => {
    const nodes = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, label: `Group ${id.toUpperCase()}` }));
    const edges = [{ source: 'a', target: 'b', type: 'allied' }, { source: 'b', target: 'c', type: 'rival' }, { source: 'd', target: 'a', type: 'allied' }];
    const options = { width: 400, height: 560, seed: 7, top: 40, room: (n: { id: string }) => (n.id === 'c' ? 90 : 30) };
    const pool = await startRenderingPool(undefined, 1);
    try {
      const there = await pool.layoutGraph(nodes, edges, options);
      expect(there).toEqual(layoutGraph(nodes, edges, options));
      // The room counts: without it the drawing differs.
      expect(there).not.toEqual(layoutGraph(nodes, edges, { ...options, room: undefined }));
      expect(pool.layouts).toBe(1);
    } finally {
      await pool.close();
    }
  });
});

describe('inOrder', () => {
  it('yields results in the order of the items, whichever job finishes first', async () => {
    const delays = [30, 0, 20, 5, 0];
    const out: number[] = [];
    for await (const v of inOrder(delays.keys(), (i) => new Promise<number>((r) => setTimeout(() => r(i), delays[i])), 3)) out.push(v);
    expect(out).toEqual([0, 1, 2, 3, 4]);
  });

  it('fails at the failed item, after the ones before it', async () => {
    const out: number[] = [];
    const run = async () => { for await (const v of inOrder([0, 1, 2, 3], async (i) => { if (i === 2) throw new Error('page 2 is broken'); return i; }, 4)) out.push(v); };
    await expect(run()).rejects.toThrow('page 2 is broken');
    expect(out).toEqual([0, 1]);
  });
});

describe('post-build steps on worker threads', () => {
  it('write the same pages, problems and offline zip as in one thread', { timeout: 60_000 }, async () => {
    const bad = { 'actors/bad/index.html': page('bad', '<button onclick="steal()">x</button>') };
    const one = site(40, bad);
    const two = site(40, bad);
    const [p1, p2] = [(await applyCspToDir(one, {}, { workers: 0 })).problems, (await applyCspToDir(two, {}, { workers: 2 })).problems];
    expect(p2).toEqual(p1);
    expect(p1).toEqual([expect.stringMatching(/^actors\/bad\/index\.html: <button onclick="…">: inline event handlers are not allowed/)]);
    const files = htmlFiles(one).map((f) => path.relative(one, f));
    expect(files).toHaveLength(42);
    for (const f of files) expect(readFileSync(path.join(two, f), 'utf8')).toBe(readFileSync(path.join(one, f), 'utf8'));
    expect(readFileSync(path.join(one, 'actors/a-7/index.html'), 'utf8')).toContain('http-equiv="Content-Security-Policy"');

    const ok = site(40);
    const s1 = await buildOfflineEdition(ok, { workers: 0 });
    const zip1 = readFileSync(path.join(ok, 'dossier-offline.zip'));
    const s2 = await buildOfflineEdition(ok, { workers: 2 });
    expect(s2).toEqual(s1);
    expect(s1.pages).toBe(41);
    expect(readFileSync(path.join(ok, 'dossier-offline.zip')).equals(zip1)).toBe(true);
  });

  it('stop the offline edition with the page and the reason when a worker finds a problem', { timeout: 60_000 }, async () => {
    const dir = site(3, { 'actors/bad/index.html': page('bad', '<button onclick="steal()">x</button>') });
    await applyCspToDir(dir, {}, { workers: 0 });
    await expect(buildOfflineEdition(dir, { workers: 2 })).rejects.toThrow(/^The offline copy of \/actors\/bad\/ fails the security policy: <button onclick="…">: inline event handlers are not allowed/);
  });
});
