/**
 * Readings: one fact (a date, a number, a name, a position) on which cited sources
 * disagree, kept as several values side by side, each with its own sources and note,
 * and optionally the one the dossier follows and why. Pure: no Astro imports.
 *
 * In frontmatter a field that allows readings is written either as its plain value or as
 *     date:
 *       readings:
 *         - { value: 2009-06-24, note: signed, sources: [state-notice] }
 *         - { value: 2009-07-02, note: effective, sources: [state-list], preferred: true }
 *       why: "The State Department's own list dates designations from the day they take effect."
 * The parsed entry keeps the field's one value (the preferred reading's, see headValue) where
 * it was, so sorting, feeds and links work unchanged, and the readings themselves under the
 * object's `readings` key: `event.readings.date`, `designation.readings.date`.
 */
import { spanInterval, type DateSpan } from './dates.ts';

export interface SourceCitation {
  source: string;
  locator?: string;
}

export interface Reading<T> {
  value: T;
  sources: SourceCitation[];
  /** What this reading is of, e.g. "signed", "announced", "effective". */
  note?: string;
  /** True on the reading the dossier follows (at most one). */
  preferred?: boolean;
}

export interface ReadingSet<T> {
  readings: Reading<T>[];
  /** Why the preferred reading is followed. */
  why?: string;
}

/** The readings of an object's fields, by field name (the `readings` key of a parsed object). */
export type ReadingsOf<O> = { [K in keyof O]?: ReadingSet<NonNullable<O[K]>> };

/** What a readings-capable field parses to before its object lifts it: its value, and its readings if any. */
export interface Readable<T> {
  value: T;
  set?: ReadingSet<T>;
}

/** The reading the dossier follows, if one is marked. */
export function preferred<T>(set: ReadingSet<T>): Reading<T> | undefined {
  return set.readings.find((r) => r.preferred);
}

/** The readings in the order a page shows them: the preferred one first, the others as written. */
export function displayed<T>(set: ReadingSet<T>): Reading<T>[] {
  const p = preferred(set);
  return p ? [p, ...set.readings.filter((r) => r !== p)] : [...set.readings];
}

/** Whether the readings differ at all (two readings with the same value do not). */
export function differ<T>(set: ReadingSet<T>, key: (v: T) => string = (v) => JSON.stringify(v)): boolean {
  return new Set(set.readings.map((r) => key(r.value))).size > 1;
}

/** The earliest and latest moments a set of date readings covers: the honest uncertainty. */
export function span(set: ReadingSet<DateSpan>): { from: number; to: number } {
  const intervals = set.readings.map((r) => spanInterval(r.value));
  return { from: Math.min(...intervals.map((i) => i.from)), to: Math.max(...intervals.map((i) => i.to)) };
}

/**
 * The one date that stands for a set of date readings when none is preferred: the period
 * from the earliest reading's start to the latest reading's end (so a list sorts the entry
 * at its earliest possible date and shows the whole range, not one reading silently).
 */
export function coveringSpan(set: ReadingSet<DateSpan>): DateSpan {
  let first = set.readings[0].value;
  let last = set.readings[0].value;
  for (const { value } of set.readings) {
    if (spanInterval(value).from < spanInterval(first).from) first = value;
    if (spanInterval(value).to > spanInterval(last).to) last = value;
  }
  if (first === last) return first;
  const start = first.start ?? first.end;
  const end = last.end ?? last.start;
  return { start, end, circa: set.readings.some((r) => r.value.circa), kind: 'range' };
}

/**
 * The field's one value: the preferred reading's; without one, `combine` of the set (dates:
 * coveringSpan) or else the first reading's.
 */
export function headValue<T>(set: ReadingSet<T>, combine?: (set: ReadingSet<T>) => T): T {
  return preferred(set)?.value ?? (combine ? combine(set) : set.readings[0].value);
}

/**
 * Moves each readings-capable field's readings to the object's `readings` key and leaves
 * its value in place. Used as the transform of every object schema with such fields.
 */
