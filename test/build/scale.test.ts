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
