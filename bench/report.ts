/**
 * The bench's report: the goals of issue 18 against what a run measured, and
 * bench/RESULTS.md. Pure (results in, text out), so that a run's figures and an older
 * run's bench/results.json read the same way (test/bench/report.test.ts).
 */
import { coldRatio, median, type ColdPair } from './cold-pairs.ts';
import { HTML_PARTS, type HtmlContent, type HtmlPart } from './html-parts.ts';
import type { Measurement } from './measure.ts';
import type { SearchResult } from './search.ts';

export interface Build extends Measurement {
  /** Seconds per phase, from the build's own marks (DOSSIER_BUILD_STATS). */
  phases?: Record<string, number>;
  getCollectionCalls?: number;
}

export interface SizeRun {
  n: number;
  entries: { actors: number; places: number; events: number; sources: number };
  generateS: number;
  check: Measurement & { checkedMs?: number };
  ours: { cold: Build; warm: Build; warmOneChanged: Build };
  baseline: { cold: Build; warm: Build; warmOneChanged: Build };
  /** Cold builds in pairs, ours then the baseline's; the first pair is the cold builds above. */
  coldPairs?: (ColdPair & { ok: boolean; postBuildS?: number })[];
  sizes: Sizes;
  baselineSizes: Sizes;
  assets: Record<string, PageAssets>;
  search?: SearchResult;
}

export interface Sizes {
  pages: number; htmlBytes: number; homeHtmlBytes: number; pagefindBytes?: number; offlineZipBytes?: number; distBytes: number;
  /** The HTML's bytes by part of the page (bench/html-parts.ts), summed over every page. */
  htmlParts?: Record<HtmlPart, number>;
  /** What the pages say: visible text and link targets (bench/html-parts.ts), summed over every page. */
  content?: HtmlContent;
}
export interface PageAssets { page: string; htmlGzBytes: number; jsGzBytes: number; cssGzBytes: number; jsFiles: number; cssFiles: number }

export interface MachineFacts {
  cpuModel: string; nproc: number; memoryGB: number; node: string; astro: string; gnuTime: boolean;
  /** Short hash, with a mark when the tree had uncommitted changes. */
  commit: string;
  loadAverageStart: number[]; loadAverageEnd: number[];
}

/** A cold build's post-build figure: the search index (made beside the bundle and pages) + the whole "after pages" phase. */
export function postBuildS(b: Build): number | undefined {
  const after = b.phases?.['after pages'];
  return after !== undefined ? after + (b.phases?.[SEARCH_BESIDE] ?? 0) : undefined;
}

/** The search index's own wall time: made from when Astro starts bundling, beside the bundle and the pages. */
export const SEARCH_BESIDE = '  beside the bundle and pages: search index';

export interface Results { date: string; quick: boolean; seed: number; durationS: number; machine: MachineFacts; runs: SizeRun[] }

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
    // Like the cold ratio, the median over the cold builds; the breakdown is the first's.
    const phases = big?.ours.cold.phases;
    const index = phases?.[SEARCH_BESIDE];
    const each = (big?.coldPairs ?? []).map((p) => p.postBuildS).filter((x): x is number => x !== undefined);
    const first = big && postBuildS(big.ours.cold);
    const after = each.length > 1 ? median(each) : first;
    const what = index !== undefined ? `making the search index ${s(index)}, beside the bundle and pages, + the whole "after pages" phase ${s(phases!['after pages'])}` : 'the whole "after pages" phase';
    const measured = each.length > 1 ? `median ${s(after!)} over ${each.length} cold builds: ${each.map((x) => s(x)).join(', ')} (the first: ${what})` : `${s(after!)} (${what})`;
    list.push({ goal: 'Post-build steps at 10k, cold (search index + policy + offline edition, wall)', target: '≤ 20 s', measured: after !== undefined ? measured : notMeasured, met: after !== undefined ? after <= 20 : undefined });
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

/**
 * What the pages say against how they say it, for both sites; and what our pages would
 * weigh with markup as lean as the baseline's (its share of bytes that are not text or
 * link targets).
 */
