/**
 * The built sites (content/ and the mini fixture, built once by the global setup):
 * every entry has its page, every internal link and #anchor resolves, and the pages
 * carry what readers, search engines and feed readers need.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatSpan } from '../../src/domain/dates.ts';
import { checkLinks, formatBrokenLinks } from '../../src/domain/linkcheck.ts';
import { entryUrl } from '../../src/domain/urls.ts';
import { loadDossier, type Entry } from '../../src/pipeline/load.ts';
import { distOf, FIXTURES, type FixtureName } from '../helpers/build.ts';
import { attr, byTag, findAll, rawText, readPage, readSite, text } from '../helpers/html.ts';
import type { SiteFile } from '../../src/domain/linkcheck.ts';

/** Made by later build steps (the offline zip) or other parts (the search page). */
const BUILT_ELSEWHERE = ['/dossier-offline.zip', '/search/'];

const sites = {} as Record<FixtureName, { dist: string; entries: Entry[]; files: SiteFile[]; siteUrl?: string }>;
beforeAll(async () => {
  for (const name of Object.keys(FIXTURES) as FixtureName[]) {
    const loaded = await loadDossier(FIXTURES[name]);
    sites[name] = { dist: distOf(name), entries: loaded.entries, files: readSite(distOf(name)), siteUrl: loaded.site.siteUrl };
  }
});

const title = (e: Entry) => String((e.data as any).name ?? (e.data as any).title);

describe.each(Object.keys(FIXTURES) as FixtureName[])('the %s site', (name) => {
  it('has a page for every entry, titled with its name', () => {
    const { dist, entries } = sites[name];
    expect(entries.length).toBeGreaterThan(5);
    for (const e of entries) {
      const page = readPage(dist, entryUrl(e.collection, e.id));
      const h1 = findAll(page, byTag('h1'));
      if (e.collection === 'pages' && e.id === 'overview') expect(text(h1[0])).toBe(title(e));
      else expect(h1.map(text), `${e.collection}/${e.id}`).toEqual([title(e)]);
    }
  });

  it('has no broken internal link or #anchor anywhere', () => {
    const { files, siteUrl } = sites[name];
    expect(files.filter((f) => f.html).length).toBeGreaterThan(10);
    const broken = checkLinks(files, { siteUrl, ignore: BUILT_ELSEWHERE });
    expect(formatBrokenLinks(broken)).toBe('');
  });

  it('links every page to the offline download in its footer, and has a 404 page', () => {
    const { files } = sites[name];
    for (const f of files.filter((x) => x.html)) {
      const footer = findAll(readPage(sites[name].dist, f.path), byTag('footer'));
      expect(footer.flatMap((el) => findAll(el, byTag('a'))).some((a) => attr(a, 'href') === '/dossier-offline.zip'), f.path).toBe(true);
    }
    expect(existsSync(path.join(sites[name].dist, '404.html'))).toBe(true);
  });

  it('marks every link to another site and gives it rel="noopener noreferrer"', () => {
    let count = 0;
    for (const f of sites[name].files.filter((x) => x.html)) {
      for (const a of findAll(readPage(sites[name].dist, f.path), (el) => el.tagName === 'a' && /^https?:/.test(attr(el, 'href') ?? ''))) {
        count++;
        expect(attr(a, 'rel'), `${f.path}: ${attr(a, 'href')}`).toBe('noopener noreferrer');
        expect(text(a)).toMatch(/\(external link\)$/);
      }
    }
    expect(count).toBeGreaterThan(0);
  });

  it('keeps inline scripts to the one static theme script (plus JSON-LD and the timelines\' JSON data)', () => {
    const inline = new Set<string>();
    for (const f of sites[name].files.filter((x) => x.html)) {
      for (const s of findAll(readPage(sites[name].dist, f.path), byTag('script'))) {
        // Data blocks are not run: JSON-LD, and each timeline's events (application/json).
        if (attr(s, 'src') || attr(s, 'type') === 'application/ld+json' || attr(s, 'type') === 'application/json') continue;
        inline.add(rawText(s));
      }
    }
    expect([...inline]).toHaveLength(1);
    expect([...inline][0].length).toBeLessThan(200);
  });

  it('gives every entry page valid JSON-LD of the right schema.org type', () => {
    const { dist, entries } = sites[name];
    for (const e of entries.filter((x) => x.collection !== 'pages')) {
      const blocks = findAll(readPage(dist, entryUrl(e.collection, e.id)), (el) => el.tagName === 'script' && attr(el, 'type') === 'application/ld+json');
      expect(blocks, `${e.collection}/${e.id}`).toHaveLength(1);
      const data = JSON.parse(rawText(blocks[0]));
      expect(data['@context']).toBe('https://schema.org');
      const types = { actors: /Organization|Person/, places: /Place|City|Country|RiverBodyOfWater/, events: /^Event$/, sources: /CreativeWork|Article|Report|Posting/ } as const;
      expect(data['@type']).toMatch(types[e.collection as keyof typeof types]);
      if (e.collection === 'places' && (e.data as any).coordinates) expect(data.geo['@type']).toBe('GeoCoordinates');
    }
  });
});

