/**
 * Coverage of the first dossier (content/): everything the source article says —
 * who, where, when, who backs whom, who designated whom — must stay in it, cited.
 * A later edit that drops an entity, an alias, a relation or a date's precision
 * fails here instead of silently thinning the dossier.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanBody } from '../../src/domain/body.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { loadDossier } from '../../src/pipeline/load.ts';

const CONTENT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../content');

type Collection = 'actors' | 'places' | 'events' | 'sources' | 'pages';
interface LoadedEntry { collection: Collection; id: string; file: string; data: any; body: string }

let entries: LoadedEntry[] = [];
let loadProblems: { file: string; message: string }[] = [];

beforeAll(async () => {
  const result = await loadDossier(CONTENT);
  entries = result.entries as unknown as LoadedEntry[];
  loadProblems = result.problems;
});

function entry(collection: Collection, id: string): LoadedEntry {
  const found = entries.find((e) => e.collection === collection && e.id === id);
  if (!found) throw new Error(`missing ${collection}/${id}`);
  return found;
}

/** Every name a reader can search for: name/title, native name and aliases. */
function names(e: LoadedEntry): string[] {
  return [e.data.name, e.data.title, e.data.nativeName?.text, ...(e.data.aliases ?? []).map((a: any) => a.name)].filter(Boolean);
}

/** ISO form of a parsed date: 2017, 2017-11 or 2017-11-03. */
function iso(d: { year: number; month?: number; day?: number } | undefined): string | undefined {
  if (!d) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return [String(d.year), d.month && pad(d.month), d.day && pad(d.day)].filter(Boolean).join('-');
}

/** Source ids an entry cites anywhere: frontmatter (all nested lists) and body. */
function citedSources(e: LoadedEntry): Set<string> {
  const ids = new Set<string>();
  const walk = (v: unknown, key?: string) => {
    if (Array.isArray(v)) {
      for (const item of v) {
        if (key === 'sources' && typeof item === 'string') ids.add(item);
        else if (key === 'sources' && item && typeof item === 'object' && 'source' in item) ids.add((item as any).source);
        else walk(item);
      }
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k === 'source' && typeof child === 'string') ids.add(child);
        else walk(child, k);
      }
    }
  };
  walk(e.data);
  for (const t of scanBody(e.body)) if (t.type === 'citation') for (const item of t.items) ids.add(item.source);
  return ids;
}

