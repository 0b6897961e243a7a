import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchOptions } from '../../bench/options.ts';

describe('parseBenchOptions', () => {
  it.each([
    ['no options: both sizes, three cold pairs', [], { quick: false, sizes: [1000, 10000], seed: 1, coldPairs: 3 }],
    ['--quick: 1k only', ['--quick'], { quick: true, sizes: [1000], seed: 1, coldPairs: 3 }],
    ['every option', ['--sizes=200,2000', '--seed=0', '--cold-pairs=5'], { quick: false, sizes: [200, 2000], seed: 0, coldPairs: 5 }],
  ])('%s', (_name, args, expected) => {
    expect(parseBenchOptions(args)).toEqual(expected);
  });

  it.each([
    ['a word for a number', ['--cold-pairs=three'], '--cold-pairs: "three" is not a whole number of at least 1'],
    ['zero pairs', ['--cold-pairs=0'], '--cold-pairs: "0" is not a whole number of at least 1'],
    ['a fraction', ['--seed=1.5'], '--seed: "1.5" is not a whole number of at least 0'],
    ['an empty size in the list', ['--sizes=1000,'], '--sizes: "" is not a whole number of at least 1'],
    ['an option with no value', ['--sizes'], '--sizes needs a value, e.g. --sizes=1000,10000'],
    ['a value for --quick', ['--quick=yes'], '--quick takes no value'],
    ['a misspelt option', ['--cold-pair=3'], 'unknown option "--cold-pair=3" (known: --quick, --sizes, --seed, --cold-pairs)'],
    ['a word with no dashes', ['quick'], 'unknown option "quick" (known: --quick, --sizes, --seed, --cold-pairs)'],
  ])('refuses %s', (_name, args, message) => {
    const error = (() => {
      try { parseBenchOptions(args); } catch (e) { return e; }
    })();
    expect(error).toBeInstanceOf(BenchUsageError);
    expect((error as Error).message).toBe(message);
  });
});
