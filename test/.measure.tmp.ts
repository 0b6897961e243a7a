import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readdirSync } from 'node:fs';
import { launchBrowser, serveDir } from './helpers/browser.ts';
import { unzipOffline } from './helpers/offline.ts';
const dist = '/work/wt/search/dist';
const b = await launchBrowser(); const s = await serveDir(dist);
const { root } = unzipOffline(path.join(dist, 'dossier-offline.zip'));
const folder = path.join(root, readdirSync(root)[0]);
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const [label, base] of [['web', `${s.url}/search/index.html`], ['offline', pathToFileURL(path.join(folder, 'search/index.html')).href]] as const) {
  const first: number[] = []; const next: number[] = [];
  for (let i = 0; i < 7; i++) {
    const ctx = await b.newContext(); const page = await ctx.newPage();
    await page.goto(`${base}?q=Hashd`);
    await page.waitForSelector('#search-results a');
    first.push(await page.evaluate(() => performance.getEntriesByName('search:first-result')[0].startTime));
    // A second query in the same page: from the last keystroke to its results on screen.
    const t = await page.evaluate(async () => {
      const input = document.getElementById('search-q') as HTMLInputElement;
      const status = document.getElementById('search-status')!;
      const t0 = performance.now();
      input.value = 'Bukamal';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise<void>((r) => { const o = new MutationObserver(() => { if (status.textContent!.includes('Bukamal')) { o.disconnect(); r(); } }); o.observe(status, { childList: true, characterData: true, subtree: true }); });
      return performance.now() - t0;
    });
    next.push(t);
    await ctx.close();
  }
  console.log(label, 'first result after navigation ms: median', Math.round(median(first)), 'all', first.map(Math.round).join(','), '| next query (incl. 120 ms debounce) median', Math.round(median(next)));
}
await b.close(); await s.close();