export function contentTable(html: number, said: HtmlContent, baseHtml: number, baseSaid: HtmlContent): string[] {
  const row = (name: string, bytes: number, c: HtmlContent) => `| ${name} | ${mb(bytes)} | ${mb(c.text)} | ${mb(c.links)} | ${mb(bytes - c.text - c.links)} (${((100 * (bytes - c.text - c.links)) / bytes).toFixed(0)}%) |`;
  const baseShare = (baseHtml - baseSaid.text - baseSaid.links) / baseHtml;
  const lean = (said.text + said.links) / (1 - baseShare);
  return [
    'What the pages say and how (every page; text a reader reads and link targets, bench/html-parts.ts `htmlContent`):', '',
    '| site | HTML | visible text | link targets | markup and drawings |', '|---|---|---|---|---|',
    row('full pipeline', html, said),
    row('baseline', baseHtml, baseSaid),
    '',
    `With markup as lean as the baseline's (${(100 * baseShare).toFixed(0)}% of its bytes), the full pipeline's text and link targets alone would make ${mb(lean)}, ×${(lean / baseHtml).toFixed(2)} the baseline's HTML.`,
  ];
}

export function report(r: Results, previous?: Results): string {
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
    const ours = z.content;
    const theirs = run.baselineSizes.content;
    if (ours && theirs) lines.push(...contentTable(z.htmlBytes, ours, run.baselineSizes.htmlBytes, theirs), '');
    lines.push('| page type | HTML (gzip) | JS (gzip) | CSS (gzip) |', '|---|---|---|---|');
    for (const [type, a] of Object.entries(run.assets)) lines.push(`| ${type} (${a.page.replace(/\/index\.html$/, '/')}) | ${kb(a.htmlGzBytes)} | ${kb(a.jsGzBytes)} in ${a.jsFiles} | ${kb(a.cssGzBytes)} in ${a.cssFiles} |`);
  }
  lines.push('', '## How this was measured', '');
  lines.push('- Each build is `node node_modules/astro/bin/astro.mjs build` (on the project\'s Node 24) with DOSSIER_CONTENT_DIR, DOSSIER_OUT_DIR and DOSSIER_CACHE_DIR set; the baseline adds `--root bench/baseline` (plain glob-loader collections with a simple schema, the same page set, no check, wikilinks, search or offline step).');
  lines.push('- Cold: output and cache folders deleted first. Warm: the same build again. One entry changed: a sentence appended to one event\'s body, then a build.');
  const pairCount = r.runs.find((x) => x.n === 10000)?.coldPairs?.length ?? 1;
  lines.push(`- The cold goal: at 10k, cold builds in pairs, ours then the baseline's (the tables' cold builds are the first pair; ${pairCount} ${pairCount === 1 ? 'pair' : 'pairs'} in all, \`--cold-pairs\`). Each pair gives a ratio and the goal takes their median (bench/cold-pairs.ts): the shared machine's load changes over minutes, and the two builds of a pair share it. The post-build goal takes the median of our cold builds' post-build times, for the same reason.`);
  lines.push('- Before each measured build, the last one\'s work is let finish (bench/measure.ts, settle): the background removal of a replaced output, and the disk\'s writing of what was written (`sync`).');
  lines.push(`- Wall time from spawn to exit; CPU = user + system of the process tree${m.gnuTime ? ' (GNU time)' : ' (not available: GNU time missing)'}; peak memory = the larger of the tree\'s summed resident memory sampled every 100 ms and the largest process\'s own peak.`);
  lines.push('- Phases come from marks the dossier integration writes when DOSSIER_BUILD_STATS is set: startup (Astro and config), check (in astro:config:setup), content sync, bundle (server build until the first page module runs), pages, with the search index made from the data beside the bundle and pages (its own time from the build’s log), after pages (post-build steps such as the security policy and the offline edition, and exit).');
  lines.push('- The security policy and offline steps run on worker threads (one per core, up to 4) and keep per-page results in the cache folder, so the warm builds reuse them for unchanged pages (README: DOSSIER_WORKERS and the post-build cache).');
  lines.push('- JS/CSS per page type: every `<script src>`, inline script, stylesheet link and `<style>` of one page of that type, each gzipped at level 9.');
  lines.push('- Where the HTML goes: every page of the full pipeline\'s output read once; a part is the outermost element of its kind (`bench/html-parts.ts`), in UTF-8 bytes. The baseline\'s pages have the entry text (wikilinks and citations left as written), a short head, header and footer, and a plain list of links to the entry\'s sources.');
  lines.push('- Search: see bench/search.ts.');
  return `${lines.join('\n')}\n`;
}
