import { describe, expect, it } from 'vitest';
import { atomFeed, escapeXml, sitemap, sitemapPages } from '../../src/domain/feeds.ts';
import { latestEvents } from '../../src/domain/indexes.ts';
import { indexed, md } from '../helpers/graph.ts';

const files = {
  'events/a.md': md('title: Capture of A & B\ndate: 2017-11-03\nupdated: 2026-11-25\nsources: [report-a]', ''),
  'events/b.md': md('title: Claimed <strike>\ndate: 2017-10\nstatus: claimed\nsummary: Said "so".\nsources: [report-a]'),
};

describe('Atom feed of events', () => {
  it('lists events newest first, escaped, with absolute links when a siteUrl is set', async () => {
    const d = await indexed(files);
    const xml = atomFeed({ ...d.site, siteUrl: 'https://example.org' }, latestEvents(d.all.events, 10));
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://example.org/feed.xml"/>');
    expect(xml.indexOf('Capture of A &amp; B')).toBeLessThan(xml.indexOf('Claimed &lt;strike&gt;'));
    expect(xml).toContain('<id>https://example.org/events/a/</id>');
    expect(xml).toContain('<updated>2026-11-25T00:00:00Z</updated>');
    expect(xml).toContain('<summary>Oct 2017 (claimed). Said &quot;so&quot;.</summary>');
    // Well-formed enough for an XML parser: every entry closed.
    expect(xml.match(/<entry>/g)).toHaveLength(2);
    expect(xml.match(/<\/entry>/g)).toHaveLength(2);
  });

  it('without a siteUrl: no self link, stable urn:uuid ids, root-relative links', async () => {
    const d = await indexed(files);
    const xml = atomFeed(d.site, latestEvents(d.all.events, 10));
    expect(xml).not.toContain('rel="self"');
    expect(xml).toMatch(/<id>urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/id>/);
    expect(xml).toContain('href="/events/a/"');
    expect(atomFeed(d.site, latestEvents(d.all.events, 10))).toBe(xml);
  });
});

describe('sitemap', () => {
  it('uses absolute locations with a siteUrl, and last edits known to the day', () => {
    const xml = sitemap({ title: 't', description: 'd', language: 'en', siteUrl: 'https://example.org/', branch: 'main', contentPath: 'content' }, [
      { path: '/' }, { path: '/actors/x/', updated: { year: 2026, month: 11, day: 25, precision: 'day' } }, { path: '/events/y/', updated: { year: 2026, precision: 'year' } },
    ]);
    expect(xml).toContain('<url><loc>https://example.org/</loc></url>');
    expect(xml).toContain('<url><loc>https://example.org/actors/x/</loc><lastmod>2026-11-25</lastmod></url>');
    expect(xml).toContain('<url><loc>https://example.org/events/y/</loc></url>');
  });
});

describe('the sitemap\'s pages', () => {
  it('lists home (dated by the overview), the index pages, the relations page, then every entry but the overview', () => {
    const day = { year: 2026, month: 11, day: 25, precision: 'day' } as const;
    const e = (id: string, data: object = {}) => ({ id, data, body: '' }) as any;
    const pages = sitemapPages({
      actors: [e('kh', { updated: day })], places: [], events: [e('announce')], sources: [e('report-a')],
      pages: [e('overview', { updated: day }), e('about')],
    });
    expect(pages).toEqual([
      { path: '/', updated: day }, { path: '/actors/' }, { path: '/places/' }, { path: '/events/' }, { path: '/sources/' }, { path: '/graph/' },
      { path: '/actors/kh/', updated: day }, { path: '/events/announce/', updated: undefined }, { path: '/sources/report-a/', updated: undefined },
      { path: '/pages/about/', updated: undefined },
    ]);
  });
});

describe('escapeXml', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
