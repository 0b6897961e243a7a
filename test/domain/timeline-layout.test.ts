import { describe, expect, it } from 'vitest';
import { parseDateSpan } from '../../src/domain/dates.ts';
import { binItems, layoutTimeline, markTime, packLanes, placeLabels, shortLabel, type MarkTime } from '../../src/domain/timeline-layout.ts';
import { renderTimeline, type TimelineEvent } from '../../src/domain/timeline-svg.ts';

const span = (v: unknown) => {
  const r = parseDateSpan(v);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const utc = (y: number, m = 1, d = 1) => Date.UTC(y, m - 1, d);

describe('markTime: honest precision', () => {
  it.each([
    ['2017-11-03', 'point', utc(2017, 11, 3), utc(2017, 11, 4)],
    ['2017-11', 'band', utc(2017, 11, 1), utc(2017, 12, 1)],
    [2016, 'band', utc(2016), utc(2017)],
    [{ start: '2017-10', end: '2017-11' }, 'bar', utc(2017, 10, 1), utc(2017, 12, 1)],
    [{ start: 2007, end: 2011 }, 'bar', utc(2007), utc(2012)],
  ])('%j is a %s covering the whole of its precision', (input, shape, from, to) => {
    expect(markTime(span(input))).toMatchObject({ shape, from, to, openStart: false, openEnd: false });
  });

  it('never draws a month as a point on the 1st', () => {
    const t = markTime(span('2017-11'));
    expect(t.shape).not.toBe('point');
    expect(t.to - t.from).toBe(30 * 864e5);
  });

  it('marks circa and open ends', () => {
    expect(markTime(span({ on: 2015, circa: true }))).toMatchObject({ shape: 'band', circa: true });
    expect(markTime(span({ start: 2015 }))).toMatchObject({ shape: 'bar', openEnd: true, openStart: false, from: utc(2015), to: utc(2016) });
    expect(markTime(span({ end: 2011 }))).toMatchObject({ shape: 'bar', openStart: true, openEnd: false, from: utc(2011), to: utc(2012) });
  });
});

describe('packLanes', () => {
  it('puts overlapping intervals in separate lanes and reuses free lanes', () => {
    const r = packLanes([{ x0: 0, x1: 50 }, { x0: 10, x1: 60 }, { x0: 55, x1: 90 }, { x0: 70, x1: 80 }], 4);
    expect(r.lanes).toEqual([0, 1, 0, 1]);
    expect(r.count).toBe(2);
  });

  it('keeps the gap between neighbours in a lane', () => {
    expect(packLanes([{ x0: 0, x1: 10 }, { x0: 12, x1: 20 }], 4).lanes).toEqual([0, 1]);
    expect(packLanes([{ x0: 0, x1: 10 }, { x0: 14, x1: 20 }], 4).lanes).toEqual([0, 0]);
  });

  it('leaves intervals beyond maxLanes unplaced (-1)', () => {
    const same = Array.from({ length: 5 }, () => ({ x0: 0, x1: 10 }));
    expect(packLanes(same, 4, 3).lanes).toEqual([0, 1, 2, -1, -1]);
  });

  it('never lets two intervals of a lane overlap (random input)', () => {
    let seed = 3;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const items = Array.from({ length: 300 }, () => { const x0 = rnd() * 1000; return { x0, x1: x0 + rnd() * 80 }; });
    const { lanes } = packLanes(items, 2);
    for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
      if (lanes[i] !== lanes[j]) continue;
      const [a, b] = [items[i], items[j]];
      expect(a.x1 + 2 <= b.x0 || b.x1 + 2 <= a.x0).toBe(true);
    }
  });
});

describe('binItems', () => {
  it('aggregates only the bins denser than maxPerBin', () => {
    const anchors = [1, 2, 3, 4, 5, 30, 60, 61];
    const r = binItems(anchors, 24, 3);
    expect(r.bins).toEqual([{ index: 0, x0: 0, x1: 24, members: [0, 1, 2, 3, 4] }]);
    expect(r.singles).toEqual([5, 6, 7]);
  });

  it('expands on zoom: the same items spread over more bins', () => {
    const anchors = Array.from({ length: 20 }, (_, i) => i * 1.2);
    expect(binItems(anchors, 24, 5).bins).toHaveLength(1);
    expect(binItems(anchors.map((x) => x * 10), 24, 5).bins).toHaveLength(0);
  });
});

