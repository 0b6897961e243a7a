/** Every collection read once per build (memoised) and indexed by id: indexed lookups, no per-page scans. */
import { getCollection, type CollectionEntry } from 'astro:content';
import { count, mark } from '../../../src/pipeline/build-stats.ts';

export const COLLECTIONS = ['actors', 'places', 'events', 'sources', 'pages'] as const;
export type Name = (typeof COLLECTIONS)[number];
type Entry = CollectionEntry<Name>;

let cached: Promise<{ all: Record<Name, Entry[]>; byId: Map<string, Entry> }> | undefined;

export function getSite() {
  cached ??= (async () => {
    mark('pages:start');
    count('getCollection', COLLECTIONS.length);
    const lists = await Promise.all(COLLECTIONS.map((c) => getCollection(c)));
    const all = Object.fromEntries(COLLECTIONS.map((c, i) => [c, lists[i].sort((a, b) => a.id.localeCompare(b.id))])) as Record<Name, Entry[]>;
    const byId = new Map<string, Entry>();
    COLLECTIONS.forEach((c, i) => lists[i].forEach((e) => byId.set(`${c}/${e.id}`, e)));
    return { all, byId };
  })();
  return cached;
}

export const label = (e: Entry | undefined, id: string) => ((e?.data as any)?.name ?? (e?.data as any)?.title ?? id) as string;
export const sourceIds = (data: any): string[] => (Array.isArray(data?.sources) ? data.sources.map((s: any) => (typeof s === 'string' ? s : s.source)) : []);
