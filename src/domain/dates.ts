/**
 * Dates with precision. A dossier rarely knows the exact day: "June 2009", "2015",
 * "c. 2015", "2009–2011". These are parsed once into typed values so that `2017-11`
 * is never shown or sorted as 1 November. Pure: no Astro imports.
 */

export type Precision = 'day' | 'month' | 'year';

export interface PartialDate {
  year: number;
  /** 1–12, present for month and day precision. */
  month?: number;
  /** 1–31, present for day precision. */
  day?: number;
  precision: Precision;
}

export interface DateSpan {
  /** First (or only) date; absent for "until …" spans. */
  start?: PartialDate;
  /** Last date; equal to start for a single date; absent for "from …" spans. */
  end?: PartialDate;
  /** True when the date is approximate ("c. 2015"). */
  circa: boolean;
  /** A single date (day, month or year) or a period. */
  kind: 'single' | 'range';
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; path?: (string | number)[] };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Date.UTC for any year: Date.UTC (like new Date(y, …)) reads years 0–99 as
 * 1900–1999, so year 50 would sort and print as 1950. Setting the year after
 * the fact keeps it as written.
 */
export function utc(year: number, monthIndex: number, day: number): number {
  // setUTCFullYear(y, m, d) works out month and day overflow in year y itself.
  return new Date(0).setUTCFullYear(year, monthIndex, day);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month, 0)).getUTCDate();
}

const DATE_RE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/** Parses `2017`, `2017-11`, `2017-11-03` (or a YAML date object) into a PartialDate. */
export function parsePartialDate(input: unknown): Parsed<PartialDate> {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return { ok: false, message: 'is not a valid date' };
    return { ok: true, value: { year: input.getUTCFullYear(), month: input.getUTCMonth() + 1, day: input.getUTCDate(), precision: 'day' } };
  }
  if (typeof input === 'number' && Number.isInteger(input)) input = String(input);
  if (typeof input !== 'string') {
    return { ok: false, message: `must be a date like 2017, 2017-11 or 2017-11-03, got ${describe(input)}` };
  }
  const text = input.trim();
  const m = DATE_RE.exec(text);
  // "2019-12-31/2020-01-01", "2009 – 2011", "2009 to 2011": a period written as one value.
  const period = /^(\d{4}(?:-\d{2}){0,2})\s*(?:\/|–|—|-|\bto\b)\s*(\d{4}(?:-\d{2}){0,2})$/.exec(text);
  if (!m && period) return { ok: false, message: `"${text}" is not a date: a period is written { start: ${period[1]}, end: ${period[2]} } (in the fields that allow one, such as an event's date)` };
  if (!m) return { ok: false, message: `"${text}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2017, 2017-11, 2017-11-03)` };
  const year = Number(m[1]);
  if (m[2] === undefined) return { ok: true, value: { year, precision: 'year' } };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { ok: false, message: `"${text}" is not a date: there is no month ${month} (months run 01 to 12)` };
  if (m[3] === undefined) return { ok: true, value: { year, month, precision: 'month' } };
  const day = Number(m[3]);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return { ok: false, message: `"${text}" is not a date: ${MONTH_NAMES[month - 1]} ${year} has ${last} days` };
  }
  return { ok: true, value: { year, month, day, precision: 'day' } };
}

/**
 * Parses a date field: a bare date, `{ on, circa }` or `{ start, end, circa }`.
 * Errors carry the sub-path (e.g. ['end']) so the checker can point at the line.
 */
export function parseDateSpan(input: unknown): Parsed<DateSpan> {
  if (input === undefined) return { ok: false, message: 'is missing: write a date like 2017-11-03 (or { start, end } for a period)' };
  if (input === null) return { ok: false, message: 'is empty: write a date like 2017-11-03' };
  if (typeof input !== 'object' || input instanceof Date) {
    const d = parsePartialDate(input);
    return d.ok ? { ok: true, value: { start: d.value, end: d.value, circa: false, kind: 'single' } } : d;
  }
  if (Array.isArray(input)) return { ok: false, message: 'must be one date or { start, end }, not a list' };
  const obj = input as Record<string, unknown>;
  const allowed = ['on', 'start', 'end', 'circa'];
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) return { ok: false, path: [key], message: `unknown date field "${key}": use on, start, end or circa` };
  }
  const circa = obj.circa ?? false;
  if (typeof circa !== 'boolean') return { ok: false, path: ['circa'], message: 'must be true or false' };
  if ('on' in obj) {
    if ('start' in obj || 'end' in obj) return { ok: false, path: ['on'], message: 'use either "on" (a single date) or "start"/"end" (a period), not both' };
    const d = parsePartialDate(obj.on);
    if (!d.ok) return { ...d, path: ['on'] };
    return { ok: true, value: { start: d.value, end: d.value, circa, kind: 'single' } };
  }
  if (!('start' in obj) && !('end' in obj)) return { ok: false, message: 'needs "on", or "start" and/or "end"' };
  let start: PartialDate | undefined;
  let end: PartialDate | undefined;
  if (obj.start !== undefined) {
    const d = parsePartialDate(obj.start);
    if (!d.ok) return { ...d, path: ['start'] };
    start = d.value;
  }
  if (obj.end !== undefined) {
    const d = parsePartialDate(obj.end);
    if (!d.ok) return { ...d, path: ['end'] };
    end = d.value;
  }
  if (start && end && endsBeforeStart(start, end)) {
    return { ok: false, path: ['end'], message: `ends (${isoDate(end)}) before it starts (${isoDate(start)})` };
  }
  return { ok: true, value: { start, end, circa, kind: 'range' } };
}

