/**
 * The reference graph: every link between entries (frontmatter references,
 * wikilinks, citations), resolved once per build. Backlinks and "Related" come from
 * here, never from scanning a collection on every page. Pure: no Astro imports.
 */
import { displayName } from './labels.ts';
import type { CollectionName, DataOf } from '../schemas/index.ts';
import { scanBody } from './body.ts';
import { readingGroups } from './readings.ts';
import { closest, slugify } from './suggest.ts';

export interface EntryLike<C extends CollectionName = CollectionName> {
  collection: C;
  id: string;
  data: DataOf[C];
  body: string;
}

/** A place in an entry that points at another entry. */
export interface RefSite {
  /** Field path, e.g. ['relations', 0, 'target'], or ['body'] for wikilinks/citations. */
  path: (string | number)[];
  /** The collection the reference must point into (undefined: any collection, for wikilinks). */
  collection?: CollectionName;
  /** The id as written (wikilinks may be `collection/id`). */
  id: string;
  /** Why the link exists, for "Related" and the graph. */
  via: 'source' | 'relation' | 'designation' | 'participant' | 'place' | 'parent' | 'country' | 'publisher' | 'wikilink' | 'citation';
  /** Body position, for wikilinks and citations. */
  line?: number;
  column?: number;
}

const src = (path: (string | number)[], id: string): RefSite => ({ path, collection: 'sources', id, via: 'source' });
const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** `sources:` items are ids or { source, locator }; raw (unvalidated) data is tolerated. */
function sourceSites(base: (string | number)[], items: unknown): RefSite[] {
  const sites: RefSite[] = [];
  list(items).forEach((s, i) => {
    if (isId(s)) sites.push(src([...base, i], s));
    else if (s && isId(s.source)) sites.push(src([...base, i], s.source));
  });
  return sites;
}

function refSite(sites: RefSite[], path: (string | number)[], collection: CollectionName, id: unknown, via: RefSite['via']) {
  if (isId(id)) sites.push({ path, collection, id, via });
}

/**
 * The frontmatter references of one entry, with their field paths. Written against
 * raw data too, so that an entry with a schema error still has its references checked.
 */
export function frontmatterRefs(entry: { collection: CollectionName; data: unknown }): RefSite[] {
  const sites: RefSite[] = [];
  const d = (entry.data ?? {}) as any;
  if (entry.collection !== 'pages') sites.push(...sourceSites(['sources'], d.sources));
  list(d.aliases).forEach((a, i) => refSite(sites, ['aliases', i, 'source'], 'sources', a?.source, 'source'));
  switch (entry.collection) {
    case 'actors':
      list(d.relations).forEach((r, i) => {
        refSite(sites, ['relations', i, 'target'], 'actors', r?.target, 'relation');
        sites.push(...sourceSites(['relations', i, 'sources'], r?.sources));
      });
      list(d.designations).forEach((g, i) => {
        refSite(sites, ['designations', i, 'by'], 'actors', g?.by, 'designation');
        sites.push(...sourceSites(['designations', i, 'sources'], g?.sources));
      });
      list(d.sizeEstimates).forEach((s, i) => sites.push(...sourceSites(['sizeEstimates', i, 'sources'], s?.sources)));
      break;
    case 'places':
      refSite(sites, ['parent'], 'places', d.parent, 'parent');
      list(d.countries).forEach((c, i) => refSite(sites, ['countries', i], 'places', c, 'country'));
      refSite(sites, ['coordinates', 'source'], 'sources', d.coordinates?.source, 'source');
      break;
    case 'events':
      list(d.places).forEach((p, i) => refSite(sites, ['places', i], 'places', p, 'place'));
      list(d.participants).forEach((p, i) => refSite(sites, ['participants', i, 'actor'], 'actors', p?.actor, 'participant'));
      break;
    case 'sources':
      refSite(sites, ['publisherActor'], 'actors', d.publisherActor, 'publisher');
      break;
  }
  // Each reading's sources, at the path a contributor wrote them: date.readings[1].sources[0].
  for (const g of readingGroups(entry.collection, d)) {
    g.readings.forEach((r, j) => sites.push(...sourceSites([...g.path, 'readings', j, 'sources'], r?.sources)));
  }
  return sites;
}

/** Wikilinks and citations in the body, as reference sites. */
export function bodyRefs(body: string, firstLine = 1): RefSite[] {
  const sites: RefSite[] = [];
  for (const t of scanBody(body, firstLine)) {
    if (t.type === 'wikilink') sites.push({ path: ['body'], id: t.target, via: 'wikilink', line: t.line, column: t.column });
    else for (const item of t.items) sites.push({ path: ['body'], collection: 'sources', id: item.source, via: 'citation', line: t.line, column: t.column });
  }
  return sites;
}

