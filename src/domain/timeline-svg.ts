/**
 * Timeline markup: one renderer for the build (inline SVG, complete without
 * JavaScript) and the browser (re-rendered on zoom, filter and resize), so both
 * draw the same marks. Pure: returns a string; every text is escaped.
 */
import { scaleUtc } from 'd3-scale';
import { esc, r1 } from './svg.ts';
import { layoutTimeline, POINT_RADIUS, type MarkTime, type TimelineLayout } from './timeline-layout.ts';

/** One event as the timeline needs it (also the browser's data, minus href). */
export interface TimelineEvent {
  id: string;
  title: string;
  /** Short label drawn beside the mark. */
  label: string;
  /** Reader form of the date, e.g. "Nov 2017", "c. 2015". */
  date: string;
  /** Machine form, e.g. 2017-11, ~2015, 2009/2011. */
  iso: string;
  summary?: string;
  status: string;
  actors: string[];
  places: string[];
  time: MarkTime;
  /**
   * Where sources differ on the date: the span all readings cover, drawn as a thin whisker,
   * and whether one reading is preferred (then the mark is that date; else only the whisker).
   */
  readings?: { from: number; to: number; preferred: boolean };
}

export interface TimelineRenderOptions {
  from: number;
  to: number;
  /** Total SVG width in px (the plot is inset by the margins). */
  width: number;
  /** Unique per timeline on a page (gradient ids). */
  uid: string;
  href: (id: string) => string;
  /** Where an aggregate mark links without JavaScript (the events index). */
  binHref: string;
  /** Native <title> tooltips (off when the browser script shows its own). */
  titles?: boolean;
  maxLanes?: number;
}

export interface RenderedTimeline {
  svg: string;
  width: number;
  height: number;
  layout: TimelineLayout;
}

