import { beforeAll, describe, expect, it } from 'vitest';
import {
  aliasGroups, backrefLetter, collectionCounts, entryVisualisations, explainerPages, formatCoordinates, formatSize, hostOf, locatorView, placeNames,
  shortFootnotes, sourceCredit, sourcePublisher,
} from '../../src/domain/entry-view.ts';
import type { EntryIndex, ReferenceGraph } from '../../src/domain/references.ts';
import { Related } from '../../src/domain/related.ts';
import type { Source } from '../../src/schemas/index.ts';
import { indexed, md } from '../helpers/graph.ts';

describe('key facts', () => {
  it('groups other names by kind, in the schema order, misspellings last, singular or plural', () => {
    const groups = aliasGroups([
      { name: 'Kataeb Hezbollah', kind: 'misspelling' },
      { name: 'KH', kind: 'abbreviation' },
      { name: 'Kata’ib Hizballah', kind: 'transliteration' },
      { name: 'Kata’ib Hezbollah', kind: 'transliteration' },
    ] as any);
    expect(groups.map((g) => [g.label, g.items.map((a) => `${a.name} ${a.key}`)])).toEqual([
      ['Abbreviation', ['KH aliases.1']],
      ['Transliterations', ['Kata’ib Hizballah aliases.2', 'Kata’ib Hezbollah aliases.3']],
      ['Misspelling seen in a source', ['Kataeb Hezbollah aliases.0']],
    ]);
    expect(aliasGroups([])).toEqual([]);
  });

  it.each([
    [{ lat: 34.4567, lon: 40.9167 }, '34.4567° N, 40.9167° E'],
    [{ lat: -33.5, lon: -70 }, '33.5° S, 70° W'],
    [{ lat: 0, lon: 0.123456 }, '0° N, 0.1235° E'],
  ])('coordinates %j read %s', (c, text) => expect(formatCoordinates(c)).toBe(text));

  it.each([
    ['https://www.reuters.com/article/x', 'reuters.com'],
    ['https://menafn.com/1', 'menafn.com'],
    ['not a url', 'not a url'],
  ])('the host of %s is %s', (url, host) => expect(hostOf(url)).toBe(host));

  it.each([
    [{ value: 400 }, '400'],
    [{ value: 10000, unit: 'fighters' }, '10,000 fighters'],
    [{ min: 1000, max: 2000 }, '1,000–2,000'],
    [{ max: 5000, unit: 'men' }, '?–5,000 men'],
  ])('size %j reads %s', (s, text) => expect(formatSize(s as any)).toBe(text));

  it.each([
    [{ publisher: 'Reuters', author: 'J. Smith' }, 'Reuters, J. Smith'], [{ publisher: 'Reuters' }, 'Reuters'], [{ author: 'J. Smith' }, 'J. Smith'], [{}, ''],
  ])('credits %j as %j', (source, text) => expect(sourceCredit(source)).toBe(text));

  it('names an event\'s places', () => {
    expect(placeNames(['bukamal', 'qaim'], { label: (_c, id) => ({ bukamal: 'Al Bukamal', qaim: 'Al Qaim' })[id]! })).toBe('Al Bukamal, Al Qaim');
    expect(placeNames([], { label: () => '' })).toBe('');
  });

  it('names a source\'s publisher as written, linked to its actor when there is one', () => {
    const index = { label: (_c: string, id: string) => (id === 'state' ? 'US Department of State' : id) } as unknown as EntryIndex;
    expect(sourcePublisher({ publisher: 'Reuters' } as Source, index)).toEqual({ text: 'Reuters', href: undefined });
    expect(sourcePublisher({ publisher: 'U.S. Department of State', publisherActor: 'state' } as Source, index)).toEqual({ text: 'U.S. Department of State', href: '/actors/state/' });
    expect(sourcePublisher({ publisherActor: 'state' } as Source, index)).toEqual({ text: 'US Department of State', href: '/actors/state/' });
    expect(sourcePublisher({} as Source, index)).toBeUndefined();
  });
});

