/**
 * The visualisations in a browser: complete as SVG links without JavaScript;
 * zoom, filters, keyboard navigation and hover with it. Built from content/ (the
 * first dossier) by the global setup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { distOf, FIXTURES } from '../helpers/build.ts';
import { launchBrowser, serveDir, watchPage, type StaticServer } from '../helpers/browser.ts';
import { loadDossier, type Entry } from '../../src/pipeline/load.ts';

let browser: Browser;
let server: StaticServer;
let entries: Entry[];
beforeAll(async () => {
  browser = await launchBrowser();
  server = await serveDir(distOf('content'));
  entries = (await loadDossier(FIXTURES.content)).entries;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ids = (collection: string) => entries.filter((e) => e.collection === collection).map((e) => e.id).sort();
const withCoordinates = () => entries.filter((e) => e.collection === 'places' && (e.data as any).coordinates).map((e) => e.id).sort();
const relationCount = () => entries.filter((e) => e.collection === 'actors').reduce((n, e) => n + (e.data as any).relations.length, 0);

async function open(ctx: BrowserContext, path: string): Promise<{ page: Page; seen: ReturnType<typeof watchPage> }> {
  const page = await ctx.newPage();
  const seen = watchPage(page, server.url);
  await page.goto(`${server.url}${path}`);
  return { page, seen };
}

/** The home page's timeline of every event (the focus period's timeline comes first). */
const allEventsTimeline = (page: Page) => page.locator('figure[data-viz="timeline"]', { has: page.locator('.viz-title', { hasText: 'Timeline of all events' }) });

