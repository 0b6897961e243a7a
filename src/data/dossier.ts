/**
 * The one place that reads astro:content. Every collection is read once per build
 * (memoised), indexed once, and handed to pages as plain view models.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { bodyParts, type BodyComponent, type BodyPart } from '../domain/body-parts.ts';
import { DossierExport } from '../domain/export.ts';
import { EntryIndex, ReferenceGraph, type EntryLike } from '../domain/references.ts';
import { Related } from '../domain/related.ts';
import { COLLECTIONS, type CollectionName, type DataOf } from '../schemas/index.ts';
import { count, mark } from '../pipeline/build-stats.ts';
import { searchDocument } from '../domain/search.ts';
import { shareSearchDocuments } from '../pipeline/search-index.ts';
import { contentRoot, loadSiteConfig } from '../pipeline/load.ts';
import type { SiteConfig } from '../schemas/site.ts';

export interface Dossier {
  site: SiteConfig;
  index: EntryIndex;
  graph: ReferenceGraph;
  /** "Related" sections for entry pages, from the reference graph. */
  related: Related;
  /** Entries per collection, in a stable order. */
  all: { [C in CollectionName]: EntryLike<C>[] };
  /** Astro's own entry (its file path). */
  astroEntry: (collection: CollectionName, id: string) => CollectionEntry<CollectionName>;
  /** An entry's rendered body, in parts: HTML and content components (src/domain/body-parts.ts). */
  bodyParts: (collection: CollectionName, id: string) => BodyPart[];
  /** The image files entries show (published under /media/), one per name, with their real paths. */
  media: { name: string; full: string }[];
  /** The dossier as data (/data/dossier.json), computed once on first use. */
  exported: () => ReturnType<DossierExport['json']>;
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
  const graph = new ReferenceGraph(index);
  const site = loadSiteConfig(contentRoot());
  const media = new Map<string, string>();
  for (const e of astro.values()) {
    for (const m of (e.rendered?.metadata?.media ?? []) as { name: string; full: string }[]) media.set(m.name, m.full);
  }
  let exported: ReturnType<DossierExport['json']> | undefined;
  // The search index step (src/integrations/search.ts) runs after the pages, in this
  // process: it indexes each entry from its data and rendered body.
  shareSearchDocuments(() => ({
    language: site.language,
    documents: lists.flat().map((e) => searchDocument({ ...e, html: astro.get(`${e.collection}/${e.id}`)?.rendered?.html ?? '' })),
  }));
  return {
    site, index, graph, all,
    media: [...media].sort(([a], [b]) => a.localeCompare(b)).map(([name, full]) => ({ name, full })),
    related: new Related(index, graph),
    astroEntry: (collection, id) => astro.get(`${collection}/${id}`)!,
    bodyParts: (collection, id) => {
      const rendered = astro.get(`${collection}/${id}`)?.rendered;
      return bodyParts(rendered?.html ?? '', (rendered?.metadata?.components ?? []) as BodyComponent[]);
    },
    exported: () => (exported ??= new DossierExport(index, graph, site).json(all)),
  };
}
