import { readFileSync } from 'node:fs';
/**
 * Search on the built first dossier (content/): the names readers type find the
 * entity's own page first, filters narrow, the URL follows the query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import { distOf, ROOT } from '../helpers/build.ts';
import { htmlFiles } from '../../src/pipeline/files.ts';
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

const firstResults = (page: Page) => page.$$eval('#search-results a.search-result-title', (as) => as.map((a) => a.getAttribute('href')));
const waitForResults = (page: Page) => page.waitForFunction(() => /result|No results/.test(document.getElementById('search-status')?.textContent ?? ''));

export const EXPECTED_FIRST: [string, string][] = [
  ['Kataib Helbollah', '/actors/kataib-hezbollah/'],
  ["Kata'ib Hizballah", '/actors/kataib-hezbollah/'],
  ['Hashd', '/actors/hashd-al-shaabi/'],
  ['Popular Mobilization', '/actors/hashd-al-shaabi/'],
  ['Daesh', '/actors/islamic-state/'],
  ['Abu Kamal', '/places/al-bukamal/'],
  ['Bukamal', '/places/al-bukamal/'],
  ['كتائب حزب الله', '/actors/kataib-hezbollah/'],
  ['البوكمال', '/places/al-bukamal/'],
  ['Muhandis', '/actors/abu-mahdi-al-muhandis/'],
  ['Quds', '/actors/quds-force/'],
];

describe('search', () => {
  it('puts the entity a reader means first, for every name in the brief (?q= in the URL)', async () => {
    const page = await browser.newPage();
    const seen = watchPage(page, server.url);
    const firstResultMs: number[] = [];
    const got: [string, string | null][] = [];
    for (const [q] of EXPECTED_FIRST) {
      await page.goto(`${server.url}/search/?q=${encodeURIComponent(q)}`);
      await page.waitForSelector('#search-results a.search-result-title');
      got.push([q, (await firstResults(page))[0]]);
      firstResultMs.push(await page.evaluate(() => performance.getEntriesByName('search:first-result')[0]?.startTime ?? NaN));
    }
    expect(got).toEqual(EXPECTED_FIRST);
    expect(seen.errors).toEqual([]);
    expect(seen.external).toEqual([]);
    console.log(`time to first result after navigation (ms): ${firstResultMs.map(Math.round).join(', ')}`);
    await page.close();
  });

  it('finds Arabic spelled with hamza, alef maqsura or vowel marks the content does not use', async () => {
    const page = await browser.newPage();
    // Content: كتائب حزب الله; typed with the ya seat instead of hamza and with vowel marks.
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('كتايِب حزب اللّه')}`);
    await page.waitForSelector('#search-results a.search-result-title');
    expect((await firstResults(page))[0]).toBe('/actors/kataib-hezbollah/');
    await page.close();
  });

  it('shows each result with its type, date at its precision and an excerpt with the hit marked', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('Al Qaim')}&type=event`);
    await page.waitForSelector('#search-results li');
    const first = page.locator('#search-results li').first();
    await expect(first.locator('.search-result-type').textContent()).resolves.toBe('event');
    await expect(first.locator('time').getAttribute('datetime')).resolves.toBe('2017-11-03');
    await expect(first.locator('time').textContent()).resolves.toBe('3 Nov 2017');
    expect((await first.locator('.search-result-excerpt mark').allTextContents()).join(' ')).toMatch(/\bQaim\b/i);
    await page.close();
  });

  it('narrows results with the type filter and keeps the filter in the URL', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search/?q=Bukamal`);
    await page.waitForSelector('#search-results li');
    const all = Number(/(\d+) result/.exec((await page.textContent('#search-status'))!)![1]);
    await page.getByRole('radio', { name: /^Events/ }).check();
    await page.waitForURL(/type=event/);
    await page.waitForFunction((n) => {
      const m = /(\d+) result/.exec(document.getElementById('search-status')!.textContent ?? '');
      return m && Number(m[1]) < n;
    }, all);
    const types = await page.$$eval('#search-results .search-result-type', (els) => els.map((e) => e.textContent));
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['event']));
    // The radio's count says what it gives.
    await expect(page.locator('[data-count-for="event"]').textContent()).resolves.toBe(` (${types.length})`);
    await page.close();
  });

  it('orders events by date, whatever their precision', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search/?q=Bukamal&type=event&sort=date:asc`);
    await page.waitForSelector('#search-results li');
    await expect(page.inputValue('#search-sort')).resolves.toBe('date:asc');
    const starts = await page.$$eval('#search-results time', (ts) => ts.map((t) => t.getAttribute('datetime')!.split('/')[0]));
    expect(starts.length).toBeGreaterThan(3);
    expect(starts).toEqual([...starts].sort());
    await page.selectOption('#search-sort', 'date:desc');
    await page.waitForURL(/sort=date%3Adesc|sort=date:desc/);
    // Polled: the list is emptied and refilled when the order changes.
    await expect.poll(() => page.$$eval('#search-results time', (ts) => ts.map((t) => t.getAttribute('datetime')!.split('/')[0])))
      .toEqual([...starts].reverse().sort().reverse());
    await page.close();
  });

  it('updates the URL as you type without adding history entries, and the back button returns to the search', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search/`);
    const historyLength = await page.evaluate(() => history.length);
    await page.locator('#search-q').pressSequentially('Hashd', { delay: 30 });
    await page.waitForURL(/\?q=Hashd$/);
    await waitForResults(page);
    expect(await page.evaluate(() => history.length)).toBe(historyLength);
    // Keyboard: ↓ to the first result, Enter to open it.
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe('/actors/hashd-al-shaabi/');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/actors/hashd-al-shaabi/`);
    await page.goBack();
    await page.waitForURL(/\/search\/\?q=Hashd$/);
    await page.waitForSelector('#search-results a.search-result-title');
    await expect(page.inputValue('#search-q')).resolves.toBe('Hashd');
    expect((await firstResults(page))[0]).toBe('/actors/hashd-al-shaabi/');
    await page.close();
  });

  it('leads there from the search box in every page header', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/places/al-qaim/`);
    await page.locator('#site-search-q').fill('Daesh');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/search/?q=Daesh`);
    await page.waitForSelector('#search-results a.search-result-title');
    expect((await firstResults(page))[0]).toBe('/actors/islamic-state/');
    await page.close();
  });

  it('does not index the header, navigation or footer', async () => {
    const page = await browser.newPage();
    // "Skip" is only in every page's skip link, never in the content.
    await page.goto(`${server.url}/search/?q=Skip`);
    await waitForResults(page);
    await expect(page.textContent('#search-status')).resolves.toMatch(/^No results/);
    await page.close();
  });

  it('finds a page by its own words, not by the names in its source list or visualisations', async () => {
    const page = await browser.newPage();
    // "irregulars" is only in one source's title, which the source lists of the pages citing it repeat.
    await page.goto(`${server.url}/search/?q=irregulars`);
    await waitForResults(page);
    await expect(firstResults(page)).resolves.toEqual(['/sources/kuna-2017-11-04/']);
    await page.close();
    // Timelines, maps and graphs label other entries: every one of them is kept out of the index.
    for (const file of htmlFiles(distOf('content'))) {
      const html = readFileSync(file, 'utf8');
      if (!html.includes('data-pagefind-body')) continue;
      const unmarked = [...html.matchAll(/<(figure class="viz[^"]*"|section class="footnotes")[^>]*>/g)].filter((m) => !m[0].includes('data-pagefind-ignore'));
      expect(unmarked.map((m) => `${path.relative(distOf('content'), file)}: ${m[0].slice(0, 60)}`)).toEqual([]);
    }
  });

  it('has no accessibility violations with results on screen (axe-core)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search/?q=Hashd`);
    await page.waitForSelector('#search-results li');
    // Evaluated by the browser's devtools protocol: an injected <script> would be refused by the page's CSP.
    await page.evaluate(readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => {
      const r = await (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] });
      return r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('is styled from the site palette, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ colorScheme });
      await page.goto(`${server.url}/search/?q=Quds`);
      await page.waitForSelector('#search-results li');
      const c = await page.evaluate(() => {
        const probe = document.createElement('span');
        probe.style.color = 'var(--link)';
        probe.style.backgroundColor = 'var(--bg)';
        document.body.append(probe);
        const luminance = (rgb: string) => { const [r, g, b] = rgb.match(/\d+/g)!.map(Number); return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; };
        return {
          page: luminance(getComputedStyle(document.documentElement).backgroundColor),
          link: getComputedStyle(probe).color,
          result: getComputedStyle(document.querySelector('#search-results a')!).color,
        };
      });
      expect(c.result).toBe(c.link);
      if (colorScheme === 'dark') expect(c.page).toBeLessThan(0.2);
      else expect(c.page).toBeGreaterThan(0.8);
      await page.close();
    }
  });
});

/**
 * The second dossier (iran-iraq): names in Persian and Arabic script, a former name and
 * an Arabic alias find their entry first; a Persian name typed with the Arabic yeh too.
 */
