/**
 * The bench's command line: `npm run bench [-- --quick] [-- --sizes=1000,10000]
 * [-- --seed=1] [-- --cold-pairs=3]`. A value it cannot use stops the run before any
 * build, saying which and why: a typo must not turn into a quiet one-pair run.
 */
export interface BenchOptions {
  quick: boolean;
  sizes: number[];
  seed: number;
  /** Pairs of cold builds at 10k (bench/cold-pairs.ts). */
  coldPairs: number;
}

export class BenchUsageError extends Error {}

const KNOWN = ['quick', 'sizes', 'seed', 'cold-pairs'];

export function parseBenchOptions(args: readonly string[]): BenchOptions {
  const values = new Map<string, string>();
  let quick = false;
  for (const arg of args) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !KNOWN.includes(m[1])) throw new BenchUsageError(`unknown option "${arg}" (known: ${KNOWN.map((k) => `--${k}`).join(', ')})`);
    if (m[1] === 'quick') {
      if (m[2] !== undefined) throw new BenchUsageError('--quick takes no value');
      quick = true;
    } else {
      if (m[2] === undefined) throw new BenchUsageError(`--${m[1]} needs a value, e.g. --${m[1]}=${m[1] === 'sizes' ? '1000,10000' : '3'}`);
      values.set(m[1], m[2]);
    }
  }
  const whole = (name: string, text: string, min: number): number => {
    if (!/^\d+$/.test(text) || Number(text) < min) throw new BenchUsageError(`--${name}: "${text}" is not a whole number of at least ${min}`);
    return Number(text);
  };
  const sizes = (values.get('sizes') ?? (quick ? '1000' : '1000,10000')).split(',').map((t) => whole('sizes', t, 1));
  return {
    quick,
    sizes,
    seed: whole('seed', values.get('seed') ?? '1', 0),
    coldPairs: whole('cold-pairs', values.get('cold-pairs') ?? '3', 1),
  };
}
