import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Script } from 'node:vm';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeDossier } from '../helpers/dossier.ts';
import { offlineHtml, ScriptBundler } from '../../src/pipeline/offline.ts';
import { buildOfflineEdition, isCopied } from '../../src/pipeline/offline-edition.ts';
import { buildPolicy, sha256 } from '../../src/domain/csp.ts';
import { scanTags } from '../../src/domain/html-scan.ts';
import { offlinePageScanned } from '../../src/domain/offline.ts';
import { OFFLINE_PAGEFIND, OFFLINE_ZIP } from '../../src/pipeline/offline-names.ts';
import { compressEntryAsync } from '../../src/pipeline/zip-entry.ts';
import { classicScriptFile, processRenderedFile, renderedSite, type RenderedSite } from '../../src/pipeline/render-time.ts';
import { inflateRawSync } from 'node:zlib';
import { fromParse5 } from 'hast-util-from-parse5';
import { toHtml } from 'hast-util-to-html';
import { parse } from 'parse5';

/** A built site's files in a temporary folder. */
const site = (files: Record<string, string>) => makeDossier(files, false);

const THEME = "try{var t=localStorage.getItem('dossier-theme')}catch(e){}";
const PAGE = `<!doctype html><html lang="en"><head>
<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'sha256-x'; style-src 'self'">
<script>${THEME}</script>
<link rel="stylesheet" href="/_astro/site.css"><link rel="modulepreload" href="/_astro/chunk.js">
<script type="module" src="/_astro/page.js"></script></head>
<body><a href="/">Home</a> <a href="/actors/">Actors</a> <a href="#main">Skip</a> <a href="https://example.org/" rel="noopener noreferrer">Out</a>
<img src="/img/a.png" srcset="/img/a.png 1x, /img/b.png 2x" style="background:url(/img/c.png)">
<form action="/search/" method="get" data-search-root></form>
<p data-online-only>Online only</p>
<ul><li><a href="/dossier-offline.zip" download>Download for offline reading</a> (zip)</li><li>Kept</li></ul>
<script type="module">import "/_astro/chunk.js"; document.title = "inline";</script>
</body></html>`;

const files = {
  '_astro/chunk.js': 'export const chunk = 1; document.documentElement.dataset.chunk = "1";',
  '_astro/page.js': 'import { chunk } from "./chunk.js"; console.log(chunk, import.meta.url);',
  '_astro/site.css': 'body{background:url(/img/a.png)}',
  'actors/kh/index.html': PAGE,
  'actors/index.html': '<!doctype html><title>Actors</title>',
  'index.html': '<!doctype html><title>Home</title>',
};

describe('offlineHtml', () => {
  it('makes a page work from disk: relative URLs, classic scripts in order, no preload, no online-only parts', async () => {
    const dist = site(files);
    const scripts = new ScriptBundler(dist);
    const out = await offlineHtml(PAGE, '/actors/kh/', { isDirectory: () => false, scripts, hasSearch: true });
    expect(out).toContain('<link rel="stylesheet" href="../../_astro/site.css">');
    expect(out).not.toContain('modulepreload');
    expect(out).toContain('<a href="../../index.html">Home</a>');
    expect(out).toContain('<a href="../index.html">Actors</a>');
    expect(out).toContain('<a href="#main">Skip</a>');
    expect(out).toContain('<a href="https://example.org/" rel="noopener noreferrer">Out</a>');
    expect(out).toContain('src="../../img/a.png" srcset="../../img/a.png 1x, ../../img/b.png 2x" style="background:url(../../img/c.png)"');
    expect(out).toContain('action="../../search/index.html"');
    expect(out).not.toContain('Online only');
    expect(out).not.toContain('Download');
    expect(out).toContain('<ul><li>Kept</li></ul>');
    expect(out).not.toContain('type="module"');
    // The inline classic script is copied byte for byte, so its CSP hash still holds.
    expect(out).toContain(`<script>${THEME}</script>`);
    // The policy is written again for the page as it now is: the inline script's hash,
    // the rewritten style attribute's hash, file: beside 'self'; the old policy is gone.
    const policies = [...out.matchAll(/http-equiv="Content-Security-Policy" content="([^"]*)"/g)].map((m) => m[1].replace(/&#x27;|&#39;/g, "'"));
    expect(policies).toHaveLength(1);
    expect(policies[0]).toContain(`script-src 'self' file: 'wasm-unsafe-eval' ${sha256(THEME)}`);
    expect(policies[0]).toContain(`'unsafe-hashes' ${sha256('background:url(../../img/c.png)')}`);
    expect(policies[0]).not.toContain("'sha256-x'");
    // Pagefind's bundle first, then the page's scripts in their order, all deferred.
    const srcs = [...out.matchAll(/<script defer src="([^"]+)"><\/script>/g)].map((m) => m[1]);
    expect(srcs).toEqual(['../../pagefind/pagefind.offline.js', '../../_astro/page.classic.js', expect.stringMatching(/^\.\.\/\.\.\/_astro\/inline\.\w+\.classic\.js$/)]);
    for (const [rel, code] of scripts.outputs()) {
      expect(rel).toMatch(/^_astro\/.*\.classic\.js$/);
      expect(() => new Script(code)).not.toThrow(); // a classic script: no import or export left
      expect(code).not.toMatch(/\bimport\.meta\b/);
    }
    expect([...scripts.outputs().keys()]).toHaveLength(2);
  });
});

