/**
 * "Related" sections of an entry page, computed from the reference graph built once
 * per build (ReferenceGraph: linksFrom / linksTo), never by scanning a collection.
 * Pure: pages only render what this returns.
 */
import type { Actor, Relation } from '../schemas/actors.ts';
import type { Event } from '../schemas/events.ts';
import type { CollectionName } from '../schemas/index.ts';
import { compareSpans, type DateSpan } from './dates.ts';
import { COLLECTION_LABELS, RELATION_WORDS, relationPhrase } from './labels.ts';
import type { EntryIndex, ReferenceGraph, ResolvedLink } from './references.ts';
import { entryUrl } from './urls.ts';

export interface RelatedItem {
  collection: CollectionName;
  id: string;
  label: string;
  url: string;
  /** Words before the link, e.g. "backed by". */
  prefix?: string;
  /** Words after it, e.g. a role or a relation's note. */
  note?: string;
  date?: DateSpan;
  /** How many events tie it here (actors active at a place): the busiest stay when a list is cut. */
  weight?: number;
}

/** Which items stay when a long list is cut: the first, the latest (date order), the busiest. */
export type Keep = 'first' | 'latest' | 'busiest';

export interface RelatedSection {
  /** Stable id, also the heading's anchor: related-events, related-relations … */
  id: string;
  title: string;
  items: RelatedItem[];
  keep: Keep;
  /** Set when the entry page shows part of the list: all of it is on the entry's related page. */
  more?: { lead: string; link: string; url: string };
}

/**
 * Longest list an entry page shows: a country's page would otherwise carry hundreds of
 * events and actors (about 60 KB of links at 10,000 entries). The rest are a click away.
 */
export const RELATED_LIMIT = 100;

/** Whether any of an entry's lists is longer than an entry page shows. */
export const hasLongList = (sections: RelatedSection[], limit = RELATED_LIMIT) => sections.some((s) => s.items.length > limit);

/**
 * The sections as the entry page shows them: a list longer than `limit` keeps the
 * items its section says, in its order, and names the page with all of them.
 */
export function cutSections(sections: RelatedSection[], moreUrl: string, limit = RELATED_LIMIT): RelatedSection[] {
  return sections.map((s) => {
    const total = s.items.length;
    if (total <= limit) return s;
    let items: RelatedItem[];
    if (s.keep === 'latest') items = s.items.slice(total - limit);
    else if (s.keep === 'busiest') {
      const kept = new Set([...s.items].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0)).slice(0, limit));
      items = s.items.filter((i) => kept.has(i));
    } else items = s.items.slice(0, limit);
    const which = s.keep === 'latest' ? 'the latest' : s.keep === 'busiest' ? 'the most active' : 'the first';
    return { ...s, items, more: { lead: `Showing ${which} ${limit} of ${total}:`, link: `all ${total}`, url: `${moreUrl}#${s.id}` } };
  });
}

/** A relation's time span, or undefined when it has no dates. */
/** Words after a relation: its note, else the unit it forms (with "sources differ" when readings disagree). */
export function relationNote(r: Pick<Relation, 'note' | 'unit' | 'readings'>): string | undefined {
  if (r.note) return r.note;
  if (!r.unit) return undefined;
  return r.readings?.unit ? `${r.unit} (sources differ)` : r.unit;
}

export function relationSpan(r: Pick<Relation, 'start' | 'end' | 'circa'>): DateSpan | undefined {
  if (!r.start && !r.end) return undefined;
  return { start: r.start, end: r.end, circa: r.circa ?? false, kind: 'range' };
}

/** A relation that reads the same from both ends (allied with). */
const isSymmetric = (type: Relation['type']) => RELATION_WORDS[type].forward === RELATION_WORDS[type].inverse;

type Ref = { collection: CollectionName; id: string };
const keyOf = (r: Ref) => `${r.collection}/${r.id}`;

export class Related {
  /**
   * Lists worked out once per entry: its page, its related page and its visualisations
   * all ask for them. Shared, so callers must not change what they get.
   */
  private readonly made = new Map<string, unknown>();

  constructor(private readonly index: EntryIndex, private readonly graph: ReferenceGraph) {}

  private once<T>(key: string, make: () => T): T {
    if (this.made.has(key)) return this.made.get(key) as T;
    const value = make();
    this.made.set(key, value);
    return value;
  }

  /** The sections for one entry, in display order, empty ones left out. */
  for(collection: CollectionName, id: string): RelatedSection[] {
    return this.once(`sections:${collection}/${id}`, () => this.sections(collection, id));
  }

