import { readFileSync } from 'node:fs';
/**
 * Search on the built first dossier (content/): the names readers type find the
 * entity's own page first, filters narrow, the URL follows the query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { buildDossier, distOf, ROOT } from '../helpers/build.ts';
import { builtSiteInBrowser, serveDir, watchPage, type StaticServer } from '../helpers/browser.ts';
import { searchRecords } from '../helpers/search-records.ts';

const site = builtSiteInBrowser('content');

/** Each result on screen: its address, title and snippet (hits in [brackets]). */
const shown = (page: Page) => page.$$eval('#search-results li', (lis) => lis.map((li) => ({
  href: li.querySelector('a')!.getAttribute('href')!,
  title: li.querySelector('a')!.textContent!,
  snippet: Array.from(li.querySelector('.search-result-excerpt')!.childNodes, (n) => (n.nodeName === 'MARK' ? `[${n.textContent}]` : n.textContent)).join(''),
})));
const search = async (page: Page, origin: string, q: string) => {
  await page.goto(`${origin}/search/?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => /result|No results/.test(document.getElementById('search-status')?.textContent ?? ''));
  return shown(page);
};

const firstResults = (page: Page) => page.$$eval('#search-results a.search-result-title', (as) => as.map((a) => a.getAttribute('href')));
// The status names the query its results are for: typing runs a search for each pause,
// so an earlier prefix's results can be on the page when the URL already has the whole word.
const waitForResults = (page: Page, q: string) => page.waitForFunction(
  (q) => new RegExp(`(result|No results).* for “${q}”`).test(document.getElementById('search-status')?.textContent ?? ''), q);

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
    const page = await site.browser.newPage();
    const seen = watchPage(page, site.server.url);
    const firstResultMs: number[] = [];
    const got: [string, string | null][] = [];
    for (const [q] of EXPECTED_FIRST) {
      await page.goto(`${site.server.url}/search/?q=${encodeURIComponent(q)}`);
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
    const page = await site.browser.newPage();
    // Content: كتائب حزب الله; typed with the ya seat instead of hamza and with vowel marks.
    await page.goto(`${site.server.url}/search/?q=${encodeURIComponent('كتايِب حزب اللّه')}`);
    await page.waitForSelector('#search-results a.search-result-title');
    expect((await firstResults(page))[0]).toBe('/actors/kataib-hezbollah/');
    await page.close();
  });

  it('shows each result with its type, date at its precision and an excerpt with the hit marked', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/search/?q=${encodeURIComponent('Al Qaim')}&type=event`);
    await page.waitForSelector('#search-results li');
    const first = page.locator('#search-results li').first();
    await expect(first.locator('.search-result-type').textContent()).resolves.toBe('event');
    await expect(first.locator('time').getAttribute('datetime')).resolves.toBe('2017-11-03');
    await expect(first.locator('time').textContent()).resolves.toBe('3 Nov 2017');
    expect((await first.locator('.search-result-excerpt mark').allTextContents()).join(' ')).toMatch(/\bQaim\b/i);
    await page.close();
  });

  it('narrows results with the type filter and keeps the filter in the URL', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/search/?q=Bukamal`);
    // The status names the count once every result of the page is shown.
    await page.waitForFunction(() => /\d+ results? for/.test(document.getElementById('search-status')?.textContent ?? ''));
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
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/search/?q=Bukamal&type=event&sort=date:asc`);
    // The first results are shown before the rest: the status names the count once all are there.
    await page.waitForFunction(() => /\d+ results? for/.test(document.getElementById('search-status')?.textContent ?? ''));
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
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/search/`);
    const historyLength = await page.evaluate(() => history.length);
    await page.locator('#search-q').pressSequentially('Hashd', { delay: 30 });
    await page.waitForURL(/\?q=Hashd$/);
    await waitForResults(page, 'Hashd');
    expect(await page.evaluate(() => history.length)).toBe(historyLength);
    // Keyboard: ↓ to the first result, Enter to open it.
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe('/actors/hashd-al-shaabi/');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site.server.url}/actors/hashd-al-shaabi/`);
    await page.goBack();
    await page.waitForURL(/\/search\/\?q=Hashd$/);
    await page.waitForSelector('#search-results a.search-result-title');
    await expect(page.inputValue('#search-q')).resolves.toBe('Hashd');
    expect((await firstResults(page))[0]).toBe('/actors/hashd-al-shaabi/');
    await page.close();
  });

  it('leads there from the search box in every page header', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/places/al-qaim/`);
    await page.locator('#site-search-q').fill('Daesh');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site.server.url}/search/?q=Daesh`);
    await page.waitForSelector('#search-results a.search-result-title');
    expect((await firstResults(page))[0]).toBe('/actors/islamic-state/');
    await page.close();
  });

  it('does not index the header, navigation or footer', async () => {
    const page = await site.browser.newPage();
    // "Skip" is only in every page's skip link, never in the content.
    await page.goto(`${site.server.url}/search/?q=Skip`);
    await waitForResults(page, 'Skip');
    await expect(page.textContent('#search-status')).resolves.toMatch(/^No results/);
    await page.close();
  });

  it('finds a page by its own words, not by the names in its source list or visualisations', async () => {
    const page = await site.browser.newPage();
    // "irregulars" is only in one source's title, which the source lists of the pages citing it repeat.
    await page.goto(`${site.server.url}/search/?q=irregulars`);
    await waitForResults(page, 'irregulars');
    await expect(firstResults(page)).resolves.toEqual(['/sources/kuna-2017-11-04/']);
    // Timelines, maps and graphs label other entries: the index is written from each
    // entry's own text (src/domain/search.ts searchDocument), never from its page.
    await page.close();
  });

  it('has no accessibility violations with results on screen (axe-core)', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/search/?q=Hashd`);
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
      const page = await site.browser.newPage({ colorScheme });
      await page.goto(`${site.server.url}/search/?q=Quds`);
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
    const page = await site.browser.newPage();
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

  // Its index is made in shards of 5 entries (FIXTURE_ENV): 4 indexes, merged by the page.
  it('searches every shard of a sharded index: counts per type, and dated results in date order across shards', async () => {
    const dist = distOf('iran-iraq');
    expect(readFileSync(path.join(dist, 'search/index.html'), 'utf8')).toContain('data-pagefind-shards="s1/ s2/ s3/"');
    // Each entry in one shard.
    const urls = searchRecords(dist).map((r) => r.url);
    expect(urls).toHaveLength(16);
    expect(new Set(urls).size).toBe(16);
    const second = await serveDir(dist);
    const page = await site.browser.newPage();
    const seen = watchPage(page, second.url);
    const dates = () => page.$$eval('#search-results li', (lis) => lis.map((li) => `${li.querySelector('a')!.getAttribute('href')} ${li.querySelector('time')?.getAttribute('datetime') ?? ''}`));
    const counts = () => page.$$eval('[data-count-for]', (els) => Object.fromEntries(els.map((e) => [(e as HTMLElement).dataset.countFor, e.textContent])));
    await page.goto(`${second.url}/search/?type=event&sort=date:asc`);
    await page.waitForFunction(() => /4 results/.test(document.getElementById('search-status')?.textContent ?? ''));
    expect(await dates()).toEqual([
      '/events/iran-iraq-war/ 1980-09-22', '/events/liberation-of-khorramshahr/ 1982-05-24',
      '/events/tanker-war-widens/ 1984', '/events/resolution-598/ 1987-07-20',
    ]);
    // Every entry of the dossier, counted from all four shards.
    expect(await counts()).toEqual({ '': ' (16)', actor: ' (2)', place: ' (1)', event: ' (4)', source: ' (9)' });
    await page.goto(`${second.url}/search/?type=source&sort=date:desc`);
    await page.waitForFunction(() => /results for/.test(document.getElementById('search-status')?.textContent ?? ''));
    const sources = (await dates()).map((d) => d.split(' ')[1]);
    expect(sources.length).toBeGreaterThan(3);
    expect(sources).toEqual([...sources].sort().reverse());
    expect(seen.errors).toEqual([]);
    expect(seen.external).toEqual([]);
    await page.close();
    await second.close();
  });
});

describe('what a result shows (issue 16)', () => {
  it('shows sentences of the entry: no label run into its value, no alias list, no repeated title, no citation marker', async () => {
    const page = await site.browser.newPage();
    const bad: string[] = [];
    for (const q of ['HandWiki', 'Al Qaim', 'Hashd', 'Kataib Hezbollah', 'Bukamal', 'Muhandis', '2019']) {
      for (const r of await search(page, site.server.url, q)) {
        const text = r.snippet.replace(/[[\]]/g, '');
        if (/\b(Kind|Publisher|Date|Native name|Address|Language|Notes|Also known as|Sources|Relations)\S/u.test(text)) bad.push(`${q}: label run into its value: ${r.snippet}`);
        if (/^[…\s]*·/.test(text) || / · .* · /.test(text)) bad.push(`${q}: alias list: ${r.snippet}`);
        if (text.startsWith(r.title)) bad.push(`${q}: starts with the title: ${r.snippet}`);
        if (/\[\d+\]/.test(text) || /Key facts/.test(text)) bad.push(`${q}: infobox or citation marker: ${r.snippet}`);
        // A quotation the snippet shows is opened and closed in it.
        if ((text.match(/“/g) ?? []).length !== (text.match(/”/g) ?? []).length || (text.match(/"/g) ?? []).length % 2) bad.push(`${q}: unbalanced quotes: ${r.snippet}`);
      }
    }
    expect(bad).toEqual([]);
    await page.close();
  });

  it('marks the spelling the content has when the query is spelled another way', async () => {
    const page = await site.browser.newPage();
    // The content writes كتائب (hamza on a ya seat); typed with a plain ya.
    const results = await search(page, site.server.url, 'كتايب');
    expect(results.some((r) => r.snippet.includes('[كتائب]'))).toBe(true);
    expect(results.every((r) => !r.snippet.includes('كتايب'))).toBe(true);
    await page.close();
  });

  it('keeps the results from moving the page as they arrive (layout shift below 0.05, phone and desktop)', async () => {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      const page = await site.browser.newPage({ viewport });
      await page.addInitScript(() => {
        (window as any).__cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${site.server.url}/search/?q=${encodeURIComponent('Al Qaim')}`);
      await page.waitForSelector('#search-results li');
      await page.waitForTimeout(500);
      const cls = await page.evaluate(() => (window as any).__cls as number);
      console.log(`layout shift at ${viewport.width} px: ${cls.toFixed(3)}`);
      expect(cls).toBeLessThan(0.05);
      await page.close();
    }
  });
});

