import { describe, expect, it } from 'vitest';
import { parseDateSpan } from '../../src/domain/dates.ts';
import { binItems, layoutTimeline, markTime, wrapText, type MarkTime, type TimelineLayout } from '../../src/domain/timeline-layout.ts';
import { drawnSymbols, renderTimeline, timelineKey, type TimelineEvent } from '../../src/domain/timeline-svg.ts';
import { axisLabels, tickText, timeTicks } from '../../src/domain/timeline-axis.ts';
import { textWidth } from '../../src/domain/label-placement.ts';

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

describe('wrapText', () => {
  it.each([
    ['fits on one line', 'Iraqi forces capture Al Qaim', 400, 4, ['Iraqi forces capture Al Qaim'], false],
    ['wraps at spaces, keeping the words whole', 'Syrian government forces capture the T2 oil pumping station', 150, 4, ['Syrian government ', 'forces capture the T2 ', 'oil pumping station'], false],
    ['cuts only past the last line', 'one two three four five six seven eight', 40, 2, ['one ', 'two…'], true],
    ['splits a word longer than a line', 'Abcdefghijklmnopqrstuvwxyz', 60, 4, ['Abcdefgh', 'ijklmnopq', 'rstuvwxy', 'z'], false],
  ])('%s', (_, text, width, lines, expected, truncated) => {
    const w = wrapText(text, width, lines, 12);
    expect(w.lines).toEqual(expected);
    expect(w.truncated).toBe(truncated);
    for (const line of w.lines) expect(textWidth(line.trimEnd(), 12)).toBeLessThanOrEqual(width);
    if (!truncated) expect(w.lines.join('')).toBe(text);
  });
});

describe('binItems', () => {
  it('groups items by bin, in order', () => {
    const bins = binItems([1, 2, 3, 50, 51], [10, 11, 12, 13, 14], 24);
    expect(bins.map((b) => [b.index, b.members])).toEqual([[0, [10, 11, 12]], [2, [13, 14]]]);
  });
});

describe('timeTicks: whole days, months or years, never hours', () => {
  const DAY = 864e5;
  it.each([
    ['two days', utc(2017, 11, 2), utc(2017, 11, 4), 8, 'day', 1],
    ['one day of data, padded a day each side', utc(2017, 11, 1), utc(2017, 11, 4), 9, 'day', 1],
    ['two months', utc(2017, 10, 1), utc(2017, 12, 1), 8, 'day', 14],
    ['a year', utc(2017, 1, 1), utc(2018, 1, 1), 8, 'month', 2],
    ['twelve years', utc(2006, 7, 25), utc(2018, 5, 9), 8, 'year', 2],
  ])('%s', (_, from, to, count, unit, step) => {
    const { ticks, step: s } = timeTicks(from, to, count);
    expect(s).toEqual({ unit, step });
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.length).toBeLessThanOrEqual(count + 1);
    for (const t of ticks) {
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t).toBeLessThanOrEqual(to);
      expect(t % DAY).toBe(0); // midnight UTC: a day's boundary
    }
  });

  it.each([
    [utc(2017, 11, 2), 'day', true, '2 Nov 2017'],
    [utc(2017, 11, 2), 'day', false, '2 Nov'],
    [utc(2018, 1, 1), 'day', false, '1 Jan 2018'],
    [utc(2017, 11, 1), 'month', false, 'Nov'],
    [utc(2018, 1, 1), 'month', false, 'Jan 2018'],
    [utc(2016), 'year', false, '2016'],
  ] as const)('labels %s (%s, first: %s) as %j', (t, unit, first, text) => {
    expect(tickText(t, unit, first)).toBe(text);
  });

  it('keeps every axis label inside the drawing and apart from its neighbours', () => {
    for (const [from, to] of [[utc(2017, 10, 1), utc(2017, 12, 1)], [utc(2006, 7, 25), utc(2018, 5, 9)], [utc(2017, 11, 2), utc(2017, 11, 4)]]) {
      for (const width of [336, 976]) {
        const labels = axisLabels(from, to, width, 10);
        expect(labels.length).toBeGreaterThan(1);
        let end = -Infinity;
        for (const l of labels) {
          const w = textWidth(l.text, 11);
          const x0 = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2;
          expect(x0).toBeGreaterThanOrEqual(-10);
          expect(x0 + w).toBeLessThanOrEqual(width + 10);
          expect(x0).toBeGreaterThan(end);
          end = x0 + w;
        }
      }
    }
  });
});

