import { describe, expect, it } from 'vitest';
import { cycleText, parentCycles } from '../../src/domain/cycles.ts';

describe('parentCycles', () => {
  it.each([
    ['no cycle', [['a', 'b'], ['b', 'c']], []],
    ['its own parent', [['a', 'a']], [['a']]],
    ['two', [['a', 'b'], ['b', 'a']], [['a', 'b']]],
    ['three, found from a tail', [['t', 'b'], ['a', 'b'], ['b', 'c'], ['c', 'a']], [['a', 'b', 'c']]],
    ['two separate', [['a', 'b'], ['b', 'a'], ['x', 'x']], [['a', 'b'], ['x']]],
    ['a parent that is no key ends the chain', [['a', 'zz']], []],
  ] as [string, [string, string][], string[][]][])('%s', (_name, pairs, expected) => {
    expect(parentCycles(new Map(pairs))).toEqual(expected);
  });

  it('cycleText reads the cycle from a member', () => {
    expect(cycleText(['a', 'b', 'c'], 'b')).toBe('b → c → a → b');
    expect(cycleText(['a'], 'a')).toBe('a → a');
  });
});
