/** Years 0–99 and periods that end before they start (dates.ts, and what reads it). */
import { describe, expect, it } from 'vitest';
import { actorSchema } from '../../src/schemas/actors.ts';
import { daysInMonth, endsBeforeStart, firstMoment, isoDate, isoSpan, lastMoment, parseDateSpan, parsePartialDate, utc, type PartialDate } from '../../src/domain/dates.ts';
import { spanJson } from '../../src/domain/export.ts';
import { sitemap } from '../../src/domain/feeds.ts';
import { siteSchema } from '../../src/schemas/site.ts';

const date = (s: string): PartialDate => {
  const r = parsePartialDate(s);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const iso = (ms: number) => new Date(ms).toISOString();

describe('years 0–99 stay as written (Date.UTC would read 50 as 1950)', () => {
  it.each([
    ['0050', '0050-01-01T00:00:00.000Z', '0051-01-01T00:00:00.000Z'],
    ['0001-01-01', '0001-01-01T00:00:00.000Z', '0001-01-02T00:00:00.000Z'],
    ['0099-12', '0099-12-01T00:00:00.000Z', '0100-01-01T00:00:00.000Z'],
    ['0099', '0099-01-01T00:00:00.000Z', '0100-01-01T00:00:00.000Z'],
    ['2017-11-03', '2017-11-03T00:00:00.000Z', '2017-11-04T00:00:00.000Z'],
  ])('%s', (text, first, last) => {
    expect(iso(firstMoment(date(text)))).toBe(first);
    expect(iso(lastMoment(date(text)))).toBe(last);
    expect(isoDate(date(text))).toBe(text);
  });

  it('month lengths and leap years in early years', () => {
    expect([daysInMonth(4, 2), daysInMonth(1, 2), daysInMonth(100, 2), daysInMonth(50, 4)]).toEqual([29, 28, 28, 30]);
    expect(parsePartialDate('0004-02-29').ok).toBe(true);
    expect(parsePartialDate('0001-02-29')).toEqual({ ok: false, message: '"0001-02-29" is not a date: February 1 has 28 days' });
    expect(iso(utc(99, 11, 32))).toBe('0100-01-01T00:00:00.000Z');
  });

  it('the export and the sitemap write the year as given', () => {
    const span = parseDateSpan({ start: '0050-03', end: '0099' });
    if (!span.ok) throw new Error(span.message);
    expect(isoSpan(span.value)).toBe('0050-03/0099');
    expect(spanJson(span.value)).toMatchObject({ from: '0050-03-01', to: '0099-12-31' });
    const xml = sitemap(siteSchema.parse({ siteUrl: 'https://example.org' }), [{ path: '/x/', updated: date('0001-01-01') }]);
    expect(xml).toContain('<lastmod>0001-01-01</lastmod>');
  });
});

describe('a period may not end before it starts', () => {
  it.each([
    [{ start: '2017-11', end: '2017-10' }, 'ends (2017-10) before it starts (2017-11)'], // "Nov–Oct 2017"
    [{ start: '2017-11-03', end: '2017-11-02' }, 'ends (2017-11-02) before it starts (2017-11-03)'],
    [{ start: '2018', end: '2017' }, 'ends (2017) before it starts (2018)'],
    [{ start: '2017-11', end: '2017-10-31' }, 'ends (2017-10-31) before it starts (2017-11)'],
  ])('%j', (input, message) => {
    expect(parseDateSpan(input)).toEqual({ ok: false, path: ['end'], message });
  });

  it.each([
    [{ start: '2017-11-03', end: '2017-11-03' }],
    [{ start: '2017-11', end: '2017-11-03' }],
    [{ start: '2017-11-30', end: '2017-11' }],
    [{ start: '2017', end: '2017-01' }],
  ])('accepts %j', (input) => {
    expect(parseDateSpan(input).ok).toBe(true);
    expect(endsBeforeStart(date(input.start), date(input.end))).toBe(false);
  });

  it('an actor relation too', () => {
    const r = actorSchema.safeParse({ name: 'A', kind: 'armed-group', relations: [{ type: 'member-of', target: 'b', start: '2017-11', end: '2017-10', sources: ['s'] }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['relations.0.end', 'ends (2017-10) before it starts (2017-11)']]);
  });
});
