/**
 * The browser's copy of a timeline's events, in a compact form: one array per
 * event, days instead of milliseconds, actors and places by index. Summaries are
 * left out of large timelines (the tooltip then shows title, date and status).
 * Every event's copy is one shared file (/data/timeline.js, about 160 KB gzipped
 * at 10,000 entries) that pages load only when a reader zooms: the timelines of
 * every event, and of an actor or a place with many events (which take their
 * share of it), carry none; a timeline of a few events carries its own. Pure.
 */
import type { MarkShape } from './timeline-layout.ts';
import type { TimelineEvent } from './timeline-svg.ts';

const DAY = 864e5;
const SHAPES: MarkShape[] = ['point', 'band', 'bar'];
const STATUSES = ['confirmed', 'reported', 'claimed', 'disputed'];

/** [id, title, date, status, actors, places, fromDay, toDay, flags, summary?, [readingsFromDay, readingsToDay, preferred 0|1]?] */
type Row = [string, string, string, number, number[], number[], number, number, number, string?, [number, number, number]?];
/** Filter choices: [id, name], by name. */
export type FilterOptions = { actor: [string, string][]; place: [string, string][] };
export interface TimelineData {
  v: 1; actors: string[]; places: string[]; rows: Row[];
  /** In the shared file only: the pages' actor and place filters fill from it on first use. */
  filters?: FilterOptions;
}

/** The actors and places a timeline's events name, as filter choices sorted by name. */
export function filterOptions(events: TimelineEvent[], actorNames: Map<string, string>, placeNames: Map<string, string>): FilterOptions {
  const list = (ids: Set<string>, names: Map<string, string>) => [...ids].map((id): [string, string] => [id, names.get(id) ?? id]).sort((a, b) => a[1].localeCompare(b[1]));
  return { actor: list(new Set(events.flatMap((e) => e.actors)), actorNames), place: list(new Set(events.flatMap((e) => e.places)), placeNames) };
}

/** The name under which /data/timeline.js registers every event (a classic script: no fetch offline). */
export const TIMELINE_GLOBAL = 'dossierTimeline';

/** Above this many events, summaries stay on the event pages. */
export const SUMMARY_LIMIT = 1000;

/**
 * Up to this many events a timeline carries its own data and filter choices (a few
 * KB); above it, it takes them from the shared file when a reader first zooms or
 * filters, so a country's page does not carry hundreds of events twice.
 */
export const INLINE_LIMIT = 50;

/** Which events a timeline of one actor's or one place's events draws. */
export interface TimelineScope { actor?: string; place?: string }

/** Whether an event belongs to a timeline's scope. */
export const inScope = (e: Pick<TimelineEvent, 'actors' | 'places'>, scope: TimelineScope): boolean =>
  (!scope.actor || e.actors.includes(scope.actor)) && (!scope.place || e.places.includes(scope.place));

/** The build's events, indexed once: a timeline looks its events up instead of scanning them all. */
export interface EventIndex {
  /** Every event in date order: the rows of the shared file. */
  events: TimelineEvent[];
  eventRow: Map<string, number>;
  eventsByActor: Map<string, TimelineEvent[]>;
  eventsByPlace: Map<string, TimelineEvent[]>;
}

/** A timeline's events (listed ids, or those of an actor or a place, or all), in date order. */
export function timelineEvents(ix: EventIndex, pick: TimelineScope & { ids?: string[] }): TimelineEvent[] {
  const pool = pick.ids
    ? [...new Set(pick.ids)].flatMap((id) => { const r = ix.eventRow.get(id); return r === undefined ? [] : [r]; }).sort((a, b) => a - b).map((r) => ix.events[r])
    : pick.actor ? ix.eventsByActor.get(pick.actor) ?? [] : pick.place ? ix.eventsByPlace.get(pick.place) ?? [] : ix.events;
  return pool.filter((e) => inScope(e, pick));
}

/** Where a timeline's browser data comes from: its own copy (a few events), or the shared file. */
export const timelineCarriage = (count: number, total: number): 'inline' | 'shared' =>
  count < total && count <= INLINE_LIMIT ? 'inline' : 'shared';

/**
 * A timeline that takes part of the shared file names its rows, ascending, as the
 * gaps between them ("3,1,40": rows 3, 4 and 44): a country's 400 events in about 1 KB.
 */
export function encodeRows(rows: number[]): string {
  let last = 0;
  return rows.map((r, i) => { const gap = i === 0 ? r : r - last; last = r; return gap; }).join(',');
}

export function decodeRows(text: string): number[] {
  let at = 0;
  return text.split(',').filter(Boolean).map((gap, i) => (at = i === 0 ? Number(gap) : at + Number(gap)));
}

/** A shared timeline's filter choices, once its data is here: those its events name. */
export function choicesAmong(all: FilterOptions, events: Pick<TimelineEvent, 'actors' | 'places'>[], kind: 'actor' | 'place'): [string, string][] {
  const named = new Set(events.flatMap((e) => (kind === 'actor' ? e.actors : e.places)));
  return all[kind].filter(([id]) => named.has(id));
}

export function encodeTimeline(events: TimelineEvent[]): TimelineData {
  const actors: string[] = [];
  const places: string[] = [];
  const index = (list: string[], map: Map<string, number>, id: string) => {
    let i = map.get(id);
    if (i === undefined) { i = list.length; list.push(id); map.set(id, i); }
    return i;
  };
  const am = new Map<string, number>();
  const pm = new Map<string, number>();
  const withSummary = events.length <= SUMMARY_LIMIT;
  const rows = events.map((e): Row => {
    const t = e.time;
    const flags = SHAPES.indexOf(t.shape) | (t.circa ? 4 : 0) | (t.openStart ? 8 : 0) | (t.openEnd ? 16 : 0);
    const row: Row = [e.id, e.title, e.date, Math.max(0, STATUSES.indexOf(e.status)), e.actors.map((a) => index(actors, am, a)), e.places.map((p) => index(places, pm, p)), Math.round(t.from / DAY), Math.round(t.to / DAY), flags];
    if (withSummary && e.summary) row.push(e.summary);
    // The span sources differ over; '' holds the summary's place when there is none.
    if (e.readings) {
      if (row.length === 9) row.push('');
      row.push([Math.round(e.readings.from / DAY), Math.round(e.readings.to / DAY), e.readings.preferred ? 1 : 0]);
    }
    return row;
  });
  return { v: 1, actors, places, rows };
}

export function decodeTimeline(data: TimelineData): TimelineEvent[] {
  return data.rows.map(([id, title, date, status, actors, places, from, to, flags, summary, readings]) => ({
    id, title, date, iso: '', summary: summary || undefined, status: STATUSES[status],
    ...(readings ? { readings: { from: readings[0] * DAY, to: readings[1] * DAY, preferred: readings[2] === 1 } } : {}),
    actors: actors.map((i) => data.actors[i]), places: places.map((i) => data.places[i]),
    time: { from: from * DAY, to: to * DAY, shape: SHAPES[flags & 3], circa: !!(flags & 4), openStart: !!(flags & 8), openEnd: !!(flags & 16) },
  }));
}
