/**
 * The visualisations in a browser: complete as SVG links without JavaScript;
 * zoom, filters, keyboard navigation and hover with it. Built from content/ (the
 * first dossier) by the global setup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { distOf, FIXTURES } from '../helpers/build.ts';
import { accessibleNames, builtSiteInBrowser, serveDir, watchPage } from '../helpers/browser.ts';
import { loadDossier, type Entry } from '../../src/pipeline/load.ts';

const site = builtSiteInBrowser('content');
let entries: Entry[];
beforeAll(async () => {
  entries = (await loadDossier(FIXTURES.content)).entries;
});

const ids = (collection: string) => entries.filter((e) => e.collection === collection).map((e) => e.id).sort();
const withCoordinates = () => entries.filter((e) => e.collection === 'places' && (e.data as any).coordinates).map((e) => e.id).sort();
const relationCount = () => entries.filter((e) => e.collection === 'actors').reduce((n, e) => n + (e.data as any).relations.length, 0);

async function open(ctx: BrowserContext, path: string): Promise<{ page: Page; seen: ReturnType<typeof watchPage> }> {
  const page = await ctx.newPage();
  const seen = watchPage(page, site.server.url);
  await page.goto(`${site.server.url}${path}`);
  return { page, seen };
}

/** The home page's timeline of every event (the focus period's timeline comes first). */
const allEventsTimeline = (page: Page) => page.locator('figure[data-viz="timeline"]', { has: page.locator('.viz-title', { hasText: 'Timeline of all events' }) });

describe('without JavaScript', () => {
  let ctx: BrowserContext;
  beforeAll(async () => { ctx = await site.browser.newContext({ javaScriptEnabled: false }); });
  afterAll(async () => { await ctx?.close(); });

  it('the home timeline of all events draws every event as an SVG link with a name, or counts it in an aggregate', async () => {
    const { page, seen } = await open(ctx, '/');
    const all = allEventsTimeline(page);
    const marks = all.locator('svg.tl-wide a.tl-mark');
    // Names as Chromium gives them to a screen reader: from each mark's <title> (no aria-label repeats it).
    const fig = `#${await all.getAttribute('id')}`;
    const names = await accessibleNames(page, `${fig} svg.tl-wide a.tl-mark`);
    const found = (await marks.evaluateAll((els) => els.map((a) => ({ id: (a as HTMLElement).dataset.id, href: a.getAttribute('href'), title: a.querySelector(':scope > title')?.textContent, labelled: a.hasAttribute('aria-label') }))))
      .map((m, i) => ({ ...m, name: names[i] }));
    const binNames = await accessibleNames(page, `${fig} svg.tl-wide a.tl-bin`);
    const binned = binNames.reduce((n, name) => n + Number(/^(\d+) event/.exec(name)?.[1]), 0);
    expect(found.length).toBeGreaterThan(ids('events').length / 2);
    expect(found.length + binned).toBe(ids('events').length);
    expect(new Set(found.map((m) => m.id)).size).toBe(found.length);
    for (const m of found) {
      expect(ids('events')).toContain(m.id);
      expect(m.href).toBe(`/events/${m.id}/`);
      expect(m.name).toMatch(/, (c\. )?(\d{1,2} )?([A-Z][a-z]{2}(–[A-Z][a-z]{2})? )?\d{4}/);
      expect(m.name).toBe(m.title);
      expect(m.labelled).toBe(false);
    }
    // Controls need the script: hidden without it.
    await expect(all.locator('.tl-controls').isHidden()).resolves.toBe(true);
    // The events' data for zooming is shared (/data/timeline.js), not in the page.
    await expect(page.locator('script.viz-data').count()).resolves.toBe(0);
    expect(seen.errors).toEqual([]);
    expect(seen.external).toEqual([]);
  });

  it('the home page first shows the period the dossier is about (dossier.yml focus): only its events', async () => {
    const { page } = await open(ctx, '/');
    const first = page.locator('figure[data-viz="timeline"]').first();
    await expect(first.locator('.viz-title').textContent()).resolves.toBe('The border campaigns, October–November 2017');
    await expect(first.locator('.tl-range').textContent()).resolves.toMatch(/Oct 2017.*Nov 2017/);
    const shown = await first.locator('svg.tl-wide a.tl-mark').evaluateAll((els) => els.map((a) => (a as HTMLElement).dataset.id));
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
    const svg = await (await fetch(`${site.server.url}${drawings[0]}`)).text();
    expect(svg.match(/<path class="l( d)?"/g)?.length).toBeGreaterThan(3);
    expect(svg).toContain('<path class="l d"');
  });

  it('the graph page draws every relation as an arrow and lists each with links to both actors', async () => {
    const { page } = await open(ctx, '/graph/');
    const edges = page.locator('figure[data-viz="graph"] .graph-wide g.graph-edge');
    await expect(edges.count()).resolves.toBe(relationCount());
    const kh = page.locator('.graph-wide g.graph-edge[data-source="kataib-hezbollah"][data-target="hashd-al-shaabi"]');
    await expect(kh.count()).resolves.toBe(1);
    const items = page.locator('.graph-list li');
    await expect(items.count()).resolves.toBe(relationCount());
    const item = items.filter({ hasText: 'Kataib Hezbollah unit of Hashd al-Shaabi' });
    await expect(item.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).resolves.toEqual(['/actors/kataib-hezbollah/', '/actors/hashd-al-shaabi/']);
    const nodes = await page.locator('.graph-wide a.graph-node').evaluateAll((els) => els.map((a) => a.getAttribute('href')));
    expect(nodes).toContain('/actors/kataib-hezbollah/');
    await expect(page.locator('.graph-legend li').count()).resolves.toBeGreaterThan(3);
  });
});