describe('buildOfflineEdition', () => {
  it('writes one folder, leaves out module scripts and itself, and is byte for byte reproducible', async () => {
    const dist = site(files);
    const first = await buildOfflineEdition(dist);
    const bytes = readFileSync(path.join(dist, 'dossier-offline.zip'));
    const second = await buildOfflineEdition(dist);
    expect(readFileSync(path.join(dist, 'dossier-offline.zip')).equals(bytes)).toBe(true);
    expect(second).toEqual(first);
    const names = Object.keys(unzipSync(new Uint8Array(bytes))).sort();
    expect(names).toEqual([
      'dossier-offline/_astro/inline.' + names.find((n) => n.includes('inline.'))!.split('inline.')[1],
      'dossier-offline/_astro/page.classic.js',
      'dossier-offline/_astro/site.css',
      'dossier-offline/actors/index.html',
      'dossier-offline/actors/kh/index.html',
      'dossier-offline/index.html',
    ].sort());
    const css = new TextDecoder().decode(unzipSync(new Uint8Array(bytes))['dossier-offline/_astro/site.css']);
    expect(css).toBe('body{background:url(../img/a.png)}');
    expect(first.pages).toBe(3);
  });

  it.each([
    ['dossier-offline.zip', false],
    ['pagefind/pagefind.js', false],
    ['_astro/x.js', false],
    ['_astro/x.css', true],
    ['data/dossier.json', true],
    ['favicon.svg', true],
  ])('%s is copied: %s', (rel, copied) => {
    expect(isCopied(rel)).toBe(copied);
  });
});