export function liftReadings<O extends Record<string, unknown>, K extends keyof O & string>(fields: readonly K[]): (obj: O) => Lifted<O, K> {
  return (obj: O) => {
    const out: Record<string, unknown> = { ...obj };
    const sets: Record<string, ReadingSet<unknown>> = {};
    for (const f of fields) {
      const r = obj[f] as Readable<unknown> | undefined;
      if (r === undefined) continue;
      out[f] = r.value;
      if (r.set) sets[f] = r.set;
    }
    if (Object.keys(sets).length) out.readings = sets;
    return out as Lifted<O, K>;
  };
}

type Unread<X> = X extends Readable<infer V> ? V : X;

/** An object whose readings-capable fields K hold their one value, with their readings under `readings`. */
export type Lifted<O, K extends keyof O> = Omit<O, K> & { [P in K]: Unread<O[P]> } & {
  readings?: { [P in K]?: ReadingSet<NonNullable<Unread<O[P]>>> };
};

/**
 * The readings written at `field` of a raw (unvalidated) or parsed object: raw frontmatter
 * has them at obj[field].readings, a parsed entry at obj.readings[field].readings.
 */
export function readingsAt(obj: unknown, field: string): { raw: boolean; readings: unknown[] } | undefined {
  const o = obj as Record<string, any> | undefined;
  if (!o || typeof o !== 'object') return undefined;
  const raw = o[field];
  if (raw && typeof raw === 'object' && Array.isArray(raw.readings)) return { raw: true, readings: raw.readings };
  const lifted = o.readings?.[field];
  if (lifted && Array.isArray(lifted.readings)) return { raw: false, readings: lifted.readings };
  return undefined;
}

/** Every readings-capable field of each collection, as paths from the entry to the object holding it. */
export const READING_FIELDS = {
  events: [{ path: [], field: 'date' }],
  actors: [
    { path: ['designations'], field: 'date', each: true },
    { path: ['sizeEstimates'], field: 'value', each: true },
    { path: ['relations'], field: 'unit', each: true },
  ],
  places: [{ path: [], field: 'coordinates' }],
} as const satisfies Record<string, readonly { path: readonly string[]; field: string; each?: boolean }[]>;

/** Each readings group of an entry (raw or parsed) with the path of its field, for checks and exports. */
export function readingGroups(collection: string, data: unknown): { path: (string | number)[]; raw: boolean; readings: any[] }[] {
  const specs = (READING_FIELDS as Record<string, readonly { path: readonly string[]; field: string; each?: boolean }[]>)[collection] ?? [];
  const out: { path: (string | number)[]; raw: boolean; readings: any[] }[] = [];
  const d = data as Record<string, any> | undefined;
  for (const spec of specs) {
    const holders: [(string | number)[], unknown][] = spec.each
      ? (Array.isArray(d?.[spec.path[0]]) ? (d![spec.path[0]] as unknown[]).map((o, i) => [[spec.path[0], i], o] as [(string | number)[], unknown]) : [])
      : [[[], d]];
    for (const [at, holder] of holders) {
      const found = readingsAt(holder, spec.field);
      if (found) out.push({ path: [...at, spec.field], raw: found.raw, readings: found.readings as any[] });
    }
  }
  return out;
}

/** One reading as a page lists it: its value in words, its note, whether it is followed, its claim key. */
export interface ReadingItem {
  text: string;
  note?: string;
  preferred: boolean;
  /** The claim key of its citations (citations.ts readingKey): path.readings.j, j as written. */
  key: string;
}

/** The readings of one field for a page: preferred first, each with its citation key. */
export function readingItems<T>(set: ReadingSet<T>, format: (value: T) => string, path: readonly (string | number)[]): ReadingItem[] {
  return displayed(set).map((r) => ({
    text: format(r.value),
    ...(r.note ? { note: r.note } : {}),
    preferred: !!r.preferred,
    key: `${path.join('.')}.readings.${set.readings.indexOf(r)}`,
  }));
}

/** The text of every reading (values as shown, and notes), for search and plain-text exports. */
export function readingsText<T>(set: ReadingSet<T>, format: (value: T) => string): string {
  return set.readings.map((r) => (r.note ? `${format(r.value)} (${r.note})` : format(r.value))).join('; ');
}
