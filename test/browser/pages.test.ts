/**
 * The pages' layout in Chromium, measured from the browser's own boxes: the events
 * list's date column holds a period, the home page's timeline comes first, Arabic in
 * English text keeps its quotation marks and footnote after it, the key facts' footnote
 * markers are 24 px targets, the header does not move when scripts run, and an entry
 * without a body has no empty column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildDossierAsync, distOf } from '../helpers/build.ts';
import { launchBrowser, serveDir, watchPage, type StaticServer } from '../helpers/browser.ts';
import { ACTOR, makeDossier, SOURCE } from '../helpers/dossier.ts';

let browser: Browser;
let content: StaticServer;
let periods: StaticServer;
const seen: { errors: string[]; external: string[] }[] = [];

/** A dossier of periods, the kind of dates that are widest in the events list. */
const PERIODS = {
  'dossier.yml': 'title: Periods\ndescription: Events dated by periods.\n',
  'sources/report-a.md': SOURCE,
  'actors/group-a.md': ACTOR(),
  'events/new-year.md': '---\ntitle: Fighting over the new year\ndate: { start: 2019-12-31, end: 2020-01-01 }\nparticipants: [{ actor: group-a }]\nsources: [report-a]\n---\nBody.\n',
  'events/autumn.md': '---\ntitle: An autumn offensive\ndate: { start: 2017-11-03, end: 2017-12-05 }\nsources: [report-a]\n---\nBody.\n',
  'events/years.md': '---\ntitle: Years of attacks\ndate: { start: 2007, end: 2011, circa: true }\nsources: [report-a]\n---\nBody.\n',
  'events/long-ago.md': '---\ntitle: A day\ndate: 2017-11-03\nsources: [report-a]\n---\nBody.\n',
  'pages/overview.md': '---\ntitle: Periods\nsummary: Events dated by periods.\n---\nAn overview.\n',
};

beforeAll(async () => {
  const built = await buildDossierAsync('periods', makeDossier(PERIODS, false));
  if (built.status !== 0) throw new Error(`Building the periods dossier failed:\n${built.output.slice(-3000)}`);
  browser = await launchBrowser();
  content = await serveDir(distOf('content'));
  periods = await serveDir(distOf('periods'));
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await content?.close();
  await periods?.close();
});

async function open(context: BrowserContext, server: StaticServer, urlPath: string): Promise<Page> {
  const page = await context.newPage();
  seen.push(watchPage(page, server.url));
  const response = await page.goto(server.url + urlPath, { waitUntil: 'load' });
  expect(response?.status(), urlPath).toBe(200);
  return page;
}

describe('the events list', () => {
  it.each([390, 1280])('keeps each date inside its column at %i px, wrapping a period after its dash', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await open(context, periods, '/events/');
    const rows = await page.locator('.event-list > li').evaluateAll((lis) => lis.map((li) => {
      const box = (el: Element | null) => el!.getBoundingClientRect();
      const date = li.querySelector('.event-date')!;
      // The text's own extent: the date's box is its grid cell, which text can overflow.
      const range = document.createRange();
      range.selectNodeContents(date);
      return {
        date: date.textContent,
        dateRight: Math.max(box(date).right, range.getBoundingClientRect().right),
        textLeft: box(li.querySelector('.event-text')).left,
        textTop: box(li.querySelector('.event-text')).top,
        dateBottom: Math.max(box(date).bottom, range.getBoundingClientRect().bottom),
        rowRight: box(li).right,
        // Each date of a period stays on one line.
        partLines: [...date.querySelectorAll('.date-part')].map((p) => new Set([...p.getClientRects()].map((r) => Math.round(r.top))).size),
      };
    }));
    expect(rows.map((r) => r.date)).toEqual(['c. 2007–2011', '3 Nov 2017', '3 Nov – 5 Dec 2017', '31 Dec 2019–1 Jan 2020']);
    for (const r of rows) {
      expect(r.dateRight, r.date!).toBeLessThanOrEqual(r.rowRight + 0.5);
      // Beside the title on a wide screen, above it on a phone: never over it.
      if (r.textLeft > r.dateRight - 1) expect(r.dateRight, r.date!).toBeLessThanOrEqual(r.textLeft + 0.5);
      else expect(r.dateBottom, r.date!).toBeLessThanOrEqual(r.textTop + 0.5);
      for (const lines of r.partLines) expect(lines, r.date!).toBe(1);
    }
    await context.close();
  });
});

