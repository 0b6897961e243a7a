/**
 * Search finds an entry by a reading it does not follow (content/): the readings' text is part
 * of the page's indexed body (src/components/Readings.astro in the infobox).
 */
import { describe, expect, it } from 'vitest';
import { builtSiteInBrowser, watchPage } from '../helpers/browser.ts';

const site = builtSiteInBrowser('content');

describe('readings in search', () => {
  it.each([
    // Only in the readings' notes: the article's month, not followed, and the Reuters reading.
    ['"the month the article gives"', ['/actors/kataib-hezbollah/', '/events/kh-designated-fto-2009/']],
    ['"announced, as reported by Reuters"', ['/actors/kataib-hezbollah/']],
    // A brigade number only a reading not followed gives (and the notes of the source that gives it).
    ['"47th Brigades"', ['/actors/kataib-hezbollah/', '/sources/handwiki-kataib-hezbollah/']],
  ])('%s finds the entries that carry that reading', async (q, expected) => {
    const page = await site.browser.newPage();
    const seen = watchPage(page, site.server.url);
    await page.goto(`${site.server.url}/search/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => /result|No results/.test(document.getElementById('search-status')?.textContent ?? ''));
    const hrefs = await page.$$eval('#search-results a.search-result-title', (as) => as.map((a) => a.getAttribute('href')));
    expect([...hrefs].sort()).toEqual(expected);
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});
