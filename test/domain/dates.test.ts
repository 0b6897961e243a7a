import { describe, expect, it } from 'vitest';
import { compareSpans, formatSpan, formatSpanParts, isoSpan, parseDateSpan, parsePartialDate, spanInterval } from '../../src/domain/dates.ts';

const span = (v: unknown) => {
  const r = parseDateSpan(v);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('parsePartialDate', () => {
  it.each([
    [2017, { year: 2017, precision: 'year' }],
    ['2017', { year: 2017, precision: 'year' }],
    ['2017-11', { year: 2017, month: 11, precision: 'month' }],
    ['2017-11-03', { year: 2017, month: 11, day: 3, precision: 'day' }],
    [new Date(Date.UTC(2017, 10, 3)), { year: 2017, month: 11, day: 3, precision: 'day' }],
    ['2016-02-29', { year: 2016, month: 2, day: 29, precision: 'day' }],
  ])('parses %j', (input, expected) => {
    expect(parsePartialDate(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2017-13-40', 'there is no month 13'],
    ['2017-02-30', 'February 2017 has 28 days'],
    ['2017-04-31', 'April 2017 has 30 days'],
    ['Nov 2017', 'write YYYY, YYYY-MM or YYYY-MM-DD'],
    [true, 'must be a date like 2017'],
  ])('refuses %j with a plain reason', (input, reason) => {
    const r = parsePartialDate(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(reason);
  });
});

describe('parseDateSpan', () => {
  it('reads single dates, circa and ranges', () => {
    expect(span('2017-11')).toMatchObject({ kind: 'single', circa: false, start: { precision: 'month' } });
    expect(span({ on: 2015, circa: true })).toMatchObject({ kind: 'single', circa: true, start: { year: 2015 } });
    expect(span({ start: 2009, end: 2011 })).toMatchObject({ kind: 'range', start: { year: 2009 }, end: { year: 2011 } });
    expect(span({ end: 2011 })).toMatchObject({ kind: 'range', start: undefined, end: { year: 2011 } });
  });

  it.each([
    [{ start: 2011, end: 2009 }, ['end'], 'ends (2009) before it starts (2011)'],
    [{ start: '2017-11-05', end: '2017-10' }, ['end'], 'ends (2017-10) before it starts (2017-11-05)'],
    [{ on: 2015, end: 2016 }, ['on'], 'either "on"'],
    [{ from: 2015 }, ['from'], 'unknown date field "from"'],
    [{ on: 2015, circa: 'yes' }, ['circa'], 'true or false'],
    [{ start: '2017-02-30' }, ['start'], 'February 2017 has 28 days'],
  ])('refuses %j at %j', (input, path, reason) => {
    const r = parseDateSpan(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.path).toEqual(path);
      expect(r.message).toContain(reason);
    }
  });

  it('a month that overlaps its own start day is not "before" it', () => {
    expect(parseDateSpan({ start: '2017-11-05', end: '2017-11-30' }).ok).toBe(true);
    expect(parseDateSpan({ start: '2017-11', end: '2017-11-03' }).ok).toBe(true);
  });
});

describe('formatting keeps precision', () => {
  it.each([
    ['2017-11-03', '3 Nov 2017', '2017-11-03'],
    ['2017-11', 'Nov 2017', '2017-11'],
    [2009, '2009', '2009'],
    [{ on: 2015, circa: true }, 'c. 2015', '~2015'],
    [{ start: 2009, end: 2011 }, '2009–2011', '2009/2011'],
    [{ start: '2017-10', end: '2017-11' }, 'Oct–Nov 2017', '2017-10/2017-11'],
    [{ end: 2011 }, 'until 2011', '../2011'],
    [{ start: 2015 }, 'from 2015', '2015/..'],
  ])('%j → %s', (input, shown, iso) => {
    expect(formatSpan(span(input))).toBe(shown);
    expect(isoSpan(span(input))).toBe(iso);
  });

  it('a month covers the whole month, not its first day', () => {
    const { from, to } = spanInterval(span('2017-11'));
    expect(new Date(from).toISOString().slice(0, 10)).toBe('2017-11-01');
    expect(new Date(to).toISOString().slice(0, 10)).toBe('2017-12-01');
  });

  it('sorts by where each span starts: the year 2017, then Nov 2017, 3 Nov 2017, Dec 2017', () => {
    const list = ['2017-12', '2017-11-03', '2017', '2017-11'].map(span).sort(compareSpans);
    expect(list.map(isoSpan)).toEqual(['2017', '2017-11', '2017-11-03', '2017-12']);
  });
});

describe('formatSpanParts', () => {
  const d = (year: number, month?: number, day?: number) => ({ year, month, day, precision: day ? 'day' : month ? 'month' : 'year' }) as const;
  it.each([
    [{ start: d(2019, 12, 31), end: d(2020, 1, 1), circa: false, kind: 'range' }, ['31 Dec 2019–', '1 Jan 2020']],
    [{ start: d(2017, 11, 3), end: d(2017, 12, 5), circa: false, kind: 'range' }, ['3 Nov – ', '5 Dec 2017']],
    [{ start: d(2007), end: d(2011), circa: true, kind: 'range' }, ['c. 2007–', '2011']],
    [{ start: d(2017, 11, 3), circa: false, kind: 'single' }, ['3 Nov 2017']],
  ] as const)('%j wraps as %j', (span, parts) => {
    expect(formatSpanParts(span as any)).toEqual(parts);
    expect(formatSpanParts(span as any).join('')).toBe(formatSpan(span as any));
  });
});
