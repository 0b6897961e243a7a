/**
 * View models of the entry pages and the home page: what the components show, decided
 * here so that a label or a layout rule can be tested without a build. Components only
 * render what these return. Pure: no Astro imports.
 */
import type { Actor } from '../schemas/actors.ts';
import type { Page } from '../schemas/pages.ts';
import type { Place } from '../schemas/places.ts';
import type { Source } from '../schemas/sources.ts';
import { ALIAS_KINDS, type Alias } from '../schemas/shared.ts';
import type { CollectionName } from '../schemas/index.ts';
import { ALIAS_KIND_LABELS, COLLECTION_LABELS } from './labels.ts';
import type { EntryIndex, EntryLike, ReferenceGraph } from './references.ts';
import { cutSections, RELATED_LIMIT, type Related, type RelatedSection } from './related.ts';
import { entryUrl, indexUrl, LISTED_COLLECTIONS, OVERVIEW_ID, relatedUrl, type ListedCollection } from './urls.ts';


// --- key facts (Infobox.astro) ---

export interface AliasGroup {
  /** "Transliteration" or "Transliterations", as many as it holds. */
  label: string;
  /** Each name with its citation key (aliases.<i>) for its footnote markers. */
  items: (Alias & { key: string })[];
}

/** Other names grouped by kind, kinds in the schema's order, misspellings last. */
export function aliasGroups(aliases: readonly Alias[]): AliasGroup[] {
  const keyed = aliases.map((a, i) => ({ ...a, key: `aliases.${i}` }));
  const kinds = [...ALIAS_KINDS.filter((k) => k !== 'misspelling'), 'misspelling' as const];
  return kinds.map((kind) => keyed.filter((a) => a.kind === kind))
    .filter((items) => items.length > 0)
    .map((items) => ({ label: items.length === 1 ? ALIAS_KIND_LABELS[items[0].kind].one : ALIAS_KIND_LABELS[items[0].kind].many, items }));
}

/** "34.4567° N, 40.9167° E": four decimals at most, trailing zeros dropped. */
export function formatCoordinates(c: Pick<NonNullable<Place['coordinates']>, 'lat' | 'lon'>): string {
  const degrees = (v: number, pos: string, neg: string) => `${Math.abs(v).toFixed(4).replace(/\.?0+$/, '')}° ${v >= 0 ? pos : neg}`;
  return `${degrees(c.lat, 'N', 'S')}, ${degrees(c.lon, 'E', 'W')}`;
}

/** A position with its precision, as a reading of a place's coordinates reads. */
export function formatPosition(c: Pick<NonNullable<Place['coordinates']>, 'lat' | 'lon' | 'precision'>): string {
  return `${formatCoordinates(c)} (${c.precision})`;
}

/** A source's web address as a reader recognises it: its host without www. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || url;
  } catch {
    return url;
  }
}

/** "400", "1,000–2,000 fighters", "?–5,000": a size estimate's value or range and unit. */
export function formatSize(s: Pick<Actor['sizeEstimates'][number], 'value' | 'min' | 'max' | 'unit'>): string {
  const n = (v: number | undefined) => (v === undefined ? '?' : v.toLocaleString('en'));
  const value = s.value !== undefined ? n(s.value) : `${n(s.min)}–${n(s.max)}`;
  return s.unit ? `${value} ${s.unit}` : value;
}

/** "Reuters, John Smith": who published and wrote a source, as the sources index shows it. */
export function sourceCredit(source: Pick<Source, 'publisher' | 'author'>): string {
  return [source.publisher, source.author].filter(Boolean).join(', ');
}

/** "Al Bukamal, Al Qaim": the names of the places an event lists. */
export function placeNames(ids: readonly string[], index: Pick<EntryIndex, 'label'>): string {
  return ids.map((id) => index.label('places', id)).join(', ');
}

/** The publisher a source page names, linked to its actor when it has one. */
export function sourcePublisher(source: Source, index: EntryIndex): { text: string; href?: string } | undefined {
  const href = source.publisherActor ? entryUrl('actors', source.publisherActor) : undefined;
  if (source.publisher) return { text: source.publisher, href };
  if (source.publisherActor) return { text: index.label('actors', source.publisherActor), href };
  return undefined;
}

// --- footnotes (SourceList.astro) ---

/**
 * Words that name a place in a source ("para 3", "p. 12", "section 2", "00:41") rather
 * than quote it. Anything else a locator holds is a short exact quote (the schema's
 * description), shown in quotation marks so it does not read as part of the citation.
 */