describe('search in the second dossier', () => {
  const SECOND_FIRST: [string, string][] = [
    ['خرمشهر', '/places/khorramshahr/'],
    ['المحمرة', '/places/khorramshahr/'],
    ['Mohammerah', '/places/khorramshahr/'],
    ['ایران', '/actors/iran/'],
    ['ايران', '/actors/iran/'],
    ['العراق', '/actors/iraq/'],
    ['جنگ ایران و عراق', '/events/iran-iraq-war/'],
    ['حرب الخليج الأولى', '/events/iran-iraq-war/'],
    ['Beit-ul-Muqaddas', '/events/liberation-of-khorramshahr/'],
  ];
  it('puts the entry a reader means first', async () => {
    const second = await serveDir(distOf('iran-iraq'));
    const page = await browser.newPage();
    const seen = watchPage(page, second.url);
    const got: [string, string | null][] = [];
    for (const [q] of SECOND_FIRST) {
      await page.goto(`${second.url}/search/?q=${encodeURIComponent(q)}`);
      await page.waitForSelector('#search-results a.search-result-title');
      got.push([q, (await firstResults(page))[0]]);
    }
    expect(got).toEqual(SECOND_FIRST);
    expect(seen.errors).toEqual([]);
    expect(seen.external).toEqual([]);
    await page.close();
    await second.close();
  });
});
