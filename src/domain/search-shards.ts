/**
 * The search index in shards: a large dossier's entries are indexed in several Pagefind
 * indexes of at most SHARD_SIZE entries each, so a rebuild after one entry changed makes
 * one shard again, not the whole index (Pagefind cannot change an index in part: 7 s at
 * 10,000 entries). An entry's shard is a hash of its address, so it stays in its shard
 * while others are added or changed. The search page merges the shards' results
 * (src/client/search.ts): by score, as Pagefind merges indexes, or in date order
 * (MergeInOrder). A dossier of up to SHARD_SIZE entries has one index, as before.
 * Pure: no Astro or Pagefind imports.
 */

/**
 * Entries per shard, at most: at 10,000 entries, 4 shards of about 2,500 (2 s each to
 * make, beside the pages). Smaller shards cost the search page more: each query term
 * loads a chunk from every shard, and scores compare less well across more indexes.
 */
export const SHARD_SIZE = 3000;

/** The filter each shard's results carry on the search page, to ask one shard at a time. */
export const SHARD_FILTER = 'shard';

/** How many shards an index of `entries` entries has. */
export function shardCount(entries: number, size = SHARD_SIZE): number {
  return Math.max(1, Math.ceil(entries / Math.max(1, size)));
}

/** The shard of an entry's address (FNV-1a: stable across builds, machines and Node versions). */
export function shardOf(url: string, shards: number): number {
  if (shards <= 1) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) {
    h ^= url.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}

/**
 * Where a shard's files are, below the index's folder: the first at its root (with
 * Pagefind's script and WebAssembly, which the others share), the others in s1/, s2/…
 */
export function shardDir(shard: number): string {
  return shard === 0 ? '' : `s${shard}/`;
}

/** The folders below the index's folder that the search page merges into the first shard. */
export function mergedShardDirs(shards: number): string[] {
  return Array.from({ length: Math.max(0, shards - 1) }, (_, i) => shardDir(i + 1));
}

/**
 * Merges lists that are each in order into one list in that order, loading only what it
 * compares: take(n) loads the next few items of each list (load), then gives the n first
 * of all. Items whose order is equal keep the order of their lists. For "sort by date"
 * across shards, where each shard gives its results in date order.
 */
export class MergeInOrder<R, D> {
  private readonly lists: { rest: R[]; loaded: D[] }[];
  private readonly load: (items: R[]) => Promise<D[]>;
  private readonly before: (a: D, b: D) => boolean;

  constructor(lists: readonly (readonly R[])[], load: (items: R[]) => Promise<D[]>, before: (a: D, b: D) => boolean) {
    this.lists = lists.map((l) => ({ rest: [...l], loaded: [] }));
    this.load = load;
    this.before = before;
  }

  /** Items not yet given. */
  get remaining(): number {
    return this.lists.reduce((n, l) => n + l.rest.length + l.loaded.length, 0);
  }

  async take(n: number): Promise<D[]> {
    const out: D[] = [];
    // Each list loads a share of what is asked for at a time, so a page of n results
    // costs about n loads plus one per list, not n per list.
    const batch = Math.max(1, Math.ceil(n / Math.max(1, this.lists.length)) + 1);
    while (out.length < n) {
      await Promise.all(this.lists.map(async (l) => {
        if (l.loaded.length || !l.rest.length) return;
        l.loaded.push(...await this.load(l.rest.splice(0, batch)));
      }));
      let best: { rest: R[]; loaded: D[] } | undefined;
      for (const l of this.lists) {
        if (l.loaded.length && (!best || this.before(l.loaded[0], best.loaded[0]))) best = l;
      }
      if (!best) break;
      out.push(best.loaded.shift()!);
    }
    return out;
  }
}

/**
 * Entries per shard from the environment (DOSSIER_SEARCH_SHARD_SIZE, for tests that
 * need several shards from a small dossier), else SHARD_SIZE.
 */
export function shardSizeOption(env: Record<string, string | undefined>): number {
  const n = Number(env.DOSSIER_SEARCH_SHARD_SIZE);
  return Number.isInteger(n) && n > 0 ? n : SHARD_SIZE;
}