const PLACE_LOCATOR = /^(?:(?:paras?|paragraphs?|p|pp|pages?|sections?|chapters?|ch|lines?|figures?|fig|tables?|cols?|columns?|slides?|items?|notes?|footnotes?|n|nn|art|articles?|clauses?|vol|volumes?|no|parts?|annex|appendix|minutes?|min|at)\b\.?\s*(?:\d|[ivxlc]+\b)|§+\s*\d|\d[\d\s:.,–-]*$)/i;
const ALREADY_QUOTED = /^["“‘'«„]/;

/** A footnote's locator: "para 9" as it is, a quotation between quotation marks. */
export function locatorView(locator: string): { text: string; quoted: boolean } {
  const text = locator.trim();
  return { text, quoted: !PLACE_LOCATOR.test(text) && !ALREADY_QUOTED.test(text) };
}

/**
 * The footnotes that cite a source already cited above (another locator): they give only
 * its publisher and date, when it has a publisher; the first keeps the full title.
 */
export function shortFootnotes(footnotes: readonly { n: number; source: string }[], hasPublisher: (source: string) => boolean): Set<number> {
  const seen = new Set<string>();
  const short = new Set<number>();
  for (const f of footnotes) {
    if (seen.has(f.source) && hasPublisher(f.source)) short.add(f.n);
    seen.add(f.source);
  }
  return short;
}

/** Letters for a footnote's back-links, one per citation of it: a … z, a1 … */
export function backrefLetter(k: number): string {
  return String.fromCharCode(97 + (k % 26)) + (k >= 26 ? String(Math.floor(k / 26)) : '');
}

// --- the entry page (EntryPage.astro) ---

export interface EntryVisualisations {
  /** An actor's or a place's events on a timeline (ids, date order). */
  timeline?: { events: string[]; title: string };
  /** An actor's neighbourhood in the relations graph. */
  graph?: { title: string };
  /** A place with coordinates, or with places within it that have them. */
  map?: { title: string };
}

/** Which visualisations an entry's page shows, and their titles. */
export function entryVisualisations(collection: CollectionName, id: string, d: { index: EntryIndex; graph: ReferenceGraph; related: Related }): EntryVisualisations {
  const name = d.index.label(collection, id);
  const data = d.index.get(collection, id)?.data;
  const out: EntryVisualisations = {};
  if (collection === 'actors') {
    const events = d.related.eventsOfActor(id).map((e) => e.id);
    if (events.length) out.timeline = { events, title: `Events involving ${name}` };
    const related = (data as Actor).relations.length > 0 || d.graph.linksTo('actors', id).some((l) => l.via === 'relation');
    if (related) out.graph = { title: `Relations of ${name}` };
  } else if (collection === 'places') {
    const events = d.related.eventsAtPlace(id).map((e) => e.id);
    if (events.length) out.timeline = { events, title: `Events in ${name}` };
    const hasCoordinates = (p: string) => !!(d.index.get('places', p)?.data as Place | undefined)?.coordinates;
    const mappable = hasCoordinates(id) || d.graph.linksTo('places', id).some((l) => (l.via === 'parent' || l.via === 'country') && hasCoordinates(l.from.id));
    if (mappable) out.map = { title: `Map of ${name}` };
  }
  return out;
}

/**
 * The Related sections an entry page shows: long lists cut (cutSections), with a link to
 * the entry's related page. An explainer page has no related page: its lists stay whole.
 */
export function entryRelated(collection: CollectionName, id: string, related: Related): RelatedSection[] {
  const sections = related.for(collection, id);
  return collection === 'pages' ? sections : cutSections(sections, relatedUrl(collection, id));
}

// --- an entry's related page ([collection]/[id]/related.astro) ---

/** Every item of an entry's Related lists (`sections`, whole), under a link back to the entry. */
export function relatedPage(collection: ListedCollection, id: string, sections: RelatedSection[], index: EntryIndex): { title: string; intro: string; back: { href: string; label: string }; sections: RelatedSection[] } {
  const name = index.label(collection, id);
  return {
    title: `Related to ${name}`,
    intro: `Everything in the dossier that is related to ${name}: its page shows up to ${RELATED_LIMIT} of each list.`,
    back: { href: entryUrl(collection, id), label: name },
    sections,
  };
}

/** The eyebrow link above an entry's title: its collection's index page (pages have none). */
export function entryEyebrow(collection: CollectionName): { href: string; label: string } | undefined {
  return collection === 'pages' ? undefined : { href: indexUrl(collection), label: COLLECTION_LABELS[collection].many };
}

// --- the home page (index.astro) ---

/** The explainer pages (each has a page; the home page lists them): every page but the overview, in their order. */
export function explainerPages(pages: readonly EntryLike<'pages'>[]): EntryLike<'pages'>[] {
  return pages.filter((p) => p.id !== OVERVIEW_ID).sort((a, b) => (a.data as Page).order - (b.data as Page).order || a.id.localeCompare(b.id));
}

/** "18 actors", "12 places" …: the home page's counts, each linking to its index. */
export function collectionCounts(counts: Record<ListedCollection, number>): { href: string; text: string }[] {
  return LISTED_COLLECTIONS.map((c) => ({ href: indexUrl(c), text: `${counts[c]} ${(counts[c] === 1 ? COLLECTION_LABELS[c].one : COLLECTION_LABELS[c].many).toLowerCase()}` }));
}
