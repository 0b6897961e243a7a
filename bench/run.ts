/**
 * npm run bench [-- --quick] [-- --sizes=1000,10000] [-- --seed=1] [-- --cold-pairs=3]
 * (bench/options.ts; a value it cannot use stops the run before any build)
 *
 * Generates synthetic dossiers (bench/generate.ts) of N = 1,000 and 10,000 entries
 * and measures, in one run: `npm run check`; cold, warm and one-entry-changed builds
 * of the full pipeline and of a bare Astro baseline (bench/baseline/), with wall
 * time, CPU time, peak memory and the build's phases; output sizes; gzipped JS and
 * CSS per page type; and search time in Chromium. At 10k, cold builds are
 * run in pairs, ours then the baseline's (bench/cold-pairs.ts): the goal takes the
 * median of the pairs' ratios, and the post-build goal the median of our cold builds'.
 * Writes bench/RESULTS.md (every figure next to its goal: bench/report.ts) and
 * bench/results.json (for comparing runs).
 * Work files go to bench/out/ (ignored by git).
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateDossier, writeDossier } from './generate.ts';
import { HTML_PARTS, htmlContent, htmlParts, type HtmlPart } from './html-parts.ts';
import { hasGnuTime, measure, settle, SETTLE_LIMIT_S } from './measure.ts';
import { BenchUsageError, parseBenchOptions } from './options.ts';
import { postBuildS, report, SEARCH_BESIDE, type Build, type MachineFacts, type PageAssets, type Results, type Sizes, type SizeRun } from './report.ts';
import { measureSearch } from './search.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench/out');
/** Astro's command-line script, where its package.json's `bin` says (bin/astro.mjs since Astro 6). */
const ASTRO = path.join(ROOT, 'node_modules/astro', JSON.parse(readFileSync(path.join(ROOT, 'node_modules/astro/package.json'), 'utf8')).bin.astro);

const { quick, sizes, seed, coldPairs } = (() => {
  try {
    return parseBenchOptions(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof BenchUsageError)) throw e;
    console.error(`npm run bench: ${e.message}`);
    process.exit(2);
  }
})();

const log = (...parts: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);

async function main() {
  const started = Date.now();
  const previous = existsSync(path.join(ROOT, 'bench/results.json')) ? JSON.parse(readFileSync(path.join(ROOT, 'bench/results.json'), 'utf8')) : undefined;
  const machine = machineFacts();
  log(`machine: ${machine.cpuModel}, ${machine.nproc} cores, ${machine.memoryGB} GB, node ${machine.node}, load ${machine.loadAverageStart.join(' ')}`);
  const runs: SizeRun[] = [];
  for (const n of sizes) runs.push(await benchSize(n, n === Math.max(...sizes)));
  machine.loadAverageEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
  const results: Results = { date: new Date().toISOString(), quick, seed, durationS: Math.round((Date.now() - started) / 1000), machine, runs };
  writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(ROOT, 'bench/RESULTS.md'), report(results, previous));
  log(`done in ${results.durationS} s: bench/RESULTS.md, bench/results.json`);
}

/** The last build's work done before the next is measured (measure.ts); said when it was not. */
async function settled(): Promise<void> {
  if (!(await settle())) log(`  a background removal still runs after ${SETTLE_LIMIT_S} s; measuring anyway`);
}