describe('placeLabels', () => {
  it('places right of the mark, else left, else hides', () => {
    const r = placeLabels([
      { lane: 0, x0: 0, x1: 10, width: 40 },
      { lane: 0, x0: 60, x1: 70, width: 40 },
      { lane: 0, x0: 180, x1: 190, width: 40 },
      { lane: 0, x0: 195, x1: 200, width: 40 },
    ], 200);
    expect(r[0]).toEqual({ shown: true, x: 14, anchor: 'start', width: 40 });
    expect(r[1]).toEqual({ shown: true, x: 74, anchor: 'start', width: 40 });
    expect(r[2]).toEqual({ shown: true, x: 176, anchor: 'end', width: 40 });
    expect(r[3].shown).toBe(false);
  });

  it('never shows overlapping labels, nor a label over a mark, in a lane', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const items = Array.from({ length: 200 }, () => { const x0 = rnd() * 900; return { lane: Math.floor(rnd() * 4), x0, x1: x0 + 6, width: 30 + rnd() * 120 }; });
    const r = placeLabels(items, 1000);
    const box = (i: number) => (r[i].anchor === 'start' ? { x0: r[i].x, x1: r[i].x + r[i].width! } : { x0: r[i].x - r[i].width!, x1: r[i].x });
    for (let i = 0; i < items.length; i++) {
      if (!r[i].shown) continue;
      const b = box(i);
      expect(b.x0).toBeGreaterThanOrEqual(0);
      expect(b.x1).toBeLessThanOrEqual(1000);
      for (let j = 0; j < items.length; j++) {
        if (i === j || items[j].lane !== items[i].lane) continue;
        expect(b.x1 <= items[j].x0 || items[j].x1 <= b.x0).toBe(true);
        if (r[j].shown) { const c = box(j); expect(b.x1 <= c.x0 || c.x1 <= b.x0).toBe(true); }
      }
    }
  });
});

describe('layoutTimeline', () => {
  const t = (v: unknown): MarkTime => markTime(span(v));
  const opts = { from: utc(2017, 10, 1), to: utc(2017, 12, 1), width: 600 };

  it('separates events of the same day into lanes, each with a visible label', () => {
    const items = [1, 2, 3].map((i) => ({ time: t('2017-11-03'), label: `Event ${i}` }));
    const l = layoutTimeline(items, opts);
    expect(new Set(l.marks.map((m) => m.lane)).size).toBe(3);
    expect(l.marks.every((m) => m.label.shown)).toBe(true);
    expect(l.bins).toEqual([]);
  });

  it('draws a month as a band across the whole month and a day as a point', () => {
    const l = layoutTimeline([{ time: t('2017-11'), label: 'm' }, { time: t('2017-11-03'), label: 'd' }], opts);
    const [month, day] = l.marks;
    expect(month.k0).toBeCloseTo(600 * 31 / 61, 0);
    expect(month.k1).toBeCloseTo(600, 0);
    expect(day.k1 - day.k0).toBe(10);
  });

  it('extends open ends by the fade and leaves out events outside the domain', () => {
    const l = layoutTimeline([{ time: t({ start: '2017-10-10' }), label: 'open' }, { time: t('2015'), label: 'old' }], { ...opts, fade: 40 });
    expect(l.marks).toHaveLength(1);
    expect(l.marks[0].x1 - l.marks[0].k1).toBe(40);
    expect(l.hidden).toEqual([1]);
  });

  it('aggregates 10,000 events into bins and keeps the SVG small', () => {
    const events: TimelineEvent[] = Array.from({ length: 10_000 }, (_, i) => {
      const day = new Date(utc(2010) + Math.floor((i * 7919) % 3650) * 864e5).toISOString().slice(0, 10);
      return { id: `e-${i}`, title: `Event number ${i} in a long synthetic dossier`, label: `Event number ${i}`, date: day, iso: day, status: 'confirmed', actors: [], places: [], time: t(day) };
    });
    const r = renderTimeline(events, { from: utc(2010), to: utc(2020), width: 960, uid: 't', href: (id) => `/events/${id}/`, binHref: '/events/' });
    expect(r.layout.marks.length).toBe(0);
    expect(r.layout.bins.reduce((n, b) => n + b.members.length, 0)).toBe(10_000);
    expect(r.svg.length).toBeLessThan(40_000);
    // Zoomed to one month, the same events come back as single marks.
    const month = renderTimeline(events, { from: utc(2014, 3, 1), to: utc(2014, 4, 1), width: 960, uid: 't', href: (id) => `/events/${id}/`, binHref: '/events/' });
    expect(month.layout.marks.length).toBeGreaterThan(0);
  });
});

