import { describe, expect, it } from 'vitest';
import { coldRatio, median } from '../../bench/cold-pairs.ts';

describe('coldRatio', () => {
  it.each([
    ['one pair', [{ ours: 54, baseline: 18 }], [3], 3],
    ['three pairs: the middle ratio, not the ratio of the means', [{ ours: 50, baseline: 20 }, { ours: 60, baseline: 20 }, { ours: 40, baseline: 20 }], [2.5, 3, 2], 2.5],
    ['a slow moment for both builds of a pair cancels out', [{ ours: 50, baseline: 25 }, { ours: 80, baseline: 40 }, { ours: 54, baseline: 18 }], [2, 2, 3], 2],
    ['an even count: the mean of the two middle ratios', [{ ours: 30, baseline: 10 }, { ours: 20, baseline: 10 }], [3, 2], 2.5],
  ])('%s', (_name, pairs, ratios, median) => {
    const r = coldRatio(pairs);
    expect(r.ratios).toEqual(ratios);
    expect(r.median).toBe(median);
  });

  it('refuses an empty list', () => {
    expect(() => coldRatio([])).toThrow('no cold pairs to compare');
  });
});

describe('median', () => {
  it.each([
    ['one value', [16.9], 16.9],
    ['three values, in any order', [20.4, 16.9, 17.1], 17.1],
    ['an even count: the mean of the two middle values', [18, 16, 22, 20], 19],
  ])('%s', (_name, values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow('no values to take the median of');
  });
});
