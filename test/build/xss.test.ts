/**
 * A dossier with a script payload in every content field (test/fixtures/xss): the
 * built pages show the payloads as text, never as live markup, and a browser that
 * opens every page sees no dialog and no policy violation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';
import { htmlFiles } from '../../src/pipeline/files.ts';
import { buildDossierAsync, ROOT } from '../helpers/build.ts';
import { launchBrowser, serveDir, type StaticServer } from '../helpers/browser.ts';
import { liveMarkup } from '../helpers/markup.ts';
import { visitForViolations } from '../helpers/security.ts';

const FIXTURE = path.join(ROOT, 'test/fixtures/xss');
let dist: string;
let pages: { url: string; html: string }[];

beforeAll(async () => {
  const r = await buildDossierAsync('xss', FIXTURE);
  if (r.status !== 0) throw new Error(`Building the XSS fixture failed:\n${r.output.slice(-3000)}`);
  dist = r.dist;
  pages = htmlFiles(dist).map((file) => ({
    url: `/${path.relative(dist, file).split(path.sep).join('/').replace(/index\.html$/, '')}`,
    html: readFileSync(file, 'utf8'),
  }));
});

function elements(node: Root | RootContent, out: Element[] = []): Element[] {
  if (node.type === 'element') out.push(node);
  if ('children' in node) for (const c of node.children) elements(c, out);
  return out;
}

const textOf = (el: Element) => el.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
/** A script element the browser does not run: JSON-LD, data for a visualisation. */
const isDataBlock = (el: Element) => /json/.test(String(el.properties?.type ?? ''));

/**
 * What the templates themselves put on pages: head meta/link, the search form, inline
 * SVG drawings (icons, charts), noscript notes, data blocks, and scripts without a payload. Handlers
 * and script URLs are still reported anywhere, and scripts are checked wherever they are.
 */
const ours = (el: Element, ancestors: Element[]) => {
  if (el.tagName === 'script') {
    if (isDataBlock(el)) return true; // checked below: it must parse as JSON
    return !/alert\(/.test(textOf(el)) && (el.properties?.src === undefined || /^\/(?!\/)/.test(String(el.properties.src)));
  }
  if (ancestors.some((a) => a.tagName === 'head') && ['meta', 'link'].includes(el.tagName)) return true;
  // <noscript> content is inert text when scripts run; drawings may be inline SVG.
  if (el.tagName === 'svg' || el.tagName === 'noscript') return true;
  return el.tagName === 'form' && el.properties?.action === '/search/';
};

describe('an XSS payload in any content field', () => {
  it('builds every page of the fixture', () => {
    expect(pages.map((p) => p.url).sort()).toEqual(expect.arrayContaining(['/', '/actors/evil-actor/', '/events/evil-event/', '/events/mdx-event/', '/places/evil-place/', '/sources/evil-source/']));
  });

  it('never appears as live markup: no foreign element, handler attribute or script URL', () => {
    const found = pages.flatMap((p) => liveMarkup(p.html, { allowElement: ours }).map((m) => `${p.url}: ${m}`));
    expect(found).toEqual([]);
  });

  it('no script the browser runs holds a payload, and every data block is JSON that cannot close its element', () => {
    for (const p of pages) {
      for (const script of elements(fromHtml(p.html)).filter((e) => e.tagName === 'script')) {
        const text = textOf(script);
        if (isDataBlock(script)) {
          expect(text, p.url).not.toMatch(/<\/script|<!--/i);
          expect(() => JSON.parse(text), p.url).not.toThrow();
        } else {
          expect(text, p.url).not.toMatch(/alert\(/);
        }
      }
    }
  });

  it('is shown to the reader as the text that was written', () => {
    const actor = pages.find((p) => p.url === '/actors/evil-actor/')!;
    const h1 = elements(fromHtml(actor.html)).find((e) => e.tagName === 'h1')!;
    expect(textOf(h1)).toBe('Evil </script><script>alert(11)</script> Actor');
    expect(actor.html).toContain('&#x3C;script>alert(23)&#x3C;/script>');
  });

  it('gives every external link rel="noopener noreferrer"', () => {
    for (const p of pages) {
      for (const a of elements(fromHtml(p.html)).filter((e) => e.tagName === 'a' && /^(https?:)?\/\//.test(String(e.properties?.href ?? '')))) {
        expect(a.properties?.rel, `${p.url} ${a.properties?.href}`).toEqual(['noopener', 'noreferrer']);
      }
    }
  });
});

describe('the XSS fixture in a browser', () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await serveDir(dist);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens every page without a dialog, a policy violation or a script error', async () => {
    const seen = await visitForViolations(browser, server.url, pages.map((p) => p.url));
    expect(seen.dialogs).toEqual([]);
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.visited).toBe(pages.length);
  });
});