describe('with JavaScript', () => {
  let ctx: BrowserContext;
  beforeAll(async () => { ctx = await site.browser.newContext({ viewport: { width: 1280, height: 900 } }); });
  afterAll(async () => { await ctx?.close(); });

  const domain = (page: Page) => allEventsTimeline(page).evaluate((f) => ({ from: Number((f as HTMLElement).dataset.from), to: Number((f as HTMLElement).dataset.to) }));

  it('zooming with the wheel, the buttons and the keyboard changes the visible time domain', async () => {
    const { page, seen } = await open(ctx, '/');
    const fig = allEventsTimeline(page);
    const before = await domain(page);
    await fig.scrollIntoViewIfNeeded();
    const box = (await fig.locator('svg.tl-wide').boundingBox())!;
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
    await page.waitForTimeout(300); // the zoom's animation settles
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
    const marks = fig.locator('svg:visible a.tl-mark');
    // A timeline of every event lists its actors once a reader reaches for the list.
    const actors = fig.locator('select[data-filter="actor"] option');
    await expect(actors.count()).resolves.toBe(1);
    await fig.locator('select[data-filter="actor"]').focus();
    await expect.poll(() => actors.count()).toBe(1 + new Set(entries.filter((e) => e.collection === 'events').flatMap((e) => (e.data as any).participants.map((p: any) => p.actor))).size);
    await fig.locator('select[data-filter="actor"]').selectOption('kataib-hezbollah');
    const kh = entries.filter((e) => e.collection === 'events' && (e.data as any).participants.some((p: any) => p.actor === 'kataib-hezbollah')).map((e) => e.id).sort();
    await expect.poll(async () => (await marks.evaluateAll((els) => els.map((a) => (a as HTMLElement).dataset.id))).sort()).toEqual(kh);
    // Marks drawn in the browser link to the event pages too.
    const links = await marks.evaluateAll((els) => els.map((a) => [(a as HTMLElement).dataset.id, a.getAttribute('href')]));
    for (const [id, href] of links) expect(href).toBe(`${site.server.url}/events/${id}/`);
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
    // The next event, or the aggregate of those with no room to show.
    expect(second.cls).toMatch(/tl-mark|tl-bin/);
    expect(second).not.toEqual(first);
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
    await page.waitForURL(`${site.server.url}/events/${target}/`);
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
    await node.locator('.graph-dot').hover();
    await expect(fig.getAttribute('class')).resolves.toContain('is-dim');
    const hot = await fig.locator('.graph-wide a.graph-node.is-hot').evaluateAll((els) => els.map((a) => (a as HTMLElement).dataset.id).sort());
    expect(hot).toEqual(['jaafar-hussaini', 'kataib-hezbollah']);
    await page.mouse.move(0, 0);
    await expect(fig.getAttribute('class')).resolves.not.toContain('is-dim');

    const opposed = fig.locator('.graph-wide g.graph-edge[data-type="opposed-to"]').first();
    await expect(opposed.isVisible()).resolves.toBe(true);
    await fig.locator('.graph-legend li[data-rel="opposed-to"] button').click();
    await expect(opposed.isVisible()).resolves.toBe(false);

    const edge = fig.locator('.graph-wide g.graph-edge[data-source="jaafar-hussaini"] path.graph-line');
    const d0 = await edge.getAttribute('d');
    const box = (await node.locator('.graph-dot').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + 40, { steps: 5 });
    await page.mouse.up();
    await expect(edge.getAttribute('d')).resolves.not.toBe(d0);
    expect(page.url()).toBe(`${site.server.url}/graph/`);
    expect(seen.errors).toEqual([]);
    expect(seen.external).toEqual([]);
  });

  it('a phone gets the tall drawing of the graph, with the same links', async () => {
    const phone = await site.browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const page = await phone.newPage();
      await page.goto(`${site.server.url}/graph/`);
      await expect(page.locator('.graph-wide').isVisible()).resolves.toBe(false);
      await expect(page.locator('.graph-narrow').isVisible()).resolves.toBe(true);
      await expect(page.locator('.graph-narrow g.graph-edge').count()).resolves.toBe(relationCount());
      const box = (await page.locator('.graph-narrow svg').boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(360);
    } finally {
      await phone.close();
    }
  });

  it('draws names at a readable size at any width: the wide drawings where they keep 0.82 of their size, else the narrow ones', async () => {
    const sizes: Record<number, { timeline: number[]; graph: number[] }> = {};
    for (const width of [360, 600, 700, 820, 900, 1000, 1280]) {
      const ctx = await site.browser.newContext({ viewport: { width, height: 900 } });
      try {
        const page = await ctx.newPage();
        await page.goto(`${site.server.url}/actors/kataib-hezbollah/`);
        // On-screen size of the words in the drawing shown: font size × the drawing's scale.
        const onScreen = (selector: string, words: string) => page.locator(selector).evaluate((fig, words) => {
          const svg = [...fig.querySelectorAll<SVGSVGElement>('svg.tl-svg, svg.graph-svg')].find((s) => s.getClientRects().length)!;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return [...svg.querySelectorAll(words)].map((t) => Math.round(parseFloat(getComputedStyle(t).fontSize) * scale * 10) / 10);
        }, words);
        sizes[width] = { timeline: await onScreen('figure[data-viz="timeline"]', '.tl-label'), graph: await onScreen('figure[data-viz="graph"]', 'a.graph-node text') };
      } finally {
        await ctx.close();
      }
    }
    for (const [width, { timeline, graph }] of Object.entries(sizes)) {
      expect(timeline.length, `${width} px`).toBeGreaterThan(0);
      expect(graph.length, `${width} px`).toBeGreaterThan(0);
      // The wide drawings were scaled to 0.66 of their size at 700 px: 7.9 px event names.
      for (const px of [...timeline, ...graph]) {
        expect(px, `${width} px`).toBeGreaterThanOrEqual(9.5);
        expect(px, `${width} px`).toBeLessThanOrEqual(18.5);
      }
    }
  });

  it('an actor page shows the actor\'s neighbourhood and its events', async () => {
    const { page, seen } = await open(ctx, '/actors/kataib-hezbollah/');
    const graph = page.locator('figure[data-viz="graph"]');
    await expect(graph.locator('.graph-wide a.graph-node.is-focus').getAttribute('data-id')).resolves.toBe('kataib-hezbollah');
    const own = entries.find((e) => e.id === 'kataib-hezbollah')!;
    await expect(graph.locator('.graph-wide g.graph-edge[data-source="kataib-hezbollah"]').count()).resolves.toBe((own.data as any).relations.length);
    const marks = await page.locator('figure[data-viz="timeline"] svg:visible a.tl-mark').count();
    expect(marks).toBeGreaterThan(0);
    expect(seen.errors).toEqual([]);
  });
});

