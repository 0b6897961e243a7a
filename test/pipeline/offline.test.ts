import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Script } from 'node:vm';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeDossier } from '../helpers/dossier.ts';
import { offlineHtml, ScriptBundler } from '../../src/pipeline/offline.ts';
import { buildOfflineEdition, isCopied } from '../../src/pipeline/offline-edition.ts';
import { sha256 } from '../../src/domain/csp.ts';

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