export interface ResolvedLink {
  from: { collection: CollectionName; id: string };
  to: { collection: CollectionName; id: string };
  via: RefSite['via'];
  path: (string | number)[];
}

export type Resolution =
  | { ok: true; collection: CollectionName; id: string }
  | { ok: false; reason: 'unknown' | 'ambiguous' | 'wrong-collection'; suggestion?: string; candidates?: string[] };

/** All ids, their collections and the names/aliases that suggestions can match. */
export class EntryIndex {
  readonly byKey = new Map<string, EntryLike>();
  readonly collectionsById = new Map<string, CollectionName[]>();
  /** Ids, names and aliases to suggest from: built on the first suggestion (a clean dossier needs none). */
  private suggestKeys?: { collection: CollectionName; key: string; value: string }[];

  constructor(entries: Iterable<EntryLike>) {
    for (const e of entries) {
      this.byKey.set(`${e.collection}/${e.id}`, e);
      const list = this.collectionsById.get(e.id);
      if (list) list.push(e.collection); else this.collectionsById.set(e.id, [e.collection]);
    }
  }

  private keys() {
    if (this.suggestKeys) return this.suggestKeys;
    const keys: { collection: CollectionName; key: string; value: string }[] = [];
    for (const e of this.byKey.values()) {
      keys.push({ collection: e.collection, key: e.id, value: e.id });
      const d = e.data as any;
      for (const name of [d.name, d.title, ...(Array.isArray(d.aliases) ? d.aliases : []).map((a: any) => a?.name)]) {
        const slug = typeof name === 'string' ? slugify(name) : '';
        if (slug) keys.push({ collection: e.collection, key: slug, value: e.id });
      }
    }
    return (this.suggestKeys = keys);
  }

  get(collection: CollectionName, id: string): EntryLike | undefined {
    return this.byKey.get(`${collection}/${id}`);
  }

  /** Resolves a reference as written, in the collection it must point into (if any). */
  resolve(written: string, collection?: CollectionName): Resolution {
    let id = written;
    let want = collection;
    const slash = written.indexOf('/');
    if (slash > 0 && !collection) {
      want = written.slice(0, slash) as CollectionName;
      id = written.slice(slash + 1);
    }
    const found = this.collectionsById.get(id) ?? [];
    if (want) {
      if (found.includes(want)) return { ok: true, collection: want, id };
      if (found.length) return { ok: false, reason: 'wrong-collection', candidates: found.map((c) => `${c}/${id}`), suggestion: this.suggest(id, want) };
      return { ok: false, reason: 'unknown', suggestion: this.suggest(id, want) };
    }
    if (found.length === 1) return { ok: true, collection: found[0], id };
    if (found.length > 1) return { ok: false, reason: 'ambiguous', candidates: found.map((c) => `${c}/${id}`) };
    return { ok: false, reason: 'unknown', suggestion: this.suggest(id) };
  }

  /** The closest id (by id, name or alias) in the given collection, or any. */
  suggest(wanted: string, collection?: CollectionName): string | undefined {
    const pool = collection ? this.keys().filter((k) => k.collection === collection) : this.keys();
    return closest(slugify(wanted) || wanted, pool);
  }

  /** Display name of an entry. */
  label(collection: CollectionName, id: string): string {
    return displayName(this.get(collection, id)?.data, id);
  }
}

/** Outgoing and incoming resolved links for every entry: computed once per build. */
export class ReferenceGraph {
  readonly outgoing = new Map<string, ResolvedLink[]>();
  readonly incoming = new Map<string, ResolvedLink[]>();

  constructor(readonly index: EntryIndex) {
    for (const entry of index.byKey.values()) {
      const from = { collection: entry.collection, id: entry.id };
      for (const site of [...frontmatterRefs(entry), ...bodyRefs(entry.body)]) {
        const r = index.resolve(site.id, site.collection);
        if (!r.ok) continue;
        const link: ResolvedLink = { from, to: { collection: r.collection, id: r.id }, via: site.via, path: site.path };
        push(this.outgoing, `${from.collection}/${from.id}`, link);
        push(this.incoming, `${r.collection}/${r.id}`, link);
      }
    }
  }

  linksFrom(collection: CollectionName, id: string): ResolvedLink[] {
    return this.outgoing.get(`${collection}/${id}`) ?? [];
  }

  linksTo(collection: CollectionName, id: string): ResolvedLink[] {
    return this.incoming.get(`${collection}/${id}`) ?? [];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}