describe('the dossier loads and checks cleanly', () => {
  it('has no load problems', () => {
    expect(loadProblems).toEqual([]);
  });

  it('has no check errors or warnings (unresolved links, unused sources)', async () => {
    const result = await checkDossier(CONTENT);
    expect(result.problems.map((p) => `${p.file}:${p.line ?? ''} ${p.message}`)).toEqual([]);
  });

  it('writes every body citation on one line (a split [@…] is silently not a citation)', () => {
    for (const e of entries) {
      const broken = e.body.split('\n').filter((line) => /\[@[^\]]*$/.test(line) || /\[\[[^\]]*$/.test(line));
      expect(broken, e.file).toEqual([]);
    }
  });
});

describe('actors from the article are present, with their names', () => {
  it.each<[string, string]>([
    ['kataib-hezbollah', 'Kataib Hezbollah'],
    ['hashd-al-shaabi', 'Hashd al-Shaabi'],
    ['islamic-state', 'Islamic State'],
    ['jaafar-hussaini', 'Jaafar Hussaini'],
    ['abu-mahdi-al-muhandis', 'Abu Mahdi al-Muhandis'],
    ['iranian-government', 'Government of Iran'],
    ['quds-force', 'Quds Force'],
    ['badr-organization', 'Badr Organization'],
    ['iraqi-forces', 'Iraqi forces'],
    ['iraqi-army', 'Iraqi Army'],
    ['iraqi-parliament', 'Iraqi parliament'],
    ['syrian-government', 'Syrian government'],
    ['bashar-al-assad', 'Bashar al-Assad'],
    ['russia', 'Russia'],
    ['us-led-coalition', 'US-led Coalition'],
    ['syrian-democratic-forces', 'Syrian Democratic Forces'],
    ['us-department-of-state', 'US Department of State'],
    ['al-mayadin', 'Al-Mayadin'],
  ])('actors/%s is named %s', (id, name) => {
    expect(entry('actors', id).data.name).toBe(name);
  });

  it.each<[string, string[]]>([
    ['kataib-hezbollah', ['Kata’ib Hezbollah', "Kata'ib Hezbollah", "Kata'ib Hizballah", 'KH', 'Brigades of the Party of God', 'Kataib Helbollah', 'كتائب حزب الله']],
    ['hashd-al-shaabi', ['Popular Mobilization Units', 'PMU', 'PMF', 'Popular Mobilization Forces', 'الحشد الشعبي']],
    ['islamic-state', ['ISIS', 'IS', 'Daesh', 'داعش']],
    ['jaafar-hussaini', ['جعفر الحسيني', 'Jaafar al-Husseini']],
    ['quds-force', ['Qods Force']],
    ['syrian-democratic-forces', ['SDF']],
    ['syrian-government', ['the regime', 'Assad regime', 'Syrian government forces']],
    ['al-mayadin', ['الميادين']],
  ])('actors/%s can be found as %j', (id, wanted) => {
    const all = names(entry('actors', id));
    for (const n of wanted) expect(all, `${id} lacks "${n}"`).toContain(n);
  });

  it('keeps the article\'s misspelling of Kataib Hezbollah as a misspelling alias, sourced to the article', () => {
    const alias = entry('actors', 'kataib-hezbollah').data.aliases.find((a: any) => a.name === 'Kataib Helbollah');
    expect(alias).toMatchObject({ kind: 'misspelling', source: 'defense-post-2017-11-04' });
  });
});

describe('relations, designation and size stated in the article', () => {
  it.each<[string, string, string]>([
    ['kataib-hezbollah', 'unit-of', 'hashd-al-shaabi'],
    ['kataib-hezbollah', 'backed-by', 'iranian-government'],
    ['abu-mahdi-al-muhandis', 'leader-of', 'kataib-hezbollah'],
    ['abu-mahdi-al-muhandis', 'adviser-to', 'quds-force'],
    ['abu-mahdi-al-muhandis', 'formerly-member-of', 'badr-organization'],
    ['abu-mahdi-al-muhandis', 'formerly-member-of', 'iraqi-parliament'],
    ['jaafar-hussaini', 'spokesperson-of', 'kataib-hezbollah'],
    ['syrian-democratic-forces', 'backed-by', 'us-led-coalition'],
    ['russia', 'allied-with', 'syrian-government'],
    ['quds-force', 'unit-of', 'iranian-government'],
    ['bashar-al-assad', 'leader-of', 'syrian-government'],
  ])('%s %s %s, with a source', (from, type, target) => {
    const rel = entry('actors', from).data.relations.find((r: any) => r.type === type && r.target === target);
    expect(rel, `${from} ${type} ${target}`).toBeDefined();
    expect(rel.sources.length).toBeGreaterThan(0);
  });

  /** Each reading of a field: ISO date (or the value as written), note, preferred, its source ids. */
  const readingsOf = (set: any) => set.readings.map((r: any) => [r.value.start ? iso(r.value.start) : r.value, r.preferred ?? false, r.sources.map((s: any) => s.source)]);

  it('Kataib Hezbollah is the 45th Brigade of the Hashd al-Shaabi, as the article says; HandWiki gives three brigades', () => {
    const rel = entry('actors', 'kataib-hezbollah').data.relations.find((r: any) => r.type === 'unit-of');
    expect(rel.unit).toBe('45th Brigade');
    expect(readingsOf(rel.readings.unit)).toEqual([
      ['45th Brigade', true, ['defense-post-2017-11-04']],
      ['45th, 46th and 47th Brigades', false, ['handwiki-kataib-hezbollah']],
    ]);
  });

  /** The FTO designation's date as each source gives it: the list's 2 July followed, the others beside it. */
  const FTO_READINGS = [
    ['2009-07-02', true, ['ozelburo-state-fto-list', 'stanford-mmp-kataib-hezbollah']],
    ['2009-06-24', false, ['state-kh-designation-2009']],
    ['2009-07-02', false, ['reuters-2009-07-02']],
    ['2009-06', false, ['defense-post-2017-11-04']],
  ];

  it('the State Department designated Kataib Hezbollah an FTO in 2009: every date a source gives is a cited reading', () => {
    const [d] = entry('actors', 'kataib-hezbollah').data.designations;
    expect(d.by).toBe('us-department-of-state');
    expect(d.list).toBe('Foreign Terrorist Organization');
    expect(iso(d.date.start)).toBe('2009-07-02');
    expect(readingsOf(d.readings.date)).toEqual(FTO_READINGS);
    expect(d.readings.date.why).toMatch(/Federal Register/);
    expect(readingsOf(entry('events', 'kh-designated-fto-2009').data.readings.date)).toEqual(FTO_READINGS);
  });

  it('Islamic State\'s takeover of Raqqa is dated by four readings, none followed: the date spans them', () => {
    const e = entry('events', 'raqqa-taken-by-islamic-state').data;
    expect(readingsOf(e.readings.date)).toEqual([
      ['2013', false, ['wikipedia-raqqa']],
      ['2013', false, ['fmso-winter-raqqa-2014-03']],
      ['2014-01-14', false, ['afp-spacewar-2017-06-29']],
      ['2014-01', false, ['latimes-raqqa-2017-10-18']],
    ]);
    expect([iso(e.date.start), iso(e.date.end)]).toEqual(['2013', '2014-01']);
  });

  it('the 2016 report puts Kataib Hezbollah at about 400', () => {
    const [s] = entry('actors', 'kataib-hezbollah').data.sizeEstimates;
    expect(s.value).toBe(400);
    expect(iso(s.date.start)).toBe('2016');
    expect(s.sources.map((x: any) => x.source)).toContain('state-country-reports-2016');
  });
});

describe('places from the article are present, with their names and honest coordinates', () => {
  it.each<[string, string, string]>([
    ['al-bukamal', 'Al Bukamal', 'town'],
    ['al-qaim', 'Al Qaim', 'town'],
    ['deir-ezzor', 'Deir ez-Zor', 'city'],
    ['t2-pumping-station', 'T2 oil pumping station', 'facility'],
    ['euphrates', 'Euphrates', 'river'],
    ['raqqa', 'Raqqa', 'city'],
    ['mosul', 'Mosul', 'city'],
    ['syria-iraq-border', 'Syria–Iraq border', 'border-area'],
    ['syria', 'Syria', 'country'],
    ['iraq', 'Iraq', 'country'],
    ['iran', 'Iran', 'country'],
    ['lebanon', 'Lebanon', 'country'],
  ])('places/%s is %s (%s)', (id, name, kind) => {
    const p = entry('places', id);
    expect(p.data.name).toBe(name);
    expect(p.data.kind).toBe(kind);
  });

  it.each<[string, string[]]>([
    ['al-bukamal', ['Abu Kamal', 'Albu Kamal', 'Al Bukamal Kamal', 'البوكمال']],
    ['al-qaim', ["Al-Qa'im", 'القائم']],
    ['deir-ezzor', ['Deir Ezzor', 'دير الزور']],
  ])('places/%s can be found as %j', (id, wanted) => {
    const all = names(entry('places', id));
    for (const n of wanted) expect(all, `${id} lacks "${n}"`).toContain(n);
  });

  it('"Al Bukamal Kamal" is kept only as a misspelling', () => {
    const alias = entry('places', 'al-bukamal').data.aliases.find((a: any) => a.name === 'Al Bukamal Kamal');
    expect(alias.kind).toBe('misspelling');
  });

  it('every coordinate names its gazetteer (each reading its own), and Al Bukamal sits at 34°27′N 40°55′E', () => {
    for (const p of entries.filter((e) => e.collection === 'places' && e.data.coordinates)) {
      const gazetteers = p.data.readings?.coordinates ? p.data.readings.coordinates.readings.map((r: any) => r.sources[0].source) : [p.data.coordinates.source];
      for (const g of gazetteers) {
        expect(g, p.id).toBeTruthy();
        expect(entry('sources', g).data.kind, p.id).toBe('encyclopedia');
      }
    }
    const c = entry('places', 'al-bukamal').data.coordinates;
    expect(c.lat).toBeCloseTo(34.45, 3);
    expect(c.lon).toBeCloseTo(40.9167, 3);
    expect(c.precision).toBe('approximate');
  });

  it('Al Qaim: the English Wikipedia\'s position is followed, the French one (about 14 km west) shown beside it', () => {
    const p = entry('places', 'al-qaim').data;
    expect(p.coordinates).toMatchObject({ lat: 34.36694, lon: 41.13889 });
    expect(p.readings.coordinates.readings.map((r: any) => [r.value.lat, r.value.lon, r.preferred ?? false, r.sources[0].source])).toEqual([
      [34.36694, 41.13889, true, 'wikipedia-al-qaim'],
      [34.39111, 40.98778, false, 'wikipedia-fr-al-qaim'],
    ]);
  });

  it('the T2 station has no guessed coordinates', () => {
    expect(entry('places', 't2-pumping-station').data.coordinates).toBeUndefined();
  });
});

describe('events carry the dates and precisions the sources support', () => {
  type Expect = { start?: string; end?: string; precision?: string; circa?: boolean; status: string };
  it.each<[string, Expect]>([
    ['kh-designated-fto-2009', { start: '2009-07-02', end: '2009-07-02', precision: 'day', circa: false, status: 'confirmed' }],
    ['kh-attacks-in-iraq-before-2011', { start: '2007', end: '2011', precision: 'year', circa: true, status: 'confirmed' }],
    ['kh-fights-in-syria-and-iraq-2015', { start: '2015', end: '2015', precision: 'year', circa: false, status: 'confirmed' }],
    ['kh-battle-of-mosul-2016', { start: '2016', end: '2016', precision: 'year', circa: false, status: 'confirmed' }],
    ['t2-pumping-station-captured', { start: '2017-10-26', end: '2017-10-26', precision: 'day', circa: false, status: 'confirmed' }],
    ['raqqa-captured-by-sdf', { start: '2017-10-17', end: '2017-10-17', precision: 'day', circa: false, status: 'confirmed' }],
    ['deir-ezzor-city-captured', { start: '2017-11-03', end: '2017-11-03', precision: 'day', circa: false, status: 'confirmed' }],
    ['al-qaim-captured', { start: '2017-11-03', end: '2017-11-03', precision: 'day', circa: false, status: 'confirmed' }],
    ['hussaini-announces-kh-will-enter-syria', { start: '2017-11-03', end: '2017-11-03', precision: 'day', circa: false, status: 'confirmed' }],
    ['syrian-government-advance-on-al-bukamal', { start: '2017-10', end: '2017-11', precision: 'month', circa: false, status: 'confirmed' }],
    ['sdf-advance-east-of-euphrates', { start: '2017-10', end: '2017-11', precision: 'month', circa: false, status: 'confirmed' }],
    ['reports-iraqi-forces-entered-syria', { start: '2017-11-04', end: '2017-11-04', precision: 'day', circa: false, status: 'reported' }],
  ])('events/%s', (id, want) => {
    const e = entry('events', id).data;
    expect(iso(e.date.start)).toBe(want.start);
    expect(iso(e.date.end)).toBe(want.end);
    expect(e.date.start.precision).toBe(want.precision);
    expect(e.date.circa).toBe(want.circa);
    expect(e.status).toBe(want.status);
  });

  it('every relative date ("on Friday", "on Saturday", "October 26") says how it was resolved, in a date note or its readings\' notes', () => {
    for (const id of ['t2-pumping-station-captured', 'deir-ezzor-city-captured', 'al-qaim-captured', 'hussaini-announces-kh-will-enter-syria', 'reports-iraqi-forces-entered-syria', 'kh-attacks-in-iraq-before-2011']) {
      expect(entry('events', id).data.dateNote, id).toBeTruthy();
    }
    const fto = entry('events', 'kh-designated-fto-2009').data.readings.date.readings;
    expect(fto.every((r: any) => r.note)).toBe(true);
    expect(fto.find((r: any) => r.sources[0].source === 'reuters-2009-07-02').note).toMatch(/Thursday 2 July 2009/);
  });

  it('links the key events to their places and actors', () => {
    expect(entry('events', 'al-qaim-captured').data.places).toContain('al-qaim');
    expect(entry('events', 'al-qaim-captured').data.participants.map((p: any) => p.actor)).toEqual(expect.arrayContaining(['iraqi-forces', 'hashd-al-shaabi', 'islamic-state']));
    expect(entry('events', 'hussaini-announces-kh-will-enter-syria').data.participants.map((p: any) => p.actor)).toEqual(expect.arrayContaining(['jaafar-hussaini', 'kataib-hezbollah', 'al-mayadin']));
    expect(entry('events', 'syrian-government-advance-on-al-bukamal').data.participants.map((p: any) => p.actor)).toEqual(expect.arrayContaining(['syrian-government', 'russia']));
    expect(entry('events', 'kh-designated-fto-2009').data.participants.map((p: any) => p.actor)).toEqual(expect.arrayContaining(['us-department-of-state', 'kataib-hezbollah']));
  });
});

describe('sources: the article and the reports it cites', () => {
  it('the source article keeps its printed title and subtitle, outlet and date', () => {
    const s = entry('sources', 'defense-post-2017-11-04').data;
    expect(s.title).toBe('Iraq’s Kataib Hezbollah will enter Syria and battle ISIS in Al Bukamal – spokesperson');
    expect(s.subtitle).toBe('Iran-backed unit is designated as a Foreign Terrorist Organization by the US State Department');
    expect(s.publisher).toBe('The Defense Post');
    expect(iso(s.published.start)).toBe('2017-11-04');
    expect(s.dateNote).toBeTruthy();
  });

  it.each<[string, string]>([
    ['al-mayadin-hussaini-2017-11-03', 'tv-report'],
    ['state-country-reports-2016', 'government-report'],
    ['withinsyriablog-image', 'social-media-post'],
  ])('sources/%s (%s) is present', (id, kind) => {
    expect(entry('sources', id).data.kind).toBe(kind);
  });

  it('the Al-Mayadin report and the image credit have no invented address', () => {
    expect(entry('sources', 'al-mayadin-hussaini-2017-11-03').data.url).toBeUndefined();
    expect(entry('sources', 'withinsyriablog-image').data.url).toBeUndefined();
  });

  it('every actor, place and event has at least one source', () => {
    for (const e of entries.filter((x) => x.collection === 'actors' || x.collection === 'places' || x.collection === 'events')) {
      expect(e.data.sources.length, e.file).toBeGreaterThan(0);
    }
  });

  it('every source is cited by some other entry (frontmatter or body)', () => {
    const cited = new Set<string>();
    for (const e of entries) for (const id of citedSources(e)) if (!(e.collection === 'sources' && e.id === id)) cited.add(id);
    const unused = entries.filter((e) => e.collection === 'sources' && !cited.has(e.id)).map((e) => e.id);
    expect(unused).toEqual([]);
  });

  it('every source with an address records the day it was read, no later than the entry was last updated', () => {
    for (const s of entries.filter((e) => e.collection === 'sources' && e.data.url)) {
      expect(iso(s.data.accessed), s.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (s.data.updated) expect(iso(s.data.accessed)! <= iso(s.data.updated)!, s.id).toBe(true);
    }
  });
});

describe('the overview page', () => {
  it('links the main entries and cites the article', () => {
    const page = entry('pages', 'overview');
    const links = new Set(scanBody(page.body).filter((t) => t.type === 'wikilink').map((t: any) => t.target));
    for (const id of ['kataib-hezbollah', 'jaafar-hussaini', 'al-mayadin', 'al-bukamal', 'al-qaim', 'hashd-al-shaabi', 'islamic-state', 'syrian-government', 'russia', 'syrian-democratic-forces', 'us-led-coalition', 'abu-mahdi-al-muhandis', 'us-department-of-state', 'hussaini-announces-kh-will-enter-syria']) {
      expect(links, id).toContain(id);
    }
    expect(citedSources(page)).toContain('defense-post-2017-11-04');
  });

  it('every paragraph that states something cites a source', () => {
    const paragraphs = entry('pages', 'overview').body.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p && !p.startsWith('#'));
    for (const p of paragraphs) expect(p, p.slice(0, 60)).toMatch(/\[@/);
  });
});