describe('in an explainer page (.mdx, mini fixture)', () => {
  it('embeds a focused timeline, map and neighbourhood without imports', async () => {
    const mini = await serveDir(distOf('mini'));
    const ctx = await site.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await ctx.newPage();
      const seen = watchPage(page, mini.url);
      await page.goto(`${mini.url}/pages/explainer/`);
      const tl = page.locator('figure[data-viz="timeline"]');
      await expect(tl.locator('.viz-title').textContent()).resolves.toBe("Group A's events");
      // from="2015": the view starts on 1 January 2015.
      await expect(tl.getAttribute('data-from')).resolves.toBe(String(Date.UTC(2015, 0, 1)));
      await expect(tl.locator('svg.tl-wide a.tl-mark').evaluateAll((els) => els.map((a) => a.getAttribute('href')).sort())).resolves.toEqual(['/events/clash-in-town-c/', '/events/year-of-fighting/']);
      await expect(page.locator('figure[data-viz="map"] a.map-marker').getAttribute('href')).resolves.toBe('/places/town-c/');
      await expect(page.locator('figure[data-viz="graph"] .graph-list li').textContent()).resolves.toBe('Group A backed by State B');
      expect(seen.errors).toEqual([]);
    } finally {
      await ctx.close();
      await mini.close();
    }
  });
});

