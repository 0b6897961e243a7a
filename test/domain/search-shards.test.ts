/** The search index's shards (src/domain/search-shards.ts). */
import { describe, expect, it } from 'vitest';
import { MergeInOrder, mergedShardDirs, shardCount, shardDir, shardOf, shardSizeOption, SHARD_SIZE } from '../../src/domain/search-shards.ts';
import { isoSortKey, sortKey } from '../../src/domain/search.ts';
import { isoSpan, parseDateSpan } from '../../src/domain/dates.ts';

describe('shards', () => {
  it.each([
    [0, 1], [1, 1], [SHARD_SIZE, 1], [SHARD_SIZE + 1, 2], [10_001, 4],
  ])('%i entries are in %i shards', (entries, shards) => {
    expect(shardCount(entries)).toBe(shards);
  });

  it('puts an entry in the same shard whatever else the dossier has, and spreads entries evenly', () => {
    expect(shardOf('/events/a/', 1)).toBe(0);
    // Fixed values: a change to the hash would move every entry (and make every shard again).
    expect([shardOf('/actors/kataib-hezbollah/', 7), shardOf('/places/al-bukamal/', 7), shardOf('/events/a/', 3)]).toEqual([5, 4, 0]);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 7000; i++) counts[shardOf(`/events/event-${i}/`, 7)]++;
    expect(Math.min(...counts)).toBeGreaterThan(850);
    expect(Math.max(...counts)).toBeLessThan(1150);
  });

  it('keeps the first shard at the index\'s root and the others in s1/, s2/…', () => {
    expect([shardDir(0), shardDir(1), shardDir(12)]).toEqual(['', 's1/', 's12/']);
    expect(mergedShardDirs(1)).toEqual([]);
    expect(mergedShardDirs(3)).toEqual(['s1/', 's2/']);
  });

  it.each([
    [{}, SHARD_SIZE], [{ DOSSIER_SEARCH_SHARD_SIZE: '5' }, 5], [{ DOSSIER_SEARCH_SHARD_SIZE: '0' }, SHARD_SIZE], [{ DOSSIER_SEARCH_SHARD_SIZE: 'many' }, SHARD_SIZE],
  ])('shard size from %o: %i', (env, size) => {
    expect(shardSizeOption(env)).toBe(size);
  });
});

describe('MergeInOrder', () => {
  const lists = [[1, 4, 9, 12], [2, 3, 10], [], [5, 6, 7, 8, 11]];
  const loads: number[][] = [];
  const merge = () => new MergeInOrder(lists, async (items: number[]) => { loads.push(items); return items; }, (a, b) => a < b);

  it('gives every item of lists in order, in one order, a page at a time', async () => {
    const m = merge();
    expect(m.remaining).toBe(12);
    expect(await m.take(5)).toEqual([1, 2, 3, 4, 5]);
    expect(await m.take(5)).toEqual([6, 7, 8, 9, 10]);
    expect(m.remaining).toBe(2);
    expect(await m.take(5)).toEqual([11, 12]);
    expect(await m.take(5)).toEqual([]);
  });

  it('loads about what it gives, not every list\'s first page', async () => {
    loads.length = 0;
    await merge().take(4);
    // A share of 4 over 4 lists, plus one, from each list that has items; then more from a list used up.
    expect(loads).toEqual([[1, 4], [2, 3], [5, 6], [10]]);
  });

  it('keeps items that order equal in the order of their lists', async () => {
    const m = new MergeInOrder([['a1', 'b1'], ['a2']], async (x: string[]) => x, (a, b) => a[0] < b[0]);
    expect(await m.take(3)).toEqual(['a1', 'a2', 'b1']);
  });
});

describe('isoSortKey', () => {
  it.each<[string, unknown]>([
    ['2017', '2017'], ['2017-11', '2017-11'], ['2017-11-03', '2017-11-03'], ['c. 2015', { on: '2015', circa: true }],
    ['2009–2011', { start: '2009', end: '2011' }], ['until Mar 2011', { end: '2011-03' }], ['from May 2011', { start: '2011-05' }],
    ['c. Feb 50 – 51', { start: '0050-02', end: '0051', circa: true }],
  ])('%s sorts as sortKey of its span', (_, date) => {
    const r = parseDateSpan(date);
    if (!r.ok) throw new Error(r.message);
    expect(isoSortKey(isoSpan(r.value))).toBe(sortKey(r.value));
  });
});