async function benchSize(n: number, largest: boolean): Promise<SizeRun> {
  const dir = path.join(OUT, `n${n}`);
  const content = path.join(dir, 'content');
  log(`N = ${n}: generating`);
  let t = performance.now();
  const dossier = generateDossier(n, seed);
  writeDossier(content, dossier);
  const generateS = (performance.now() - t) / 1000;

  log(`N = ${n}: npm run check`);
  await settled();
  const check = await measure('npm', ['run', 'check'], { cwd: ROOT, env: { DOSSIER_CONTENT_DIR: content }, log: path.join(dir, 'logs/check.log') });
  const checkedMs = Number(/checked in (\d+) ms/.exec(readFileSync(check.log, 'utf8'))?.[1]) || undefined;

  const build = async (which: 'ours' | 'baseline', name: string): Promise<Build> => {
    const prefix = which === 'ours' ? '' : 'baseline-';
    const stats = path.join(dir, `logs/${prefix}${name}.stats.json`);
    rmSync(stats, { force: true });
    const env = {
      DOSSIER_CONTENT_DIR: content,
      DOSSIER_OUT_DIR: path.join(dir, `${prefix}dist`),
      DOSSIER_CACHE_DIR: path.join(dir, `${prefix}cache`),
      DOSSIER_BUILD_STATS: stats,
      ASTRO_TELEMETRY_DISABLED: '1',
    };
    const argv = [ASTRO, 'build', ...(which === 'baseline' ? ['--root', path.join(ROOT, 'bench/baseline')] : [])];
    log(`N = ${n}: ${which} build, ${name}`);
    await settled();
    let m = await measure(process.execPath, argv, { cwd: ROOT, env, log: path.join(dir, `logs/${prefix}${name}.log`) });
    if (m.exitCode === null) {
      // Killed by a signal (on a shared machine, not the build's doing): once more, from the same state.
      log(`  killed by a signal after ${m.wallS.toFixed(0)} s; running it again`);
      if (name.startsWith('cold')) rmSync(env.DOSSIER_CACHE_DIR, { recursive: true, force: true });
      await settled();
      m = await measure(process.execPath, argv, { cwd: ROOT, env, log: path.join(dir, `logs/${prefix}${name}.log`) });
    }
    if (!m.ok) log(`  FAILED (exit ${m.exitCode}), see ${m.log}`);
    log(`  ${m.wallS.toFixed(1)} s wall, ${m.cpuS?.toFixed(1) ?? '?'} s CPU, ${Math.round(m.peakMB)} MB peak`);
    const result: Build = { ...m, ...phasesOf(stats) };
    // The post-build steps log their own durations.
    const output = readFileSync(m.log, 'utf8');
    const stepMs = (re: RegExp) => Number(re.exec(output)?.[1]) || undefined;
    const searchMs = stepMs(/indexed \d+ pages(?: in \d+ shards)? in (\d+) ms/);
    const offlineMs = stepMs(/dossier-offline\.zip: .* in (\d+) ms/);
    const cspMs = stepMs(/Content-Security-Policy written into .* in (\d+) ms/);
    if (result.phases && searchMs) result.phases[SEARCH_BESIDE] = Number((searchMs / 1000).toFixed(2));
    if (result.phases && cspMs) result.phases['  of which security policy'] = Number((cspMs / 1000).toFixed(2));
    if (result.phases && offlineMs) result.phases['  of which offline zip'] = Number((offlineMs / 1000).toFixed(2));
    return result;
  };
  const cold = (which: 'ours' | 'baseline', name = 'cold') => {
    const prefix = which === 'ours' ? '' : 'baseline-';
    rmSync(path.join(dir, `${prefix}dist`), { recursive: true, force: true });
    rmSync(path.join(dir, `${prefix}cache`), { recursive: true, force: true });
    return build(which, name);
  };

  const oursCold = await cold('ours');
  const oursWarm = await build('ours', 'warm');
  const baselineCold = await cold('baseline');
  const baselineWarm = await build('baseline', 'warm');
  // One entry changed: a sentence added to one event's body (its title, and so every link label, unchanged).
  const sample = path.join(content, dossier.sampleEvent);
  const original = readFileSync(sample, 'utf8');
  writeFileSync(sample, `${original}\nA sentence added to measure a rebuild after one change.\n`);
  const oursOne = await build('ours', 'warm-one-changed');
  const baselineOne = await build('baseline', 'warm-one-changed');
  writeFileSync(sample, original);
  // More cold builds at 10k (the goal's size), one pair at a time (bench/cold-pairs.ts).
  const pairs = [{ ours: oursCold.wallS, baseline: baselineCold.wallS, ok: oursCold.ok && baselineCold.ok, postBuildS: postBuildS(oursCold) }];
  for (let k = 2; n === 10000 && k <= coldPairs; k++) {
    const o = await cold('ours', `cold-${k}`);
    const b = await cold('baseline', `cold-${k}`);
    pairs.push({ ours: o.wallS, baseline: b.wallS, ok: o.ok && b.ok, postBuildS: postBuildS(o) });
  }

  const dist = path.join(dir, 'dist');
  const run: SizeRun = {
    n, entries: dossier.counts, generateS, check: { ...check, checkedMs },
    ours: { cold: oursCold, warm: oursWarm, warmOneChanged: oursOne },
    baseline: { cold: baselineCold, warm: baselineWarm, warmOneChanged: baselineOne },
    coldPairs: pairs,
    sizes: sizesOf(dist, { parts: true }), baselineSizes: sizesOf(path.join(dir, 'baseline-dist')),
    assets: assetsPerPageType(dist, dossier),
  };
  if (largest) {
    log(`N = ${n}: search in Chromium`);
    run.search = await measureSearch(dist, dossier);
    log(`  ${run.search.measured ? `${run.search.firstResultMs?.toFixed(0)} ms to first result after index load` : run.search.note}`);
  }
  return run;
}

