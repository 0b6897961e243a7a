import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDossier, writeDossier } from '../../bench/generate.ts';
import type { BuildStats } from '../../src/pipeline/build-stats.ts';
import { buildDossierAsync, CACHE, ROOT, type BuildResult } from '../helpers/build.ts';

/** Builds a generated dossier of n entries with build stats on (phase marks and counters). */
async function buildGenerated(n: number): Promise<{ result: BuildResult; stats: BuildStats }> {
  const name = `scale-${n}`;
  const content = path.join(CACHE, name, 'content');
  writeDossier(content, generateDossier(n, 1));
  const statsFile = path.join(CACHE, name, 'stats.json');
  rmSync(statsFile, { force: true });
  const result = await buildDossierAsync(name, content, { DOSSIER_BUILD_STATS: statsFile });
  return { result, stats: existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')) : { marks: {}, counters: {} } };
}

const pagesIn = (dist: string) => readdirSync(dist, { recursive: true }).map(String).filter((f) => f.endsWith('index.html')).length;
/** CPU time of the page-generation phase (steadier than wall time on a shared machine). */
const pagesCpuMs = (s: BuildStats) => s.marks['build:generated'].cpuMs - s.marks['pages:start'].cpuMs;

type Built = Awaited<ReturnType<typeof buildGenerated>>;
let small: Built;
let large: Built;
beforeAll(async () => {
  // One after the other: the page-time ratio must not depend on the two competing.
  small = await buildGenerated(200);
  large = await buildGenerated(400);
}, 600_000);

describe('a larger dossier still builds, and page work grows linearly', () => {
  it('builds 200 and 400 generated entries, a page for each', () => {
    for (const [{ result }, n] of [[small, 200], [large, 400]] as const) {
      expect(result.status, result.output.slice(-2000)).toBe(0);
      // Every entry has a page, plus the home page.
      expect(pagesIn(result.dist)).toBeGreaterThanOrEqual(n + 1);
    }
  });

  it('reads each collection once per build, however many pages there are (no per-page scans)', () => {
    // getDossier() is memoised: one getCollection per collection, for 200 or 400 pages alike.
    expect(small.stats.counters.getCollection).toBe(5);
    expect(large.stats.counters.getCollection).toBe(5);
  });

  it('only src/data/dossier.ts reads astro:content collections', () => {
    const offenders: string[] = [];
    for (const file of readdirSync(path.join(ROOT, 'src'), { recursive: true }).map(String)) {
      if (!/\.(ts|astro|mjs|js)$/.test(file) || file === path.join('data', 'dossier.ts')) continue;
      if (/\b(getCollection|getEntry|getEntries)\s*\(/.test(readFileSync(path.join(ROOT, 'src', file), 'utf8'))) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it('twice the entries cost less than three times the page-generation time', () => {
    // Linear work gives about 2×, a per-page scan of a collection 4×.
    const ratio = pagesCpuMs(large.stats) / pagesCpuMs(small.stats);
    expect(ratio, `pages phase: ${pagesCpuMs(small.stats)} ms CPU for 200, ${pagesCpuMs(large.stats)} ms for 400`).toBeLessThan(3);
  });
});

describe('a country with hundreds of events: its page carries its own, and shares the rest', () => {
  // The generated dossier's Syria: 200 and more events, at it or at places within it.
  const syria = () => readFileSync(path.join(large.result.dist, 'places/syria/index.html'), 'utf8');
  const eventsAt = (html: string) => [...html.matchAll(/aria-labelledby="related-events"><h3[^>]*>[^<]*<\/h3><ul>(.*?)<\/ul>/gs)][0]?.[1].match(/<li>/g)?.length;

  it('lists the latest 100 events and the 100 most active actors, and links to a page with all of them', async () => {
    const html = syria();
    expect(eventsAt(html)).toBe(100);
    const full = readFileSync(path.join(large.result.dist, 'places/syria/related/index.html'), 'utf8');
    const total = eventsAt(full)!;
    expect(total).toBeGreaterThan(100);
    expect(html).toContain(`<p class="related-more">Showing the latest 100 of ${total}: <a href="/places/syria/related/#related-events">all ${total}</a></p>`);
    // The related page's list is every event of the timeline, which draws them all.
    expect(html).toContain(`<span class="tl-count">${total} events</span>`);
  });

  it('a timeline of its events names its rows of the shared file instead of carrying them', async () => {
    const html = syria();
    expect(html).not.toContain('class="viz-data"');
    expect(html).toMatch(/data-rows="[\d,]+"/);
    // Its actor filter fills when first used: the page does not list hundreds of names.
    expect(html).toMatch(/<select data-filter="actor" data-fill="shared"><option value="">All<\/option><\/select>/);
  });

  it('in the browser, zooming draws only its events, and its filter offers only their actors', async () => {
    const { launchBrowser, serveDir } = await import('../helpers/browser.ts');
    const server = await serveDir(large.result.dist);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${server.url}/places/syria/`);
      const fig = page.locator('figure[data-viz="timeline"]');
      const count = await fig.locator('.tl-count').textContent();
      await fig.locator('button[data-zoom="reset"]').click();
      await expect.poll(() => fig.evaluate((f) => f.classList.contains('is-drawn'))).toBe(true);
      // Zoomed out to the whole span again, every one of its events is a mark or in an aggregate, no other.
      await expect(fig.locator('.tl-count').textContent()).resolves.toBe(count);
      const full = readFileSync(path.join(large.result.dist, 'places/syria/related/index.html'), 'utf8');
      const eventsSection = full.match(/aria-labelledby="related-events">(.*?)<\/ul>/s)![1];
      const own = new Set([...eventsSection.matchAll(/<a href="\/events\/([^/]+)\/">/g)].map((m) => m[1]));
      const drawn = await fig.locator('svg.tl-live a.tl-mark').evaluateAll((els) => els.map((a) => (a as HTMLElement).dataset.id!));
      expect(drawn.length).toBeGreaterThan(0);
      for (const id of drawn) expect(own.has(id), id).toBe(true);
      const select = fig.locator('select[data-filter="actor"]');
      await select.focus();
      await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
      const offered = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      const actorsSection = full.match(/aria-labelledby="related-actors">(.*?)<\/ul>/s)![1];
      const active = new Set([...actorsSection.matchAll(/<a href="\/actors\/([^/]+)\/">/g)].map((m) => m[1]));
      expect(offered.length).toBe(active.size);
      for (const id of offered) expect(active.has(id), id).toBe(true);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('the related pages of a larger dossier', () => {
  it('leave no broken link or anchor on the site, nor in the offline edition (unzipped under spaces and non-ASCII letters)', async () => {
    const { checkLinks, formatBrokenLinks } = await import('../../src/domain/linkcheck.ts');
    const { readSite } = await import('../helpers/html.ts');
    const { unzipOffline } = await import('../helpers/offline.ts');
    const web = readSite(large.result.dist);
    expect(web.filter((f) => /\/related\/index\.html$/.test(f.path)).length).toBeGreaterThan(0);
    const brokenWeb = checkLinks(web, { ignore: ['/dossier-offline.zip'] });
    expect(brokenWeb, formatBrokenLinks(brokenWeb)).toEqual([]);
    const { root } = unzipOffline(path.join(large.result.dist, 'dossier-offline.zip'));
    try {
      const offline = readSite(path.join(root, 'dossier-offline'));
      const brokenOffline = checkLinks(offline);
      expect(brokenOffline, formatBrokenLinks(brokenOffline)).toEqual([]);
      // The cut list's link names the related page's file, as a page opened from disk needs.
      expect(offline.find((f) => f.path === 'places/syria/index.html')?.html).toContain('<a href="related/index.html#related-events">');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
