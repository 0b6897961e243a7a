import { readFileSync } from 'node:fs';
/**
 * The built site in Chromium, as a reader uses it: following links both ways,
 * footnotes and back, the theme toggle, and axe-core on every page type in light and
 * dark themes. No request may leave the site and no console error may appear.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { distOf, FIXTURES, ROOT, type FixtureName } from '../helpers/build.ts';
import { launchBrowser, serveDir, watchPage, type StaticServer } from '../helpers/browser.ts';

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

let browser: Browser;
let content: StaticServer;
/** One server per fixture dossier (content, mini, iran-iraq). */
const servers = {} as Record<FixtureName, StaticServer>;
const seen: { errors: string[]; external: string[] }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  for (const name of Object.keys(FIXTURES) as FixtureName[]) servers[name] = await serveDir(distOf(name));
  content = servers.content;
});
afterAll(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) await server.close();
});

async function open(context: BrowserContext, server: StaticServer, urlPath: string): Promise<Page> {
  const page = await context.newPage();
  seen.push(watchPage(page, server.url));
  const response = await page.goto(server.url + urlPath);
  expect(response?.status(), urlPath).toBe(200);
  return page;
}

describe('reading the dossier', () => {
  it('goes from an actor to a relation and an event, and back through "Related"', async () => {
    const context = await browser.newContext();
    const page = await open(context, content, '/actors/kataib-hezbollah/');
    const kh = `${content.url}/actors/kataib-hezbollah/`;

    // A relation in the key facts, then back from the other actor's Related (inverse wording).
    await page.locator('.infobox a', { hasText: 'Hashd al-Shaabi' }).first().click();
    await page.waitForURL(`${content.url}/actors/hashd-al-shaabi/`);
    const back = page.locator('section[aria-labelledby="related-relations"] li', { hasText: 'Kataib Hezbollah' });
    await expect(back.textContent()).resolves.toMatch(/Has unit\s+Kataib Hezbollah/);
    await back.locator('a').click();
    await page.waitForURL(kh);

    // An event from Related ("… · 3 Nov 2017 · announcer": the style sheet draws each " · "),
    // then back from the event's participants.
    const item = page.locator('section[aria-labelledby="related-events"] li', { hasText: 'says it will enter Syria' });
    const shown = await item.evaluate((li) => [...li.querySelectorAll('.when, .note')].map((el) => [getComputedStyle(el, '::before').content, el.textContent]));
    expect(shown).toEqual([['" · "', '3 Nov 2017'], ['" · "', 'announcer']]);
    await page.locator('section[aria-labelledby="related-events"] a', { hasText: 'says it will enter Syria' }).click();
    await page.waitForURL(`${content.url}/events/hussaini-announces-kh-will-enter-syria/`);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/will enter Syria/);
    await page.locator('section[aria-labelledby="related-participants"] a', { hasText: 'Kataib Hezbollah' }).click();
    await page.waitForURL(kh);
    await expect(page.locator('h1').textContent()).resolves.toBe('Kataib Hezbollah');
    await context.close();
  });

  it('jumps from a footnote marker to the source list and back to the same marker', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await open(context, content, '/actors/kataib-hezbollah/');
    const marker = page.locator('.entry-body sup.citation a').nth(2);
    const markerId = await marker.getAttribute('id');
    const target = await marker.getAttribute('href');
    await marker.click();
    expect(new URL(page.url()).hash).toBe(target);
    const note = page.locator(`li${target}`);
    await expect(note.isVisible()).resolves.toBe(true);
    await expect(note.evaluate((el) => el.matches(':target'))).resolves.toBe(true);
    await expect(note.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().top < window.innerHeight)).resolves.toBe(true);
    await expect(note.locator('a[href^="/sources/"]').count()).resolves.toBeGreaterThan(0);

    await note.locator(`a[href="#${markerId}"]`).click();
    expect(new URL(page.url()).hash).toBe(`#${markerId}`);
    await expect(page.locator(`#${markerId}`).evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })).resolves.toBe(true);

    await note.locator('a[href^="/sources/"]').first().click();
    await page.waitForURL(/\/sources\/[a-z0-9-]+\/$/);
    // The source page lists this actor among what cites it (a backlink).
    await expect(page.locator('section[aria-labelledby="related-cited-by-actors"] a', { hasText: 'Kataib Hezbollah' }).count()).resolves.toBe(1);
    await context.close();
  });

  it('offers three themes (System, Light, Dark), remembers the choice across pages, and can go back to the system\'s', async () => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await open(context, content, '/');
    const group = page.getByRole('group', { name: 'Theme' });
    const choice = (name: string) => group.getByRole('radio', { name, exact: true });
    await expect(group.isVisible()).resolves.toBe(true);
    await expect(group.getByRole('radio').count()).resolves.toBe(3);
    const checked = async () => (await Promise.all(['System', 'Light', 'Dark'].map(async (n) => ((await choice(n).isChecked()) ? n : '')))).join('');
    await expect(checked()).resolves.toBe('System');
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const light = await background();

    await choice('Dark').check();
    await expect(checked()).resolves.toBe('Dark');
    expect(await background()).not.toBe(light);
    await page.goto(`${content.url}/events/`);
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await expect(checked()).resolves.toBe('Dark');

    // Back to following the system: nothing stored, the system's light theme again.
    await choice('System').check();
    await expect(page.evaluate(() => [document.documentElement.dataset.theme ?? null, localStorage.getItem('dossier-theme')])).resolves.toEqual([null, null]);
    expect(await background()).toBe(light);
    await page.goto(`${content.url}/`);
    await expect(checked()).resolves.toBe('System');

    await choice('Light').check();
    await expect(page.evaluate(() => localStorage.getItem('dossier-theme'))).resolves.toBe('light');
    await context.close();

    const dark = await browser.newContext({ colorScheme: 'dark' });
    const darkPage = await open(dark, content, '/');
    await expect(darkPage.getByRole('radio', { name: 'System', exact: true }).isChecked()).resolves.toBe(true);
    expect(await darkPage.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).not.toBe(light);
    await darkPage.getByRole('radio', { name: 'Light', exact: true }).check();
    expect(await darkPage.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(light);
    await dark.close();
  });

  it('fits a 360 px wide phone without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    for (const [site, urlPath] of [
      ...['/', '/actors/kataib-hezbollah/', '/events/al-qaim-captured/', '/places/al-bukamal/', '/events/', '/graph/', '/sources/defense-post-2017-11-04/'].map((p) => ['content', p] as const),
      ...SECOND_DOSSIER_PAGES,
    ]) {
      const page = await open(context, servers[site], urlPath);
      await expect(page.evaluate(() => document.documentElement.scrollWidth), `${site} ${urlPath}`).resolves.toBeLessThanOrEqual(360);
      await expect(page.locator('[data-theme-switch]').isVisible()).resolves.toBe(true);
      await page.close();
    }
    await context.close();
  });

  it('serves the 404 page for an unknown address', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    seen.push({ ...watchPage(page, content.url), errors: [] }); // the 404 status itself is logged as a console error
    const response = await page.goto(`${content.url}/actors/no-such-actor/`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await context.close();
  });
});