/** What a timeline on screen draws, measured by the browser: each mark's boxes, name, text and time. */
function drawnTimeline(fig: ReturnType<Page['locator']>) {
  return fig.evaluate((f) => {
    const svg = [...f.querySelectorAll<SVGSVGElement>('svg.tl-svg')].find((s) => s.getClientRects().length)!;
    const box = (r: DOMRect) => ({ x0: r.left, y0: r.top, x1: r.right, y1: r.bottom });
    const marks = [...svg.querySelectorAll<SVGAElement>('a.tl-mark')].map((a) => ({
      // The name: the script's drawing has an aria-label, the build's a <title> (which Chromium names it by: the home timeline test).
      id: a.dataset.id!, t: Number(a.dataset.t), name: a.getAttribute('aria-label') ?? a.querySelector(':scope > title')?.textContent ?? '',
      text: a.querySelector('text.tl-label')?.textContent ?? '',
      label: box(a.querySelector('text.tl-label')!.getBoundingClientRect()),
      // An event whose sources differ, none followed, is drawn as the span of their dates only.
      shape: box((a.querySelector('.tl-shape') ?? a.querySelector('rect.tl-readings'))!.getBoundingClientRect()),
      cx: a.querySelector('circle.tl-shape') ? a.querySelector('circle.tl-shape')!.getBoundingClientRect().left + a.querySelector('circle.tl-shape')!.getBoundingClientRect().width / 2 : undefined,
      classes: a.getAttribute('class') ?? '',
    }));
    const axis = [...svg.querySelectorAll<SVGTextElement>('.tl-axis text')].map((t) => ({ text: t.textContent ?? '', ...box(t.getBoundingClientRect()) }));
    const ticks = [...svg.querySelectorAll<SVGLineElement>('.tl-axis .tl-grid')].map((l) => l.getBoundingClientRect().left);
    const key = [...f.querySelectorAll<HTMLElement>('.tl-legend li[data-k]')].filter((li) => li.getClientRects().length).map((li) => li.dataset.k!);
    const drawn = (sel: string) => svg.querySelector(sel) !== null;
    const symbols: Record<string, boolean> = {
      // A dashed mark is keyed as approximate; a blue or hollow dot as reported or claimed.
      point: drawn('a.tl-point:not(.tl-circa):not(.tl-s-reported):not(.tl-s-claimed):not(.tl-s-disputed)'),
      band: drawn('a.tl-band:not(.tl-circa)'), bar: drawn('a.tl-bar:not(.tl-circa)'), circa: drawn('a.tl-circa'), open: drawn('a.tl-open'),
      reported: drawn('a.tl-s-reported'), hollow: drawn('a.tl-s-claimed, a.tl-s-disputed'), bin: drawn('a.tl-bin'),
      readings: drawn('.tl-readings'),
    };
    return { svg: box(svg.getBoundingClientRect()), marks, axis, ticks, key, symbols };
  });
}
type Box = { x0: number; y0: number; x1: number; y1: number };
const overlap = (a: Box, b: Box) => a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
const within = (a: Box, b: Box) => a.x0 >= b.x0 - 0.5 && a.x1 <= b.x1 + 0.5 && a.y0 >= b.y0 - 0.5 && a.y1 <= b.y1 + 0.5;

