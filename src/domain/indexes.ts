/**
 * The index pages' groupings (actors by kind, places by country, events by date,
 * sources by kind) and the home page's picks. Computed once per build from the
 * collections and the reference graph. Pure: no Astro imports.
 */
import { ACTOR_KINDS, type Actor } from '../schemas/actors.ts';
import type { Event } from '../schemas/events.ts';
import { PLACE_KINDS, type Place } from '../schemas/places.ts';
import { SOURCE_KINDS, type Source } from '../schemas/sources.ts';
import { compareSpans } from './dates.ts';
import { ACTOR_KIND_LABELS, SOURCE_KIND_LABELS, displayName } from './labels.ts';
import type { EntryLike, ReferenceGraph } from './references.ts';

export interface Group<T> {
  /** Anchor id of the group's heading, e.g. kind-armed-group. */
  id: string;
  title: string;
  /** The entry the heading names, when it is one (a country). */
  entry?: T;
  items: T[];
}

const byName = (a: EntryLike, b: EntryLike) => nameOf(a).localeCompare(nameOf(b));
const nameOf = (e: EntryLike) => displayName(e.data, e.id);

/** Actors grouped by kind, kinds in the schema's order, names alphabetical. */
export function actorsByKind(actors: EntryLike<'actors'>[]): Group<EntryLike<'actors'>>[] {
  return ACTOR_KINDS.map((kind) => ({
    id: `kind-${kind}`, title: ACTOR_KIND_LABELS[kind].many,
    items: actors.filter((a) => (a.data as Actor).kind === kind).sort(byName),
  })).filter((g) => g.items.length);
}

/** Sources grouped by kind; newest first within a kind, undated last. */
export function sourcesByKind(sources: EntryLike<'sources'>[]): Group<EntryLike<'sources'>>[] {
  return SOURCE_KINDS.map((kind) => ({
    id: `kind-${kind}`, title: SOURCE_KIND_LABELS[kind].many,
    items: sources.filter((s) => (s.data as Source).kind === kind).sort((a, b) => {
      const pa = (a.data as Source).published;
      const pb = (b.data as Source).published;
      if (pa && pb) return compareSpans(pb, pa) || byName(a, b);
      return pa ? -1 : pb ? 1 : byName(a, b);
    }),
  })).filter((g) => g.items.length);
}

/** The countries a place lies in: itself if a country, else its `countries`, else up its parents. */
export function countriesOf(place: EntryLike<'places'>, places: Map<string, EntryLike<'places'>>): string[] {
  const seen = new Set<string>();
  let current: EntryLike<'places'> | undefined = place;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    const d = current.data as Place;
    if (d.kind === 'country') return [current.id];
    if (d.countries.length) return d.countries;
    current = d.parent ? places.get(d.parent) : undefined;
  }
  return [];
}

/**
 * Places grouped by country (a place in several countries, like a river, is listed in
 * each); countries alphabetical, each heading naming the country's own entry; places
 * in no country last. Within a group: by kind (larger first), then by name.
 */
export function placesByCountry(places: EntryLike<'places'>[]): Group<EntryLike<'places'>>[] {
  const byId = new Map(places.map((p) => [p.id, p]));
  const groups = new Map<string, EntryLike<'places'>[]>();
  const elsewhere: EntryLike<'places'>[] = [];
  for (const p of places) {
    if ((p.data as Place).kind === 'country') { groups.set(p.id, groups.get(p.id) ?? []); continue; }
    const countries = countriesOf(p, byId).filter((c) => byId.has(c));
    if (!countries.length) elsewhere.push(p);
    for (const c of countries) groups.set(c, [...(groups.get(c) ?? []), p]);
  }
  const kindRank = (p: EntryLike<'places'>) => PLACE_KINDS.indexOf((p.data as Place).kind);
  const order = (list: EntryLike<'places'>[]) => list.sort((a, b) => kindRank(a) - kindRank(b) || byName(a, b));
  const result: Group<EntryLike<'places'>>[] = [...groups.entries()]
    .map(([id, items]) => ({ id: `country-${id}`, title: nameOf(byId.get(id)!), entry: byId.get(id)!, items: order(items) }))
    .sort((a, b) => a.title.localeCompare(b.title));
  if (elsewhere.length) result.push({ id: 'country-none', title: 'Other places', items: order(elsewhere) });
  return result;
}

/** The actors that state relations, by name (the relations page lists each one's). */
export function actorsWithRelations(actors: EntryLike<'actors'>[]): EntryLike<'actors'>[] {
  return actors.filter((a) => (a.data as Actor).relations.length > 0).sort(byName);
}

/** Events in date order (oldest first); ties by title. */
export function eventsByDate(events: EntryLike<'events'>[]): EntryLike<'events'>[] {
  return [...events].sort((a, b) => compareSpans((a.data as Event).date, (b.data as Event).date) || byName(a, b));
}

/** Events grouped by the year they start in (a "until 2011" event by its end year). */
export function eventsByYear(events: EntryLike<'events'>[]): Group<EntryLike<'events'>>[] {
  const groups: Group<EntryLike<'events'>>[] = [];
  for (const e of eventsByDate(events)) {
    const d = (e.data as Event).date;
    const year = String((d.start ?? d.end)!.year);
    const last = groups[groups.length - 1];
    if (last?.title === year) last.items.push(e);
    else groups.push({ id: `year-${year}`, title: year, items: [e] });
  }
  return groups;
}

/** The newest events first (by when they end, then start). */
export function latestEvents(events: EntryLike<'events'>[], n: number): EntryLike<'events'>[] {
  return eventsByDate(events).reverse().slice(0, n);
}

/**
 * The entries of a collection most linked to from other entries (relations,
 * participations, designations, places, wikilinks; sources not counted), each linking
 * entry counted once.
 */
export function mostLinked<C extends 'actors' | 'places'>(entries: EntryLike<C>[], collection: C, graph: ReferenceGraph, n: number): EntryLike<C>[] {
  const score = new Map(entries.map((e) => {
    const from = new Set(graph.linksTo(collection, e.id).filter((l) => l.from.id !== e.id).map((l) => `${l.from.collection}/${l.from.id}`));
    return [e.id, from.size];
  }));
  return [...entries].sort((a, b) => score.get(b.id)! - score.get(a.id)! || byName(a, b)).slice(0, n);
}

/** The actors most linked to from other entries (see mostLinked). */
export function keyActors(actors: EntryLike<'actors'>[], graph: ReferenceGraph, n: number): EntryLike<'actors'>[] {
  return mostLinked(actors, 'actors', graph, n);
}

/**
 * What the home page's search box suggests typing, from the dossier itself: its most
 * linked actor's name and its most linked place under another name a source gives it
 * (search finds every alias). Empty for a dossier without actors or places.
 */
export function searchExamples(actors: EntryLike<'actors'>[], places: EntryLike<'places'>[], graph: ReferenceGraph): string {
  const actor = mostLinked(actors, 'actors', graph, 1)[0];
  const place = mostLinked(places, 'places', graph, 1)[0];
  const names = [actor?.data.name, place && (place.data.aliases[0]?.name ?? place.data.name)].filter((n): n is string => Boolean(n));
  return names.length ? `e.g. ${names.join(', ')}` : '';
}
