import { beforeAll, describe, expect, it } from 'vitest';
import { cutSections, hasLongList, Related, relationSpan, type RelatedSection } from '../../src/domain/related.ts';
import { indexed, md } from '../helpers/graph.ts';

/** Sections as { title: ['prefix label · note'] } for readable expectations. */
const shown = (sections: RelatedSection[]) => Object.fromEntries(sections.map((s) => [s.title, s.items.map((i) => [i.prefix, i.label, i.note].filter(Boolean).join(' '))]));

let related: Related;
beforeAll(async () => {
  const { index, graph } = await indexed({
    'actors/kh.md': md(`
name: Kataib Hezbollah
kind: armed-group
relations:
  - { type: backed-by, target: iran, note: support, start: 2007, sources: [report-a] }
  - { type: unit-of, target: pmf, sources: [report-a] }
  - { type: allied-with, target: ally, sources: [report-a] }
sources: [report-a]`, 'Mentioned with [[speaker]].'),
    'actors/iran.md': md('name: Iran\nkind: state\nsources: [report-a]', 'Backs [[kh]].'),
    'actors/ally.md': md('name: Ally\nkind: armed-group\nrelations: [{ type: allied-with, target: kh, sources: [report-a] }]\nsources: [report-a]'),
    'actors/pmf.md': md('name: PMF\nkind: militia-umbrella\nsources: [report-a]'),
    'actors/speaker.md': md('name: Speaker\nkind: person\nrelations: [{ type: spokesperson-of, target: kh, sources: [report-a] }]\nsources: [report-a]'),
    'actors/state-dept.md': md('name: State Department\nkind: government-body\nsources: [report-a]'),
    'actors/fto.md': md('name: Listed group\nkind: armed-group\ndesignations: [{ by: state-dept, list: FTO, date: 2009-06, sources: [report-a] }]\nsources: [report-a]'),
    'places/syria.md': md('name: Syria\nkind: country\nsources: [report-a]'),
    'places/bukamal.md': md('name: Al Bukamal\nkind: town\nparent: syria\nsources: [report-a]'),
    'places/euphrates.md': md('name: Euphrates\nkind: river\ncountries: [syria]\nsources: [report-a]'),
    'events/announce.md': md('title: Announcement\ndate: 2017-11-03\nplaces: [bukamal]\nparticipants: [{ actor: kh, role: announcer }, { actor: speaker }]\nsources: [report-a]', 'See [[kh]] and [[iran]].'),
    'events/early.md': md('title: Early attacks\ndate: { start: 2007, end: 2011, circa: true }\nplaces: [syria]\nparticipants: [{ actor: kh }]\nsources: [{ source: report-a, locator: para 2 }]'),
    'pages/overview.md': md('title: Overview', 'About [[kh]] and [[announce]] [@report-a].'),
    'sources/chronology.md': md('title: A chronology\nkind: wire-report', 'A list of dates [@chronology], reprinting [[report-a]] [@report-a].'),
  });
  related = new Related(index, graph);
});