/** The checks every drawn timeline must pass (issue 16), from the boxes the browser drew. */
function checkTimeline(d: Awaited<ReturnType<typeof drawnTimeline>>, titles: Map<string, string>) {
  expect(d.marks.length).toBeGreaterThan(0);
  for (const m of d.marks) {
    // The whole title is drawn (never cut), and the accessible name starts with it.
    expect(m.text).toBe(titles.get(m.id));
    expect(m.name.startsWith(`${m.text}, `)).toBe(true);
    // Nothing cut at the drawing's edges.
    expect(within(m.label, d.svg)).toBe(true);
    // No label over another label or another mark.
    for (const n of d.marks) {
      if (n === m) continue;
      expect(overlap(m.label, n.label), `${m.id} / ${n.id}`).toBe(false);
      expect(overlap(m.label, n.shape), `${m.id} over ${n.id}`).toBe(false);
    }
  }
  // Rows in date order: of two events whose marks and labels share x, the earlier is higher.
  const span = (m: (typeof d.marks)[number]) => ({ x0: Math.min(m.label.x0, m.shape.x0), x1: Math.max(m.label.x1, m.shape.x1) });
  for (const a of d.marks) for (const b of d.marks) {
    if (a.t < b.t && span(a).x0 < span(b).x1 && span(b).x0 < span(a).x1) expect(a.shape.y0, `${a.id} above ${b.id}`).toBeLessThan(b.shape.y0);
  }
  // Axis labels inside the drawing, no hours.
  for (const a of d.axis) {
    expect(within(a, d.svg), a.text).toBe(true);
    expect(a.text).not.toMatch(/AM|PM|:\d\d|^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/);
  }
  // The key lists only what is drawn, and everything drawn.
  expect(d.key.sort()).toEqual(Object.entries(d.symbols).filter(([, on]) => on).map(([k]) => k).sort());
}

