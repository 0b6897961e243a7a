/**
 * The browser's copy of a timeline's events, in a compact form: one array per
 * event, days instead of milliseconds, actors and places by index. Summaries are
 * left out of large timelines (the tooltip then shows title, date and status).
 * Every event's copy is one shared file (/data/timeline.js, about 160 KB gzipped
 * at 10,000 entries) that pages load only when a reader zooms; a timeline of a few
 * events carries its own. Pure.
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
