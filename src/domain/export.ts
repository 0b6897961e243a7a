/**
 * The dossier as data for reuse: /data/dossier.json (every entry normalised, with
 * references resolved and dates parsed, in machine and reader forms) and one CSV per
 * collection. Documented in README ("Data for reuse"). Pure: no Astro imports.
 */
import type { Actor } from '../schemas/actors.ts';
import type { Event } from '../schemas/events.ts';
import { COLLECTIONS, type CollectionName } from '../schemas/index.ts';
import type { Page } from '../schemas/pages.ts';
import type { Place } from '../schemas/places.ts';
import type { SiteConfig } from '../schemas/site.ts';
import type { Alias, SourceRef } from '../schemas/shared.ts';
import type { Source } from '../schemas/sources.ts';
import { firstMoment, formatDate, formatSpan, isoDate, isoSpan, lastMoment, type DateSpan, type PartialDate } from './dates.ts';
import type { EntryIndex, EntryLike, ReferenceGraph } from './references.ts';
import type { ReadingSet } from './readings.ts';
import { relationSpan } from './related.ts';
import { entryUrl } from './urls.ts';

/** Version of the JSON layout; bumped when a field changes meaning or disappears. */
export const DOSSIER_JSON_FORMAT = 'dossier-json/1';

export interface DateJson extends PartialDate {
  /** 2017, 2017-11 or 2017-11-03. */
  iso: string;
  /** 2017, Nov 2017 or 3 Nov 2017. */
  display: string;
}

export interface SpanJson {
  /** 2017-11, ~2015 (approximate), 2009/2011, ../2011 (open start). */
  iso: string;
  /** Nov 2017, c. 2015, 2009–2011, until 2011. */
  display: string;
  kind: 'single' | 'range';
  circa: boolean;
  start?: DateJson;
  end?: DateJson;
  /** First day covered and last day covered (inclusive), YYYY-MM-DD, for sorting and filtering. */
  from: string;
  to: string;
}

export interface RefJson {
  collection: CollectionName;
  id: string;
  label: string;
  /** Root-relative address of its page. */
  page: string;
}

export interface SourceRefJson extends RefJson {
  locator?: string;
}