/**
 * The second dossier (iran-iraq), unlike the first: its home without an overview page,
 * Persian and Arabic names, a period, a year-only event, entries without body text.
 */
const SECOND_DOSSIER_PAGES: (readonly [FixtureName, string])[] = [
  '/', '/actors/', '/events/', '/graph/', '/actors/iran/', '/actors/iraq/', '/places/khorramshahr/', '/events/iran-iraq-war/',
  '/events/tanker-war-widens/', '/events/liberation-of-khorramshahr/', '/sources/kayhan-khorramshahr-2019/',
].map((p) => ['iran-iraq', p] as const);

/** Every page type: home, each index, the graph page, 404, each entity type, an explainer page; in each fixture dossier. */
const PAGES: (readonly [FixtureName, string])[] = [
  ...['/', '/actors/', '/places/', '/events/', '/sources/', '/graph/', '/404.html',
    '/actors/kataib-hezbollah/', '/places/al-bukamal/', '/places/syria/', '/events/al-qaim-captured/', '/sources/defense-post-2017-11-04/',
    '/events/hussaini-announces-kh-will-enter-syria/', '/sources/kuna-2017-11-04/',
  ].map((p) => ['content', p] as const),
  ['mini', '/pages/about/'],
  ['mini', '/actors/group-a/'],
  ...SECOND_DOSSIER_PAGES,
];

describe.each(['light', 'dark'] as const)('accessibility (axe-core) in the %s theme', (theme) => {
  it('finds no violations on any page type', async () => {
    const context = await browser.newContext({ colorScheme: theme });
    const found: Record<string, string[]> = {};
    for (const [site, urlPath] of PAGES) {
      const page = await open(context, servers[site], urlPath);
      await expect(page.evaluate(() => getComputedStyle(document.documentElement).colorScheme), urlPath).resolves.toBe(theme);
      // Evaluated by the browser's devtools protocol: an injected <script> would be refused by the page's CSP.
      await page.evaluate(readFileSync(AXE, 'utf8'));
      const violations: string[] = await page.evaluate(async () => {
        const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join(', ')})`);
      });
      if (violations.length) found[`${site} ${urlPath}`] = violations;
      await page.close();
    }
    expect(found).toEqual({});
    await context.close();
  }, 300_000);
});

describe('every page visited', () => {
  it('made no request outside the site and logged no console error', () => {
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.flatMap((s) => s.external)).toEqual([]);
    expect(seen.flatMap((s) => s.errors)).toEqual([]);
  });
});