/** Boxes of a layout's marks with their labels, as drawn (x) and by lane. */
const boxes = (l: TimelineLayout) => l.marks.map((m) => ({ m, x0: Math.min(Math.max(0, m.x0), m.label.x), x1: Math.max(m.x1, m.label.x + m.label.width) }));

describe('layoutTimeline', () => {
  const t = (v: unknown): MarkTime => markTime(span(v));
  const opts = { from: utc(2017, 10, 1), to: utc(2017, 12, 1), width: 600 };

  it('separates events of the same day into lanes, each with its whole title', () => {
    const items = [1, 2, 3].map((i) => ({ time: t('2017-11-03'), label: `Event ${i} with a title long enough to need a second line of text` }));
    const l = layoutTimeline(items, opts);
    expect(l.marks.map((m) => m.lane)).toEqual([0, 1, 2]);
    for (const m of l.marks) {
      expect(m.label.truncated).toBe(false);
      expect(m.label.lines.join('')).toBe(items[m.item].label);
    }
    expect(l.bins).toEqual([]);
  });

  it('labels a period that spans the whole view (below it, from the plot start)', () => {
    const l = layoutTimeline([{ time: t({ start: '2017-09-01', end: '2017-12-20' }), label: 'A long campaign' }], opts);
    expect(l.marks[0].label).toMatchObject({ below: true, x: 0, lines: ['A long campaign'] });
  });

  it('draws a day as a point on its day boundary, a month as a band across the whole month', () => {
    const l = layoutTimeline([{ time: t('2017-11'), label: 'm' }, { time: t('2017-11-03'), label: 'd' }], opts);
    const [month, day] = l.marks;
    expect(month.k0).toBeCloseTo(600 * 31 / 61, 0);
    expect(month.k1).toBeCloseTo(600, 0);
    expect((day.k0 + day.k1) / 2).toBeCloseTo(600 * 33 / 61, 6);
  });

  it('extends open ends by the fade and leaves out events outside the domain', () => {
    const l = layoutTimeline([{ time: t({ start: '2017-10-10' }), label: 'open' }, { time: t('2015'), label: 'old' }], { ...opts, fade: 40 });
    expect(l.marks).toHaveLength(1);
    expect(l.marks[0].x1 - l.marks[0].k1).toBe(40);
    expect(l.hidden).toEqual([1]);
  });

  it('puts rows in date order: an event never sits above an earlier one it overlaps, whatever the input order', () => {
    const days = ['2017-11-20', '2017-10-02', '2017-11-03', '2017-10-03', '2017-11-04', '2017-10-20', '2017-11-05'];
    const items = days.map((d, i) => ({ time: t(d), label: `Event ${i} on ${d}, with some words` }));
    for (const width of [336, 976]) {
      const l = layoutTimeline(items, { ...opts, width });
      const b = boxes(l);
      for (const p of b) for (const q of b) {
        const earlier = items[p.m.item].time.from < items[q.m.item].time.from;
        if (earlier && p.x0 < q.x1 && q.x0 < p.x1) expect(p.m.lane).toBeLessThan(q.m.lane);
      }
    }
  });

  it('never lets two boxes of a lane overlap, nor a label leave the plot (random input)', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const items = Array.from({ length: 60 }, (_, i) => {
      const d = new Date(utc(2017, 10, 1) + Math.floor(rnd() * 60) * 864e5).toISOString().slice(0, 10);
      return { time: t(rnd() < 0.2 ? { start: d, end: '2017-11-28' } : d), label: `Event ${i} ${'word '.repeat(Math.floor(rnd() * 12))}`.trim() };
    });
    for (const width of [336, 976]) {
      const l = layoutTimeline(items, { ...opts, width, maxLanes: 6 });
      const b = boxes(l);
      for (const p of b) {
        expect(p.m.label.x).toBeGreaterThanOrEqual(0);
        expect(p.m.label.x + p.m.label.width).toBeLessThanOrEqual(width);
        for (const q of b) if (p !== q && p.m.lane === q.m.lane) expect(p.x1 <= q.x0 || q.x1 <= p.x0).toBe(true);
      }
      // Whatever found no row is counted in the aggregates.
      expect(l.marks.length + l.bins.reduce((n, x) => n + x.members.length, 0) + l.hidden.length).toBe(items.length);
    }
  });

  it('aggregates 10,000 events into bins and keeps the SVG small', () => {
    const events: TimelineEvent[] = Array.from({ length: 10_000 }, (_, i) => {
      const day = new Date(utc(2010) + Math.floor((i * 7919) % 3650) * 864e5).toISOString().slice(0, 10);
      return { id: `e-${i}`, title: `Event number ${i} in a long synthetic dossier`, date: day, iso: day, status: 'confirmed', actors: [], places: [], time: t(day) };
    });
    const r = renderTimeline(events, { from: utc(2010), to: utc(2020), width: 960, uid: 't', href: (id) => `/events/${id}/`, binHref: '/events/' });
    expect(r.layout.marks.length + r.layout.bins.reduce((n, b) => n + b.members.length, 0)).toBe(10_000);
    expect(r.svg.length).toBeLessThan(40_000);
    // Zoomed to one month, the same events come back as single marks.
    const month = renderTimeline(events, { from: utc(2014, 3, 1), to: utc(2014, 4, 1), width: 960, uid: 't', href: (id) => `/events/${id}/`, binHref: '/events/' });
    expect(month.layout.marks.length).toBeGreaterThan(0);
    const inMonth = events.length - month.layout.hidden.length;
    expect(month.layout.marks.length + month.layout.bins.reduce((n, b) => n + b.members.length, 0)).toBe(inMonth);
  });
});