describe('the offline copy made as a page is rendered (src/pipeline/render-time.ts)', () => {
  it('is the same page as the full parse makes', async () => {
    const dist = site(files);
    const full = await offlineHtml(PAGE, '/actors/kh/', { isDirectory: () => false, scripts: new ScriptBundler(dist), hasSearch: true });
    const named: string[] = [];
    const scanned = offlinePageScanned(PAGE, scanTags(PAGE)!, '/actors/kh/', {
      isDirectory: () => false,
      classicScript: (script) => { const file = classicScriptFile(script); named.push(file); return file; },
      pagefindScript: `/${OFFLINE_PAGEFIND}`,
      zipPath: `/${OFFLINE_ZIP}`,
      hash: sha256,
      policy: (hashes) => buildPolicy(hashes, { offline: true }),
    });
    const same = (html: string) => toHtml(fromParse5(parse(html)) as any);
    expect(same(scanned!.html)).toBe(same(full));
    expect(scanned!.search).toBe(true);
    // The names it gives the classic scripts are the bundler's.
    expect(named).toEqual(['_astro/page.classic.js', expect.stringMatching(/^_astro\/inline\.\w{12}\.classic\.js$/)]);
  });

  it('goes into the zip as it is, unless the written site shows it took a folder for a file', async () => {
    const dist = site(files);
    const rendered: RenderedSite = {
      problems: [], secured: new Set(), scripts: new Map(), withSearch: new Set(), scanned: 2, parsed: 0, ms: 0, fromCache: 0, restored: 0, restoredByKey: 0, keys: new Map(), files: new Map(),
      offline: new Map([
        ['actors/kh/index.html', compressEntryAsync('<p>made as it was rendered</p>')],
        ['index.html', compressEntryAsync('<p>home, made as it was rendered</p>')],
      ]),
      // The home's copy took /actors for a file; actors/index.html shows it is a folder.
      assumedFiles: new Map([['/actors', new Set(['index.html'])], ['/favicon.svg', new Set(['actors/kh/index.html'])]]),
    };
    const stats = await buildOfflineEdition(dist, { rendered });
    const zip = unzipSync(new Uint8Array(readFileSync(path.join(dist, 'dossier-offline.zip'))));
    const text = (name: string) => new TextDecoder().decode(zip[`dossier-offline/${name}`]);
    expect(text('actors/kh/index.html')).toBe('<p>made as it was rendered</p>');
    expect(text('index.html')).toBe('<!doctype html><html><head><title>Home</title></head><body></body></html>'); // made again from the page
    expect(stats).toMatchObject({ pages: 3, rendered: 1 });
  });

  it('takes a large file\'s entry compressed as it was rendered, and the file itself when that entry is not of the file written', async () => {
    const big = (fill: string) => `{"entries":"${fill.repeat(1.2 * 2 ** 20)}"}`;
    const dist = site({ ...files, 'data/dossier.json': big('a'), 'data/events.csv': big('b') });
    const rendered: RenderedSite = {
      problems: [], secured: new Set(), scripts: new Map(), withSearch: new Set(), scanned: 0, parsed: 0, ms: 0, fromCache: 0, restored: 0, restoredByKey: 0, keys: new Map(), offline: new Map(), assumedFiles: new Map(),
      files: new Map([
        // As rendered (in a build, the bytes Astro then wrote). Other letters of the same
        // length here, to show this entry is the one taken, not the file read again.
        ['data/dossier.json', compressEntryAsync(big('c'))],
        // Not the file written (another length): not used.
        ['data/events.csv', compressEntryAsync('stale')],
      ]),
    };
    await buildOfflineEdition(dist, { rendered });
    const zip = unzipSync(new Uint8Array(readFileSync(path.join(dist, 'dossier-offline.zip'))));
    const text = (name: string) => new TextDecoder().decode(zip[`dossier-offline/${name}`]);
    expect(text('data/dossier.json')).toBe(big('c'));
    expect(text('data/events.csv')).toBe(big('b'));
  });

  it('starts a large rendered file\'s entry as it passes, and leaves small files, empty answers and redirects as they are', async () => {
    const big = 'x'.repeat(1.5 * 2 ** 20);
    const headers = { 'content-type': 'application/json' };
    const passed = await processRenderedFile(new Response(big, { headers }), '/data/dossier.json');
    expect(await passed.text()).toBe(big);
    expect(passed.headers.get('content-type')).toBe('application/json');
    const entry = await renderedSite().files.get('data/dossier.json')!;
    expect(new TextDecoder().decode(inflateRawSync(entry.deflated))).toBe(big);

    expect(await (await processRenderedFile(new Response('a,b\n', { headers }), '/data/small.csv')).text()).toBe('a,b\n');
    expect(renderedSite().files.has('data/small.csv')).toBe(false);
    const empty = new Response(null, { status: 204 });
    expect(await processRenderedFile(empty, '/data/none.json')).toBe(empty);
    const moved = new Response(null, { status: 301, headers: { location: '/elsewhere/' } });
    expect(await processRenderedFile(moved, '/old/')).toBe(moved);
  });
});
