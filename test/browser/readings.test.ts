/**
 * Search finds an entry by a reading it does not follow (content/): the readings' text is part
 * of the page's indexed body (src/components/Readings.astro in the infobox).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { distOf } from '../helpers/build.ts';
import { launchBrowser, serveDir, watchPage, type StaticServer } from '../helpers/browser.ts';

let browser: Browser;
let server: StaticServer;
beforeAll(async () => {
  browser = await launchBrowser();
  server = await serveDir(distOf('content'));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('readings in search', () => {
  it.each([
    // Only in the readings' notes: the article's month, not followed, and the Reuters reading.
    ['"the month the article gives"', ['/actors/kataib-hezbollah/', '/events/kh-designated-fto-2009/']],
    ['"announced, as reported by Reuters"', ['/actors/kataib-hezbollah/']],
    // A brigade number only a reading not followed gives (and the notes of the source that gives it).
    ['"47th Brigades"', ['/actors/kataib-hezbollah/', '/sources/handwiki-kataib-hezbollah/']],
  ])('%s finds the entries that carry that reading', async (q, expected) => {
    const page = await browser.newPage();
    const seen = watchPage(page, server.url);
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => /result|No results/.test(document.getElementById('search-status')?.textContent ?? ''));
    const hrefs = await page.$$eval('#search-results a.search-result-title', (as) => as.map((a) => a.getAttribute('href')));
    expect([...hrefs].sort()).toEqual(expected);
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});
