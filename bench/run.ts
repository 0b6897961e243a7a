/**
 * npm run bench [-- --quick] [-- --sizes=1000,10000] [-- --seed=1] [-- --cold-pairs=3]
 *
 * Generates synthetic dossiers (bench/generate.ts) of N = 1,000 and 10,000 entries
 * and measures, in one run: `npm run check`; cold, warm and one-entry-changed builds
 * of the full pipeline and of a bare Astro baseline (bench/baseline/), with wall
 * time, CPU time, peak memory and the build's phases; output sizes; gzipped JS and
 * CSS per page type; and search time in Chromium. At 10k, cold builds are
 * run in pairs, ours then the baseline's (bench/cold-pairs.ts): the goal takes the
 * median of the pairs' ratios. Writes bench/RESULTS.md (every
 * figure next to its goal) and bench/results.json (for comparing runs).
 * Work files go to bench/out/ (ignored by git).
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { coldRatio, type ColdPair } from './cold-pairs.ts';
import { generateDossier, writeDossier } from './generate.ts';
import { HTML_PARTS, htmlParts, type HtmlPart } from './html-parts.ts';
import { hasGnuTime, measure, settle, type Measurement } from './measure.ts';
import { measureSearch, type SearchResult } from './search.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench/out');
/** Astro's command-line script, where its package.json's `bin` says (bin/astro.mjs since Astro 6). */
const ASTRO = path.join(ROOT, 'node_modules/astro', JSON.parse(readFileSync(path.join(ROOT, 'node_modules/astro/package.json'), 'utf8')).bin.astro);

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.includes('--quick');
const sizes = (option('sizes') ?? (quick ? '1000' : '1000,10000')).split(',').map(Number);
const seed = Number(option('seed') ?? 1);
const coldPairs = Math.max(1, Number(option('cold-pairs') ?? 3));

interface Build extends Measurement {
  /** Seconds per phase, from the build's own marks (DOSSIER_BUILD_STATS). */
  phases?: Record<string, number>;
  getCollectionCalls?: number;
}

interface SizeRun {
  n: number;
  entries: { actors: number; places: number; events: number; sources: number };
  generateS: number;
  check: Measurement & { checkedMs?: number };
  ours: { cold: Build; warm: Build; warmOneChanged: Build };
  baseline: { cold: Build; warm: Build; warmOneChanged: Build };
  /** Cold builds in pairs, ours then the baseline's; the first pair is the cold builds above. */
  coldPairs?: (ColdPair & { ok: boolean })[];
  sizes: Sizes;
  baselineSizes: Sizes;
  assets: Record<string, PageAssets>;
  search?: SearchResult;
}

interface Sizes {
  pages: number; htmlBytes: number; homeHtmlBytes: number; pagefindBytes?: number; offlineZipBytes?: number; distBytes: number;
  /** The HTML's bytes by part of the page (bench/html-parts.ts), summed over every page. */
  htmlParts?: Record<HtmlPart, number>;
}
interface PageAssets { page: string; htmlGzBytes: number; jsGzBytes: number; cssGzBytes: number; jsFiles: number; cssFiles: number }

const log = (...parts: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);

async function main() {
  const started = Date.now();
  const previous = existsSync(path.join(ROOT, 'bench/results.json')) ? JSON.parse(readFileSync(path.join(ROOT, 'bench/results.json'), 'utf8')) : undefined;
  const machine = machineFacts();
  log(`machine: ${machine.cpuModel}, ${machine.nproc} cores, ${machine.memoryGB} GB, node ${machine.node}, load ${machine.loadAverageStart.join(' ')}`);
  const runs: SizeRun[] = [];
  for (const n of sizes) runs.push(await benchSize(n, n === Math.max(...sizes)));
  machine.loadAverageEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
  const results = { date: new Date().toISOString(), quick, seed, durationS: Math.round((Date.now() - started) / 1000), machine, runs };
  writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(ROOT, 'bench/RESULTS.md'), report(results, previous));
  log(`done in ${results.durationS} s: bench/RESULTS.md, bench/results.json`);
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
  await settle();
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
    await settle();
    let m = await measure(process.execPath, argv, { cwd: ROOT, env, log: path.join(dir, `logs/${prefix}${name}.log`) });
    if (m.exitCode === null) {
      // Killed by a signal (on a shared machine, not the build's doing): once more, from the same state.
      log(`  killed by a signal after ${m.wallS.toFixed(0)} s; running it again`);
      if (name.startsWith('cold')) rmSync(env.DOSSIER_CACHE_DIR, { recursive: true, force: true });
      await settle();
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
  const pairs = [{ ours: oursCold.wallS, baseline: baselineCold.wallS, ok: oursCold.ok && baselineCold.ok }];
  for (let k = 2; n === 10000 && k <= coldPairs; k++) {
    const o = await cold('ours', `cold-${k}`);
    const b = await cold('baseline', `cold-${k}`);
    pairs.push({ ours: o.wallS, baseline: b.wallS, ok: o.ok && b.ok });
  }

  const dist = path.join(dir, 'dist');
  const run: SizeRun = {
    n, entries: dossier.counts, generateS, check: { ...check, checkedMs },
    ours: { cold: oursCold, warm: oursWarm, warmOneChanged: oursOne },
    baseline: { cold: baselineCold, warm: baselineWarm, warmOneChanged: baselineOne },
    coldPairs: pairs,
    sizes: { ...sizesOf(dist), htmlParts: htmlPartsOf(dist) }, baselineSizes: sizesOf(path.join(dir, 'baseline-dist')),
    assets: assetsPerPageType(dist, dossier),
  };
  if (largest) {
    log(`N = ${n}: search in Chromium`);
    run.search = await measureSearch(dist, dossier);
    log(`  ${run.search.measured ? `${run.search.firstResultMs?.toFixed(0)} ms to first result after index load` : run.search.note}`);
  }
  return run;
}

