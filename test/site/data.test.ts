/**
 * /data/dossier.json round-trips: read back into the shape the schemas produce, it
 * equals the content as src/pipeline/load.ts reads it; its references resolve to
 * pages that exist; the CSVs hold one row per entry.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoSpan, type DateSpan, type PartialDate } from '../../src/domain/dates.ts';
import { CSV_FILES, type DateJson, type SpanJson } from '../../src/domain/export.ts';
import { entryUrl } from '../../src/domain/urls.ts';
import { loadDossier } from '../../src/pipeline/load.ts';
import { COLLECTIONS } from '../../src/schemas/index.ts';
import { distOf, FIXTURES, type FixtureName } from '../helpers/build.ts';

// Back from the JSON's forms to the schema's: refs to ids, dates to PartialDate/DateSpan.
const date = (d: DateJson): PartialDate => {
  const { iso: _iso, display: _display, ...rest } = d;
  return rest;
};
const span = (s: SpanJson): DateSpan => ({ start: s.start && date(s.start), end: s.end && date(s.end), circa: s.circa, kind: s.kind });
const src = (list: any[]) => list.map((s) => (s.locator ? { source: s.id, locator: s.locator } : { source: s.id }));
const opt = <T, U>(v: T | undefined, f: (v: T) => U) => (v === undefined ? undefined : f(v));
const strip = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
/** An object's readings, back from the JSON's forms: each field's values by `value`, sources to ids. */
const readings = (r: any, value: Record<string, (v: any) => unknown> = {}) => opt(r, (sets: any) => Object.fromEntries(Object.entries(sets).map(([field, set]: [string, any]) => [field, strip({
  readings: set.readings.map((x: any) => strip({ value: (value[field] ?? ((v: unknown) => v))(x.value), sources: src(x.sources), note: x.note, preferred: x.preferred })),
  why: set.why,
})])));
const coordinates = (c: any) => strip({ ...c, source: c.source?.id });

function toData(collection: string, e: any): Record<string, unknown> {
  const common = {
    summary: e.summary, nativeName: e.nativeName, sources: src(e.sources ?? []), updated: opt(e.updated, date),
    aliases: (e.aliases ?? []).map((a: any) => strip({ name: a.name, kind: a.kind, lang: a.lang, source: a.source?.id })),
  };
  switch (collection) {
    case 'actors': return strip({
      name: e.name, kind: e.kind, ...common,
      relations: e.relations.map((r: any) => strip({ type: r.type, target: r.target.id, note: r.note, unit: r.unit, start: opt(r.start, date), end: opt(r.end, date), circa: r.circa, sources: src(r.sources), readings: readings(r.readings) })),
      designations: e.designations.map((g: any) => strip({ by: g.by.id, list: g.list, date: opt(g.date, span), note: g.note, sources: src(g.sources), readings: readings(g.readings, { date: span }) })),
      sizeEstimates: e.sizeEstimates.map((s: any) => strip({ value: s.value, min: s.min, max: s.max, unit: s.unit, date: opt(s.date, span), note: s.note, sources: src(s.sources), readings: readings(s.readings) })),
    });
    case 'places': return strip({
      name: e.name, kind: e.kind, ...common, parent: e.parent?.id, countries: e.countries.map((c: any) => c.id),
      coordinates: opt(e.coordinates, coordinates), readings: readings(e.readings, { coordinates }),
    });
    case 'events': return strip({
      title: e.title, date: span(e.date), dateNote: e.dateNote, status: e.status, places: e.places.map((p: any) => p.id),
      participants: e.participants.map((p: any) => strip({ actor: p.actor.id, role: p.role })), ...common, readings: readings(e.readings, { date: span }),
    });
    case 'sources': return strip({
      title: e.title, subtitle: e.subtitle, kind: e.kind, publisher: e.publisher, publisherActor: e.publisherActor?.id, author: e.author,
      published: opt(e.published, span), dateNote: e.dateNote, url: e.url, accessed: opt(e.accessed, date), language: e.language,
      notes: e.notes, sources: src(e.sources), updated: opt(e.updated, date),
    });
    default: return strip({ title: e.title, summary: e.summary, order: e.order, updated: opt(e.updated, date) });
  }
}

/** The schema output with undefined fields dropped (JSON cannot hold them). */
const normalise = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe.each(Object.keys(FIXTURES) as FixtureName[])('/data of the %s site', (name) => {
  const dist = distOf(name);
  const json = () => JSON.parse(readFileSync(path.join(dist, 'data/dossier.json'), 'utf8'));

  it('dossier.json round-trips to the content as load.ts reads it', async () => {
    const loaded = await loadDossier(FIXTURES[name]);
    const data = json();
    expect(data.format).toBe('dossier-json/1');
    expect(data.site.title).toBe(loaded.site.title);
    for (const c of COLLECTIONS) {
      const entries = loaded.entries.filter((e) => e.collection === c).sort((a, b) => a.id.localeCompare(b.id));
      expect(data[c].map((e: any) => e.id), c).toEqual(entries.map((e) => e.id));
      for (const [i, e] of entries.entries()) {
        const out = data[c][i];
        expect(normalise(toData(c, out)), `${c}/${e.id}`).toEqual(normalise(e.data));
        // Astro hands over the body without the file's final newline.
        expect(out.body.trimEnd(), `${c}/${e.id} body`).toBe(e.body.trimEnd());
        expect(out.page).toBe(entryUrl(c, e.id));
      }
    }
  });

  it('gives dates in machine and reader forms, and references that name existing pages', () => {
    const data = json();
    for (const e of data.events) expect(e.date.iso).toBe(isoSpan(span(e.date)));
    const refs: any[] = [];
    const walk = (v: any) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        if (typeof v.page === 'string' && typeof v.collection === 'string') refs.push(v);
        Object.values(v).forEach(walk);
      }
    };
    COLLECTIONS.forEach((c) => walk(data[c]));
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) {
      expect(r.page).toBe(entryUrl(r.collection, r.id));
      expect(existsSync(path.join(dist, r.page, 'index.html')), r.page).toBe(true);
      expect(r.label).toBeTruthy();
    }
  });

  it('holds no null, and an empty value only where README says one is always there', () => {
    const odd: string[] = [];
    const walk = (v: unknown, at: string) => {
      if (v === null) odd.push(`${at}: null`);
      else if (v === '' && !at.endsWith('.body')) odd.push(`${at}: ""`);
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
      else if (typeof v === 'object') for (const [k, x] of Object.entries(v as object)) walk(x, `${at}.${k}`);
    };
    walk(json(), 'dossier');
    expect(odd).toEqual([]);
  });

  it('has one CSV per collection (and relations, and readings), one row per entry (relation, reading)', () => {
    const data = json();
    // Every readings group in dossier.json, wherever it sits.
    let readingRows = 0;
    const walk = (v: any) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const set of Object.values<any>(v.readings && !Array.isArray(v.readings) ? v.readings : {})) readingRows += set.readings.length;
        Object.values(v).forEach(walk);
      }
    };
    COLLECTIONS.forEach((c) => walk(data[c]));
    if (name === 'content') expect(readingRows).toBeGreaterThanOrEqual(14);
    for (const file of CSV_FILES) {
      const csv = readFileSync(path.join(dist, `data/${file}.csv`), 'utf8');
      const expected = file === 'relations' ? data.actors.reduce((n: number, a: any) => n + a.relations.length, 0) : file === 'readings' ? readingRows : data[file].length;
      // Rows end with CRLF; quoted cells may hold bare newlines.
      expect(csv.split('\r\n').filter(Boolean), file).toHaveLength(expected + 1);
    }
  });
});
