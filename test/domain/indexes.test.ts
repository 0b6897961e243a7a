import { beforeAll, describe, expect, it } from 'vitest';
import { actorsByKind, actorsWithRelations, eventsByDate, eventsByYear, keyActors, latestEvents, mostLinked, placesByCountry, searchExamples, sourcesByKind } from '../../src/domain/indexes.ts';
import { formatSpan } from '../../src/domain/dates.ts';
import { indexed, md } from '../helpers/graph.ts';

let d: Awaited<ReturnType<typeof indexed>>;
const ids = (list: { id: string }[]) => list.map((e) => e.id);
beforeAll(async () => {
  d = await indexed({
    'actors/zed.md': md('name: Zed\nkind: armed-group\nsources: [report-a]'),
    'actors/us.md': md('name: United States\nkind: state\nsources: [report-a]'),
    'actors/person.md': md('name: A Person\nkind: person\nrelations: [{ type: member-of, target: zed, sources: [report-a] }]\nsources: [report-a]'),
    'places/syria.md': md('name: Syria\nkind: country\nsources: [report-a]'),
    'places/iraq.md': md('name: Iraq\nkind: country\nsources: [report-a]'),
    'places/deir.md': md('name: Deir ez-Zor governorate\nkind: governorate\nparent: syria\nsources: [report-a]'),
    'places/bukamal.md': md('name: Al Bukamal\nkind: town\nparent: deir\nsources: [report-a]'),
    'places/euphrates.md': md('name: Euphrates\nkind: river\ncountries: [syria, iraq]\nsources: [report-a]'),
    'places/atlantis.md': md('name: Atlantis\nkind: other\nsources: [report-a]'),
    'events/day.md': md('title: A day\ndate: 2017-11-03\nparticipants: [{ actor: zed }]\nsources: [report-a]'),
    'events/month.md': md('title: A month\ndate: 2017-11\nparticipants: [{ actor: zed }, { actor: us }]\nsources: [report-a]'),
    'events/circa.md': md('title: Around then\ndate: { on: 2015, circa: true }\nsources: [report-a]'),
    'events/period.md': md('title: A period\ndate: { start: 2009, end: 2011 }\nsources: [report-a]'),
    'events/until.md': md('title: Until then\ndate: { end: 2008 }\nsources: [report-a]'),
    'sources/old.md': md('title: Old wire\nkind: wire-report\npublished: 2009-07-02'),
    'sources/new.md': md('title: New wire\nkind: wire-report\npublished: 2017-11'),
    'sources/undated.md': md('title: Undated wire\nkind: wire-report'),
  });
});

describe('index groupings', () => {
  it('actors by kind, in the schema\'s kind order, names alphabetical', () => {
    expect(actorsByKind(d.all.actors).map((g) => [g.title, ids(g.items)])).toEqual([
      ['Armed groups', ['group-a', 'zed']], ['States', ['us']], ['People', ['person']],
    ]);
  });

  it('the actors that state relations, by name', () => {
    expect(ids(actorsWithRelations(d.all.actors))).toEqual(['person']);
  });

  it('places by country: up the parents, rivers under each country, countries as headings, the rest last', () => {
    expect(placesByCountry(d.all.places).map((g) => [g.title, g.entry?.id, ids(g.items)])).toEqual([
      ['Iraq', 'iraq', ['euphrates']],
      ['Syria', 'syria', ['deir', 'bukamal', 'euphrates']],
      ['Other places', undefined, ['atlantis']],
    ]);
  });

  it('events in date order (by first day covered: "Nov 2017" starts on 1 Nov), precision kept', () => {
    expect(eventsByDate(d.all.events).map((e) => formatSpan((e.data as any).date))).toEqual(['until 2008', '2009–2011', 'c. 2015', 'Nov 2017', '3 Nov 2017']);
    expect(eventsByYear(d.all.events).map((g) => g.title)).toEqual(['2008', '2009', '2015', '2017']);
    expect(ids(latestEvents(d.all.events, 2))).toEqual(['day', 'month']);
  });

  it('sources by kind, newest first, undated last', () => {
    expect(sourcesByKind(d.all.sources).map((g) => [g.title, ids(g.items)])).toEqual([
      ['News articles', ['report-a']], ['Wire reports', ['new', 'old', 'undated']],
    ]);
  });

  it('key actors are the most linked to', () => {
    expect(ids(keyActors(d.all.actors, d.graph, 2))).toEqual(['zed', 'us']);
  });

  it('places are ranked the same way (parents, rivers, events)', () => {
    expect(ids(mostLinked(d.all.places, 'places', d.graph, 2))).toEqual(['syria', 'deir']);
  });

  it('the home search suggests this dossier\'s own names: its key actor, and its key place under an alias', async () => {
    expect(searchExamples(d.all.actors, d.all.places, d.graph)).toBe('e.g. Zed, Syria');
    const other = await indexed({
      'actors/pk.md': md('name: Pezeshkian\nkind: person\nsources: [report-a]'),
      'places/tehran.md': md('name: Tehran\nkind: city\naliases: [{ name: Teheran, kind: transliteration }]\nsources: [report-a]'),
      'events/e.md': md('title: E\ndate: 2024\nplaces: [tehran]\nparticipants: [{ actor: pk }]\nsources: [report-a]'),
    });
    expect(searchExamples(other.all.actors, other.all.places, other.graph)).toBe('e.g. Pezeshkian, Teheran');
    const empty = await indexed({});
    expect(searchExamples(empty.all.actors.filter(() => false), empty.all.places, empty.graph)).toBe('');
  });
});
