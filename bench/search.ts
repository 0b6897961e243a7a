/**
 * Search speed in Chromium: open /search/ of a built dossier over HTTP, type a first
 * query and wait for a result (this loads the search code and index: "index load"),
 * then type a second, different query and time, inside the page, from the input
 * event to the first result link appearing. Skips with a plain note when the build
 * has no /search/ page or no search box; never invents a figure.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, serveDir } from '../test/helpers/browser.ts';
import type { GeneratedDossier } from './generate.ts';

export interface SearchResult {
  measured: boolean;
  note?: string;
  /** From the first keystroke to the first result of the first query (includes loading the index). */
  indexLoadMs?: number;
  /** From the input event of a second query to its first result, the index already loaded. */
  firstResultMs?: number;
  query?: string;
}

const ENTRY_LINK = /\/(actors|places|events|sources)\//;

export async function measureSearch(dist: string, dossier: GeneratedDossier): Promise<SearchResult> {
  if (!existsSync(path.join(dist, 'search/index.html'))) return { measured: false, note: 'not measured: no /search/ page in this build' };
  const name = (file: string) => /^(?:name|title): (".*"|.*)$/m.exec(dossier.files.get(file)!)![1].replace(/^"|"$/g, '');
  const keys = [...dossier.files.keys()];
  const warmUp = name(keys.find((k) => k.startsWith('actors/'))!).split(' ').slice(0, 2).join(' ');
  const query = name(keys.find((k) => k.startsWith('places/') && !/country/.test(dossier.files.get(k)!))!).split(' ')[0];
  const server = await serveDir(dist);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search/`, { waitUntil: 'load' });
    const input = page.locator('main input[type="search"], main input[name="q"], input[type="search"]').first();
    if (!(await input.count())) return { measured: false, note: 'not measured: the /search/ page has no search box' };
    await input.focus();
    const timeQuery = (q: string) => page.evaluate(async ({ q, pattern, timeoutMs }) => {
      const field = document.activeElement as HTMLInputElement;
      const before = new Set(document.querySelectorAll('a[href]'));
      const started = performance.now();
      field.value = q;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      return await new Promise<number | undefined>((resolve) => {
        const re = new RegExp(pattern);
        const found = () => [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].some((a) => !before.has(a) && re.test(a.getAttribute('href')!) && !a.closest('header, nav, footer'));
        const done = (v: number | undefined) => { observer.disconnect(); clearTimeout(timer); resolve(v); };
        const observer = new MutationObserver(() => { if (found()) done(performance.now() - started); });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        const timer = setTimeout(() => done(undefined), timeoutMs);
        if (found()) done(performance.now() - started);
      });
    }, { q, pattern: ENTRY_LINK.source, timeoutMs: 20_000 });
    const indexLoadMs = await timeQuery(warmUp);
    if (indexLoadMs === undefined) return { measured: false, note: `not measured: no result appeared within 20 s for "${warmUp}"` };
    await page.evaluate(() => { const f = document.activeElement as HTMLInputElement; f.value = ''; f.dispatchEvent(new Event('input', { bubbles: true })); });
    await page.waitForTimeout(500);
    const firstResultMs = await timeQuery(query);
    if (firstResultMs === undefined) return { measured: false, indexLoadMs, note: `not measured: no result appeared within 20 s for "${query}"` };
    return { measured: true, indexLoadMs, firstResultMs, query };
  } finally {
    await browser.close();
    await server.close();
  }
}