/** The search index's own wall time: made from when Astro starts bundling, beside the bundle and the pages. */
const SEARCH_BESIDE = '  beside the bundle and pages: search index';

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

function sizesOf(dist: string): Sizes {
  const sizes: Sizes = { pages: 0, htmlBytes: 0, homeHtmlBytes: 0, distBytes: 0 };
  walk(dist, (file, bytes) => {
    sizes.distBytes += bytes;
    if (file.endsWith('.html')) { sizes.pages++; sizes.htmlBytes += bytes; }
  });
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

/** Every page's bytes by part, summed. */
function htmlPartsOf(dist: string): Record<HtmlPart, number> {
  const sum = Object.fromEntries([...HTML_PARTS.map((p) => [p.key, 0]), ['other', 0]]) as Record<HtmlPart, number>;
  walk(dist, (file) => {
    if (!file.endsWith('.html')) return;
    for (const [part, bytes] of Object.entries(htmlParts(readFileSync(file, 'utf8')))) sum[part as HtmlPart] += bytes;
  });
  return sum;
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

function machineFacts() {
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

// --- the report ---

type Results = { date: string; quick: boolean; seed: number; durationS: number; machine: ReturnType<typeof machineFacts>; runs: SizeRun[] };

const s = (v: number | undefined, digits = 1) => (v === undefined ? '–' : `${v.toFixed(digits)} s`);
const mb = (bytes: number | undefined) => (bytes === undefined ? '–' : `${(bytes / 2 ** 20).toFixed(1)} MB`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export interface Goal { goal: string; target: string; measured: string; met: boolean | undefined; previous?: string }

export function goals(r: Pick<Results, 'runs'>): Goal[] {
  const at = (n: number) => r.runs.find((x) => x.n === n);
  const big = at(10000);
  const small = at(1000);
  const notMeasured = 'not measured (no 10k run)';
  const list: Goal[] = [];
  const ratio = (a?: number, b?: number) => (a !== undefined && b ? a / b : undefined);
  // Issue 18's goals: ratios against the bare Astro baseline measured in the same run.
  {
    // Runs before the pairs were kept have the one pair of cold builds.
    const pairs = big?.coldPairs ?? (big ? [{ ours: big.ours.cold.wallS, baseline: big.baseline.cold.wallS, ok: big.ours.cold.ok && big.baseline.cold.ok }] : []);
    const q = pairs.length ? coldRatio(pairs) : undefined;
    const each = pairs.map((p, i) => `${s(p.ours)} vs ${s(p.baseline)} (×${q!.ratios[i].toFixed(2)})`);
    const measured = pairs.length === 1 ? each[0] : `median ×${q?.median.toFixed(2)} over ${pairs.length} pairs, ours then the baseline's: ${each.join('; ')}`;
    list.push({ goal: 'Full pipeline at 10k, cold, vs bare Astro baseline cold', target: '≤ ×2', measured: big ? measured : notMeasured, met: big ? pairs.every((p) => p.ok) && q!.median <= 2 : undefined });
  }
  {
    const q = ratio(big?.ours.warmOneChanged.wallS, big?.ours.cold.wallS);
    list.push({ goal: 'Rebuild at 10k, one entry changed, vs our cold build', target: '≤ 35%', measured: big ? `${s(big.ours.warmOneChanged.wallS)} = ${(q! * 100).toFixed(0)}% of ${s(big.ours.cold.wallS)}` : notMeasured, met: big ? q! <= 0.35 : undefined });
  }
  {
    const peak = big ? Math.max(big.ours.cold.peakMB, big.ours.warm.peakMB, big.ours.warmOneChanged.peakMB) : undefined;
    const basePeak = big ? Math.max(big.baseline.cold.peakMB, big.baseline.warm.peakMB, big.baseline.warmOneChanged.peakMB) : undefined;
    const q = ratio(peak, basePeak);
    list.push({ goal: 'Peak memory at 10k (build process tree) vs baseline peak', target: '≤ ×1.25', measured: big ? `${Math.round(peak!)} MB vs ${Math.round(basePeak!)} MB (×${q!.toFixed(2)})` : notMeasured, met: big ? q! <= 1.25 : undefined });
  }
  {
    const q = ratio(big?.sizes.htmlBytes, big?.baselineSizes.htmlBytes);
    list.push({ goal: 'HTML bytes at 10k vs baseline HTML bytes', target: '≤ ×2.5', measured: big ? `${mb(big.sizes.htmlBytes)} vs ${mb(big.baselineSizes.htmlBytes)} (×${q!.toFixed(2)})` : notMeasured, met: big ? q! <= 2.5 : undefined });
  }
  {
    const home = big?.assets.home?.htmlGzBytes;
    list.push({ goal: 'Home page at 10k, HTML gzipped', target: '≤ 100 KB', measured: home !== undefined ? kb(home) : notMeasured, met: home !== undefined ? home <= 100 * 1024 : undefined });
    const place = big?.assets.place?.htmlGzBytes;
    list.push({ goal: 'Place page at 10k, HTML gzipped', target: '≤ 20 KB', measured: place !== undefined ? kb(place) : notMeasured, met: place !== undefined ? place <= 20 * 1024 : undefined });
  }
  {
    // The search index (made beside the bundle and the pages) and everything
    // after the last page is written: security policy, offline edition, publishing, exit.
    const phases = big?.ours.cold.phases;
    // Counted whole, though it now runs beside the bundle and the pages.
    const index = phases?.[SEARCH_BESIDE];
    const after = phases?.['after pages'] !== undefined ? phases['after pages'] + (index ?? 0) : undefined;
    const what = index !== undefined ? `making the search index ${s(index)}, beside the bundle and pages, + the whole "after pages" phase ${s(phases!['after pages'])}` : 'the whole "after pages" phase';
    list.push({ goal: 'Post-build steps at 10k, cold (search index + policy + offline edition, wall)', target: '≤ 20 s', measured: after !== undefined ? `${s(after)} (${what})` : notMeasured, met: after !== undefined ? after <= 20 : undefined });
  }
  {
    const q = ratio(big?.ours.cold.wallS, small?.ours.cold.wallS);
    const qw = ratio(big?.ours.warm.wallS, small?.ours.warm.wallS);
    list.push({ goal: 'Scaling 1k → 10k (cold build wall time)', target: '≤ ×10', measured: q ? `×${q.toFixed(1)} (${s(small!.ours.cold.wallS)} → ${s(big!.ours.cold.wallS)}; warm ×${qw!.toFixed(1)})` : 'not measured (needs 1k and 10k)', met: q ? q <= 10 : undefined });
  }
  {
    const w = big?.check.wallS;
    list.push({ goal: '`npm run check` at 10k', target: '≤ 5 s', measured: big ? `${s(w)} (of which checking ${s((big.check.checkedMs ?? 0) / 1000)})` : notMeasured, met: big ? big.check.ok && w! <= 5 : undefined });
  }
  {
    const run = r.runs.find((x) => x.search);
    const sr = run?.search;
    list.push({
      goal: `Search: first result after the index is loaded${run && run.n !== 10000 ? ` (at ${run.n})` : ' at 10k'}`, target: '≤ 100 ms',
      measured: sr?.measured ? `${sr.firstResultMs!.toFixed(0)} ms from pressing Enter (typed: ${sr.typedMs?.toFixed(0) ?? '–'} ms, incl. the page's 120 ms typing pause; loading the index with the first query: ${sr.indexLoadMs!.toFixed(0)} ms)` : (sr?.note ?? 'not measured'),
      met: sr?.measured && run!.n === 10000 ? sr.firstResultMs! <= 100 : undefined,
    });
    const names = sr?.nameQueries;
    list.push({
      goal: `Search: first result for a name query after the index loads${run && run.n !== 10000 ? ` (at ${run.n})` : ' at 10k'}`, target: '≤ 100 ms',
      measured: names?.length
        ? `median ${sr!.nameMedianMs!.toFixed(0)} ms, slowest ${sr!.nameMaxMs!.toFixed(0)} ms over ${names.length} queries (${[...new Set(names.map((n) => n.kind))].join(', ')}: ${names.map((n) => `"${n.q}"`).join(', ')}); the entry named first for ${sr!.nameFirstRight}/${names.length}`
        : (sr?.note ?? 'not measured'),
      met: names?.length && run!.n === 10000 ? sr!.nameMaxMs! <= 100 : undefined,
    });
  }
  return list;
}

function report(r: Results, previous?: Results): string {
  const m = r.machine;
  const prevGoals = previous ? goals(previous) : undefined;
  const mark = (met: boolean | undefined) => (met === undefined ? '–' : met ? 'met' : '**not met**');
  const lines: string[] = [];
  lines.push('# Benchmark results', '');
  lines.push(`Run of \`npm run bench${r.quick ? ' -- --quick' : ''}\` on ${r.date.slice(0, 16).replace('T', ' ')} UTC (took ${Math.round(r.durationS / 60)} min), commit ${m.commit}.`);
  lines.push(`Machine: ${m.cpuModel}, ${m.nproc} cores (nproc), ${m.memoryGB} GB memory, Node ${m.node}, Astro ${m.astro}. Load average at start ${m.loadAverageStart.join(' / ')}, at end ${m.loadAverageEnd.join(' / ')} (the machine was shared: wall times are noisy; CPU times are steadier).`);
  lines.push(`Synthetic dossiers from bench/generate.ts (seed ${r.seed}): ~10% actors, 10% places, 75% events, 5% sources, ~250-word bodies with wikilinks and citations.`, '');
  lines.push('## Goals', '', `| goal | target | measured | result |${prevGoals ? ' previous run |' : ''}`, `|---|---|---|---|${prevGoals ? '---|' : ''}`);
  goals(r).forEach((g, i) => lines.push(`| ${g.goal} | ${g.target} | ${g.measured} | ${mark(g.met)} |${prevGoals ? ` ${prevGoals[i]?.measured ?? '–'} |` : ''}`));
  for (const run of r.runs) {
    lines.push('', `## N = ${run.n.toLocaleString('en')} entries`, '');
    lines.push(`${run.entries.actors} actors, ${run.entries.places} places, ${run.entries.events} events, ${run.entries.sources} sources (+ overview page); generated in ${s(run.generateS)}.`, '');
    lines.push('| command | wall | CPU | peak memory | phases (s) |', '|---|---|---|---|---|');
    const row = (name: string, b: Build) => lines.push(`| ${name}${b.ok ? '' : ` (**failed**, exit ${b.exitCode})`} | ${s(b.wallS)} | ${s(b.cpuS)} | ${Math.round(b.peakMB)} MB | ${b.phases ? Object.entries(b.phases).map(([k, v]) => (k.startsWith('  ') ? `(${k.trim()} ${v.toFixed(1)})` : `${k} ${v.toFixed(1)}`)).join(', ').replace(/, \(/g, ' (') : '–'} |`);
    row('`npm run check`', run.check);
    row('full pipeline, cold', run.ours.cold);
    row('full pipeline, warm', run.ours.warm);
    row('full pipeline, warm, one entry changed', run.ours.warmOneChanged);
    row('bare baseline, cold', run.baseline.cold);
    row('bare baseline, warm', run.baseline.warm);
    row('bare baseline, warm, one entry changed', run.baseline.warmOneChanged);
    lines.push('', `Overhead of the full pipeline over the baseline: cold ×${(run.ours.cold.wallS / run.baseline.cold.wallS).toFixed(2)}, warm ×${(run.ours.warm.wallS / run.baseline.warm.wallS).toFixed(2)}. getCollection calls per build: ${run.ours.cold.getCollectionCalls ?? '–'} (constant: no per-page scans).`, '');
    const z = run.sizes;
    lines.push('| output | full pipeline | baseline |', '|---|---|---|');
    lines.push(`| pages (HTML files) | ${z.pages} | ${run.baselineSizes.pages} |`);
    lines.push(`| HTML total | ${mb(z.htmlBytes)} | ${mb(run.baselineSizes.htmlBytes)} |`);
    lines.push(`| home page HTML (timeline, map, graph) | ${kb(z.homeHtmlBytes)} | ${kb(run.baselineSizes.homeHtmlBytes)} |`);
    lines.push(`| search index (dist/pagefind) | ${z.pagefindBytes === undefined ? 'none built' : mb(z.pagefindBytes)} | – |`);
    lines.push(`| offline edition (dist/dossier-offline.zip) | ${z.offlineZipBytes === undefined ? 'none built' : mb(z.offlineZipBytes)} | – |`);
    lines.push(`| dist total | ${mb(z.distBytes)} | ${mb(run.baselineSizes.distBytes)} |`, '');
    if (z.htmlParts) {
      const parts = z.htmlParts;
      const base = run.baselineSizes.htmlBytes;
      const share = (bytes: number) => `${((100 * bytes) / z.htmlBytes).toFixed(1)}%`;
      lines.push('Where the full pipeline\'s HTML goes (every page, bench/html-parts.ts):', '');
      lines.push('| part | bytes | share | × the baseline\'s whole HTML |', '|---|---|---|---|');
      for (const p of [...HTML_PARTS, { key: 'other' as const, label: 'everything else (headings, page layout, index pages\' lists)' }]) {
        lines.push(`| ${p.label} | ${mb(parts[p.key])} | ${share(parts[p.key])} | ×${(parts[p.key] / base).toFixed(2)} |`);
      }
      const core = parts.text + parts.sources + parts.head + parts.header + parts.footer;
      lines.push('', `Entry text, sources list and page chrome (head, header, footer) alone: ${mb(core)}, ×${(core / base).toFixed(2)} the baseline's HTML.`, '');
    }
    lines.push('| page type | HTML (gzip) | JS (gzip) | CSS (gzip) |', '|---|---|---|---|');
    for (const [type, a] of Object.entries(run.assets)) lines.push(`| ${type} (${a.page.replace(/\/index\.html$/, '/')}) | ${kb(a.htmlGzBytes)} | ${kb(a.jsGzBytes)} in ${a.jsFiles} | ${kb(a.cssGzBytes)} in ${a.cssFiles} |`);
  }
  lines.push('', '## How this was measured', '');
  lines.push('- Each build is `node node_modules/astro/bin/astro.mjs build` (on the project\'s Node 24) with DOSSIER_CONTENT_DIR, DOSSIER_OUT_DIR and DOSSIER_CACHE_DIR set; the baseline adds `--root bench/baseline` (plain glob-loader collections with a simple schema, the same page set, no check, wikilinks, search or offline step).');
  lines.push('- Cold: output and cache folders deleted first. Warm: the same build again. One entry changed: a sentence appended to one event\'s body, then a build.');
  lines.push(`- The cold goal: at 10k, cold builds in pairs, ours then the baseline's (the tables' cold builds are the first pair; ${coldPairs} pairs in all, \`--cold-pairs\`). Each pair gives a ratio and the goal takes their median (bench/cold-pairs.ts): the shared machine's load changes over minutes, and the two builds of a pair share it.`);
  lines.push('- Before each measured build, the last one\'s work is let finish (bench/measure.ts, settle): the background removal of a replaced output, and the disk\'s writing of what was written (`sync`).');
  lines.push(`- Wall time from spawn to exit; CPU = user + system of the process tree${m.gnuTime ? ' (GNU time)' : ' (not available: GNU time missing)'}; peak memory = the larger of the tree\'s summed resident memory sampled every 100 ms and the largest process\'s own peak.`);
  lines.push('- Phases come from marks the dossier integration writes when DOSSIER_BUILD_STATS is set: startup (Astro and config), check (in astro:config:setup), content sync, bundle (server build until the first page module runs), pages, with the search index made from the data beside the bundle and pages (its own time from the build’s log), after pages (post-build steps such as the security policy and the offline edition, and exit).');
  lines.push('- The security policy and offline steps run on worker threads (one per core, up to 4) and keep per-page results in the cache folder, so the warm builds reuse them for unchanged pages (README: DOSSIER_WORKERS and the post-build cache).');
  lines.push('- JS/CSS per page type: every `<script src>`, inline script, stylesheet link and `<style>` of one page of that type, each gzipped at level 9.');
  lines.push('- Where the HTML goes: every page of the full pipeline\'s output read once; a part is the outermost element of its kind (`bench/html-parts.ts`), in UTF-8 bytes. The baseline\'s pages have the entry text (wikilinks and citations left as written), a short head, header and footer, and a plain list of links to the entry\'s sources.');
  lines.push('- Search: see bench/search.ts.');
  return `${lines.join('\n')}\n`;
}

await main();
