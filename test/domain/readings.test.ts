/**
 * Readings: one fact on which sources disagree (src/domain/readings.ts), and what each part
 * of the site makes of it: the schema's parsed form, citations, the timeline's data and
 * drawing, exports, JSON-LD and the search record. Bad input is in test/fixtures/bad/readings-*.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isoSpan, parseDateSpan, utc, type DateSpan } from '../../src/domain/dates.ts';
import { buildCitations, entryClaims } from '../../src/domain/citations.ts';
import { csvRows, DossierExport, READINGS_CSV_COLUMNS, toCsv } from '../../src/domain/export.ts';
import { entryJsonLd } from '../../src/domain/jsonld.ts';
import {
  coveringSpan, differ, displayed, headValue, preferred, readingGroups, readingItems, readingsText, span, type ReadingSet,
} from '../../src/domain/readings.ts';
import { searchRecord } from '../../src/domain/search.ts';
import { decodeTimeline, encodeTimeline } from '../../src/domain/timeline-data.ts';
import { markTime } from '../../src/domain/timeline-layout.ts';
import { renderTimeline, type TimelineEvent } from '../../src/domain/timeline-svg.ts';
import { dossierErrorMap } from '../../src/domain/problems.ts';
import { schemas } from '../../src/schemas/index.ts';
import { indexed, md } from '../helpers/graph.ts';

const d = (v: unknown) => (parseDateSpan(v) as { ok: true; value: DateSpan }).value;
const set = (readings: [unknown, boolean?][], why?: string): ReadingSet<DateSpan> => ({
  readings: readings.map(([v, p], i) => ({ value: d(v), sources: [{ source: `s${i}` }], ...(p ? { preferred: true } : {}) })),
  ...(why ? { why } : {}),
});

describe('readings: the pure functions', () => {
  it.each([
    ['the marked reading', set([['2009-06-24'], ['2009-07-02', true]]), '2009-07-02'],
    ['none when none is marked', set([['2009-06-24'], ['2009-07-02']]), undefined],
  ])('preferred: %s', (_, s, expected) => {
    const p = preferred(s);
    expect(p && isoSpan(p.value)).toBe(expected);
  });

  it.each([
    ['the preferred reading first, the others as written', set([['2009-06'], ['2009-06-24'], ['2009-07-02', true]]), ['2009-07-02', '2009-06', '2009-06-24']],
    ['as written when none is preferred', set([['2014-01-14'], ['2013']]), ['2014-01-14', '2013']],
  ])('displayed: %s', (_, s, expected) => {
    expect(displayed(s).map((r) => isoSpan(r.value))).toEqual(expected);
  });

  it.each([
    ['a day and a month', set([['2009-06-24'], ['2009-07-02']]), [utc(2009, 5, 24), utc(2009, 6, 3)]],
    ['a year and a day after it', set([['2013'], ['2014-01-14']]), [utc(2013, 0, 1), utc(2014, 0, 15)]],
    ['a month that holds the other reading', set([['2009-06'], ['2009-06-24']]), [utc(2009, 5, 1), utc(2009, 6, 1)]],
  ])('span: %s covers from the earliest start to the latest end', (_, s, [from, to]) => {
    expect(span(s)).toEqual({ from, to });
  });

  it.each([
    ['2013 … Jan 2014', set([['2013'], ['2014-01-14'], ['2014-01']]), '2013/2014-01'],
    ['one reading holding the others stands for them', set([['2009-06'], ['2009-06-24']]), '2009-06'],
    ['approximate if any reading is', set([[{ on: 2013, circa: true }], ['2014']]), '~2013/2014'],
  ])('coveringSpan: %s', (_, s, iso) => {
    expect(isoSpan(coveringSpan(s))).toBe(iso);
  });

  it.each([
    ['the preferred value', set([['2013'], ['2014', true]]), undefined, '2014'],
    ['the first reading without a preferred one', set([['2013'], ['2014']]), undefined, '2013'],
    ['the combined value without a preferred one', set([['2013'], ['2014']]), coveringSpan, '2013/2014'],
  ])('headValue: %s', (_, s, combine, iso) => {
    expect(isoSpan(headValue(s, combine))).toBe(iso);
  });

  it('differ: readings with the same value (signed and announced the same day) do not differ', () => {
    expect(differ(set([['2009-07-02'], ['2009-07-02']]))).toBe(false);
    expect(differ(set([['2009-07-02'], ['2009-06-24']]))).toBe(true);
  });

  it('readingItems: preferred first, each keyed by its index as written (for its footnote marks)', () => {
    const s = set([['2009-06-24'], ['2009-07-02', true]]);
    s.readings[0].note = 'signed';
    expect(readingItems(s, isoSpan, ['designations', 0, 'date'])).toEqual([
      { text: '2009-07-02', preferred: true, key: 'designations.0.date.readings.1' },
      { text: '2009-06-24', note: 'signed', preferred: false, key: 'designations.0.date.readings.0' },
    ]);
  });

  it('readingsText: every value with its note', () => {
    const s = set([['2009-06-24'], ['2009-07-02']]);
    s.readings[1].note = 'effective';
    expect(readingsText(s, isoSpan)).toBe('2009-06-24; 2009-07-02 (effective)');
  });
});

const KH = md(`
name: KH
kind: armed-group
relations:
  - type: unit-of
    target: group-a
    unit:
      readings:
        - { value: 45th Brigade, sources: [{ source: report-a, locator: para 9 }], preferred: true }
        - { value: 46th Brigade, note: staffed, sources: [report-b] }
      why: The article names it.
    sources: [report-a]
designations:
  - by: group-a
    list: Foreign Terrorist Organization
    date:
      readings:
        - { value: 2009-06-24, note: signed, sources: [report-a] }
        - { value: 2009-07-02, note: effective, sources: [report-b], preferred: true }
      why: The list dates it so.
    sources: [report-a]
sizeEstimates:
  - value:
      readings:
        - { value: 400, sources: [report-a] }
        - { value: 1000, sources: [report-b] }
    sources: [report-a]
sources: [report-a, report-b]`, 'Body.');
const TOWN = md(`
name: Town
kind: town
coordinates:
  readings:
    - { value: { lat: 34.36694, lon: 41.13889 }, note: English Wikipedia, sources: [report-a], preferred: true }
    - { value: { lat: 34.39111, lon: 40.98778 }, note: French Wikipedia, sources: [report-b] }
sources: [report-a, report-b]`);
const TAKEN = md(`
title: Taken
date:
  readings:
    - { value: 2013, sources: [report-a] }
    - { value: 2014-01-14, note: conquered, sources: [report-b] }
places: [town]
sources: [report-a]`);
const REPORT_B = md('title: Report B\nkind: news-article');

describe('readings in a parsed entry', () => {
  it('keep the field\'s one value in place and the readings beside it', () => {
    const e = schemas.events.parse({ title: 'T', sources: ['a'], date: { readings: [{ value: 2013, sources: ['a'] }, { value: '2014-01-14', sources: ['b'] }] } }, { error: dossierErrorMap });
    expect(isoSpan(e.date)).toBe('2013/2014-01-14');
    expect(e.readings?.date?.readings.map((r) => isoSpan(r.value))).toEqual(['2013', '2014-01-14']);
    const plain = schemas.events.parse({ title: 'T', sources: ['a'], date: '2017-11-03' }, { error: dossierErrorMap });
    expect(plain.readings).toBeUndefined();
    expect(isoSpan(plain.date)).toBe('2017-11-03');
  });

  it('readingGroups finds them in raw frontmatter and in the parsed entry, at the path a contributor wrote', () => {
    const raw = { designations: [{ date: '2009' }, { date: { readings: [{ value: 2009 }, { value: 2010 }] } }] };
    expect(readingGroups('actors', raw).map((g) => [g.path, g.raw])).toEqual([[['designations', 1, 'date'], true]]);
    const parsed = schemas.places.parse({ name: 'P', kind: 'town', coordinates: { readings: [{ value: { lat: 1, lon: 2 }, sources: ['a'] }, { value: { lat: 1, lon: 3 }, sources: ['b'] }] } }, { error: dossierErrorMap });
    expect(readingGroups('places', parsed).map((g) => [g.path, g.raw, g.readings.length])).toEqual([[['coordinates'], false, 2]]);
  });
});

describe('readings across the site', () => {
  let x: Awaited<ReturnType<typeof indexed>>;
  beforeAll(async () => {
    x = await indexed({ 'sources/report-b.md': REPORT_B, 'actors/kh.md': KH, 'places/town.md': TOWN, 'events/taken.md': TAKEN });
  });
  const data = (c: 'actors' | 'places' | 'events', id: string) => x.index.get(c, id)!.data as any;

  it('citations: each reading gets the footnote marks of its own sources', () => {
    const { marks, footnotes } = buildCitations('', entryClaims('actors', data('actors', 'kh')));
    const source = (key: string) => marks.get(key)!.map((m) => footnotes[m.n - 1].source);
    expect(source('designations.0.date.readings.0')).toEqual(['report-a']);
    expect(source('designations.0.date.readings.1')).toEqual(['report-b']);
    expect(source('relations.0.unit.readings.1')).toEqual(['report-b']);
    expect(source('sizeEstimates.0.value.readings.1')).toEqual(['report-b']);
  });

  it('the reference graph links an entry to the sources its readings cite', () => {
    expect(x.graph.linksTo('sources', 'report-b').map((l) => `${l.from.id} ${l.path.join('.')}`)).toContain('kh designations.0.date.readings.1.sources.0');
  });

  it('dossier.json: the field holds the preferred value; its readings follow with their sources, in the field\'s form', () => {
    const json = new DossierExport(x.index, x.graph, x.site).json(x.all);
    const kh = json.actors.find((a) => a.id === 'kh') as any;
    expect(kh.designations[0].date.iso).toBe('2009-07-02');
    expect(kh.designations[0].readings.date.why).toBe('The list dates it so.');
    expect(kh.designations[0].readings.date.readings.map((r: any) => [r.value.iso, r.note, r.preferred, r.sources.map((s: any) => s.id)])).toEqual([
      ['2009-06-24', 'signed', undefined, ['report-a']],
      ['2009-07-02', 'effective', true, ['report-b']],
    ]);
    expect(kh.relations[0].unit).toBe('45th Brigade');
    expect(kh.relations[0].readings.unit.readings[1]).toMatchObject({ value: '46th Brigade', note: 'staffed' });
    expect(kh.sizeEstimates[0].value).toBe(400);
    const town = json.places.find((p) => p.id === 'town') as any;
    expect(town.coordinates).toMatchObject({ lat: 34.36694, lon: 41.13889 });
    expect(town.readings.coordinates.readings[1].value).toEqual({ lat: 34.39111, lon: 40.98778, precision: 'approximate' });
  });

  it('readings.csv: one row per reading, with its field, value, note and sources', () => {
    const json = new DossierExport(x.index, x.graph, x.site).json(x.all);
    const rows = csvRows('readings', json);
    expect(rows.filter((r) => r.id === 'kh' && r.field === 'designations[0].date')).toEqual([
      { collection: 'actors', id: 'kh', field: 'designations[0].date', reading: 0, preferred: false, value: '2009-06-24', display: '24 Jun 2009', note: 'signed', sources: 'report-a', why: undefined },
      { collection: 'actors', id: 'kh', field: 'designations[0].date', reading: 1, preferred: true, value: '2009-07-02', display: '2 Jul 2009', note: 'effective', sources: 'report-b', why: 'The list dates it so.' },
    ]);
    expect(rows.find((r) => r.id === 'town' && r.reading === 1)).toMatchObject({ field: 'coordinates', value: '34.39111, 40.98778', note: 'French Wikipedia' });
    expect(rows.filter((r) => r.id === 'taken').map((r) => r.value)).toEqual(['2013', '2014-01-14']);
    expect(csvRows('events', json).find((r) => r.id === 'taken')).toMatchObject({ date_iso: '2013/2014-01-14', date_sources_differ: true });
    expect(toCsv(rows).split('\r\n')[0]).toBe(READINGS_CSV_COLUMNS.join(','));
    expect(toCsv([], READINGS_CSV_COLUMNS)).toBe('collection,id,field,reading,preferred,value,display,note,sources,why\r\n');
  });

  it('JSON-LD uses the preferred reading (a place\'s position), or the span all readings cover', () => {
    const town = entryJsonLd('places', 'town', x.index) as any;
    expect(town.geo).toMatchObject({ latitude: 34.36694, longitude: 41.13889 });
    const taken = entryJsonLd('events', 'taken', x.index) as any;
    expect([taken.startDate, taken.endDate]).toEqual(['2013', '2014-01-14']);
  });

  it('the search record carries the text of every reading, so a reading not followed still finds the page', () => {
    expect(searchRecord('actors', data('actors', 'kh')).readings).toEqual([
      '24 Jun 2009 (signed); 2 Jul 2009 (effective)',
      '400; 1000',
      '45th Brigade; 46th Brigade (staffed)',
    ]);
    expect(searchRecord('places', data('places', 'town')).readings).toEqual(['34.36694, 41.13889 (English Wikipedia); 34.39111, 40.98778 (French Wikipedia)']);
    expect(searchRecord('events', data('events', 'taken')).readings).toEqual(['2013; 14 Jan 2014 (conquered)']);
  });
});

describe('readings on the timeline', () => {
  const ev = (id: string, date: unknown, readings?: TimelineEvent['readings']): TimelineEvent => ({
    id, title: `Title of ${id}`, date: 'x', iso: '', status: 'confirmed', actors: [], places: [], time: markTime(d(date)),
    ...(readings ? { readings } : {}),
  });
  const designated = ev('designated', '2009-07-02', { from: utc(2009, 5, 1), to: utc(2009, 6, 3), preferred: true });
  const taken = ev('taken', { start: 2013, end: '2014-01' }, { from: utc(2013, 0, 1), to: utc(2014, 1, 1), preferred: false });

  it('the browser\'s copy keeps each event\'s readings span and whether one is preferred, with or without a summary', () => {
    const events = [designated, { ...taken, summary: 'S' }, ev('plain', '2017-11-03')];
    expect(decodeTimeline(JSON.parse(JSON.stringify(encodeTimeline(events))))).toEqual(events);
  });

  it('draws the span the readings cover, with the preferred date\'s mark; without a preferred reading only the span', () => {
    const o = { from: utc(2008, 0, 1), to: utc(2015, 0, 1), width: 700, uid: 'u', href: (id: string) => `/events/${id}/`, binHref: '/events/' };
    const one = renderTimeline([designated], o).svg;
    expect(one).toContain('class="tl-readings"');
    expect(one).toContain('<circle class="tl-shape"');
    // Its name, the <title> the build draws (the script's drawing says it in an aria-label).
    expect(one).toContain('<title>Title of designated, x; sources differ: 1 Jun 2009 – 2 Jul 2009</title>');
    expect(renderTimeline([designated], { ...o, titles: false }).svg).toContain('aria-label="Title of designated, x; sources differ: 1 Jun 2009 – 2 Jul 2009"');
    const none = renderTimeline([taken], o).svg;
    expect(none).toContain('class="tl-readings"');
    expect(none).not.toContain('tl-shape');
    expect(renderTimeline([ev('plain', '2017-11-03')], o).svg).not.toContain('tl-readings');
  });
});
