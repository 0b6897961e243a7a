/**
 * What the search index knows about an entry: its text (searchDocument), the other
 * names it is found by, the metadata a result shows, the filters and the sort key, and
 * how results that name the query are lifted. Computed from the entry's data and its
 * rendered body; src/pipeline/search-index.ts writes the index from it. Pure: no Astro
 * imports.
 */
import type { CollectionName, DataOf } from '../schemas/index.ts';
import { formatSpan, isoSpan, type DateSpan, type PartialDate } from './dates.ts';
import { foldArabic } from './arabic.ts';
import { readingGroups, readingsText } from './readings.ts';
import { asSentence, htmlText } from './search-text.ts';
import { entryUrl } from './urls.ts';

/** The singular type name shown on a result and used by the type filter. */
export const SEARCH_TYPES: Record<CollectionName, string> = {
  actors: 'actor', places: 'place', events: 'event', sources: 'source', pages: 'page',
};

export interface SearchRecord {
  /** Shown with each result (Pagefind metadata). */
  meta: Record<string, string>;
  /** Narrow the results (Pagefind filters); a page may carry several values. */
  filters: Record<string, string[]>;
  /** Order results (Pagefind sort keys). */
  sort: Record<string, string>;
  /** Every other name the entry goes by (aliases, native name), as written. */
  names: string[];
  /**
   * The readings of facts on which sources differ (values as shown, and notes), one text per
   * field: a search for a reading the page does not follow still finds the page. The page shows
   * them in its infobox, inside the indexed body.
   */
  readings: string[];
}

/** Years a span touches, for the year filter ("2009–2011" is in 2009, 2010 and 2011). */
export function spanYears(span: DateSpan): string[] {
  const from = span.start?.year ?? span.end!.year;
  const to = span.end?.year ?? span.start!.year;
  // A long period would flood the filter list; its two ends are enough to find it.
  if (to - from > 50) return [String(from), String(to)];
  const years: string[] = [];
  for (let y = from; y <= to; y++) years.push(String(y));
  return years;
}

/**
 * A key that sorts dates chronologically as text, whatever their precision:
 * 2017 → "2017-00-00", Nov 2017 → "2017-11-00", 3 Nov 2017 → "2017-11-03".
 * A month sorts before its days; every key is text (Pagefind compares numbers
 * numerically and a bare "2017" would be one).
 */