describe('the timelines and the graph as drawn (issue 16)', () => {
  const titles = () => new Map(entries.filter((e) => e.collection === 'events').map((e) => [e.id, (e.data as any).title as string]));

  for (const width of [390, 1280]) {
    it(`at ${width} px: whole titles, inside the drawing, apart, in date order, a key of what is drawn`, async () => {
      const ctx = await site.browser.newContext({ viewport: { width, height: 900 } });
      try {
        for (const path of ['/', '/actors/kataib-hezbollah/']) {
          const { page, seen } = await open(ctx, path);
          const figs = page.locator('figure[data-viz="timeline"]');
          for (let i = 0; i < await figs.count(); i++) checkTimeline(await drawnTimeline(figs.nth(i)), titles());
          // Redrawn by the script after a zoom, the same holds.
          const fig = allEventsTimeline(page).or(figs.first()).first();
          await fig.locator('button[data-zoom="in"]').click();
          await expect.poll(() => fig.evaluate((f) => f.classList.contains('is-drawn'))).toBe(true);
          await page.waitForTimeout(300);
          checkTimeline(await drawnTimeline(fig), titles());
          expect(seen.errors).toEqual([]);
        }
      } finally {
        await ctx.close();
      }
    });
  }

  it('a day-precision event sits on its day\'s tick, and a short span has day ticks, not hours', async () => {
    const ctx = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const { page } = await open(ctx, '/');
      const fig = page.locator('figure[data-viz="timeline"]').first();
      // Zoom in around an event, from the keyboard.
      await fig.locator('.tl-scroll').focus();
      await page.keyboard.press('Tab');
      for (let i = 0; i < 12; i++) {
        if (await page.evaluate(() => document.activeElement?.classList.contains('tl-point'))) break;
        await page.keyboard.press('ArrowRight');
      }
      const id = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.id);
      for (let i = 0; i < 6; i++) await page.keyboard.press('+');
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement).dataset.id)).toBe(id);
      await expect.poll(async () => fig.evaluate((f) => Number((f as HTMLElement).dataset.to) - Number((f as HTMLElement).dataset.from))).toBeLessThanOrEqual(2 * 864e5 + 1);
      await page.waitForTimeout(300);
      const d = await drawnTimeline(fig);
      expect(d.axis.length).toBeGreaterThan(0);
      for (const a of d.axis) expect(a.text).toMatch(/^\d{1,2} [A-Z][a-z]{2}( -?\d+)?$/);
      const points = d.marks.filter((m) => m.cx !== undefined);
      expect(points.length).toBeGreaterThan(0);
      for (const p of points) expect(d.ticks.some((x) => Math.abs(x - p.cx!) < 1.5), p.id).toBe(true);
    } finally {
      await ctx.close();
    }
  });

  it('in print on a page as narrow as A4, draws the wide timeline and graph with the wide drawing\'s key', async () => {
    const ctx = await site.browser.newContext({ viewport: { width: 700, height: 1000 } });
    try {
      const { page } = await open(ctx, '/actors/kataib-hezbollah/');
      await page.emulateMedia({ media: 'print' });
      // The key's entries for a symbol only one drawing uses (this dossier has none of its own).
      await page.locator('.tl-legend').first().evaluate((ul) => ul.insertAdjacentHTML('beforeend', '<li class="k-only-wide" id="only-wide">w</li><li class="k-only-narrow" id="only-narrow">n</li>'));
      await expect(page.locator('figure[data-viz="timeline"] svg.tl-wide').isVisible()).resolves.toBe(true);
      await expect(page.locator('figure[data-viz="timeline"] svg.tl-narrow').isVisible()).resolves.toBe(false);
      await expect(page.locator('.graph-wide').isVisible()).resolves.toBe(true);
      await expect(page.locator('.graph-narrow').isVisible()).resolves.toBe(false);
      await expect(page.locator('#only-wide').isVisible()).resolves.toBe(true);
      await expect(page.locator('#only-narrow').isVisible()).resolves.toBe(false);
    } finally {
      await ctx.close();
    }
  });

  it('in print every title is whole', async () => {
    const ctx = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const { page } = await open(ctx, '/');
      await page.emulateMedia({ media: 'print' });
      const figs = page.locator('figure[data-viz="timeline"]');
      for (let i = 0; i < await figs.count(); i++) {
        const d = await drawnTimeline(figs.nth(i));
        for (const m of d.marks) expect(m.text).toBe(titles().get(m.id));
      }
    } finally {
      await ctx.close();
    }
  });

  /** Boxes of the graph's names, relation words and nodes on screen. */
  const graphBoxes = (page: Page) => page.evaluate(() => {
    const svg = [...document.querySelectorAll<SVGSVGElement>('svg.graph-svg')].find((s) => s.getClientRects().length)!;
    const box = (e: Element) => { const r = e.getBoundingClientRect(); return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom }; };
    return {
      svg: box(svg),
      texts: [...svg.querySelectorAll('a.graph-node text, text.graph-edge-label')].map((t) => ({ owner: (t.closest('a.graph-node') as HTMLElement | null)?.dataset.id ?? '', text: t.textContent, ...box(t) })),
      dots: [...svg.querySelectorAll('a.graph-node')].map((a) => ({ id: (a as HTMLElement).dataset.id!, ...box(a.querySelector('.graph-dot')!) })),
    };
  });

  for (const width of [390, 1280]) {
    it(`the graph at ${width} px: no name or relation word over another, or over a node`, async () => {
      const ctx = await site.browser.newContext({ viewport: { width, height: 900 } });
      try {
        const { page } = await open(ctx, '/graph/');
        const g = await graphBoxes(page);
        expect(g.texts.length).toBeGreaterThan(relationCount() / 2);
        for (const t of g.texts) {
          expect(within(t, g.svg), t.text!).toBe(true);
          for (const u of g.texts) if (u !== t) expect(overlap(t, u), `${t.text} / ${u.text}`).toBe(false);
          for (const d of g.dots) if (d.id !== t.owner) expect(overlap(t, d), `${t.text} over ${d.id}`).toBe(false);
        }
      } finally {
        await ctx.close();
      }
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`graph relation words and names reach 4.5:1 contrast (${scheme})`, async () => {
      const ctx = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
      try {
        const { page } = await open(ctx, '/graph/');
        const pairs = await page.evaluate(() => {
          const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
          const bg = getComputedStyle(document.querySelector('.graph-wide')!).backgroundColor;
          return [...document.querySelectorAll('.graph-wide text.graph-edge-label, .graph-wide a.graph-node text')].map((t) => ({ text: t.textContent, fg: rgb(getComputedStyle(t).fill), bg: rgb(bg) }));
        });
        const lum = ([r, g, b]: number[]) => {
          const f = (v: number) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        expect(pairs.length).toBeGreaterThan(0);
        for (const p of pairs) {
          const [a, b] = [lum(p.fg), lum(p.bg)];
          expect((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), `${p.text} ${p.fg} on ${p.bg}`).toBeGreaterThanOrEqual(4.5);
        }
      } finally {
        await ctx.close();
      }
    });
  }

  it('the graph: Tab reaches the actors only (arrows are no tab stops); + / − / arrows / 0 zoom and pan', async () => {
    const ctx = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const { page } = await open(ctx, '/graph/');
      const host = page.locator('.graph-wide.graph-scroll');
      await host.focus();
      const stops: string[] = [];
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('Tab');
        stops.push(await page.evaluate(() => document.activeElement?.getAttribute('class') ?? ''));
      }
      for (const s of stops) expect(s).toMatch(/graph-node/);
      expect(await page.locator('.graph-wide .graph-edge[tabindex], .graph-wide a.graph-edge').count()).toBe(0);
      const vb = () => page.locator('.graph-wide svg').getAttribute('viewBox').then((v) => v!.split(' ').map(Number));
      const [, , w0] = await vb();
      await host.focus();
      await page.keyboard.press('+');
      const zoomed = await vb();
      expect(zoomed[2]).toBeLessThan(w0);
      await page.keyboard.press('ArrowRight');
      expect((await vb())[0]).toBeGreaterThan(zoomed[0]);
      await page.keyboard.press('ArrowDown');
      expect((await vb())[1]).toBeGreaterThan(zoomed[1]);
      await page.keyboard.press('0');
      expect((await vb())[2]).toBe(w0);
      await page.locator('.graph-wide button[data-zoom="in"]').click();
      expect((await vb())[2]).toBeLessThan(w0);
    } finally {
      await ctx.close();
    }
  });

  it('a timeline of every event loads the shared data only when first zoomed', async () => {
    const ctx = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await ctx.newPage();
      const requested: string[] = [];
      page.on('request', (r) => requested.push(new URL(r.url()).pathname));
      await page.goto(`${site.server.url}/`);
      await page.waitForLoadState('load');
      expect(requested).not.toContain('/data/timeline.js');
      const fig = allEventsTimeline(page);
      await fig.locator('button[data-zoom="in"]').click();
      await expect.poll(() => requested.filter((p) => p === '/data/timeline.js').length).toBe(1);
      // Both timelines of the page share it: zooming the other loads nothing more.
      await page.locator('figure[data-viz="timeline"]').first().locator('button[data-zoom="in"]').click();
      await page.waitForTimeout(300);
      expect(requested.filter((p) => p === '/data/timeline.js').length).toBe(1);
    } finally {
      await ctx.close();
    }
  });
});