/**
 * True when a period's end is wholly before its start. The end is compared by the
 * moment after it: "end 2017-10" ends on 1 Nov 2017, which is not before "start
 * 2017-11" begins, yet October is all before November; so it must be after.
 */
export function endsBeforeStart(start: PartialDate, end: PartialDate): boolean {
  return lastMoment(end) <= firstMoment(start);
}

/** First millisecond (UTC) the partial date covers. */
export function firstMoment(d: PartialDate): number {
  return utc(d.year, (d.month ?? 1) - 1, d.day ?? 1);
}

/** First millisecond after the partial date: 2017-11 ends at 2017-12-01T00:00Z. */
export function lastMoment(d: PartialDate): number {
  if (d.precision === 'day') return utc(d.year, d.month! - 1, d.day! + 1);
  if (d.precision === 'month') return utc(d.year, d.month!, 1);
  return utc(d.year + 1, 0, 1);
}

/** The interval [from, to) a span covers; open ends borrow the other end. */
export function spanInterval(span: DateSpan): { from: number; to: number } {
  const s = span.start ?? span.end!;
  const e = span.end ?? span.start!;
  return { from: firstMoment(s), to: lastMoment(e) };
}

/** Machine form: 2017, 2017-11 or 2017-11-03 (ISO 8601: always four year digits, 0050). */
export function isoDate(d: PartialDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const year = String(d.year).padStart(4, '0');
  if (d.precision === 'year') return year;
  if (d.precision === 'month') return `${year}-${pad(d.month!)}`;
  return `${year}-${pad(d.month!)}-${pad(d.day!)}`;
}

/** Machine form of a span: `2017-11`, `2009/2011`, `../2011`, `~2015` (approximate). */
export function isoSpan(span: DateSpan): string {
  const mark = span.circa ? '~' : '';
  if (span.kind === 'single') return mark + isoDate(span.start!);
  return mark + `${span.start ? isoDate(span.start) : '..'}/${span.end ? isoDate(span.end) : '..'}`;
}

/** Reader form: "3 Nov 2017", "Nov 2017", "2017". */
export function formatDate(d: PartialDate): string {
  if (d.precision === 'year') return String(d.year);
  if (d.precision === 'month') return `${MONTHS[d.month! - 1]} ${d.year}`;
  return `${d.day} ${MONTHS[d.month! - 1]} ${d.year}`;
}

/** Reader form of a span: "c. 2015", "2009–2011", "Oct–Nov 2017", "until 2011". */
export function formatSpan(span: DateSpan): string {
  const circa = span.circa ? 'c. ' : '';
  const { start, end } = span;
  if (span.kind === 'single' || (start && end && isoDate(start) === isoDate(end))) return circa + formatDate(start ?? end!);
  if (!start) return `${circa}until ${formatDate(end!)}`;
  if (!end) return `${circa}from ${formatDate(start)}`;
  if (start.precision === end.precision && start.year === end.year && start.precision !== 'year') {
    if (start.precision === 'month') return `${circa}${MONTHS[start.month! - 1]}–${formatDate(end)}`;
    if (start.month === end.month) return `${circa}${start.day}–${formatDate(end)}`;
    return `${circa}${start.day} ${MONTHS[start.month! - 1]} – ${formatDate(end)}`;
  }
  return `${circa}${formatDate(start)}–${formatDate(end)}`;
}

/**
 * formatSpan cut where a narrow column may wrap it: after a range's dash, never inside
 * a date ("31 Dec 2019–" / "1 Jan 2020"). Joined, the parts are formatSpan's text.
 */
export function formatSpanParts(span: DateSpan): string[] {
  return formatSpan(span).split(/(?<=–\s?)(?=\S)/);
}

/** Long reader form for machine-readable `<time datetime>` pairs and screen readers. */
export function describeSpan(span: DateSpan): string {
  const text = formatSpan(span);
  return span.circa ? text.replace(/^c\. /, 'approximately ') : text;
}

// Sorting compares each span many times: its interval is worked out once (spans are
// parsed data, never changed after).
const intervals = new WeakMap<DateSpan, { from: number; to: number }>();
function intervalOf(span: DateSpan) {
  let i = intervals.get(span);
  if (!i) intervals.set(span, (i = spanInterval(span)));
  return i;
}

/**
 * Chronological order: by first moment, then the finer date first (3 Nov before
 * "Nov" as a whole is arbitrary but stable), then by last moment.
 */
export function compareSpans(a: DateSpan, b: DateSpan): number {
  const ia = intervalOf(a);
  const ib = intervalOf(b);
  return ia.from - ib.from || ia.to - ib.to || Number(a.circa) - Number(b.circa);
}

function describe(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a group of fields';
  if (typeof v === 'boolean') return `${v}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}
