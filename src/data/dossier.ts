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
import { contentRoot, loadSiteConfig } from '../pipeline/load.ts';
import type { SiteConfig } from '../schemas/site.ts';
import { sharedCodeFingerprint } from '../pipeline/page-cache.ts';
import { checkedBodies, sharedRenders, sharedSearchShards, type StoredRender } from '../pipeline/shared-reading.ts';
import { createHash } from 'node:crypto';

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
  /**
   * What an entry's pages show, as one key (Astro's incremental build renders a page
   * again only when its key changed): see pageKey.
   */
  pageKey: (collection: CollectionName, id: string) => string;
  /** The key of a page that shows every entry's data and no body (the graph page). */
  dataKey: () => string;
  /** The dossier as data (/data/dossier.json), computed once on first use. */
  exported: () => ReturnType<DossierExport['json']>;
  /** The search index's shards the search page merges into its first (src/domain/search-shards.ts). */
  searchShards: string[];
}

let cached: Promise<Dossier> | undefined;

export function getDossier(): Promise<Dossier> {
  cached ??= load();
  return cached;
}

async function load(): Promise<Dossier> {
  mark('pages:start');
  const astro = new Map<string, CollectionEntry<CollectionName>>();
  // A build's store holds no bodies and no renders: they come from its reading and its
  // loaders, in this process (src/pipeline/shared-reading.ts). The preview's store has them.
  let bodies: Map<string, string> | undefined;
  const bodyOf = (key: string): string => {
    bodies ??= checkedBodies();
    const body = bodies?.get(key);
    if (body === undefined) throw new Error(`The body of ${key} is neither in the content store nor in this build's reading of the dossier.`);
    return body;
  };
  const renderOf = (key: string): StoredRender => {
    const rendered = (astro.get(key)?.rendered as StoredRender | undefined) ?? sharedRenders()?.get(key);
    if (!rendered) throw new Error(`The rendered body of ${key} is neither in the content store nor among this build's renders.`);
    return rendered;
  };
  const lists = await Promise.all(COLLECTIONS.map(async (collection) => {
    // Counted: the scale test checks that this stays once per collection per build.
    count('getCollection');
    const items = await getCollection(collection);
    for (const e of items) astro.set(`${collection}/${e.id}`, e);
    return items
      .map((e) => ({ collection, id: e.id, data: e.data as DataOf[typeof collection], body: e.body ?? bodyOf(`${collection}/${e.id}`) }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }));
  const all = Object.fromEntries(COLLECTIONS.map((c, i) => [c, lists[i]])) as Dossier['all'];
  const index = new EntryIndex(lists.flat());
  const graph = new ReferenceGraph(index);
  const site = loadSiteConfig(contentRoot());
  const media = new Map<string, string>();
  for (const key of astro.keys()) {
    for (const m of renderOf(key).metadata.media) media.set(m.name, m.full);
  }
  let exported: ReturnType<DossierExport['json']> | undefined;
  let allData: string | undefined;
  const dataOnce = () => (allData ??= dataDigest(lists.flat(), site));
  return {
    site, index, graph, all,
    media: [...media].sort(([a], [b]) => a.localeCompare(b)).map(([name, full]) => ({ name, full })),
    related: new Related(index, graph),
    astroEntry: (collection, id) => astro.get(`${collection}/${id}`)!,
    bodyParts: (collection, id) => {
      const rendered = renderOf(`${collection}/${id}`);
      return bodyParts(rendered.html, rendered.metadata.components as BodyComponent[]);
    },
    dataKey: () => dataOnce().slice(0, 32),
    pageKey: (collection, id) => pageKey(dataOnce(), String(astro.get(`${collection}/${id}`)?.digest ?? ''), graph.linksTo(collection, id)),
    exported: () => (exported ??= new DossierExport(index, graph, site).json(all)),
    // The shards the search step makes (src/integrations/search.ts); none outside a build.
    searchShards: sharedSearchShards() ?? [],
  };
}

/**
 * Everything but the bodies, hashed once per build: every entry's data (names, dates,
 * links … which pages other than the entry's own show), the site's settings and the
 * code. Changing any of it renders every entry page again.
 */
function dataDigest(entries: EntryLike[], site: SiteConfig): string {
  const hash = createHash('sha256').update(sharedCodeFingerprint() ?? '').update('\0').update(JSON.stringify(site));
  for (const e of entries) hash.update('\0').update(e.collection).update('/').update(e.id).update('\0').update(JSON.stringify(e.data));
  return hash.digest('hex');
}

/**
 * An entry page's key: the data digest, the entry's own digest (its file, as the loader
 * stored it), and the links that reach it. A body is shown on its own page; on other
 * pages only through its links (mentioned in, cited for), so editing a body renders
 * again its page and those of the entries whose incoming links changed, no other.
 */
function pageKey(data: string, own: string, incoming: readonly { from: { collection: string; id: string }; via: string }[]): string {
  const links = incoming.map((l) => `${l.from.collection}/${l.from.id} ${l.via}`).sort().join('\n');
  return createHash('sha256').update(data).update('\0').update(own).update('\0').update(links).digest('hex').slice(0, 32);
}
