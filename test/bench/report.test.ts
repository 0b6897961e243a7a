import { describe, expect, it } from 'vitest';
import { contentTable, goals, type Build, type SizeRun } from '../../bench/report.ts';

/** A 10k run with the figures a test sets, the rest plausible. */
function run10k(cold: { phases: Record<string, number> }, pairs: SizeRun['coldPairs']): SizeRun {
  const build = (wallS: number, phases?: Record<string, number>): Build => ({ ok: true, exitCode: 0, wallS, cpuS: wallS * 1.5, peakMB: 2000, log: 'x.log', phases });
  const sizes = { pages: 10001, htmlBytes: 300 * 2 ** 20, homeHtmlBytes: 50_000, distBytes: 400 * 2 ** 20 };
  return {
    n: 10000, entries: { actors: 1000, places: 1000, events: 7500, sources: 500 }, generateS: 1,
    check: { ...build(3), checkedMs: 2000 },
    ours: { cold: build(53, cold.phases), warm: build(20), warmOneChanged: build(16) },
    baseline: { cold: build(18), warm: build(8), warmOneChanged: build(8) },
    coldPairs: pairs,
    sizes, baselineSizes: { ...sizes, htmlBytes: 47 * 2 ** 20 },
    assets: {},
  };
}
const SEARCH = '  beside the bundle and pages: search index';
const postBuild = (runs: SizeRun[]) => goals({ runs }).find((g) => g.goal.startsWith('Post-build steps'))!;

describe('goals: post-build steps', () => {
  const phases = { pages: 37, 'after pages': 3.4, [SEARCH]: 13.5 };

  it('takes the median over the cold builds, like the cold ratio, and lists each', () => {
    const g = postBuild([run10k({ phases }, [
      { ours: 53, baseline: 18, ok: true, postBuildS: 16.9 },
      { ours: 62, baseline: 24, ok: true, postBuildS: 20.4 },
      { ours: 63, baseline: 25, ok: true, postBuildS: 17.1 },
    ])]);
    expect(g.measured).toBe('median 17.1 s over 3 cold builds: 16.9 s, 20.4 s, 17.1 s (the first: making the search index 13.5 s, beside the bundle and pages, + the whole "after pages" phase 3.4 s)');
    expect(g.met).toBe(true);
  });

  it('is not met when the middle build is over 20 s, though one is under', () => {
    const g = postBuild([run10k({ phases }, [
      { ours: 53, baseline: 18, ok: true, postBuildS: 16.9 },
      { ours: 62, baseline: 24, ok: true, postBuildS: 20.4 },
      { ours: 63, baseline: 25, ok: true, postBuildS: 21 },
    ])]);
    expect(g.measured.startsWith('median 20.4 s over 3 cold builds')).toBe(true);
    expect(g.met).toBe(false);
  });

  it('reads a run from before the pairs kept their post-build figure: the first cold build', () => {
    const g = postBuild([run10k({ phases }, [{ ours: 53, baseline: 18, ok: true }, { ours: 62, baseline: 24, ok: true }])]);
    expect(g.measured).toBe('16.9 s (making the search index 13.5 s, beside the bundle and pages, + the whole "after pages" phase 3.4 s)');
    expect(g.met).toBe(true);
  });

  it('says not measured with no 10k run', () => {
    expect(postBuild([]).measured).toBe('not measured (no 10k run)');
    expect(postBuild([]).met).toBeUndefined();
  });
});

describe('goals: cold builds', () => {
  it('takes the median of the pairs\' ratios', () => {
    const g = goals({ runs: [run10k({ phases: {} }, [
      { ours: 54, baseline: 18, ok: true }, { ours: 50, baseline: 25, ok: true }, { ours: 60, baseline: 24, ok: true },
    ])] })[0];
    expect(g.measured).toBe("median ×2.50 over 3 pairs, ours then the baseline's: 54.0 s vs 18.0 s (×3.00); 50.0 s vs 25.0 s (×2.00); 60.0 s vs 24.0 s (×2.50)");
    expect(g.met).toBe(false);
  });
});

describe('contentTable', () => {
  it('sets what the pages say beside their markup, and weighs ours with the baseline\'s share of markup', () => {
    const M = 2 ** 20;
    expect(contentTable(400 * M, { text: 80 * M, links: 20 * M }, 100 * M, { text: 60 * M, links: 15 * M }).slice(2)).toEqual([
      '| site | HTML | visible text | link targets | markup and drawings |', '|---|---|---|---|---|',
      '| full pipeline | 400.0 MB | 80.0 MB | 20.0 MB | 300.0 MB (75%) |',
      '| baseline | 100.0 MB | 60.0 MB | 15.0 MB | 25.0 MB (25%) |',
      '',
      "With markup as lean as the baseline's (25% of its bytes), the full pipeline's text and link targets alone would make 133.3 MB, ×1.33 the baseline's HTML.",
    ]);
  });
});