describe('renderTimeline', () => {
  const ev = (id: string, title: string, date: unknown, status = 'confirmed'): TimelineEvent => ({ id, title, date: 'Nov 2017', iso: '', status, actors: [], places: [], time: markTime(span(date)) });

  it('makes every mark a link whose accessible name holds its drawn text (title and date), escaped', () => {
    const e = ev('x', 'A <b>"clash"</b> at a place with a rather long name near the border', '2017-11', 'claimed');
    for (const width of [360, 1000]) {
      const r = renderTimeline([e], { from: utc(2017, 10), to: utc(2018, 1), width, uid: 'u', href: (id) => `/events/${id}/`, binHref: '/events/' });
      expect(r.svg).toContain('href="/events/x/"');
      // Named by its <title> (the tooltip without JavaScript); the script's drawing, without titles, by an aria-label.
      expect(r.svg).toContain('<title>A &lt;b&gt;&quot;clash&quot;&lt;/b&gt; at a place with a rather long name near the border, Nov 2017 (claimed)</title>');
      expect(r.svg).not.toContain('aria-label');
      const live = renderTimeline([e], { from: utc(2017, 10), to: utc(2018, 1), width, uid: 'u', href: (id) => `/events/${id}/`, binHref: '/events/', titles: false });
      expect(live.svg).toContain('aria-label="A &lt;b&gt;&quot;clash&quot;&lt;/b&gt; at a place with a rather long name near the border, Nov 2017 (claimed)"');
      expect(live.svg).not.toContain('<title>');
      expect(r.svg).not.toContain('<b>');
      const drawn = [...r.svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join('');
      expect(drawn).toBe('A &lt;b&gt;&quot;clash&quot;&lt;/b&gt; at a place with a rather long name near the border');
    }
  });

  it('lists in the key only the symbols drawn', () => {
    const events = [ev('a', 'A day', '2017-11-03'), ev('b', 'Reported', '2017-11-05', 'reported')];
    const r = renderTimeline(events, { from: utc(2017, 10), to: utc(2018, 1), width: 1000, uid: 'u', href: (id) => id, binHref: '/events/' });
    const symbols = drawnSymbols(events, r.layout);
    expect([...symbols].sort()).toEqual(['point', 'reported']);
    expect(timelineKey([{ key: 'wide', symbols }, { key: 'narrow', symbols: new Set(['point', 'bin']) }]).map((k) => [k.k, k.only])).toEqual([
      ['point', undefined], ['reported', 'wide'], ['bin', 'narrow'],
    ]);
  });
});

describe('filterOptions', () => {
  it('lists the actors and places the events name, once each, by name', async () => {
    const { filterOptions } = await import('../../src/domain/timeline-data.ts');
    const e = (actors: string[], places: string[]) => ({ id: 'x', title: 't', date: 'd', iso: '', status: 'confirmed', actors, places, time: markTime(span('2017-11-03')) });
    const names = new Map([['kh', 'Kataib Hezbollah'], ['is', 'Islamic State']]);
    expect(filterOptions([e(['kh', 'is'], ['p']), e(['kh'], [])], names, new Map())).toEqual({ actor: [['is', 'Islamic State'], ['kh', 'Kataib Hezbollah']], place: [['p', 'p']] });
  });
});

describe('timelineCarriage', () => {
  it.each([
    // count, total, expected
    [7500, 7500, 'shared'], // every event: the shared file, whole
    [387, 7500, 'shared'], // a country's events: its rows of the shared file
    [51, 7500, 'shared'],
    [50, 7500, 'inline'], // a few events: the page's own copy
    [12, 7500, 'inline'],
    [3, 3, 'shared'],
  ] as const)('%i of %i events → %s', async (count, total, expected) => {
    const { timelineCarriage } = await import('../../src/domain/timeline-data.ts');
    expect(timelineCarriage(count, total)).toBe(expected);
  });
});

describe('encodeRows / decodeRows', () => {
  it.each([
    [[], ''],
    [[0], '0'],
    [[3, 4, 44], '3,1,40'],
    [[7499], '7499'],
  ])('%j ↔ "%s"', async (rows, text) => {
    const { encodeRows, decodeRows } = await import('../../src/domain/timeline-data.ts');
    expect(encodeRows(rows)).toBe(text);
    expect(decodeRows(text)).toEqual(rows);
  });
});

describe('timelineEvents', () => {
  it('takes listed ids (once each, unknown ones left out), an actor\'s or a place\'s events, in row order', async () => {
    const { timelineEvents } = await import('../../src/domain/timeline-data.ts');
    const ev = (id: string, actors: string[], places: string[]) => ({ id, title: id, date: 'd', iso: '', status: 'confirmed', actors, places, time: markTime(span('2017-11-03')) });
    const events = [ev('a', ['kh'], ['syria']), ev('b', ['is'], ['iraq']), ev('c', ['kh', 'is'], ['iraq'])];
    const ix = { events, eventRow: new Map(events.map((e, i) => [e.id, i])), eventsByActor: new Map([['kh', [events[0], events[2]]], ['is', [events[1], events[2]]]]), eventsByPlace: new Map([['syria', [events[0]]], ['iraq', [events[1], events[2]]]]) };
    const ids = (l: { id: string }[]) => l.map((e) => e.id);
    expect(ids(timelineEvents(ix, { ids: ['c', 'a', 'c', 'zz'] }))).toEqual(['a', 'c']);
    expect(ids(timelineEvents(ix, { actor: 'kh' }))).toEqual(['a', 'c']);
    expect(ids(timelineEvents(ix, { place: 'iraq', actor: 'kh' }))).toEqual(['c']);
    expect(ids(timelineEvents(ix, { ids: ['a', 'b'], place: 'iraq' }))).toEqual(['b']);
    expect(ids(timelineEvents(ix, {}))).toEqual(['a', 'b', 'c']);
  });
});

describe('inScope / choicesAmong', () => {
  const e = (actors: string[], places: string[]) => ({ actors, places });
  it('keeps the events of the timeline\'s actor or place, or all without one', async () => {
    const { inScope } = await import('../../src/domain/timeline-data.ts');
    const events = [e(['kh'], ['syria']), e(['is'], ['iraq']), e(['kh', 'is'], ['iraq'])];
    expect(events.filter((x) => inScope(x, { actor: 'kh' }))).toEqual([events[0], events[2]]);
    expect(events.filter((x) => inScope(x, { place: 'iraq' }))).toEqual([events[1], events[2]]);
    expect(events.filter((x) => inScope(x, {}))).toEqual(events);
  });
  it('offers only the actors and places the shown events name, in the shared order', async () => {
    const { choicesAmong } = await import('../../src/domain/timeline-data.ts');
    const all = { actor: [['is', 'Islamic State'], ['kh', 'Kataib Hezbollah'], ['us', 'United States']] as [string, string][], place: [['iraq', 'Iraq'], ['syria', 'Syria']] as [string, string][] };
    const shown = [e(['us'], ['syria']), e(['kh', 'us'], ['syria'])];
    expect(choicesAmong(all, shown, 'actor')).toEqual([['kh', 'Kataib Hezbollah'], ['us', 'United States']]);
    expect(choicesAmong(all, shown, 'place')).toEqual([['syria', 'Syria']]);
  });
});

describe('encodeTimeline / decodeTimeline', () => {
  it('round-trips the events the browser needs', async () => {
    const { encodeTimeline, decodeTimeline } = await import('../../src/domain/timeline-data.ts');
    const e = (id: string, date: unknown, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
      id, title: `Title of ${id}`, date: 'x', iso: '', status: 'confirmed', actors: ['a', 'b'], places: ['p'], time: markTime(span(date)), ...extra,
    });
    const events = [e('one', '2017-11-03', { summary: 'S' }), e('two', { start: 2015, circa: true }, { status: 'disputed', actors: ['b'] }), e('three', { end: '2011-06' })];
    const back = decodeTimeline(JSON.parse(JSON.stringify(encodeTimeline(events))));
    expect(back).toEqual(events.map((x) => ({ ...x, summary: x.summary })));
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