export function dateJson(d: PartialDate): DateJson {
  return { iso: isoDate(d), display: formatDate(d), ...d };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function spanJson(s: DateSpan): SpanJson {
  const from = firstMoment((s.start ?? s.end)!);
  const to = lastMoment((s.end ?? s.start)!) - 86_400_000;
  return {
    iso: isoSpan(s), display: formatSpan(s), kind: s.kind, circa: s.circa,
    ...(s.start ? { start: dateJson(s.start) } : {}), ...(s.end ? { end: dateJson(s.end) } : {}),
    from: day(from), to: day(to),
  };
}

/** Drops undefined fields so the JSON has no nulls and keys stay stable. */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** One reading of a fact on which sources differ, its value in the field's own JSON form. */
export interface ReadingJson<V> {
  value: V;
  note?: string;
  /** True on the reading the dossier follows (as written: absent when not written). */
  preferred?: boolean;
  sources: SourceRefJson[];
}

/** Every reading of one field, as written (the field itself holds the preferred value). */
export interface ReadingsJson<V> {
  readings: ReadingJson<V>[];
  why?: string;
}

export class DossierExport {
  constructor(private readonly index: EntryIndex, private readonly graph: ReferenceGraph, private readonly site: SiteConfig) {}

  ref(collection: CollectionName, id: string): RefJson {
    return { collection, id, label: this.index.label(collection, id), page: entryUrl(collection, id) };
  }

  private sources(list: SourceRef[] | undefined): SourceRefJson[] {
    return (list ?? []).map((s) => clean({ ...this.ref('sources', s.source), locator: s.locator }));
  }

  /** The readings of an object's fields, each value in the field's JSON form; undefined when there are none. */
  private readings<R extends Record<string, ReadingSet<any> | undefined>>(sets: R | undefined, convert: { [K in keyof R]?: (v: any) => unknown } = {}) {
    if (!sets) return undefined;
    return Object.fromEntries(Object.entries(sets).filter(([, set]) => set).map(([field, set]) => [field, clean({
      readings: set!.readings.map((r) => clean({
        value: convert[field as keyof R] ? convert[field as keyof R]!(r.value) : r.value,
        note: r.note, preferred: r.preferred, sources: this.sources(r.sources),
      })),
      why: set!.why,
    })])) as Record<string, ReadingsJson<unknown>>;
  }

  private aliases(list: Alias[]) {
    return list.map((a) => clean({ name: a.name, kind: a.kind, lang: a.lang, source: a.source ? this.ref('sources', a.source) : undefined }));
  }

  /** What every entry has: id, page, body (Markdown, as written) and the entries its text links to. */
  private base(e: EntryLike) {
    const seen = new Set<string>();
    const mentions = this.graph.linksFrom(e.collection, e.id)
      .filter((l) => l.via === 'wikilink' && !seen.has(`${l.to.collection}/${l.to.id}`) && !!seen.add(`${l.to.collection}/${l.to.id}`))
      .map((l) => this.ref(l.to.collection, l.to.id));
    return { id: e.id, page: entryUrl(e.collection, e.id), body: e.body, mentions };
  }

  private common(d: { summary?: string; aliases: Alias[]; nativeName?: { text: string; lang: string }; sources: SourceRef[]; updated?: PartialDate }) {
    return {
      summary: d.summary, nativeName: d.nativeName, aliases: this.aliases(d.aliases),
      sources: this.sources(d.sources), updated: d.updated && dateJson(d.updated),
    };
  }

  actor(e: EntryLike<'actors'>) {
    const d = e.data as Actor;
    return clean({
      ...this.base(e), name: d.name, kind: d.kind, ...clean(this.common(d)),
      relations: d.relations.map((r) => {
        const span = relationSpan(r);
        return clean({
          type: r.type, target: this.ref('actors', r.target), note: r.note, unit: r.unit,
          start: r.start && dateJson(r.start), end: r.end && dateJson(r.end), circa: r.circa,
          display: span && formatSpan(span), sources: this.sources(r.sources), readings: this.readings(r.readings),
        });
      }),
      designations: d.designations.map((g) => clean({
        by: this.ref('actors', g.by), list: g.list, date: g.date && spanJson(g.date), note: g.note, sources: this.sources(g.sources),
        readings: this.readings(g.readings, { date: spanJson }),
      })),
      sizeEstimates: d.sizeEstimates.map((s) => clean({
        value: s.value, min: s.min, max: s.max, unit: s.unit, date: s.date && spanJson(s.date), note: s.note, sources: this.sources(s.sources),
        readings: this.readings(s.readings),
      })),
    });
  }

  place(e: EntryLike<'places'>) {
    const d = e.data as Place;
    return clean({
      ...this.base(e), name: d.name, kind: d.kind, ...clean(this.common(d)),
      parent: d.parent ? this.ref('places', d.parent) : undefined,
      countries: d.countries.map((c) => this.ref('places', c)),
      coordinates: d.coordinates && clean({ ...d.coordinates, source: d.coordinates.source ? this.ref('sources', d.coordinates.source) : undefined }),
      readings: this.readings(d.readings, { coordinates: (c) => clean({ ...c, source: c.source ? this.ref('sources', c.source) : undefined }) }),
    });
  }

  event(e: EntryLike<'events'>) {
    const d = e.data as Event;
    return clean({
      ...this.base(e), title: d.title, date: spanJson(d.date), dateNote: d.dateNote, status: d.status,
      readings: this.readings(d.readings, { date: spanJson }),
      places: d.places.map((p) => this.ref('places', p)),
      participants: d.participants.map((p) => clean({ actor: this.ref('actors', p.actor), role: p.role })),
      ...clean(this.common(d)),
    });
  }

  source(e: EntryLike<'sources'>) {
    const d = e.data as Source;
    return clean({
      ...this.base(e), title: d.title, subtitle: d.subtitle, kind: d.kind, publisher: d.publisher,
      publisherActor: d.publisherActor ? this.ref('actors', d.publisherActor) : undefined,
      author: d.author, published: d.published && spanJson(d.published), dateNote: d.dateNote, url: d.url,
      accessed: d.accessed && dateJson(d.accessed), language: d.language, notes: d.notes,
      sources: this.sources(d.sources), updated: d.updated && dateJson(d.updated),
    });
  }

  page(e: EntryLike<'pages'>) {
    const d = e.data as Page;
    return clean({ ...this.base(e), title: d.title, summary: d.summary, order: d.order, updated: d.updated && dateJson(d.updated) });
  }

  entry(e: EntryLike): Record<string, unknown> {
    switch (e.collection) {
      case 'actors': return this.actor(e as EntryLike<'actors'>);
      case 'places': return this.place(e as EntryLike<'places'>);
      case 'events': return this.event(e as EntryLike<'events'>);
      case 'sources': return this.source(e as EntryLike<'sources'>);
      default: return this.page(e as EntryLike<'pages'>);
    }
  }

  /** The whole dossier: site settings and every collection, entries ordered by id. */
  json(all: { [C in CollectionName]: EntryLike<C>[] }) {
    const site = clean({ title: this.site.title, description: this.site.description, language: this.site.language, siteUrl: this.site.siteUrl });
    return {
      format: DOSSIER_JSON_FORMAT, site,
      ...Object.fromEntries(COLLECTIONS.map((c) => [c, [...all[c]].sort((a, b) => a.id.localeCompare(b.id)).map((e) => this.entry(e))])),
    } as { format: string; site: typeof site } & Record<CollectionName, Record<string, unknown>[]>;
  }
}

type Row = Record<string, string | number | boolean | undefined>;
const ids = (refs: RefJson[] | undefined) => (refs ?? []).map((r) => r.id).join(' | ');
const srcs = (refs: SourceRefJson[] | undefined) => (refs ?? []).map((r) => (r.locator ? `${r.id} (${r.locator})` : r.id)).join(' | ');
const aliasList = (a: any[] | undefined) => (a ?? []).map((x) => `${x.name} (${x.kind})`).join(' | ');
const span = (prefix: string, s: SpanJson | undefined): Row => ({
  [`${prefix}_iso`]: s?.iso, [`${prefix}_display`]: s?.display, [`${prefix}_from`]: s?.from, [`${prefix}_to`]: s?.to,
});

/** CSV files published next to dossier.json: one per collection, plus the actors' relations and every reading. */
export const CSV_FILES = [...COLLECTIONS, 'relations', 'readings'] as const;

/** Each readings group in the dossier JSON: the entry, the field's path (designations[0].date) and its readings. */
function readingGroupsJson(json: Record<CollectionName, any[]>): { collection: CollectionName; id: string; field: string; group: ReadingsJson<any> }[] {
  const out: { collection: CollectionName; id: string; field: string; group: ReadingsJson<any> }[] = [];
  const add = (collection: CollectionName, id: string, prefix: string, readings: Record<string, ReadingsJson<any>> | undefined) => {
    for (const [field, group] of Object.entries(readings ?? {})) out.push({ collection, id, field: `${prefix}${field}`, group });
  };
  for (const e of json.events) add('events', e.id, '', e.readings);
  for (const e of json.places) add('places', e.id, '', e.readings);
  for (const e of json.actors) {
    for (const key of ['relations', 'designations', 'sizeEstimates']) (e[key] as any[]).forEach((o, i) => add('actors', e.id, `${key}[${i}].`, o.readings));
  }
  return out;
}

/** The columns of readings.csv, which has them even when the dossier has no readings. */
export const READINGS_CSV_COLUMNS = ['collection', 'id', 'field', 'reading', 'preferred', 'value', 'display', 'note', 'sources', 'why'] as const;

/** A reading's value in one CSV cell: a date's ISO form, a position as "lat, lon", else as written. */
const readingValue = (v: any): string | number => (typeof v !== 'object' ? v : 'iso' in v ? v.iso : `${v.lat}, ${v.lon}`);

/** The rows of one CSV, from the dossier JSON (so both files always agree). */
export function csvRows(name: (typeof CSV_FILES)[number], json: Record<CollectionName, any[]>): Row[] {
  const common = (e: any): Row => ({ id: e.id, page: e.page });
  switch (name) {
    case 'actors': return json.actors.map((e) => ({
      ...common(e), name: e.name, kind: e.kind, summary: e.summary, native_name: e.nativeName?.text, native_name_lang: e.nativeName?.lang,
      aliases: aliasList(e.aliases), relations: e.relations.map((r: any) => `${r.type} ${r.target.id}`).join(' | '),
      designations: e.designations.map((g: any) => `${g.list} (${g.by.id}${g.date ? `, ${g.date.iso}` : ''})`).join(' | '),
      size_estimates: e.sizeEstimates.map((s: any) => `${s.value ?? `${s.min ?? ''}-${s.max ?? ''}`}${s.date ? ` (${s.date.iso})` : ''}`).join(' | '),
      sources: srcs(e.sources), updated: e.updated?.iso,
    }));
    case 'relations': return json.actors.flatMap((e) => e.relations.map((r: any) => ({
      actor: e.id, type: r.type, target: r.target.id, note: r.note, unit: r.unit, start: r.start?.iso, end: r.end?.iso, circa: r.circa, display: r.display, sources: srcs(r.sources),
    })));
    case 'places': return json.places.map((e) => ({
      ...common(e), name: e.name, kind: e.kind, summary: e.summary, native_name: e.nativeName?.text, native_name_lang: e.nativeName?.lang,
      aliases: aliasList(e.aliases), parent: e.parent?.id, countries: ids(e.countries),
      lat: e.coordinates?.lat, lon: e.coordinates?.lon, coordinates_precision: e.coordinates?.precision, coordinates_source: e.coordinates?.source?.id,
      sources: srcs(e.sources), updated: e.updated?.iso,
    }));
    case 'events': return json.events.map((e) => ({
      ...common(e), title: e.title, ...span('date', e.date), circa: e.date.circa, date_sources_differ: !!e.readings?.date, date_note: e.dateNote, status: e.status,
      places: ids(e.places), participants: e.participants.map((p: any) => (p.role ? `${p.actor.id} (${p.role})` : p.actor.id)).join(' | '),
      summary: e.summary, sources: srcs(e.sources), updated: e.updated?.iso,
    }));
    case 'sources': return json.sources.map((e) => ({
      ...common(e), title: e.title, subtitle: e.subtitle, kind: e.kind, publisher: e.publisher, publisher_actor: e.publisherActor?.id,
      author: e.author, ...span('published', e.published), url: e.url, accessed: e.accessed?.iso, language: e.language, notes: e.notes,
      sources: srcs(e.sources), updated: e.updated?.iso,
    }));
    case 'readings': return readingGroupsJson(json).flatMap(({ collection, id, field, group }) => group.readings.map((r, j) => ({
      collection, id, field, reading: j, preferred: !!r.preferred, value: readingValue(r.value),
      display: typeof r.value === 'object' && 'display' in r.value ? r.value.display : undefined, note: r.note, sources: srcs(r.sources), why: r.preferred ? group.why : undefined,
    })));
    case 'pages': return json.pages.map((e) => ({ ...common(e), title: e.title, summary: e.summary, order: e.order, updated: e.updated?.iso }));
  }
}

/**
 * The columns of a CSV, known without a row of data (the row builders above, fed one
 * blank entry): a collection with no entries still gets its header line.
 */
export function csvColumns(name: (typeof CSV_FILES)[number]): string[] {
  if (name === 'readings') return [...READINGS_CSV_COLUMNS];
  const blank = { relations: [{ target: {} }], designations: [], sizeEstimates: [], participants: [], date: {} };
  return Object.keys(csvRows(name, Object.fromEntries(COLLECTIONS.map((c) => [c, [blank]])) as Record<CollectionName, any[]>)[0]);
}

/**
 * RFC 4180 CSV. Text that a spreadsheet would run as a formula (starting with = + - @
 * or a tab/CR) is prefixed with an apostrophe: content is untrusted. Numbers are left alone.
 */
export function toCsv(rows: Row[], columns: readonly string[] = rows[0] ? Object.keys(rows[0]) : []): string {
  if (!columns.length) return '';
  const cell = (v: Row[string]) => {
    if (v === undefined) return '';
    let s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