/** Phase durations from the marks the dossier integration writes (see src/pipeline/build-stats.ts). */
function phasesOf(file: string): { phases?: Record<string, number>; getCollectionCalls?: number } {
  if (!existsSync(file)) return {};
  const { marks, counters } = JSON.parse(readFileSync(file, 'utf8')) as { marks: Record<string, { wallMs: number }>; counters: Record<string, number> };
  const at = (name: string) => marks[name]?.wallMs;
  const span = (from: string, to: string) => (at(from) !== undefined && at(to) !== undefined ? Number(((at(to)! - at(from)!) / 1000).toFixed(2)) : undefined);
  const phases: Record<string, number | undefined> = {
    startup: at('check:start') !== undefined ? Number((at('check:start')! / 1000).toFixed(2)) : undefined,
    check: span('check:start', 'check:done'),
    'content sync': span('config:done', 'build:start'),
    // The search index is made beside the bundle and the pages (src/integrations/search.ts):
    // its own time is read from the build's log (SEARCH_BESIDE).
    bundle: span('build:start', 'pages:start'),
    pages: span('pages:start', 'build:generated'),
    'after pages': span('build:generated', 'exit'),
  };
  return { phases: Object.fromEntries(Object.entries(phases).filter(([, v]) => v !== undefined)) as Record<string, number>, getCollectionCalls: counters.getCollection };
}

function walk(dir: string, visit: (file: string, bytes: number) => void) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, name.name);
    if (name.isDirectory()) walk(full, visit); else visit(full, statSync(full).size);
  }
}

/** A built site's sizes; every page read once, for what it says and (`parts`) where its bytes go. */
function sizesOf(dist: string, options: { parts?: boolean } = {}): Sizes {
  const sizes: Sizes = { pages: 0, htmlBytes: 0, homeHtmlBytes: 0, distBytes: 0, content: { text: 0, links: 0 } };
  const parts = options.parts ? (Object.fromEntries([...HTML_PARTS.map((p) => [p.key, 0]), ['other', 0]]) as Record<HtmlPart, number>) : undefined;
  walk(dist, (file, bytes) => {
    sizes.distBytes += bytes;
    if (!file.endsWith('.html')) return;
    sizes.pages++;
    sizes.htmlBytes += bytes;
    const html = readFileSync(file, 'utf8');
    const said = htmlContent(html);
    sizes.content!.text += said.text;
    sizes.content!.links += said.links;
    if (parts) for (const [part, n] of Object.entries(htmlParts(html))) parts[part as HtmlPart] += n;
  });
  if (parts) sizes.htmlParts = parts;
  const home = path.join(dist, 'index.html');
  if (existsSync(home)) sizes.homeHtmlBytes = statSync(home).size;
  if (existsSync(path.join(dist, 'pagefind'))) {
    sizes.pagefindBytes = 0;
    walk(path.join(dist, 'pagefind'), (_, bytes) => { sizes.pagefindBytes! += bytes; });
  }
  const zip = path.join(dist, 'dossier-offline.zip');
  if (existsSync(zip)) sizes.offlineZipBytes = statSync(zip).size;
  return sizes;
}

