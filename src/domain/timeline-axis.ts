/**
 * The timeline's time axis: ticks on whole days, months or years (never hours: no
 * event in a dossier is dated finer than a day) and their labels, kept inside the
 * drawing. Pure, no d3: the browser script stays small.
 */
import { textWidth } from './label-placement.ts';

const DAY = 864e5;
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export type TickUnit = 'day' | 'month' | 'year';
export interface TickStep { unit: TickUnit; step: number }

/** Steps from finest to coarsest; the first that gives no more than the wanted count wins. */
const STEPS: TickStep[] = [
  ...[1, 2, 3, 7, 14].map((step) => ({ unit: 'day' as const, step })),
  ...[1, 2, 3, 6].map((step) => ({ unit: 'month' as const, step })),
  ...[1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000].map((step) => ({ unit: 'year' as const, step })),
];

function approxMs(s: TickStep): number {
  return s.step * (s.unit === 'day' ? DAY : s.unit === 'month' ? 30.44 * DAY : 365.25 * DAY);
}

/** Tick times (ms UTC, midnight of a day, 1st of a month or 1 January) within [from, to]. */
export function timeTicks(from: number, to: number, count: number): { ticks: number[]; step: TickStep } {
  const span = Math.max(1, to - from);
  const step = STEPS.find((s) => span / approxMs(s) <= Math.max(1, count)) ?? STEPS[STEPS.length - 1];
  const ticks: number[] = [];
  const start = new Date(from);
  if (step.unit === 'day') {
    // Days counted from the epoch, so a step of 7 falls on the same weekday at every zoom.
    let d = Math.ceil(from / DAY / step.step) * step.step;
    for (; d * DAY <= to; d += step.step) ticks.push(d * DAY);
  } else if (step.unit === 'month') {
    let m = start.getUTCFullYear() * 12 + start.getUTCMonth();
    m = Math.ceil(m / step.step) * step.step;
    for (let t = Date.UTC(Math.floor(m / 12), m % 12, 1); t <= to; m += step.step, t = Date.UTC(Math.floor(m / 12), m % 12, 1)) {
      if (t >= from) ticks.push(t);
    }
  } else {
    let y = Math.ceil(start.getUTCFullYear() / step.step) * step.step;
    for (let t = yearStart(y); t <= to; y += step.step, t = yearStart(y)) if (t >= from) ticks.push(t);
  }
  return { ticks, step };
}

function yearStart(y: number): number {
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(y);
  return d.getTime();
}

/** "2 Nov", "Nov 2017" or "2017"; the year is added to a day on 1 January and to the first tick. */
export function tickText(t: number, unit: TickUnit, first: boolean): string {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const year = y < 1 ? `${1 - y} BCE` : String(y);
  if (unit === 'year') return year;
  if (unit === 'month') return d.getUTCMonth() === 0 || first ? `${MONTHS[d.getUTCMonth()]} ${year}` : MONTHS[d.getUTCMonth()];
  const day = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  return first || (d.getUTCMonth() === 0 && d.getUTCDate() === 1) ? `${day} ${year}` : day;
}

export interface AxisLabel { t: number; x: number; text: string; anchor: 'start' | 'middle' | 'end' }

/**
 * The axis of a plot `width` px wide showing [from, to]: a tick about every
 * 110 px; a label that would cross the drawing's edge (`margin` px beyond the plot)
 * is anchored to its tick's inner side, and one that would touch its neighbour is left out.
 */
export function axisLabels(from: number, to: number, width: number, margin: number, fontSize = 11): AxisLabel[] {
  const { ticks, step } = timeTicks(from, to, Math.max(2, Math.floor(width / 110)));
  const k = width / Math.max(1, to - from);
  const out: AxisLabel[] = [];
  let lastEnd = -Infinity;
  ticks.forEach((t, i) => {
    const x = (t - from) * k;
    const text = tickText(t, step.unit, i === 0);
    const w = textWidth(text, fontSize);
    let anchor: AxisLabel['anchor'] = 'middle';
    let x0 = x - w / 2;
    if (x0 < -margin) { anchor = 'start'; x0 = x; }
    if (x0 + w > width + margin) { anchor = 'end'; x0 = x - w; }
    if (x0 < -margin || x0 + w > width + margin || x0 < lastEnd + 8) return;
    lastEnd = x0 + w;
    out.push({ t, x, text, anchor });
  });
  return out;
}
