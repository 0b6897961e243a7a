/**
 * The one place that reads astro:content. Every collection is read once per build
 * (memoised), indexed once, and handed to pages as plain view models.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { EntryIndex, ReferenceGraph, type EntryLike } from '../domain/references.ts';
import { COLLECTIONS, type CollectionName, type DataOf } from '../schemas/index.ts';
import { count, mark } from '../pipeline/build-stats.ts';
import { contentRoot, loadSiteConfig } from '../pipeline/load.ts';
import type { SiteConfig } from '../schemas/site.ts';

export interface Dossier {
  site: SiteConfig;
  index: EntryIndex;
  graph: ReferenceGraph;
  /** Entries per collection, in a stable order. */
  all: { [C in CollectionName]: EntryLike<C>[] };
  /** Astro's own entry, for render(). */
  astroEntry: (collection: CollectionName, id: string) => CollectionEntry<CollectionName>;
}

let cached: Promise<Dossier> | undefined;

export function getDossier(): Promise<Dossier> {
  cached ??= load();
  return cached;
}

async function load(): Promise<Dossier> {
  mark('pages:start');
  const astro = new Map<string, CollectionEntry<CollectionName>>();
  const lists = await Promise.all(COLLECTIONS.map(async (collection) => {
    // Counted: the scale test checks that this stays once per collection per build.
    count('getCollection');
    const items = await getCollection(collection);
    for (const e of items) astro.set(`${collection}/${e.id}`, e);
    return items
      .map((e) => ({ collection, id: e.id, data: e.data as DataOf[typeof collection], body: e.body ?? '' }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }));
  const all = Object.fromEntries(COLLECTIONS.map((c, i) => [c, lists[i]])) as Dossier['all'];
  const index = new EntryIndex(lists.flat());
  return {
    site: loadSiteConfig(contentRoot()), index, graph: new ReferenceGraph(index), all,
    astroEntry: (collection, id) => astro.get(`${collection}/${id}`)!,
  };
}