describe('the page header', () => {
  it.each([360, 700, 800, 1000, 1280])('gives the site title room at %i px: at most two lines, every tool inside the page', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await open(context, content, '/');
    const header = await page.evaluate(() => {
      const title = document.querySelector('.site-title')!;
      const lineHeight = parseFloat(getComputedStyle(title).lineHeight);
      const rights = [...document.querySelectorAll('.site-header .site-tools *')].map((el) => el.getBoundingClientRect().right);
      return { lines: Math.round(title.getBoundingClientRect().height / lineHeight), right: Math.max(...rights), page: document.documentElement.clientWidth };
    });
    // The seed dossier's title is 55 characters: a grid squeezed it to six lines at 700 px.
    expect(header.lines).toBeLessThanOrEqual(2);
    expect(header.right).toBeLessThanOrEqual(header.page);
    await context.close();
  });
});

describe('the home page', () => {
  it.each([390, 1280])('puts the timeline first at %i px: above the overview, a few Tab presses from the top', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await open(context, content, '/');
    await page.locator('.home-timeline .viz-controls:not([hidden])').first().waitFor();
    const top = (selector: string) => page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(await top('#timeline-heading')).toBeLessThan(await top('.home-overview'));
    expect(await top('#map-heading')).toBeLessThan(await top('.home-aside'));
    let presses = 0;
    while (presses < 40) {
      await page.keyboard.press('Tab');
      presses++;
      if (await page.evaluate(() => !!document.activeElement?.closest('.home-timeline'))) break;
    }
    // Skip link, site title, five sections, search field and button, theme switch: then the timeline.
    expect(presses).toBeLessThanOrEqual(12);
    await context.close();
  });
});

describe('Arabic inside English text', () => {
  it('keeps the closing quotation mark and the footnote marker after the quotation, and marks its language', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await open(context, content, '/events/hussaini-announces-kh-will-enter-syria/');
    const quote = await page.locator('.entry-body bdi[lang="ar"]').first().evaluate((bdi) => {
      const lines = [...bdi.getClientRects()];
      const last = lines[lines.length - 1];
      const after = bdi.nextSibling!;
      const range = document.createRange();
      range.setStart(after, 0);
      range.setEnd(after, 1);
      const mark = range.getBoundingClientRect();
      const sup = bdi.nextElementSibling!.getBoundingClientRect();
      return { text: bdi.textContent, lang: bdi.getAttribute('lang'), direction: getComputedStyle(bdi).direction, closing: after.textContent![0], last: { left: last.left, right: last.right, top: last.top }, mark: { left: mark.left, top: mark.top }, sup: { left: sup.left }, supTag: bdi.nextElementSibling!.tagName };
    });
    expect(quote).toMatchObject({ lang: 'ar', direction: 'rtl', closing: '”', supTag: 'SUP' });
    expect(quote.text).toMatch(/^البوكمال[\s\S]*داعش$/);
    // Same line as the quotation's last line box, and to its right (after it, in English order).
    expect(Math.abs(quote.mark.top - quote.last.top)).toBeLessThan(8);
    expect(quote.mark.left).toBeGreaterThanOrEqual(quote.last.right - 0.5);
    expect(quote.sup.left).toBeGreaterThan(quote.mark.left);
    await context.close();
  });
});