  private sections(collection: CollectionName, id: string): RelatedSection[] {
    const sections = (() => {
      switch (collection) {
        case 'actors': return this.actor(id);
        case 'places': return this.place(id);
        case 'events': return this.event(id);
        case 'sources': return this.source(id);
        default: return [];
      }
    })();
    const shown = new Set<string>([`${collection}/${id}`]);
    for (const s of sections) for (const item of s.items) shown.add(keyOf(item));
    // An actor's own relations are shown in its key facts.
    if (collection === 'actors') for (const r of (this.index.get('actors', id)?.data as Actor | undefined)?.relations ?? []) shown.add(`actors/${r.target}`);
    sections.push(this.section('mentioned-in', 'Mentioned in', this.mentionedIn(collection, id, shown)));
    return sections.filter((s) => s.items.length > 0);
  }

  /**
   * The sections of an entry with a list longer than `limit` (it gets a related page), or
   * undefined. Asked of every entry on every build: an event's lists are worked out only
   * when one could be that long (they come from its participants, its places and what
   * mentions it), since a rebuild renders few entry pages that would want them.
   */
  longLists(collection: CollectionName, id: string, limit = RELATED_LIMIT): RelatedSection[] | undefined {
    if (collection === 'events') {
      const data = this.eventData(id);
      if (Math.max(data?.participants.length ?? 0, data?.places.length ?? 0, this.graph.linksTo('events', id).length) <= limit) return undefined;
    }
    const sections = this.for(collection, id);
    return hasLongList(sections, limit) ? sections : undefined;
  }

  /** Events an actor takes part in, in date order. */
  eventsOfActor(id: string): RelatedItem[] {
    return this.once(`actor-events:${id}`, () => this.sortByDate(this.incoming('actors', id, 'participant').map((l) => {
      const role = this.eventData(l.from.id)?.participants.find((p) => p.actor === id)?.role;
      return this.item(l.from, { note: role });
    })));
  }

  /** Events at a place or at any place within it, in date order. */
  eventsAtPlace(id: string): RelatedItem[] {
    return this.once(`place-events:${id}`, () => this.eventsWithin(id));
  }

  private eventsWithin(id: string): RelatedItem[] {
    const places = this.placeAndDescendants(id);
    const items = new Map<string, RelatedItem>();
    for (const place of places) {
      for (const l of this.incoming('places', place, 'place')) {
        if (items.has(l.from.id)) continue;
        items.set(l.from.id, this.item(l.from, { note: place === id ? undefined : `at ${this.index.label('places', place)}` }));
      }
    }
    return this.sortByDate([...items.values()]);
  }

  private actor(id: string): RelatedSection[] {
    const events = this.eventsOfActor(id);
    const data = this.index.get('actors', id)?.data as Actor | undefined;
    // The actor's own relations are its key facts, with their sources (Infobox): here only
    // those other actors state about it, less the symmetric ones it states too.
    const own = new Set((data?.relations ?? []).map((r) => `${r.type}/${r.target}`));
    const incoming = this.incoming('actors', id, 'relation').flatMap((l) => {
      const r = (this.index.get('actors', l.from.id)?.data as Actor).relations[l.path[1] as number];
      if (isSymmetric(r.type) && own.has(`${r.type}/${l.from.id}`)) return [];
      return [this.item(l.from, { prefix: relationPhrase(r.type, 'in'), note: relationNote(r), date: relationSpan(r) })];
    });
    const designations = this.outgoingDesignationsBy(id);
    const places = new Map<string, RelatedItem>();
    for (const e of events) {
      for (const place of this.eventData(e.id)?.places ?? []) places.set(place, this.item({ collection: 'places', id: place }));
    }
    const published = this.incoming('actors', id, 'publisher').map((l) => this.item(l.from));
    return [
      this.section('events', 'Events', events, 'latest'),
      this.section('relations', 'Relations stated elsewhere', this.sortByLabel(incoming)),
      this.section('designations', 'Designations made', designations),
      this.section('places', 'Places', this.sortByLabel([...places.values()])),
      this.section('published', 'Sources published', this.sortByLabel(published)),
    ];
  }

  /** Designations this actor made of others ("designated Kataib Hezbollah"). */
  private outgoingDesignationsBy(id: string): RelatedItem[] {
    return this.sortByLabel(this.incoming('actors', id, 'designation').map((l) => {
      const g = (this.index.get('actors', l.from.id)?.data as Actor).designations[l.path[1] as number];
      return this.item(l.from, { prefix: 'designated', note: g.list, date: g.date });
    }));
  }

