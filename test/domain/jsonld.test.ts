import { beforeAll, describe, expect, it } from 'vitest';
import { entryJsonLd, serializeJsonLd } from '../../src/domain/jsonld.ts';
import { indexed, md } from '../helpers/graph.ts';

let d: Awaited<ReturnType<typeof indexed>>;
beforeAll(async () => {
  d = await indexed({
    'actors/state.md': md('name: State Department\nkind: government-body\nsources: [report-a]'),
    'actors/someone.md': md('name: Someone\nkind: person\nsources: [report-a]'),
    'places/town.md': md('name: Town\nkind: town\ncoordinates: { lat: 34.45, lon: 40.9167 }\nsources: [report-a]'),
    'events/clash.md': md('title: Clash\ndate: { start: 2017-10, end: 2017-11 }\nplaces: [town]\nparticipants: [{ actor: someone }]\nsources: [report-a]'),
    'sources/wire.md': md('title: "A </script><script>alert(1)</script> title"\nkind: wire-report\npublisher: Wire\npublished: 2017-11-04\nurl: https://example.org/a\nlanguage: en'),
  });
});

describe('JSON-LD', () => {
  it('types actors, places with coordinates, events with dates and sources as articles', () => {
    expect(entryJsonLd('actors', 'state', d.index)).toMatchObject({ '@type': 'GovernmentOrganization', name: 'State Department' });
    expect(entryJsonLd('actors', 'group-a', d.index)).toMatchObject({ '@type': 'Organization' });
    expect(entryJsonLd('actors', 'someone', d.index)).toMatchObject({ '@type': 'Person' });
    expect(entryJsonLd('places', 'town', d.index)).toMatchObject({ '@type': 'City', geo: { '@type': 'GeoCoordinates', latitude: 34.45, longitude: 40.9167 } });
    expect(entryJsonLd('events', 'clash', d.index, 'https://example.org')).toMatchObject({
      '@type': 'Event', name: 'Clash', startDate: '2017-10', endDate: '2017-11',
      location: [{ '@type': 'Place', name: 'Town', url: 'https://example.org/places/town/' }],
      url: 'https://example.org/events/clash/',
    });
    expect(entryJsonLd('sources', 'wire', d.index)).toMatchObject({ '@type': 'NewsArticle', datePublished: '2017-11-04', sameAs: 'https://example.org/a', publisher: { name: 'Wire' } });
    expect(entryJsonLd('sources', 'report-a', d.index)).toMatchObject({ '@type': 'NewsArticle', headline: 'Report A' });
  });

  it('has no url without a siteUrl (no invented addresses)', () => {
    expect(entryJsonLd('actors', 'state', d.index)).not.toHaveProperty('url');
  });

  it('serialises so that content cannot close the script block, and still parses to the same data', () => {
    const data = entryJsonLd('sources', 'wire', d.index);
    const text = serializeJsonLd(data);
    expect(text).not.toMatch(/<|>|&/);
    expect(text).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(text)).toEqual(data);
    expect(serializeJsonLd({ a: '<!-- x \u2028' })).toBe('{"a":"\\u003c!-- x \\u2028"}');
  });
});
