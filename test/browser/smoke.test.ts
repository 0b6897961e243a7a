import { describe, expect, it } from 'vitest';
import { builtSiteInBrowser, watchPage } from '../helpers/browser.ts';

const site = builtSiteInBrowser('mini');

describe('the built site in a browser', () => {
  it('opens the home page, follows a wikilink to an actor, and a footnote to its source', async () => {
    const page = await site.browser.newPage();
    const seen = watchPage(page, site.server.url);
    await page.goto(`${site.server.url}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Mini overview');
    await page.locator('main .body a', { hasText: 'Group A' }).first().click();
    await page.waitForURL(`${site.server.url}/actors/group-a/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Group A');
    await expect(page.locator('[lang="ar"][dir="rtl"]').first().textContent()).resolves.toBe('المجموعة أ');
    await page.locator('.body sup.citation a').first().click();
    expect(page.url()).toMatch(/#fn-1$/);
    await page.locator('#fn-1 a', { hasText: 'Report A' }).click();
    await page.waitForURL(`${site.server.url}/sources/report-a/`);
    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});