/** Gzipped JS and CSS a reader downloads for one page of each type (external files and inline blocks). */
function assetsPerPageType(dist: string, dossier: ReturnType<typeof generateDossier>): Record<string, PageAssets> {
  const first = (collection: string) => [...dossier.files.keys()].find((k) => k.startsWith(`${collection}/`))!.slice(collection.length + 1, -3);
  const pages: Record<string, string> = {
    home: 'index.html',
    actor: `actors/${first('actors')}/index.html`,
    place: `places/${first('places')}/index.html`,
    event: `events/${first('events')}/index.html`,
    source: `sources/${first('sources')}/index.html`,
  };
  const out: Record<string, PageAssets> = {};
  for (const [type, rel] of Object.entries(pages)) {
    const file = path.join(dist, rel);
    if (!existsSync(file)) continue;
    const html = readFileSync(file, 'utf8');
    const gz = (data: string | Buffer) => gzipSync(data, { level: 9 }).length;
    const fetchLocal = (ref: string) => {
      if (/^(?:[a-z]+:)?\/\//i.test(ref) || ref.startsWith('data:')) return undefined;
      const target = ref.startsWith('/') ? path.join(dist, ref.split(/[?#]/)[0]) : path.resolve(path.dirname(file), ref.split(/[?#]/)[0]);
      return existsSync(target) && statSync(target).isFile() ? readFileSync(target) : undefined;
    };
    const a: PageAssets = { page: rel, htmlGzBytes: gz(html), jsGzBytes: 0, cssGzBytes: 0, jsFiles: 0, cssFiles: 0 };
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      const src = /\bsrc=["']?([^"' >]+)/i.exec(m[1])?.[1];
      if (/type=["']?application\/(?:ld\+)?json/i.test(m[1])) continue;
      const body = src ? fetchLocal(src) : m[2];
      if (body && body.length) { a.jsGzBytes += gz(body); a.jsFiles++; }
    }
    for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
      if (!/rel=["']?stylesheet/i.test(m[0])) continue;
      const href = /\bhref=["']?([^"' >]+)/i.exec(m[0])?.[1];
      const body = href ? fetchLocal(href) : undefined;
      if (body) { a.cssGzBytes += gz(body); a.cssFiles++; }
    }
    for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) if (m[1].trim()) { a.cssGzBytes += gz(m[1]); a.cssFiles++; }
    out[type] = a;
  }
  return out;
}

function machineFacts(): MachineFacts {
  const git = (cmd: string) => { try { return execSync(`git ${cmd}`, { cwd: ROOT, encoding: 'utf8' }).trim(); } catch { return ''; } };
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    nproc: os.availableParallelism(),
    memoryGB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    astro: JSON.parse(readFileSync(path.join(ROOT, 'node_modules/astro/package.json'), 'utf8')).version as string,
    gnuTime: hasGnuTime,
    commit: `${git('rev-parse --short HEAD')}${git('status --porcelain') ? ' (with uncommitted changes)' : ''}`,
    loadAverageStart: os.loadavg().map((l) => Number(l.toFixed(2))),
    loadAverageEnd: [] as number[],
  };
}

await main();