describe('page details', () => {
  it('the home search and the relations page speak of the dossier being built, not of the first one', () => {
    // The mini dossier: Group A is its most cited actor, Town C its only place; its one relation: Group A is backed by State B.
    const mini = readFileSync(path.join(distOf('mini'), 'index.html'), 'utf8');
    expect(/<input id="home-search-q"[^>]*placeholder="([^"]*)"/.exec(mini)?.[1]).toBe('e.g. Group A, Town C');
    const graph = readFileSync(path.join(distOf('mini'), 'graph/index.html'), 'utf8');
    expect(/<p class="lede">([^<]*)<\/p>/.exec(graph)?.[1]).toBe('1 relation between the actors of this dossier: who is backed by whom, each with its sources.');
  });

  it('a </script> in content stays inside the JSON-LD block (escaped), and the page shows the title as text', () => {
    const html = readFileSync(path.join(sites.mini.dist, 'sources/tricky-title/index.html'), 'utf8');
    const page = readPage(sites.mini.dist, '/sources/tricky-title/');
    expect(findAll(page, byTag('script')).filter((s) => rawText(s).includes('alert(1)'))).toHaveLength(1);
    expect(html).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)');
    expect(text(findAll(page, byTag('h1'))[0])).toBe('A title with </script><script>alert(1)</script> and <!-- in it');
  });

  it('sets Arabic names with lang="ar" dir="rtl"', () => {
    const page = readPage(sites.content.dist, '/actors/kataib-hezbollah/');
    const arabic = findAll(page, (el) => attr(el, 'lang') === 'ar');
    expect(arabic.length).toBeGreaterThan(1);
    for (const el of arabic) expect(attr(el, 'dir')).toBe('rtl');
    expect(arabic.map(text)).toContain('كتائب حزب الله');
  });

  it('canonical URL and og:url only when dossier.yml sets siteUrl', () => {
    const meta = (dist: string, p: string, match: (el: any) => boolean) => findAll(readPage(dist, p), match);
    const canonical = (el: any) => el.tagName === 'link' && attr(el, 'rel') === 'canonical';
    const ogUrl = (el: any) => el.tagName === 'meta' && attr(el, 'property') === 'og:url';
    expect(attr(meta(sites.mini.dist, '/actors/group-a/', canonical)[0], 'href')).toBe('https://mini.example.org/actors/group-a/');
    expect(attr(meta(sites.mini.dist, '/actors/group-a/', ogUrl)[0], 'content')).toBe('https://mini.example.org/actors/group-a/');
    expect(meta(sites.content.dist, '/actors/kataib-hezbollah/', canonical)).toEqual([]);
    expect(meta(sites.content.dist, '/actors/kataib-hezbollah/', ogUrl)).toEqual([]);
    const og = meta(sites.content.dist, '/actors/kataib-hezbollah/', (el) => el.tagName === 'meta' && /^(og|twitter):/.test(attr(el, 'property') ?? attr(el, 'name') ?? ''));
    // X/Twitter falls back to og:title and og:description: the page says them once.
    expect(og.map((el) => attr(el, 'property') ?? attr(el, 'name')).sort()).toEqual(['og:description', 'og:locale', 'og:site_name', 'og:title', 'og:type', 'twitter:card']);
    expect(meta(sites.mini.dist, '/404.html', canonical)).toEqual([]);
  });

  it('loads one style sheet, the same on every page (the search page adds its own): one request, cached once', () => {
    const sheets = new Map<string, string[]>();
    for (const f of sites.content.files) {
      if (!('html' in f) || !f.html) continue;
      const links = [...f.html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
      sheets.set(f.path, links);
      expect(f.html, f.path).not.toMatch(/data-astro-cid-/);
    }
    const shared = sheets.get('index.html')!;
    expect(shared).toHaveLength(1);
    for (const [page, links] of sheets) expect(links, page).toEqual(page === 'search/index.html' ? [...shared, expect.stringMatching(/^\/_astro\/search\.[\w-]+\.css$/)] : shared);
    expect(sheets.size).toBeGreaterThan(80);
  });

  it('shows every event in date order with its precision on /events/', async () => {
    const page = readPage(sites.content.dist, '/events/');
    const shown = findAll(page, (el) => (attr(el, 'className') ?? '').includes('event-date')).map(text);
    const events = sites.content.entries.filter((e) => e.collection === 'events');
    expect(shown).toHaveLength(events.length);
    expect(shown).toEqual(expect.arrayContaining(events.map((e) => formatSpan((e.data as any).date))));
    expect(shown).toEqual(expect.arrayContaining(['c. 2007–2011', 'Oct–Nov 2017', '2013–Jan 2014', '2015', '3 Nov 2017']));
    const mini = findAll(readPage(sites.mini.dist, '/events/'), (el) => (attr(el, 'className') ?? '').includes('event-date')).map(text);
    expect(mini).toEqual(['c. 2015', '3 Nov 2017']);
  });

  it('groups actors by kind, places by country, sources by kind', () => {
    const headings = (p: string) => findAll(readPage(sites.content.dist, p), byTag('h2')).map(text);
    expect(headings('/actors/')).toEqual(expect.arrayContaining(['Armed groups', 'States', 'People', 'Media outlets']));
    expect(headings('/places/')).toEqual(expect.arrayContaining(['Iraq', 'Syria']));
    expect(headings('/sources/')).toEqual(expect.arrayContaining(['News articles', 'Encyclopedia articles']));
  });

  it('numbers citations as footnotes that link to the source page, and back to each marker', () => {
    const page = readPage(sites.content.dist, '/actors/kataib-hezbollah/');
    const markers = findAll(page, (el) => el.tagName === 'a' && /^#fn-\d+$/.test(attr(el, 'href') ?? ''));
    const notes = findAll(page, (el) => el.tagName === 'li' && /^fn-\d+$/.test(attr(el, 'id') ?? ''));
    expect(markers.length).toBeGreaterThan(notes.length);
    expect(new Set(markers.map((a) => attr(a, 'href')))).toEqual(new Set(notes.map((li) => `#${attr(li, 'id')}`)));
    for (const li of notes) {
      expect(findAll(li, byTag('a')).some((a) => (attr(a, 'href') ?? '').startsWith('/sources/'))).toBe(true);
      expect(findAll(li, byTag('a')).some((a) => (attr(a, 'href') ?? '').startsWith('#cite-'))).toBe(true);
    }
  });

  it('lists incoming relations with inverse wording in Related', () => {
    const relatedRelations = (p: string) => findAll(readPage(sites.content.dist, p), (el) => attr(el, 'ariaLabelledBy') === 'related-relations').map(text)[0];
    expect(relatedRelations('/actors/iranian-government/')).toMatch(/Backs Kataib Hezbollah/);
    expect(relatedRelations('/actors/hashd-al-shaabi/')).toMatch(/Has unit Kataib Hezbollah/);
    expect(relatedRelations('/actors/kataib-hezbollah/')).toMatch(/Spokesperson Jaafar Hussaini/);
  });

  it('shows each of an actor\'s relations once in text: in its key facts, with their sources, not again in Related', () => {
    const page = readPage(sites.content.dist, '/actors/kataib-hezbollah/');
    const readable = text(page).replace(/\s+/g, ' ');
    const svgText = findAll(page, byTag('svg')).map(text).join(' ');
    for (const phrase of ['Unit of Hashd al-Shaabi', 'Backed by Government of Iran', 'Opposed to Islamic State', 'Allied with Syrian government', 'Spokesperson Jaafar Hussaini']) {
      expect(readable.split(phrase).length - 1, phrase).toBe(1);
      expect(svgText).not.toContain(phrase); // the graph draws lines, not these words
    }
    const infobox = findAll(page, (el) => el.tagName === 'aside' && (attr(el, 'className') ?? '').includes('infobox')).map(text)[0].replace(/\s+/g, ' ');
    // Its two sources' markers follow it (numbers depend on the order of citation).
    expect(infobox).toMatch(/Backed by Government of Iran\s*\[\d+\]\[\d+\]/);
  });

  it('puts quoted locators in quotation marks, place locators as they are', () => {
    // The page's footnotes, as text; which number each has depends on the order of citation.
    const notes = findAll(readPage(sites.content.dist, '/actors/kataib-hezbollah/'), (el) => /^fn-\d+$/.test(attr(el, 'id') ?? '')).map((el) => text(el).replace(/\s+/g, ' '));
    expect(notes.some((n) => /19 Jul 2017, “has ideological ties to and receives support from Iran”(\. https|$)/.test(n))).toBe(true);
    expect(notes.some((n) => /The Defense Post, 4 Nov 2017, para 9(\. https|$)/.test(n))).toBe(true);
  });

  it('isolates Arabic inside English text, in bodies and in fields, and gives it its language', () => {
    const event = readFileSync(path.join(sites.content.dist, 'events/hussaini-announces-kh-will-enter-syria/index.html'), 'utf8');
    // The body's quotation: the closing quotation mark and the footnote marker follow the isolate.
    expect(event).toMatch(/“<bdi lang="ar">البوكمال\s+تحت مرمى[^<]*داعش<\/bdi>”<sup class="citation">/);
    // The date note (a field, quoted as written) isolates "أمس الجمعة" the same way.
    expect(event).toContain('&quot;<bdi lang="ar">أمس الجمعة</bdi>&quot; (yesterday, Friday)');
    const actor = readFileSync(path.join(sites.content.dist, 'actors/jaafar-hussaini/index.html'), 'utf8');
    expect(actor).toMatch(/<span class="locator">, “<bdi lang="ar">المتحدث باسم كتائب ما يسمى بحزب الله العراق<\/bdi>”<\/span>/);
  });

  it('gives an entry without a body no body column', () => {
    const source = readPage(sites.content.dist, '/sources/kuna-2017-11-04/');
    const layout = findAll(source, (el) => (attr(el, 'className') ?? '').includes('entry-layout'))[0];
    expect(attr(layout, 'className')).toContain('no-body');
    expect(findAll(layout, (el) => (attr(el, 'className') ?? '').includes('entry-body'))).toEqual([]);
  });

  it('publishes an Atom feed of every event and a sitemap of every page', () => {
    const feed = readFileSync(path.join(sites.mini.dist, 'feed.xml'), 'utf8');
    expect(feed.match(/<entry>/g)).toHaveLength(2);
    expect(feed).toContain('<link rel="alternate" type="text/html" href="https://mini.example.org/events/clash-in-town-c/"/>');
    const map = readFileSync(path.join(sites.content.dist, 'sitemap.xml'), 'utf8');
    for (const e of sites.content.entries) expect(map).toContain(`<loc>${entryUrl(e.collection, e.id)}</loc>`);
  });
});