export const LANE = 26;
/** Estimated px per character of a 12 px label (also the layout's estimate). */
const CHAR_WIDTH = 6.8;
const TOP = 10;
const AXIS = 30;
const SIDE = 12;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function dayText(t: number): string {
  const d = new Date(t);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "3 Nov 2017 – 12 Dec 2017", for aggregates and the visible domain. */
export function rangeText(from: number, to: number): string {
  return `${dayText(from)} – ${dayText(to - 1)}`;
}

/** Shortens a label to the width it was given (same estimate as the layout). */
function fitLabel(label: string, width: number | undefined): string {
  if (width === undefined) return label;
  const chars = Math.floor(width / CHAR_WIDTH);
  return chars >= label.length ? label : `${label.slice(0, Math.max(1, chars - 1)).trimEnd()}…`;
}

export function renderTimeline(events: TimelineEvent[], o: TimelineRenderOptions): RenderedTimeline {
  const plot = Math.max(40, o.width - 2 * SIDE);
  const layout = layoutTimeline(events.map((e) => ({ time: e.time, label: e.label })), {
    from: o.from, to: o.to, width: plot, maxLanes: o.maxLanes ?? 10,
  });
  const height = TOP + layout.lanes * LANE + AXIS;
  const laneY = (lane: number) => TOP + lane * LANE + LANE / 2;
  const axisY = TOP + layout.lanes * LANE + 4;
  const parts: string[] = [];

  parts.push(
    `<defs>`
      + `<linearGradient id="${o.uid}-out"><stop offset="0" stop-color="currentColor" stop-opacity=".8"/><stop offset="1" stop-color="currentColor" stop-opacity="0"/></linearGradient>`
      + `<linearGradient id="${o.uid}-in"><stop offset="0" stop-color="currentColor" stop-opacity="0"/><stop offset="1" stop-color="currentColor" stop-opacity=".8"/></linearGradient>`
      + `<clipPath id="${o.uid}-clip"><rect x="${-SIDE}" y="0" width="${r1(plot + 2 * SIDE)}" height="${height}"/></clipPath>`
      + `</defs>`,
  );

  // Axis: time ticks from d3-scale (UTC, so a month never shifts with the reader's zone).
  const scale = scaleUtc().domain([o.from, o.to]).range([0, plot]);
  const ticks = scale.ticks(Math.max(2, Math.floor(plot / 110)));
  const format = scale.tickFormat();
  parts.push(`<g class="tl-axis" transform="translate(${SIDE},0)" aria-hidden="true">`);
  parts.push(`<line class="tl-axis-line" x1="0" x2="${r1(plot)}" y1="${axisY}" y2="${axisY}"/>`);
  for (const t of ticks) {
    const x = r1(scale(t));
    parts.push(`<line class="tl-grid" x1="${x}" x2="${x}" y1="${TOP - 4}" y2="${axisY + 5}"/><text x="${x}" y="${axisY + 19}" text-anchor="middle">${esc(format(t))}</text>`);
  }
  parts.push(`</g>`);

  parts.push(`<g class="tl-marks" transform="translate(${SIDE},0)" clip-path="url(#${o.uid}-clip)">`);
  for (const m of layout.marks) {
    const e = events[m.item];
    const t = e.time;
    const y = laneY(m.lane);
    const cls = ['tl-mark', `tl-${t.shape}`, `tl-s-${e.status}`, t.circa ? 'tl-circa' : '', t.openStart || t.openEnd ? 'tl-open' : ''].filter(Boolean).join(' ');
    const name = `${e.title}, ${e.date}${e.status !== 'confirmed' ? ` (${e.status})` : ''}${e.readings ? `; sources differ: ${rangeText(e.readings.from, e.readings.to)}` : ''}`;
    let shape = '';
    if (t.shape === 'point') {
      shape = `<circle class="tl-shape" cx="${r1((m.k0 + m.k1) / 2)}" cy="${y}" r="${POINT_RADIUS}"/>`;
    } else {
      const h = t.shape === 'band' ? 14 : 9;
      shape = `<rect class="tl-shape" x="${r1(m.k0)}" y="${y - h / 2}" width="${r1(Math.max(1, m.k1 - m.k0))}" height="${h}" rx="${t.shape === 'band' ? 3 : 2}"/>`;
      if (t.openStart) shape = `<rect class="tl-fade" fill="url(#${o.uid}-in)" x="${r1(m.x0)}" y="${y - h / 2}" width="${r1(m.k0 - m.x0)}" height="${h}"/>` + shape;
      if (t.openEnd) shape += `<rect class="tl-fade" fill="url(#${o.uid}-out)" x="${r1(m.k1)}" y="${y - h / 2}" width="${r1(m.x1 - m.k1)}" height="${h}"/>`;
    }
    // Sources differ on the date: a thin band over the span the readings cover, under the mark.
    if (e.readings) {
      const x0 = scale(e.readings.from);
      const x1 = scale(e.readings.to);
      if (!e.readings.preferred) shape = '';
      shape = `<rect class="tl-readings" x="${r1(x0)}" y="${y - 1.5}" width="${r1(Math.max(1, x1 - x0))}" height="3"/>`
        + `<line class="tl-readings" x1="${r1(x0)}" x2="${r1(x0)}" y1="${y - 5}" y2="${y + 5}"/><line class="tl-readings" x1="${r1(x1)}" x2="${r1(x1)}" y1="${y - 5}" y2="${y + 5}"/>` + shape;
    }
    // A transparent hit area keeps small marks easy to hover and tap.
    const hit = `<rect class="tl-hit" x="${r1(m.x0 - 4)}" y="${y - LANE / 2 + 1}" width="${r1(m.x1 - m.x0 + 8)}" height="${LANE - 2}"/>`;
    const label = m.label.shown
      ? `<text class="tl-label" x="${r1(m.label.x)}" y="${y + 4}" text-anchor="${m.label.anchor}">${esc(fitLabel(e.label, m.label.width))}</text>`
      : '';
    parts.push(
      `<a class="${cls}" href="${esc(o.href(e.id))}" aria-label="${esc(name)}" data-id="${esc(e.id)}" data-i="${m.item}">`
        + (o.titles !== false ? `<title>${esc(name)}</title>` : '')
        + hit + shape + label + `</a>`,
    );
  }
  for (const b of layout.bins) {
    const y = laneY(b.lane);
    const name = `${b.members.length} events, ${rangeText(b.from, b.to)}: zoom in to see them`;
    parts.push(
      `<a class="tl-bin" href="${esc(o.binHref)}" aria-label="${esc(name)}" data-from="${Math.round(b.from)}" data-to="${Math.round(b.to)}">`
        + (o.titles !== false ? `<title>${esc(name)}</title>` : '')
        + `<rect x="${r1(b.x0 + 3)}" y="${y - 10}" width="${r1(b.x1 - b.x0 - 6)}" height="20" rx="3"/>`
        + `<text x="${r1((b.x0 + b.x1) / 2)}" y="${y + 4}" text-anchor="middle">${b.members.length}</text></a>`,
    );
  }
  parts.push(`</g>`);
  return { svg: parts.join(''), width: o.width, height, layout };
}