describe('footnotes', () => {
  it.each([
    ['para 9', false], ['paras 1–2', false], ['p. 12', false], ['pp. 3-4', false], ['section 2', false], ['§ 4', false],
    ['chapter IV', false], ['00:41', false], ['12', false], ['at 1:02:03', false],
    ['has ideological ties to and receives support from Iran', true],
    ['On June 24, 2009 the Deputy Secretary of State designated Kata’ib Hizballah (KH)', true],
    ['400-strong group', true], ['at Istanbul', true], ['المتحدث باسم كتائب حزب الله', true],
    ['"already quoted"', false], ['“already quoted”', false],
  ])('%j is a quotation: %s', (locator, quoted) => expect(locatorView(locator)).toEqual({ text: locator, quoted }));

  it('gives a source cited again (another locator) the short form when it has a publisher', () => {
    const footnotes = [{ n: 1, source: 'post' }, { n: 2, source: 'post' }, { n: 3, source: 'tweet' }, { n: 4, source: 'tweet' }, { n: 5, source: 'post' }];
    expect([...shortFootnotes(footnotes, (s) => s === 'post')]).toEqual([2, 5]);
  });

  it.each([[0, 'a'], [1, 'b'], [25, 'z'], [26, 'a1'], [27, 'b1']])('back-link %i is %s', (k, letter) => expect(backrefLetter(k)).toBe(letter));
});

describe('the pages', () => {
  let d: { index: EntryIndex; graph: ReferenceGraph; related: Related };
  beforeAll(async () => {
    const { index, graph } = await indexed({
      'actors/kh.md': md('name: Kataib Hezbollah\nkind: armed-group\nrelations: [{ type: backed-by, target: iran, sources: [report-a] }]\nsources: [report-a]'),
      'actors/iran.md': md('name: Iran\nkind: state\nsources: [report-a]'),
      'actors/loner.md': md('name: Loner\nkind: person\nsources: [report-a]'),
      'places/syria.md': md('name: Syria\nkind: country\nsources: [report-a]'),
      'places/bukamal.md': md('name: Al Bukamal\nkind: town\nparent: syria\ncoordinates: { lat: 34.45, lon: 40.92, precision: approximate, source: report-a }\nsources: [report-a]'),
      'places/nowhere.md': md('name: Nowhere\nkind: region\nsources: [report-a]'),
      'events/announce.md': md('title: Announcement\ndate: 2017-11-03\nplaces: [bukamal]\nparticipants: [{ actor: kh }]\nsources: [report-a]'),
      'pages/overview.md': md('title: Overview'),
      'pages/b.md': md('title: B\norder: 2'),
      'pages/a.md': md('title: A\norder: 1'),
    });
    d = { index, graph, related: new Related(index, graph) };
  });

  it.each([
    ['actors', 'kh', { timeline: { events: ['announce'], title: 'Events involving Kataib Hezbollah' }, graph: { title: 'Relations of Kataib Hezbollah' } }],
    ['actors', 'iran', { graph: { title: 'Relations of Iran' } }],
    ['actors', 'loner', {}],
    ['places', 'bukamal', { timeline: { events: ['announce'], title: 'Events in Al Bukamal' }, map: { title: 'Map of Al Bukamal' } }],
    ['places', 'syria', { timeline: { events: ['announce'], title: 'Events in Syria' }, map: { title: 'Map of Syria' } }],
    ['places', 'nowhere', {}],
    ['events', 'announce', {}],
    ['pages', 'a', {}],
  ] as const)('%s/%s gets %j', (collection, id, expected) => expect(entryVisualisations(collection, id, d)).toEqual(expected));

  it('lists the explainers in their order, without the overview', () => {
    expect(explainerPages([...d.index.byKey.values()].filter((e) => e.collection === 'pages') as any).map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('counts each listed collection', () => {
    expect(collectionCounts({ actors: 18, places: 1, events: 0, sources: 35 })).toEqual([
      { href: '/actors/', text: '18 actors' }, { href: '/places/', text: '1 place' }, { href: '/events/', text: '0 events' }, { href: '/sources/', text: '35 sources' },
    ]);
  });
});