describe('renderTimeline', () => {
  it('makes every mark a link with an accessible name (title and date), escaped', () => {
    const e: TimelineEvent = { id: 'x', title: 'A <b>"clash"</b>', label: 'A clash', date: 'Nov 2017', iso: '2017-11', status: 'claimed', actors: [], places: [], time: markTime(span('2017-11')) };
    const r = renderTimeline([e], { from: utc(2017, 10), to: utc(2018, 1), width: 600, uid: 'u', href: (id) => `/events/${id}/`, binHref: '/events/' });
    expect(r.svg).toContain('href="/events/x/"');
    expect(r.svg).toContain('aria-label="A &lt;b&gt;&quot;clash&quot;&lt;/b&gt;, Nov 2017 (claimed)"');
    expect(r.svg).not.toContain('<b>');
    expect(r.svg).toContain('tl-band');
  });
});

describe('shortLabel', () => {
  it('cuts long titles on a word with an ellipsis', () => {
    expect(shortLabel('Short')).toBe('Short');
    expect(shortLabel('Kataib Hezbollah says it will enter Syria to fight ISIS in Al Bukamal', 30)).toBe('Kataib Hezbollah says it will…');
  });
});

describe('encodeTimeline / decodeTimeline', () => {
  it('round-trips the events the browser needs', async () => {
    const { encodeTimeline, decodeTimeline } = await import('../../src/domain/timeline-data.ts');
    const e = (id: string, date: unknown, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
      id, title: `Title of ${id}`, label: shortLabel(`Title of ${id}`), date: 'x', iso: '', status: 'confirmed', actors: ['a', 'b'], places: ['p'], time: markTime(span(date)), ...extra,
    });
    const events = [e('one', '2017-11-03', { summary: 'S' }), e('two', { start: 2015, circa: true }, { status: 'disputed', actors: ['b'] }), e('three', { end: '2011-06' })];
    const back = decodeTimeline(JSON.parse(JSON.stringify(encodeTimeline(events))));
    expect(back).toEqual(events.map((x) => ({ ...x, summary: x.summary })));
  });
});

describe('placeLabels on a narrow plot', () => {
  it('shortens a label to the room beside its mark rather than hiding it', () => {
    const [p] = placeLabels([{ lane: 0, x0: 100, x1: 110, width: 300 }], 360);
    expect(p).toMatchObject({ shown: true, anchor: 'start', x: 114, width: 246 });
    const [q] = placeLabels([{ lane: 0, x0: 300, x1: 310, width: 400 }], 360);
    expect(q).toMatchObject({ shown: true, anchor: 'end', x: 296, width: 296 });
    const [none] = placeLabels([{ lane: 0, x0: 20, x1: 330, width: 400 }], 360);
    expect(none.shown).toBe(false);
  });
});

describe('timelineDomain', async () => {
  const { timelineDomain } = await import('../../src/domain/timeline-layout.ts');
  const times = [markTime(span('2017-11-03')), markTime(span(2015))];
  it('starts at the first moment of `from` and ends after the whole of `to`', () => {
    expect(timelineDomain(times, '2017-10', '2017-11').domain).toEqual({ from: utc(2017, 10, 1), to: utc(2017, 12, 1) });
  });
  it('falls back to the events, padded, and lets zooming out reach them all', () => {
    const { domain, extent } = timelineDomain(times, '2017-10');
    expect(domain.from).toBe(utc(2017, 10, 1));
    expect(domain.to).toBeGreaterThan(utc(2017, 11, 4));
    expect(extent.from).toBeLessThan(utc(2015));
  });
  it.each([
    ['2017-13', undefined, '<Timeline from="2017-13">: "2017-13" is not a date: there is no month 13'],
    ['2018', '2017', '<Timeline from="2018" to="2017">: "to" must come after "from"'],
    [undefined, 'soon', '<Timeline to="soon">: "soon" is not a date'],
  ])('refuses from=%j to=%j with a plain message', (from, to, message) => {
    expect(() => timelineDomain(times, from, to)).toThrow(message);
  });
});
