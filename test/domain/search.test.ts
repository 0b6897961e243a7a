import { describe, expect, it } from 'vitest';
import { exactNameRank, liftExactNames, nameKey, searchDocument, searchFacets, searchRecord, sortKey, spanYears } from '../../src/domain/search.ts';
import { parseDateSpan, type DateSpan } from '../../src/domain/dates.ts';

const span = (v: unknown): DateSpan => {
  const r = parseDateSpan(v);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

const kh = {
  name: 'Kataib Hezbollah', kind: 'armed-group', summary: '…',
  nativeName: { text: 'كتائب حزب الله', lang: 'ar' },
  aliases: [
    { name: 'Kataib Helbollah', kind: 'misspelling' },
    { name: 'KH', kind: 'abbreviation' },
    { name: 'kataib hezbollah', kind: 'other' },
    { name: 'كتائب حزب الله', kind: 'other', lang: 'ar' },
  ],
  relations: [], designations: [], sizeEstimates: [], sources: [],
} as any;

describe('searchRecord', () => {
  it('gives an actor its type, kind, name and every other name, without repeats', () => {
    const r = searchRecord('actors', kh);
    expect(r.meta).toMatchObject({ type: 'actor', kind: 'armed group', name: 'Kataib Hezbollah' });
    expect(r.filters).toEqual({ type: ['actor'], kind: ['armed group'] });
    expect(r.names).toEqual(['كتائب حزب الله', 'Kataib Helbollah', 'KH']);
    expect(r.meta.names).toBe('كتائب حزب الله · Kataib Helbollah · KH');
    expect(r.sort).toEqual({});
  });

  it('dates an event with its precision, its years and a chronological sort key', () => {
    const r = searchRecord('events', { title: 'Iraqi forces capture Al Qaim', date: span('2017-11'), aliases: [], sources: [], places: [], participants: [] } as any);
    expect(r.meta).toMatchObject({ type: 'event', date: 'Nov 2017', datetime: '2017-11' });
    expect(r.meta.name).toBeUndefined();
    expect(r.filters).toEqual({ type: ['event'], year: ['2017'] });
    expect(r.sort).toEqual({ date: '2017-11-00' });
  });

  it('files a period under every year it touches, and a circa date as approximate', () => {
    const r = searchRecord('events', { title: 'Attacks', date: span({ start: 2009, end: 2011, circa: true }), aliases: [], sources: [] } as any);
    expect(r.filters.year).toEqual(['2009', '2010', '2011']);
    expect(r.meta.date).toBe('c. 2009–2011');
    expect(r.meta.datetime).toBe('~2009/2011');
  });

  it('dates a source by its publication and names its publisher; no kind filter outside actors', () => {
    const r = searchRecord('sources', { title: 'Headline', kind: 'news-article', publisher: 'The Defense Post', published: span('2017-11-04'), sources: [] } as any);
    expect(r.meta).toMatchObject({ type: 'source', kind: 'news article', publisher: 'The Defense Post', date: '4 Nov 2017' });
    expect(r.filters).toEqual({ type: ['source'], year: ['2017'] });
  });
});

describe('dates for search', () => {
  it('sorts every precision as text in chronological order', () => {
    const keys = ['2017-11-03', '2017', '2016-06', { end: 2011 }, '2017-11'].map((d) => sortKey(span(d)));
    expect([...keys].sort()).toEqual(['2011-00-00', '2016-06-00', '2017-00-00', '2017-11-00', '2017-11-03']);
  });

  it('keeps only the two ends of a very long period', () => {
    expect(spanYears(span({ start: 1900, end: 2017 }))).toEqual(['1900', '2017']);
    expect(spanYears(span({ start: 2015 }))).toEqual(['2015']);
  });
});

describe('searchFacets', () => {
  it('offers the types present, actor kinds and years, sorted', () => {
    const f = searchFacets({
      actors: [{ data: kh }, { data: { ...kh, kind: 'state' } }],
      places: [],
      events: [{ data: { title: 'E', date: span({ start: 2016, end: 2017 }) } as any }],
      sources: [{ data: { title: 'S', kind: 'other', published: span(2009) } as any }],
      pages: [],
    });
    expect(f.types.map((t) => t.value)).toEqual(['', 'actor', 'event', 'source']);
    expect(f.kinds).toEqual(['armed group', 'state']);
    expect(f.years).toEqual(['2009', '2016', '2017']);
  });
});

describe('searchDocument', () => {
  const source = {
    title: 'Ukraine International Airlines Flight 752', kind: 'encyclopedia', publisher: 'HandWiki', author: 'Editors',
    published: span('2020-01'), notes: 'An encyclopedia article', sources: [],
  } as any;

  it('reads as sentences: summary, notes, then the body, without labels, citation markers or the title', () => {
    const d = searchDocument({ collection: 'sources', id: 'ps752', data: source, html: '<p>It says “Flight 752” was shot down<sup class="citation"><a href="#fn-1">[1]</a></sup>.</p>' });
    expect(d.url).toBe('/sources/ps752/');
    expect(d.title).toBe('Ukraine International Airlines Flight 752');
    expect(d.text).toBe('An encyclopedia article. It says “Flight 752” was shot down.');
    expect(d.facts).toEqual(['Editors', 'HandWiki']);
    expect(d.meta).toMatchObject({ type: 'source', publisher: 'HandWiki', date: 'Jan 2020' });
  });

  it('finds an actor by its designations and relation notes, without showing them in the snippet', () => {
    const d = searchDocument({ collection: 'actors', id: 'kataib-hezbollah', data: { ...kh, relations: [{ type: 'unit-of', target: 'h', note: 'the 45th Brigade', sources: [] }], designations: [{ by: 's', list: 'Foreign Terrorist Organization', sources: [] }] }, html: '' });
    expect(d.text).toBe('…');
    expect(d.facts).toEqual(['Foreign Terrorist Organization', 'the 45th Brigade']);
  });
});

describe('exact names', () => {
  it.each([
    ["Kata'ib Hizballah", 'Kata’ib Hizballah'],
    ['al-hashd al-shaabi', 'Al Hashd Al-Shaabi'],
    ['البوكمال', 'البُوكَمال'],
    ['Deir ez-Zor', 'Deir Ez Zor'],
  ])('%s and %s have the same key', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it('ranks a name above an alias above anything else', () => {
    expect(exactNameRank('iraq', { name: 'Iraq' })).toBe(0);
    expect(exactNameRank('Iran', { name: 'Government of Iran', names: 'الحكومة الإيرانية · Iran' })).toBe(1);
    expect(exactNameRank('Iraq', { name: 'Iraqi Army', title: 'Iraqi Army' })).toBe(3);
    expect(exactNameRank('  ', { name: '' })).toBe(3);
  });

  it('lifts exact matches and keeps the engine order otherwise', () => {
    const results = [
      { id: 'parliament', meta: { name: 'Iraqi Parliament' } },
      { id: 'government', meta: { name: 'Government of Iraq', names: 'Iraq' } },
      { id: 'event', meta: { title: 'Fighting in Iraq' } },
      { id: 'place', meta: { name: 'Iraq' } },
    ];
    // A title holding the word Iraq comes before one that only begins with it (Iraqi).
    expect(liftExactNames('Iraq', results).map((r) => r.id)).toEqual(['place', 'government', 'event', 'parliament']);
  });

  it('puts an event a query names above a source named after it', () => {
    const results = [
      { id: 'source', meta: { type: 'source', title: 'Ukraine International Airlines Flight 752' } },
      { id: 'other', meta: { type: 'event', title: 'Protests in Tehran' } },
      { id: 'event', meta: { type: 'event', title: 'Flight 752 shot down near Tehran' } },
    ];
    expect(liftExactNames('Flight 752', results).map((r) => r.id)).toEqual(['event', 'source', 'other']);
    expect(liftExactNames('flight 752', results).map((r) => r.id)).toEqual(['event', 'source', 'other']);
  });
});