describe('without JavaScript', () => {
  let ctx: BrowserContext;
  beforeAll(async () => { ctx = await browser.newContext({ javaScriptEnabled: false }); });
  afterAll(async () => { await ctx?.close(); });

  it('the home timeline of all events draws every event as an SVG link with a name', async () => {
    const { page, seen } = await open(ctx, '/');
    const all = allEventsTimeline(page);
    const marks = all.locator('svg a.tl-mark');
    const found = await marks.evaluateAll((els) => els.map((a) => ({ id: (a as HTMLElement).dataset.id, href: a.getAttribute('href'), name: a.getAttribute('aria-label') })));
    expect(found.map((m) => m.id).sort()).toEqual(ids('events'));
    for (const m of found) {
      expect(m.href).toBe(`/events/${m.id}/`);
      expect(m.name).toMatch(/, (c\. )?(\d{1,2} )?([A-Z][a-z]{2}(–[A-Z][a-z]{2})? )?\d{4}/);
    }
    // Controls need the script: hidden without it.
    await expect(all.locator('.tl-controls').isHidden()).resolves.toBe(true);
    expect(seen.errors).toEqual([]);
    expect(seen.external).toEqual([]);
  });

  it('the home page first shows the period the dossier is about (dossier.yml focus): only its events', async () => {
    const { page } = await open(ctx, '/');
    const first = page.locator('figure[data-viz="timeline"]').first();
    await expect(first.locator('.viz-title').textContent()).resolves.toBe('The border campaigns, October–November 2017');
    await expect(first.locator('.tl-range').textContent()).resolves.toMatch(/Oct 2017.*Nov 2017/);
    const shown = await first.locator('svg a.tl-mark').evaluateAll((els) => els.map((a) => (a as HTMLElement).dataset.id));
    expect(shown).toContain('hussaini-announces-kh-will-enter-syria');
    expect(shown).not.toContain('kh-designated-fto-2009');
    expect(shown.length).toBeLessThan(ids('events').length);
  });

  it('the home map plots every place with coordinates as a link with its event count', async () => {
    const { page } = await open(ctx, '/');
    const markers = await page.locator('figure[data-viz="map"] svg a.map-marker').evaluateAll((els) => els.map((a) => ({ id: (a as HTMLElement).dataset.id, href: a.getAttribute('href'), name: a.getAttribute('aria-label') })));
    expect(markers.map((m) => m.id).sort()).toEqual(withCoordinates());
    for (const m of markers) {
      expect(m.href).toBe(`/places/${m.id}/`);
      expect(m.name).toMatch(/: \d+ events?/);
    }
    // Boundaries and rivers: the shared drawing of the map's level, in both themes, with the dossier's countries tinted.
    const drawings = await page.locator('figure[data-viz="map"] image.map-geo-img').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(drawings).toEqual([expect.stringMatching(/^\/map\/(wide|close)\.svg$/), expect.stringMatching(/^\/map\/(wide|close)\.svg#dark$/)]);
    const svg = await (await fetch(`${server.url}${drawings[0]}`)).text();
    expect(svg.match(/<path class="l( d)?"/g)?.length).toBeGreaterThan(3);
    expect(svg).toContain('<path class="l d"');
  });

  it('the graph page draws every relation as a labelled edge linking to the actor that states it', async () => {
    const { page } = await open(ctx, '/graph/');
    const edges = page.locator('figure[data-viz="graph"] .graph-wide a.graph-edge');
    await expect(edges.count()).resolves.toBe(relationCount());
    const kh = page.locator('.graph-wide a.graph-edge[data-source="kataib-hezbollah"][data-target="hashd-al-shaabi"]');
    await expect(kh.getAttribute('href')).resolves.toBe('/actors/kataib-hezbollah/');
    await expect(kh.getAttribute('aria-label')).resolves.toContain('Kataib Hezbollah unit of Hashd al-Shaabi');
    await expect(kh.locator('text').textContent()).resolves.toBe('unit of');
    const nodes = await page.locator('.graph-wide a.graph-node').evaluateAll((els) => els.map((a) => a.getAttribute('href')));
    expect(nodes).toContain('/actors/kataib-hezbollah/');
    await expect(page.locator('.graph-legend li').count()).resolves.toBeGreaterThan(3);
  });
});

describe('with JavaScript', () => {
  let ctx: BrowserContext;
  beforeAll(async () => { ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } }); });
  afterAll(async () => { await ctx?.close(); });

  const domain = (page: Page) => allEventsTimeline(page).evaluate((f) => ({ from: Number((f as HTMLElement).dataset.from), to: Number((f as HTMLElement).dataset.to) }));

  it('zooming with the wheel, the buttons and the keyboard changes the visible time domain', async () => {
    const { page, seen } = await open(ctx, '/');
    const fig = allEventsTimeline(page);
    const before = await domain(page);
    await fig.scrollIntoViewIfNeeded();
    const box = (await fig.locator('svg.tl-svg').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await expect.poll(async () => { const d = await domain(page); return d.to - d.from; }).toBeLessThan((before.to - before.from) / 2);
    const wheeled = await domain(page);
    // Zoomed around the pointer (near the right end), so the start moved right.
    expect(wheeled.from).toBeGreaterThan(before.from);
    await fig.locator('button[data-zoom="reset"]').click();
    await expect.poll(() => domain(page)).toEqual(before);
    await fig.locator('button[data-zoom="in"]').click();
    await expect.poll(async () => { const d = await domain(page); return d.to - d.from; }).toBeLessThan(before.to - before.from);
    await fig.locator('.tl-scroll').focus();
    const zoomed = await domain(page);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await domain(page)).from).toBeLessThan(zoomed.from);
    await page.keyboard.press('-');
    await expect.poll(async () => { const d = await domain(page); return d.to - d.from; }).toBeGreaterThan(zoomed.to - zoomed.from);
    expect(seen.errors).toEqual([]);
    expect(seen.external).toEqual([]);
  });

  it('a filter hides the events it excludes', async () => {
    const { page } = await open(ctx, '/');
    const fig = allEventsTimeline(page);
    const marks = fig.locator('a.tl-mark');
    await expect(marks.count()).resolves.toBe(ids('events').length);
    await fig.locator('select[data-filter="actor"]').selectOption('kataib-hezbollah');
    const kh = entries.filter((e) => e.collection === 'events' && (e.data as any).participants.some((p: any) => p.actor === 'kataib-hezbollah')).map((e) => e.id).sort();
    await expect.poll(async () => (await marks.evaluateAll((els) => els.map((a) => (a as HTMLElement).dataset.id))).sort()).toEqual(kh);
    // Marks drawn in the browser link to the event pages too.
    const links = await marks.evaluateAll((els) => els.map((a) => [(a as HTMLElement).dataset.id, a.getAttribute('href')]));
    for (const [id, href] of links) expect(href).toBe(`${server.url}/events/${id}/`);
    await fig.locator('select[data-filter="status"]').selectOption('reported');
    const reported = entries.filter((e) => e.collection === 'events' && kh.includes(e.id) && (e.data as any).status === 'reported').length;
    await expect.poll(() => marks.count()).toBe(reported);
    await expect(fig.locator('.tl-count').textContent()).resolves.toBe(`${reported} of ${ids('events').length} events`);
  });

  it('arrow keys move focus between events in time order; Escape returns to the timeline', async () => {
    const { page } = await open(ctx, '/');
    const fig = allEventsTimeline(page);
    await fig.locator('.tl-scroll').focus();
    await page.keyboard.press('Tab');
    const active = () => page.evaluate(() => ({ id: (document.activeElement as HTMLElement)?.dataset?.id, cls: document.activeElement?.getAttribute('class') ?? '' }));
    const first = await active();
    expect(first.cls).toContain('tl-mark');
    await expect(fig.locator('.viz-tip').isVisible()).resolves.toBe(true);
    await page.keyboard.press('ArrowRight');
    const second = await active();
    expect(second.cls).toContain('tl-mark');
    expect(second.id).not.toBe(first.id);
    await page.keyboard.press('ArrowLeft');
    await expect(active()).resolves.toEqual(first);
    await page.keyboard.press('End');
    const last = await active();
    const sorted = entries.filter((e) => e.collection === 'events');
    expect(sorted.map((e) => e.id)).toContain(last.id);
    await page.keyboard.press('Escape');
    await expect(active()).resolves.toMatchObject({ cls: 'tl-scroll' });
    // Enter on an event opens its page.
    await page.keyboard.press('Tab');
    const target = (await active()).id;
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/events/${target}/`);
  });

  it('the map highlights a marker and shows its name and count on hover', async () => {
    const { page, seen } = await open(ctx, '/');
    const marker = page.locator('figure[data-viz="map"] a.map-marker[data-id="al-bukamal"]');
    await marker.locator('circle').hover();
    await expect(marker.getAttribute('class')).resolves.toContain('is-hot');
    const tip = page.locator('figure[data-viz="map"] .viz-tip');
    await expect(tip.isVisible()).resolves.toBe(true);
    await expect(tip.textContent()).resolves.toMatch(/Al Bukamal\d+ events?/);
    await page.locator('figure[data-viz="map"] button[data-zoom="in"]').click();
    await expect.poll(() => page.locator('figure[data-viz="map"]').getAttribute('data-zoom')).toBe('2.00');
    expect(seen.errors).toEqual([]);
  });

  it('the graph highlights a node\'s neighbours on hover, filters by relation type and lets a node be dragged', async () => {
    const { page, seen } = await open(ctx, '/graph/');
    const fig = page.locator('figure[data-viz="graph"]');
    const node = fig.locator('.graph-wide a.graph-node[data-id="jaafar-hussaini"]');
    await node.locator('circle').hover();
    await expect(fig.getAttribute('class')).resolves.toContain('is-dim');
    const hot = await fig.locator('.graph-wide a.graph-node.is-hot').evaluateAll((els) => els.map((a) => (a as HTMLElement).dataset.id).sort());
    expect(hot).toEqual(['jaafar-hussaini', 'kataib-hezbollah']);
    await page.mouse.move(0, 0);
    await expect(fig.getAttribute('class')).resolves.not.toContain('is-dim');

    const opposed = fig.locator('.graph-wide a.graph-edge[data-type="opposed-to"]').first();
    await expect(opposed.isVisible()).resolves.toBe(true);
    await fig.locator('.graph-legend li[data-rel="opposed-to"] button').click();
    await expect(opposed.isVisible()).resolves.toBe(false);

    const edge = fig.locator('.graph-wide a.graph-edge[data-source="jaafar-hussaini"] path.graph-line');
    const d0 = await edge.getAttribute('d');
    const box = (await node.locator('circle').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + 40, { steps: 5 });
    await page.mouse.up();
    await expect(edge.getAttribute('d')).resolves.not.toBe(d0);
    expect(page.url()).toBe(`${server.url}/graph/`);
    expect(seen.errors).toEqual([]);
    expect(seen.external).toEqual([]);
  });

  it('a phone gets the tall drawing of the graph, with the same links', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const page = await phone.newPage();
      await page.goto(`${server.url}/graph/`);
      await expect(page.locator('.graph-wide').isVisible()).resolves.toBe(false);
      await expect(page.locator('.graph-narrow').isVisible()).resolves.toBe(true);
      await expect(page.locator('.graph-narrow a.graph-edge').count()).resolves.toBe(relationCount());
      const box = (await page.locator('.graph-narrow svg').boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(360);
    } finally {
      await phone.close();
    }
  });

  it('an actor page shows the actor\'s neighbourhood and its events', async () => {
    const { page, seen } = await open(ctx, '/actors/kataib-hezbollah/');
    const graph = page.locator('figure[data-viz="graph"]');
    await expect(graph.locator('.graph-wide a.graph-node.is-focus').getAttribute('data-id')).resolves.toBe('kataib-hezbollah');
    const own = entries.find((e) => e.id === 'kataib-hezbollah')!;
    await expect(graph.locator('.graph-wide a.graph-edge[data-source="kataib-hezbollah"]').count()).resolves.toBe((own.data as any).relations.length);
    const marks = await page.locator('figure[data-viz="timeline"] a.tl-mark').count();
    expect(marks).toBeGreaterThan(0);
    expect(seen.errors).toEqual([]);
  });
});

describe('in an explainer page (.mdx, mini fixture)', () => {
  it('embeds a focused timeline, map and neighbourhood without imports', async () => {
    const mini = await serveDir(distOf('mini'));
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await ctx.newPage();
      const seen = watchPage(page, mini.url);
      await page.goto(`${mini.url}/pages/explainer/`);
      const tl = page.locator('figure[data-viz="timeline"]');
      await expect(tl.locator('.viz-title').textContent()).resolves.toBe("Group A's events");
      // from="2015": the view starts on 1 January 2015.
      await expect(tl.getAttribute('data-from')).resolves.toBe(String(Date.UTC(2015, 0, 1)));
      await expect(tl.locator('a.tl-mark').evaluateAll((els) => els.map((a) => a.getAttribute('href')).sort())).resolves.toEqual(['/events/clash-in-town-c/', '/events/year-of-fighting/']);
      await expect(page.locator('figure[data-viz="map"] a.map-marker').getAttribute('href')).resolves.toBe('/places/town-c/');
      await expect(page.locator('figure[data-viz="graph"] .graph-wide a.graph-edge').getAttribute('aria-label')).resolves.toBe('Group A backed by State B');
      expect(seen.errors).toEqual([]);
    } finally {
      await ctx.close();
      await mini.close();
    }
  });
});
