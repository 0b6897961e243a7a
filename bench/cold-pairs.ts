/**
 * The cold-build goal from several pairs of cold builds, ours then the baseline's. On a
 * shared machine the load changes over minutes (the baseline's cold build alone ranged
 * 17.0-19.7 s over four runs), and the two builds of a pair, run one after the other,
 * share it; so each pair gives a ratio and the goal takes their median.
 */
export interface ColdPair {
  /** Wall seconds of our cold build, and of the baseline's just after it. */
  ours: number;
  baseline: number;
}

export interface ColdRatio {
  /** Each pair's ratio, in the order run. */
  ratios: number[];
  /** The middle ratio (the mean of the two middle ones for an even count). */
  median: number;
}

export function coldRatio(pairs: ColdPair[]): ColdRatio {
  if (pairs.length === 0) throw new Error('no cold pairs to compare');
  const ratios = pairs.map((p) => p.ours / p.baseline);
  return { ratios, median: median(ratios) };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('no values to take the median of');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