export function sortKey(span: DateSpan): string {
  const d: PartialDate = span.start ?? span.end!;
  const pad = (n: number | undefined, w: number) => String(n ?? 0).padStart(w, '0');
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/**
 * The sort key of a date in its machine form (isoSpan, as a result's metadata has it):
 * the same as sortKey of the span. The search page orders results from several shards by it.
 */
export function isoSortKey(iso: string): string {
  const [start, end] = iso.replace(/^~/, '').split('/');
  const [year, month = '00', day = '00'] = (start && start !== '..' ? start : end ?? '').split('-');
  return `${year}-${month}-${day}`;
}

/** "armed-group" → "armed group". */
export const kindLabel = (kind: string) => kind.replace(/-/g, ' ');

/** The search record of one entry. */
export function searchRecord<C extends CollectionName>(collection: C, data: DataOf[C]): SearchRecord {
  const d = data as any;
  const type = SEARCH_TYPES[collection];
  const meta: Record<string, string> = { type };
  const filters: Record<string, string[]> = { type: [type] };
  const sort: Record<string, string> = {};
  // Actors and places are things with names: a query for the name (or any alias) is a
  // query for their page. Ranking boosts these fields (see RANKING in src/client/search.ts)
  // well above a plain title match, so a headline that repeats a name does not outrank it.
  if ((collection === 'actors' || collection === 'places') && typeof d.name === 'string') meta.name = d.name;
  if (typeof d.kind === 'string') meta.kind = kindLabel(d.kind);
  // "Actor kind" is the one kind filter readers asked for; places and sources keep theirs as metadata.
  if (collection === 'actors' && typeof d.kind === 'string') filters.kind = [kindLabel(d.kind)];
  if (collection === 'sources' && typeof d.publisher === 'string') meta.publisher = d.publisher;
  const date: DateSpan | undefined = collection === 'events' ? d.date : collection === 'sources' ? d.published : undefined;
  if (date) {
    meta.date = formatSpan(date);
    meta.datetime = isoSpan(date);
    filters.year = spanYears(date);
    sort.date = sortKey(date);
  }
  const names = otherNames(d);
  if (names.length) meta.names = names.join(' · ');
  const readings = readingGroups(collection, d).map((g) => readingsText({ readings: g.readings }, readingFormat(g.path.at(-1))));
  return { meta, filters, sort, names, readings };
}

/** How a reading's value reads, by its field: dates as on the page, positions as degrees. */
function readingFormat(field: unknown): (v: any) => string {
  if (field === 'date') return (v: DateSpan) => formatSpan(v);
  if (field === 'coordinates') return (v: { lat: number; lon: number }) => `${v.lat}, ${v.lon}`;
  return (v) => String(v);
}

/** An entry as search reads it: its data and its rendered body (HTML, from the renderer). */
export interface SearchEntry<C extends CollectionName = CollectionName> {
  collection: C;
  id: string;
  data: DataOf[C];
  /** The rendered body; "" when it has none. */
  html: string;
}

/** One entry in the search index: what it is found by and what a result shows. */
export interface SearchDocument extends SearchRecord {
  /** Root-relative address of the entry's page. */
  url: string;
  /** Its name or title, as written. */
  title: string;
  /**
   * Its prose as written, one line: summary, subtitle, notes, then the body's text
   * (no citation markers, labels or lists of other entries). Matched, and the snippet
   * of a result is cut from it, so it reads as sentences.
   */
  text: string;
  /** Other searchable facts, matched but not shown: designations, relation notes. */
  facts: string[];
}

/**
 * Everything search knows about one entry: the ONE place that decides what an entry
 * is found by. The index (src/pipeline/search-index.ts) is written from these. A new
 * field a reader should find an entry by goes here: prose into `text`, short facts
 * into `facts` (readings of a fact, for instance, by their text).
 */
export function searchDocument<C extends CollectionName>(entry: SearchEntry<C>): SearchDocument {
  const d = entry.data as any;
  const record = searchRecord(entry.collection, entry.data);
  const prose = [d.summary, d.subtitle, entry.collection === 'sources' ? d.notes : undefined].map(asSentence).filter(Boolean);
  const body = entry.html ? htmlText(entry.html) : '';
  if (body) prose.push(body);
  const facts: string[] = [];
  const add = (t: unknown) => { if (typeof t === 'string' && t.trim()) facts.push(t.trim()); };
  for (const x of Array.isArray(d.designations) ? d.designations : []) { add(x.list); add(x.note); }
  for (const x of Array.isArray(d.relations) ? d.relations : []) add(x.note);
  for (const x of Array.isArray(d.sizeEstimates) ? d.sizeEstimates : []) { add(x.unit); add(x.note); }
  if (entry.collection === 'sources') { add(d.author); add(d.publisher); }
  // Readings of a fact on which sources differ: each value as the page shows it, and its note.
  for (const t of record.readings) add(t);
  if (entry.collection === 'events') for (const x of Array.isArray(d.participants) ? d.participants : []) add(x.role);
  return {
    ...record,
    url: entryUrl(entry.collection, entry.id),
    title: String(d.name ?? d.title ?? entry.id),
    text: prose.join(' ').replace(/\s+/g, ' ').trim(),
    facts,
  };
}

/** Aliases and the native name, deduplicated, without the entry's own name. */
function otherNames(d: any): string[] {
  const own = String(d.name ?? d.title ?? '').toLowerCase();
  const seen = new Set<string>([own]);
  const names: string[] = [];
  const add = (n: unknown) => {
    if (typeof n !== 'string' || !n.trim()) return;
    const key = foldArabic(n.trim()).toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    names.push(n.trim());
  };
  if (d.nativeName) add(d.nativeName.text);
  for (const a of Array.isArray(d.aliases) ? d.aliases : []) add(a?.name);
  return names;
}

export interface SearchFacets {
  /** The type filter's choices, "" meaning every type. */
  types: { value: string; label: string }[];
  /** Actor kinds present in the dossier, as the kind filter spells them. */
  kinds: string[];
  /** Years any dated entry touches, earliest first. */
  years: string[];
}

/** The filter choices the search page offers, from the whole dossier (computed once). */
export function searchFacets(all: { [C in CollectionName]: { data: DataOf[C] }[] }): SearchFacets {
  const kinds = new Set<string>();
  const years = new Set<string>();
  const types = [{ value: '', label: 'Everything' }];
  const plural: Partial<Record<CollectionName, string>> = { actors: 'Actors', places: 'Places', events: 'Events', sources: 'Sources' };
  for (const collection of Object.keys(plural) as CollectionName[]) {
    const entries = all[collection] ?? [];
    if (entries.length) types.push({ value: SEARCH_TYPES[collection], label: plural[collection]! });
    for (const e of entries) {
      const r = searchRecord(collection, e.data);
      for (const k of r.filters.kind ?? []) kinds.add(k);
      for (const y of r.filters.year ?? []) years.add(y);
    }
  }
  return { types, kinds: [...kinds].sort(), years: [...years].sort() };
}

/**
 * A name as a reader might type it: case, accents, Arabic spelling variants,
 * apostrophes and punctuation don't matter. "Kata’ib Hizballah" and
 * "kata'ib hizballah" have the same key.
 */
export function nameKey(name: string): string {
  return foldArabic(name).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/['’‘`ʼ]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The words of a text as nameKey sees them, without the articles a reader may leave out. */
function keyWords(text: string): string[] {
  return nameKey(text).split(' ').filter((w) => w && !/^(al|el|ال)$/.test(w));
}

/**
 * How well a result's names answer the query: 0 its name, 1 an alias, native name or
 * its title exactly, 2 a title holding every word of the query (an actor, place,
 * event or page: a source named after an event comes after the event), 3 none of
 * these. Used to lift such results to the top: ranking by word statistics alone
 * can't, when the name is a word most pages use ("Iraq") or a source repeats it.
 */
export function exactNameRank(query: string, meta: Record<string, string | undefined>): number {
  const q = nameKey(query);
  if (!q) return 3;
  if (meta.name && nameKey(meta.name) === q) return 0;
  const others = [meta.title ?? '', ...(meta.names ?? '').split(' · ')];
  if (others.some((n) => n && nameKey(n) === q)) return 1;
  const words = keyWords(query);
  if (meta.type !== SEARCH_TYPES.sources && words.length && meta.title) {
    const title = new Set(keyWords(meta.title));
    if (words.every((w) => title.has(w))) return 2;
  }
  return 3;
}

/** Stable re-order: exact name matches first, then the search engine's order. */
export function liftExactNames<T extends { meta: Record<string, string | undefined> }>(query: string, results: T[]): T[] {
  return results
    .map((r, i) => ({ r, i, rank: exactNameRank(query, r.meta) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.r);
}