describe('Related, computed from the reference graph', () => {
  it('actor: its events in date order (with roles), the relations others state about it (its own are key facts), places, mentions', () => {
    expect(shown(related.for('actors', 'kh'))).toEqual({
      Events: ['Early attacks', 'Announcement announcer'],
      'Relations stated elsewhere': ['spokesperson Speaker'],
      Places: ['Al Bukamal', 'Syria'],
      'Mentioned in': ['Overview page'],
    });
  });

  it('an incoming relation reads from the target: "backs" for backed-by, "has unit" for unit-of', () => {
    expect(shown(related.for('actors', 'iran'))['Relations stated elsewhere']).toEqual(['backs Kataib Hezbollah support']);
    expect(shown(related.for('actors', 'pmf'))['Relations stated elsewhere']).toEqual(['has unit Kataib Hezbollah']);
  });

  it('an actor its key facts relate to is not listed again under "Mentioned in"', () => {
    expect(shown(related.for('actors', 'kh'))['Mentioned in']).toEqual(['Overview page']);
  });

  it('a symmetric relation both actors state is not repeated', () => {
    expect(shown(related.for('actors', 'ally'))['Relations stated elsewhere']).toBeUndefined();
    expect(shown(related.for('actors', 'kh'))['Relations stated elsewhere']).toEqual(['spokesperson Speaker']);
  });

  it('relations keep their time span', () => {
    const item = related.for('actors', 'iran')[0].items[0];
    expect(item.date).toMatchObject({ kind: 'range', start: { year: 2007 }, end: undefined });
    expect(relationSpan({ circa: false })).toBeUndefined();
  });

  it('a designating actor lists whom it designated', () => {
    expect(shown(related.for('actors', 'state-dept'))['Designations made']).toEqual(['designated Listed group FTO']);
  });

  it('place: events there and in places within it, actors active there, places within', () => {
    expect(shown(related.for('places', 'syria'))).toEqual({
      'Events here': ['Early attacks', 'Announcement at Al Bukamal'],
      'Actors active here': ['Kataib Hezbollah 2 events', 'Speaker 1 event'],
      'Places within': ['Al Bukamal', 'Euphrates'],
    });
    expect(shown(related.for('places', 'bukamal'))['Events here']).toEqual(['Announcement']);
  });

  it('event: participants with roles, places, and entries that mention it', () => {
    expect(shown(related.for('events', 'announce'))).toEqual({
      Participants: ['Kataib Hezbollah announcer', 'Speaker'],
      Places: ['Al Bukamal'],
      'Mentioned in': ['Overview page'],
    });
  });

  it('source: everything that cites it (backlinks), grouped, each entry once', () => {
    const s = shown(related.for('sources', 'report-a'));
    expect(s['Cited for events']).toEqual(['Early attacks', 'Announcement']);
    expect(s['Cited for actors']).toEqual(['Ally', 'Group A', 'Iran', 'Kataib Hezbollah', 'Listed group', 'PMF', 'Speaker', 'State Department']);
    expect(s['Cited for places']).toEqual(['Al Bukamal', 'Euphrates', 'Syria']);
    expect(s['Cited in pages']).toEqual(['Overview']);
    expect(s['Cited for other sources']).toEqual(['A chronology']);
  });

  it('a source whose text cites itself is not listed among what cites it', () => {
    const s = shown(related.for('sources', 'chronology'));
    expect(s).toEqual({});
  });

  it('leaves out empty sections and links each entry to its page', () => {
    const sections = related.for('actors', 'state-dept');
    expect(sections.map((s) => s.title)).toEqual(['Designations made']);
    expect(sections[0].items[0].url).toBe('/actors/fto/');
    expect(sections[0].id).toBe('related-designations');
  });
});

describe('cutSections: long lists on an entry page', () => {
  const item = (n: number, weight?: number) => ({ collection: 'events' as const, id: `e${n}`, label: `Event ${n}`, url: `/events/e${n}/`, ...(weight === undefined ? {} : { weight }) });
  const section = (keep: 'first' | 'latest' | 'busiest', items: ReturnType<typeof item>[]) => ({ id: 'related-events', title: 'Events here', items, keep });
  const labels = (s: { items: { label: string }[] }) => s.items.map((i) => i.label);

  it('leaves a list of up to the limit as it is', () => {
    const s = section('latest', [1, 2, 3].map((n) => item(n)));
    expect(cutSections([s], '/places/p/related/', 3)).toEqual([s]);
  });
  it('keeps the latest of a list in date order, and names the page with all of them', () => {
    const [s] = cutSections([section('latest', [1, 2, 3, 4, 5].map((n) => item(n)))], '/places/p/related/', 3);
    expect(labels(s)).toEqual(['Event 3', 'Event 4', 'Event 5']);
    expect(s.more).toEqual({ lead: 'Showing the latest 3 of 5:', link: 'all 5', url: '/places/p/related/#related-events' });
  });
  it('keeps the busiest (most events), in the list\'s own order', () => {
    const [s] = cutSections([section('busiest', [item(1, 1), item(2, 9), item(3, 2), item(4, 7)])], '/x/', 2);
    expect(labels(s)).toEqual(['Event 2', 'Event 4']);
    expect(s.more?.lead).toBe('Showing the most active 2 of 4:');
  });
  it('keeps the first of any other list', () => {
    const [s] = cutSections([section('first', [1, 2, 3].map((n) => item(n)))], '/x/', 2);
    expect(labels(s)).toEqual(['Event 1', 'Event 2']);
    expect(s.more?.lead).toBe('Showing the first 2 of 3:');
  });
  it('longLists: the sections of exactly the entries with a list over the limit, whatever it skips', () => {
    const entries = [['actors', 'kh'], ['actors', 'iran'], ['places', 'syria'], ['places', 'bukamal'], ['events', 'announce'], ['events', 'early'], ['pages', 'overview']] as const;
    for (const limit of [0, 1, 2, 3]) {
      for (const [collection, id] of entries) {
        const all = related.for(collection, id);
        expect(related.longLists(collection, id, limit), `${collection}/${id} over ${limit}`).toEqual(hasLongList(all, limit) ? all : undefined);
      }
    }
    // Announcement has two participants: over a limit of 1 it gets a related page; Early attacks, with one of each, does not.
    expect(related.longLists('events', 'announce', 1)).toBeDefined();
    expect(related.longLists('events', 'early', 1)).toBeUndefined();
  });

  it('hasLongList: whether a related page is needed', () => {
    expect(hasLongList([section('first', [item(1), item(2)])], 2)).toBe(false);
    expect(hasLongList([section('first', [item(1), item(2), item(3)])], 2)).toBe(true);
  });
});
