/**
 * npm run lighthouse [-- --dist=path] [-- --port=4631] [-- --json=out.json]
 *
 * Serves a built site (default ./dist; build it first with npm run build) on
 * 127.0.0.1 and runs Lighthouse, mobile and desktop profiles, on one page of each
 * type: home, actor, place, event, source, the graph and a search. Prints a table of
 * performance and accessibility scores, CLS and total blocking time. Lighthouse's own
 * throttling is simulated (its defaults per profile), so figures compare across runs
 * on the same machine, not across machines.
 *
 * The browser is Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium), started
 * here with a DevTools port; nothing is downloaded and no request leaves 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import lighthouse, { defaultConfig, desktopConfig, type Config, type Flags } from 'lighthouse';
import { CHROMIUM, serveDir } from '../test/helpers/browser.ts';
import { PAGE_TYPES, pageTypeUrls } from '../test/helpers/page-types.ts';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const dist = path.resolve(option('dist') ?? 'dist');
const port = Number(option('port') ?? 4631);
const jsonOut = option('json');

if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`No built site in ${dist}: run npm run build first (or pass --dist=folder).`);
  process.exit(1);
}
if (!(port >= 4631 && port <= 4639)) {
  console.error(`--port must be between 4631 and 4639 (got ${option('port')}).`);
  process.exit(1);
}

/** Chromium with a DevTools port of its own choosing, read from its first lines of output. */
async function startChromium(): Promise<{ port: number; child: ChildProcess; profile: string }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'dossier-lighthouse-'));
  const child = spawn(CHROMIUM, [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--no-default-browser-check', '--disable-quic', '--remote-debugging-port=0',
    `--user-data-dir=${profile}`, 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const devtools = await new Promise<number>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium gave no DevTools port:\n${err}`)), 20_000);
    child.stderr!.on('data', (b) => {
      err += b;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${err}`)));
  });
  return { port: devtools, child, profile };
}

export interface Row { profile: 'mobile' | 'desktop'; type: string; url: string; performance: number; accessibility: number; cls: number; tbtMs: number; lcpMs: number; a11yFailed: string[] }

const server = await serveDir(dist, port);
const chrome = await startChromium();
const rows: Row[] = [];
try {
  const urls = pageTypeUrls(dist);
  for (const [profile, config] of [['mobile', defaultConfig], ['desktop', desktopConfig]] as [Row['profile'], Config][]) {
    for (const type of PAGE_TYPES) {
      const url = `${server.url}${urls[type]}`;
      const flags: Flags = { port: chrome.port, logLevel: 'error', output: 'json', onlyCategories: ['performance', 'accessibility'] };
      const result = await lighthouse(url, flags, config);
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
      if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.message}`);
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
      const row: Row = {
        profile, type, url: urls[type],
        performance: Math.round((lhr.categories.performance?.score ?? NaN) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? NaN) * 100),
        cls: audit('cumulative-layout-shift'),
        tbtMs: audit('total-blocking-time'),
        lcpMs: audit('largest-contentful-paint'),
        // What costs the accessibility score: the failed audits' ids (e.g. color-contrast).
        a11yFailed: (lhr.categories.accessibility?.auditRefs ?? []).filter((r) => r.weight > 0 && lhr.audits[r.id]?.score === 0).map((r) => r.id),
      };
      rows.push(row);
      console.error(`  ${profile} ${type}: performance ${row.performance}, accessibility ${row.accessibility}`);
    }
  }
} finally {
  chrome.child.kill();
  await new Promise((r) => chrome.child.once('exit', r));
  rmSync(chrome.profile, { recursive: true, force: true });
  await server.close();
}

const header = ['profile', 'page', 'url', 'performance', 'accessibility', 'CLS', 'TBT ms', 'LCP ms', 'failed accessibility audits'];
const table = [
  `| ${header.join(' | ')} |`,
  `|${header.map(() => '---').join('|')}|`,
  ...rows.map((r) => `| ${r.profile} | ${r.type} | ${r.url} | ${r.performance} | ${r.accessibility} | ${r.cls.toFixed(3)} | ${Math.round(r.tbtMs)} | ${Math.round(r.lcpMs)} | ${r.a11yFailed.join(', ')} |`),
];
console.log(table.join('\n'));
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ dist, lighthouse: JSON.parse(readFileSync(path.join(import.meta.dirname, '../node_modules/lighthouse/package.json'), 'utf8')).version, rows }, null, 2)}\n`);
// Lighthouse keeps timers alive after its last run.
process.exit(0);