  private place(id: string): RelatedSection[] {
    const events = this.eventsAtPlace(id);
    const actors = new Map<string, { item: RelatedItem; count: number }>();
    for (const e of events) {
      for (const p of this.eventData(e.id)?.participants ?? []) {
        const seen = actors.get(p.actor);
        if (seen) seen.count++;
        else actors.set(p.actor, { item: this.item({ collection: 'actors', id: p.actor }), count: 1 });
      }
    }
    const active = [...actors.values()].map(({ item, count }) => ({ ...item, note: `${count} ${count === 1 ? 'event' : 'events'}`, weight: count }));
    const within = [...this.incoming('places', id, 'parent'), ...this.incoming('places', id, 'country')].map((l) => this.item(l.from));
    return [
      this.section('events', 'Events here', events, 'latest'),
      this.section('actors', 'Actors active here', this.sortByLabel(active), 'busiest'),
      this.section('places', 'Places within', this.sortByLabel(dedupe(within))),
    ];
  }

  private event(id: string): RelatedSection[] {
    const data = this.eventData(id);
    return [
      this.section('participants', 'Participants', (data?.participants ?? []).map((p) => this.item({ collection: 'actors', id: p.actor }, { note: p.role }))),
      this.section('places', 'Places', (data?.places ?? []).map((p) => this.item({ collection: 'places', id: p }))),
    ];
  }

  private source(id: string): RelatedSection[] {
    // A source's own text may cite it (a chronology quoting itself): that is not a backlink.
    const citing = dedupe(this.graph.linksTo('sources', id)
      .filter((l) => (l.via === 'source' || l.via === 'citation') && !(l.from.collection === 'sources' && l.from.id === id))
      .map((l) => this.item(l.from)));
    const by = (c: CollectionName) => citing.filter((i) => i.collection === c);
    return [
      this.section('cited-by-events', 'Cited for events', this.sortByDate(by('events')), 'latest'),
      this.section('cited-by-actors', 'Cited for actors', this.sortByLabel(by('actors'))),
      this.section('cited-by-places', 'Cited for places', this.sortByLabel(by('places'))),
      this.section('cited-by-sources', 'Cited for other sources', this.sortByLabel(by('sources'))),
      this.section('cited-by-pages', 'Cited in pages', this.sortByLabel(by('pages'))),
    ];
  }

  /** Entries whose text links here (wikilinks), not already listed above. */
  private mentionedIn(collection: CollectionName, id: string, shown: Set<string>): RelatedItem[] {
    const items = this.graph.linksTo(collection, id).filter((l) => l.via === 'wikilink' && !shown.has(keyOf(l.from))).map((l) => this.item(l.from));
    return dedupe(items).sort((a, b) => ORDER.indexOf(a.collection) - ORDER.indexOf(b.collection) || a.label.localeCompare(b.label))
      .map((i) => ({ ...i, note: i.note ?? COLLECTION_LABELS[i.collection].one.toLowerCase() }));
  }

  private placeAndDescendants(id: string): string[] {
    const out = [id];
    const seen = new Set(out);
    for (let i = 0; i < out.length; i++) {
      for (const l of [...this.incoming('places', out[i], 'parent'), ...this.incoming('places', out[i], 'country')]) {
        if (!seen.has(l.from.id)) { seen.add(l.from.id); out.push(l.from.id); }
      }
    }
    return out;
  }

  private incoming(collection: CollectionName, id: string, via: ResolvedLink['via']): ResolvedLink[] {
    return this.graph.linksTo(collection, id).filter((l) => l.via === via);
  }

  private eventData(id: string): Event | undefined {
    return this.index.get('events', id)?.data as Event | undefined;
  }

  private item(ref: Ref, extra: Partial<Pick<RelatedItem, 'prefix' | 'note' | 'date'>> = {}): RelatedItem {
    const date = extra.date ?? (ref.collection === 'events' ? this.eventData(ref.id)?.date : undefined);
    const item: RelatedItem = { collection: ref.collection, id: ref.id, label: this.index.label(ref.collection, ref.id), url: entryUrl(ref.collection, ref.id) };
    if (extra.prefix) item.prefix = extra.prefix;
    if (extra.note) item.note = extra.note;
    if (date) item.date = date;
    return item;
  }

  private section(id: string, title: string, items: RelatedItem[], keep: Keep = 'first'): RelatedSection {
    return { id: `related-${id}`, title, items, keep };
  }

  private sortByDate(items: RelatedItem[]): RelatedItem[] {
    return items.sort((a, b) => (a.date && b.date ? compareSpans(a.date, b.date) : 0) || a.label.localeCompare(b.label));
  }

  private sortByLabel(items: RelatedItem[]): RelatedItem[] {
    return items.sort((a, b) => a.label.localeCompare(b.label));
  }
}

const ORDER: CollectionName[] = ['pages', 'actors', 'places', 'events', 'sources'];

/** First occurrence of each entry wins (links may repeat: several wikilinks, several fields). */
function dedupe(items: RelatedItem[]): RelatedItem[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(keyOf(i)) && !!seen.add(keyOf(i)));
}