describe('names as sources write them (test/fixtures/search-names)', () => {
  let names: StaticServer;
  let dist: string;
  beforeAll(async () => {
    const r = buildDossier('search-names', path.join(ROOT, 'test/fixtures/search-names'));
    if (r.status !== 0) throw new Error(`Building the search-names dossier failed:\n${r.output.slice(-3000)}`);
    dist = r.dist;
    names = await serveDir(r.dist);
  });

  it('isolates an alias in Arabic script whose language the content does not state, and gives it one', async () => {
    const html = readFileSync(path.join(dist, 'actors/qasem-soleimani/index.html'), 'utf8');
    // Isolated, the alias keeps the list's "; " and its footnote marker after it, as written.
    expect(html).toMatch(/<li><bdi lang="ar">قاسم سليماني<\/bdi><sup class="citation"/);
    // Latin aliases stay plain spans.
    expect(html).toContain('<li><span>Qassem Suleimani</span></li>');
    const page = await site.browser.newPage();
    await page.goto(`${names.url}/actors/qasem-soleimani/`);
    // Drawn after the name, not pulled into the Arabic run (where it would sit left of the name).
    const order = await page.evaluate(() => {
      const sup = [...document.querySelectorAll('.alias-group li sup.citation')].pop()!;
      const range = document.createRange();
      range.selectNodeContents(sup.previousElementSibling!);
      return { name: range.getBoundingClientRect(), mark: sup.getBoundingClientRect() };
    });
    expect(order.mark.left).toBeGreaterThanOrEqual(order.name.right - 1);
    await page.close();
  });
  afterAll(async () => {
    await names?.close();
  });

  it('finds Al-Qa’im by Qaim and by Al Qaim, and Al Qaim finds nothing without Qaim', async () => {
    const page = await site.browser.newPage();
    const qaim = await search(page, names.url, 'Qaim');
    const alQaim = await search(page, names.url, 'Al Qaim');
    expect(qaim[0]?.href).toBe('/places/al-qaim/');
    expect(alQaim[0]?.href).toBe('/places/al-qaim/');
    expect(alQaim.map((r) => r.href).sort()).toEqual(qaim.map((r) => r.href).sort());
    expect(alQaim.map((r) => r.href)).not.toContain('/places/al-mayadin/');
    expect(qaim[0].snippet).toContain('[Al-Qa’im]');
    await page.close();
  });

  it('puts the event a query names above the source named after it', async () => {
    const page = await site.browser.newPage();
    const results = await search(page, names.url, 'Flight 752');
    expect(results.map((r) => r.href).slice(0, 2)).toEqual(['/events/flight-752/', '/sources/ps752-article/']);
    await page.close();
  });

  it('shows the Persian and Arabic spellings as written, whichever the reader typed', async () => {
    const page = await site.browser.newPage();
    // Typed with the Arabic ya; the name is written with the Persian ی.
    const soleimani = await search(page, names.url, 'قاسم سليماني');
    expect(soleimani[0].href).toBe('/actors/qasem-soleimani/');
    expect(soleimani[0].snippet).toContain('[قاسم] [سلیمانی]');
    // Typed without hamza; written أبو and كتائب.
    const abu = await search(page, names.url, 'ابو مهدي');
    expect(abu[0].href).toBe('/actors/abu-mahdi/');
    expect(abu[0].snippet).toContain('[أبو] [مهدي]');
    expect(abu[0].snippet).not.toMatch(/(^|\s)ابو/);
    const kh = await search(page, names.url, 'كتايب');
    expect(kh[0].snippet).toContain('[كتائب]');
    // And the title is the name as written.
    const kataib = await search(page, names.url, 'Kataib');
    expect(kataib[0].title).toBe('Abu Mahdi al-Muhandis');
    expect(kataib[0].snippet).toContain("[Kata'ib]");
    await page.close();
  });
});