describe('targets and stability', () => {
  it.each([390, 1280])('makes each footnote marker in the key facts a 24 × 24 px target at %i px', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await open(context, content, '/actors/kataib-hezbollah/');
    const boxes = await page.locator('.infobox sup.citation a').evaluateAll((as) => as.map((a) => {
      const r = a.getBoundingClientRect();
      return { text: a.textContent, width: r.width, height: r.height };
    }));
    expect(boxes.length).toBeGreaterThan(20);
    for (const b of boxes) {
      expect(b.width, b.text!).toBeGreaterThanOrEqual(24);
      expect(b.height, b.text!).toBeGreaterThanOrEqual(24);
    }
    const switchBoxes = await page.locator('.theme-switch label').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect()).map((r) => Math.min(r.width, r.height)));
    expect(Math.min(...switchBoxes)).toBeGreaterThanOrEqual(24);
    await context.close();
  });

  it('does not move the header or the page when scripts run late on a phone (layout shift < 0.05)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    // Scripts arrive after the first paint, as on a slow phone connection.
    await context.route('**/*.js', async (route) => { await new Promise((r) => setTimeout(r, 500)); await route.continue(); });
    await context.addInitScript(() => {
      const w = window as any;
      w.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) w.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      const boxes = () => ({ header: document.querySelector('.site-header')!.getBoundingClientRect().height, main: document.querySelector('main')!.getBoundingClientRect().top });
      // The first frame painted with the header and main in it.
      const first = () => { if (document.querySelector('main')) w.__first = boxes(); else requestAnimationFrame(first); };
      requestAnimationFrame(first);
      w.__boxes = boxes;
    });
    // Pages without a visualisation: their whole layout shift is the frame's. (A timeline's
    // controls, shown by its script, are the visualisations' own matter.)
    for (const urlPath of ['/events/al-qaim-captured/', '/sources/kuna-2017-11-04/', '/actors/kataib-hezbollah/', '/']) {
      const page = await open(context, content, urlPath);
      await page.waitForFunction(() => (window as any).__first);
      await page.waitForTimeout(300);
      const { first, last, shift } = await page.evaluate(() => ({ first: (window as any).__first, last: (window as any).__boxes(), shift: (window as any).__shift }));
      expect(last, urlPath).toEqual(first);
      if (!urlPath.startsWith('/actors/') && urlPath !== '/') expect(shift, urlPath).toBeLessThan(0.05);
      await expect(page.locator('[data-theme-switch]').isVisible()).resolves.toBe(true);
      await page.close();
    }
    await context.close();
  });
});

describe('print', () => {
  it('prints black on white even when the screen is dark, without the theme switch', async () => {
    const context = await browser.newContext({ viewport: { width: 794, height: 1123 }, colorScheme: 'dark' });
    const page = await open(context, content, '/actors/kataib-hezbollah/');
    await page.emulateMedia({ media: 'print' });
    const colours = await page.evaluate(() => ({
      page: getComputedStyle(document.documentElement).backgroundColor,
      text: getComputedStyle(document.querySelector('h1')!).color,
      infobox: getComputedStyle(document.querySelector('.infobox')!).backgroundColor,
    }));
    expect(colours).toEqual({ page: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)', infobox: 'rgb(255, 255, 255)' });
    await expect(page.locator('[data-theme-switch]').isVisible()).resolves.toBe(false);
    await context.close();
  });
});

describe('an entry without a body', () => {
  it('shows its key facts without an empty column beside them', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await open(context, content, '/sources/kuna-2017-11-04/');
    await expect(page.locator('.entry-body').count()).resolves.toBe(0);
    const [infobox, header] = await Promise.all(['.infobox', '.entry-header'].map((s) => page.locator(s).evaluate((el) => { const r = el.getBoundingClientRect(); return { left: r.left, width: r.width }; })));
    expect(infobox.left).toBeCloseTo(header.left, 0);
    await context.close();
  });
});

describe('every page visited', () => {
  it('made no request outside the site and logged no console error', () => {
    expect(seen.length).toBeGreaterThan(8);
    expect(seen.flatMap((s) => s.external)).toEqual([]);
    expect(seen.flatMap((s) => s.errors)).toEqual([]);
  });
});
