/**
 * Readings on the built first dossier (content/): where sources disagree on a fact, its page
 * shows every reading with its own citations, the one followed first, and says "sources
 * differ"; timelines draw the span the readings cover; the indexed text holds each reading.
 */
import { describe, expect, it } from 'vitest';
import type { Element, Root } from 'hast';
import { distOf } from '../helpers/build.ts';
import { searchRecords } from '../helpers/search-records.ts';
import { attr, byTag, findAll, readPage, text } from '../helpers/html.ts';

const dist = distOf('content');
const hasClass = (name: string) => (el: Element) => (attr(el, 'className') ?? '').split(' ').includes(name);
const one = (root: Element | Root, name: string) => findAll(root, hasClass(name));

/** Each reading of the readings blocks on a page: its words, whether followed, and the sources its markers lead to. */
function readingsOn(urlPath: string) {
  const page = readPage(dist, urlPath);
  const footnoteSource = new Map(findAll(page, (el) => /^fn-\d+$/.test(attr(el, 'id') ?? '')).map((li) => {
    const link = findAll(li, (el) => el.tagName === 'a' && /^\/sources\/[^/]+\/$/.test(attr(el, 'href') ?? ''))[0];
    return [`#${attr(li, 'id')}`, attr(link, 'href')!.split('/')[2]];
  }));
  return {
    page,
    blocks: one(page, 'readings').map((block) => ({
      head: text(one(block, 'readings-head')[0]),
      readings: one(block, 'reading').map((li) => ({
        value: text(one(li, 'reading-value')[0]),
        followed: one(li, 'reading-followed').length === 1,
        sources: one(li, 'citation').flatMap((sup) => findAll(sup, byTag('a'))).map((a) => footnoteSource.get(attr(a, 'href')!)),
      })),
      why: one(block, 'reading-why').map(text)[0],
    })),
  };
}

/** The FTO designation's date, as the actor and event pages list it. */
const FTO = [
  { value: '2 Jul 2009', followed: true, sources: ['ozelburo-state-fto-list', 'stanford-mmp-kataib-hezbollah'] },
  { value: '24 Jun 2009', followed: false, sources: ['state-kh-designation-2009'] },
  { value: '2 Jul 2009', followed: false, sources: ['reuters-2009-07-02'] },
  { value: 'Jun 2009', followed: false, sources: ['defense-post-2017-11-04'] },
];

describe('readings on the pages of the content site', () => {
  it('the designation event shows every date a source gives, each cited, the followed one first, and why', () => {
    const { page, blocks } = readingsOn('/events/kh-designated-fto-2009/');
    expect(blocks.map((b) => b.readings)).toEqual([FTO]);
    expect(blocks[0].head).toBe('Sources differ');
    expect(blocks[0].why).toMatch(/^Why: The State Department's own list gives this date/);
    const dateRow = findAll(page, hasClass('row')).find((r) => text(findAll(r, byTag('dt'))[0]) === 'Date')!;
    expect(text(findAll(dateRow, byTag('time'))[0])).toBe('2 Jul 2009');
  });

  it('the actor page shows the designation date\'s readings and the brigade number\'s, each cited', () => {
    const { blocks } = readingsOn('/actors/kataib-hezbollah/');
    expect(blocks.map((b) => b.readings)).toEqual([
      [
        { value: '45th Brigade', followed: true, sources: ['defense-post-2017-11-04'] },
        { value: '45th, 46th and 47th Brigades', followed: false, sources: ['handwiki-kataib-hezbollah'] },
      ],
      FTO,
    ]);
  });

  it('Al Qaim lists both positions with their gazetteers', () => {
    const { blocks } = readingsOn('/places/al-qaim/');
    expect(blocks.map((b) => b.readings)).toEqual([[
      { value: '34.3669° N, 41.1389° E (approximate)', followed: true, sources: ['wikipedia-al-qaim'] },
      { value: '34.3911° N, 40.9878° E (approximate)', followed: false, sources: ['wikipedia-fr-al-qaim'] },
    ]]);
  });

  it('Raqqa\'s takeover lists four readings and says none is followed', () => {
    const { blocks } = readingsOn('/events/raqqa-taken-by-islamic-state/');
    expect(blocks[0].head).toBe('Sources differ none is followed here');
    expect(blocks[0].readings.map((r) => [r.value, r.followed, r.sources])).toEqual([
      ['2013', false, ['wikipedia-raqqa']],
      ['2013', false, ['fmso-winter-raqqa-2014-03']],
      ['14 Jan 2014', false, ['afp-spacewar-2017-06-29']],
      ['Jan 2014', false, ['latimes-raqqa-2017-10-18']],
    ]);
  });

  it('a reading the page does not follow is in the text search indexes', () => {
    const indexed = searchRecords(dist).filter((r) => r.url === '/events/kh-designated-fto-2009/');
    expect(indexed).toHaveLength(1);
    expect(indexed[0].content).toContain('24 Jun 2009 (signed: the day the Deputy Secretary of State made the designation');
  });

  it('timelines draw the span the readings cover: with the followed date\'s mark, or alone when none is followed', () => {
    const marks = (urlPath: string, id: string) => findAll(readPage(dist, urlPath), (el) => el.tagName === 'a' && attr(el, 'dataId') === id && hasClass('tl-mark')(el))[0];
    const fto = marks('/actors/kataib-hezbollah/', 'kh-designated-fto-2009');
    expect(findAll(fto, hasClass('tl-readings')).length).toBe(3);
    expect(findAll(fto, hasClass('tl-shape')).length).toBe(1);
    // Its name (the <title> that also names the link) says the sources differ.
    expect(text(findAll(fto, (el) => el.tagName === 'title')[0])).toContain('sources differ: 1 Jun 2009 – 2 Jul 2009');
    const raqqa = marks('/actors/islamic-state/', 'raqqa-taken-by-islamic-state');
    expect(findAll(raqqa, hasClass('tl-readings')).length).toBe(3);
    expect(findAll(raqqa, hasClass('tl-shape'))).toEqual([]);
  });

  it('the map of Al Qaim draws the other position as a secondary marker', () => {
    const alt = findAll(readPage(dist, '/places/al-qaim/'), hasClass('map-alt'));
    expect(alt.map((g) => attr(g, 'ariaLabel'))).toEqual(['Al Qaim: another position sources give (French Wikipedia, about 14 km further west)']);
  });
});
