/**
 * Timeline markup: one renderer for the build (inline SVG, complete without
 * JavaScript) and the browser (re-rendered on zoom, filter and resize), so both
 * draw the same marks. Pure: returns a string; every text is escaped.
 */
import { esc, r1 } from './svg.ts';
import { axisLabels, MONTHS } from './timeline-axis.ts';
import { layoutTimeline, POINT_RADIUS, type MarkTime, type TimelineLayout } from './timeline-layout.ts';

/** One event as the timeline needs it (also the browser's data, minus href). */
export interface TimelineEvent {
  id: string;
  title: string;
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
  /** Native <title> tooltips, which also name the marks (off when the browser script shows its own: then an aria-label names them). */
  titles?: boolean;
  maxLanes?: number;
}

export interface RenderedTimeline {
  svg: string;
  width: number;
  height: number;
  layout: TimelineLayout;
}

/** The build's drawings: CSS shows the narrow one below 600 px (src/styles/viz.css). */
export const TIMELINE_DRAWINGS = [{ key: 'wide', width: 1000 }, { key: 'narrow', width: 360 }] as const;

/** Text line height and font size of the labels, px. */
export const LINE = 15;
const FONT = 12;
const ROW_PAD = 9;
const TOP = 8;
const AXIS = 30;
const BIN_ROW = 28;
/** Room beside the plot, so a mark on the plot's edge is not cut. */
export const SIDE = 12;

function dayText(t: number): string {
  const d = new Date(t);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "3 Nov 2017 – 12 Dec 2017", for aggregates and the visible domain. */
export function rangeText(from: number, to: number): string {
  return `${dayText(from)} – ${dayText(to - 1)}`;
}

/** The accessible name of an event's mark: its whole title (the drawn text), date and status. */
export function markName(e: Pick<TimelineEvent, 'title' | 'date' | 'status' | 'readings'>): string {
  return `${e.title}, ${e.date}${e.status !== 'confirmed' ? ` (${e.status})` : ''}${e.readings ? `; sources differ: ${rangeText(e.readings.from, e.readings.to)}` : ''}`;
}

export function renderTimeline(events: TimelineEvent[], o: TimelineRenderOptions): RenderedTimeline {
  const plot = Math.max(40, o.width - 2 * SIDE);
  const layout = layoutTimeline(events.map((e) => ({ time: e.time, label: e.title })), {
    from: o.from, to: o.to, width: plot, maxLanes: o.maxLanes, fontSize: FONT,
    maxLabel: plot < 500 ? plot : 280,
  });
  const laneTop: number[] = [];
  let y0 = TOP;
  for (const lines of layout.laneLines) { laneTop.push(y0); y0 += lines * LINE + ROW_PAD; }
  const binY = y0;
  if (layout.bins.length) y0 += BIN_ROW;
  // A mark's accessible name: its <title> where the build draws one (also the tooltip without
  // JavaScript; browsers name an SVG link from it), else an aria-label (the script's drawing).
  const titles = o.titles !== false;
  const named = (name: string) => (titles ? '' : ` aria-label="${esc(name)}"`);
  const titled = (name: string) => (titles ? `<title>${esc(name)}</title>` : '');
  const axisY = Math.max(y0, TOP + LINE) + 2;
  const height = axisY + AXIS;
  const parts: string[] = [];

  parts.push(
    `<defs>`
      + `<linearGradient id="${o.uid}-out"><stop offset="0" stop-color="currentColor" stop-opacity=".8"/><stop offset="1" stop-color="currentColor" stop-opacity="0"/></linearGradient>`
      + `<linearGradient id="${o.uid}-in"><stop offset="0" stop-color="currentColor" stop-opacity="0"/><stop offset="1" stop-color="currentColor" stop-opacity=".8"/></linearGradient>`
      + `</defs>`,
  );

  // Axis: whole days, months or years (UTC, so a month never shifts with the reader's zone).
  parts.push(`<g class="tl-axis" transform="translate(${SIDE},0)" aria-hidden="true">`);
  parts.push(`<line class="tl-axis-line" x1="0" x2="${r1(plot)}" y1="${axisY}" y2="${axisY}"/>`);
  for (const a of axisLabels(o.from, o.to, plot, SIDE - 2)) {
    const x = r1(a.x);
    parts.push(`<line class="tl-grid" x1="${x}" x2="${x}" y1="${TOP - 4}" y2="${axisY + 5}"/><text x="${x}" y="${axisY + 19}" text-anchor="${a.anchor}">${esc(a.text)}</text>`);
  }
  parts.push(`</g>`);

  parts.push(`<g class="tl-marks" transform="translate(${SIDE},0)">`);
  // A period running past the view is cut at the plot's edge (a little beyond it, so the cut shows).
  const cut = (v: number) => Math.min(plot + 4, Math.max(-4, v));
  const xAt = (time: number) => ((time - o.from) / (o.to - o.from)) * plot;
  for (const m of layout.marks) {
    const e = events[m.item];
    const t = e.time;
    const top = laneTop[m.lane];
    const y = top + LINE / 2;
    const cls = ['tl-mark', `tl-${t.shape}`, `tl-s-${e.status}`, t.circa ? 'tl-circa' : '', t.openStart || t.openEnd ? 'tl-open' : ''].filter(Boolean).join(' ');
    const name = markName(e);
    let shape = '';
    if (t.shape === 'point') {
      shape = `<circle class="tl-shape" cx="${r1((m.k0 + m.k1) / 2)}" cy="${y}" r="${POINT_RADIUS}"/>`;
    } else {
      const h = t.shape === 'band' ? 14 : 9;
      const [k0, k1, x0, x1] = [cut(m.k0), cut(m.k1), cut(m.x0), cut(m.x1)];
      shape = `<rect class="tl-shape" x="${r1(k0)}" y="${y - h / 2}" width="${r1(Math.max(1, k1 - k0))}" height="${h}" rx="${t.shape === 'band' ? 3 : 2}"/>`;
      if (t.openStart && k0 > x0) shape = `<rect class="tl-fade" fill="url(#${o.uid}-in)" x="${r1(x0)}" y="${y - h / 2}" width="${r1(k0 - x0)}" height="${h}"/>` + shape;
      if (t.openEnd && x1 > k1) shape += `<rect class="tl-fade" fill="url(#${o.uid}-out)" x="${r1(k1)}" y="${y - h / 2}" width="${r1(x1 - k1)}" height="${h}"/>`;
    }
    // Sources differ on the date: a thin whisker over the span the readings cover, under the
    // preferred date's mark (no mark when none is followed), cut at the plot's edge like a period.
    if (e.readings) {
      const x0 = cut(xAt(e.readings.from));
      const x1 = cut(xAt(e.readings.to));
      shape = `<rect class="tl-readings" x="${r1(x0)}" y="${y - 1.5}" width="${r1(Math.max(1, x1 - x0))}" height="3"/>`
        + `<line class="tl-readings" x1="${r1(x0)}" x2="${r1(x0)}" y1="${y - 5}" y2="${y + 5}"/><line class="tl-readings" x1="${r1(x1)}" x2="${r1(x1)}" y1="${y - 5}" y2="${y + 5}"/>` + (e.readings.preferred ? shape : '');
    }
    const l = m.label;
    const first = l.below ? top + LINE : top;
    const lx = r1(l.end ? l.x + l.width : l.x);
    const lines = l.lines.map((line, i) => `<tspan x="${lx}" y="${r1(first + i * LINE + LINE * 0.75)}">${esc(line)}</tspan>`).join('');
    const label = `<text class="tl-label"${l.end ? ' text-anchor="end"' : ''}>${lines}</text>`;
    // A transparent hit area over the mark and its label keeps small marks easy to hover and tap.
    const hx0 = Math.max(-SIDE + 1, Math.min(m.x0, l.x) - 3);
    const hx1 = Math.min(plot + SIDE - 1, Math.max(m.x1, l.x + l.width) + 3);
    const hit = `<rect class="tl-hit" x="${r1(hx0)}" y="${top - 2}" width="${r1(hx1 - hx0)}" height="${(l.lines.length + (l.below ? 1 : 0)) * LINE + 4}" rx="3"/>`;
    parts.push(
      `<a class="${cls}" href="${esc(o.href(e.id))}"${named(name)} data-id="${esc(e.id)}" data-t="${t.from}">`
        + titled(name) + hit + shape + label + `</a>`,
    );
  }
  for (const b of layout.bins) {
    const name = `${b.members.length} ${b.members.length === 1 ? 'event' : 'events'}, ${rangeText(b.from, b.to)}: zoom in to see ${b.members.length === 1 ? 'it' : 'them'}`;
    const w = b.x1 - b.x0 - 4;
    const count = String(b.members.length);
    parts.push(
      `<a class="tl-bin" href="${esc(o.binHref)}"${named(name)} data-from="${Math.round(b.from)}" data-to="${Math.round(b.to)}">`
        + titled(name)
        + `<rect x="${r1(b.x0 + 2)}" y="${binY + 2}" width="${r1(w)}" height="20" rx="3"/>`
        // The count only where it fits (the name always has it).
        + (count.length * 7 + 4 <= w ? `<text x="${r1((b.x0 + b.x1) / 2)}" y="${binY + 16}" text-anchor="middle">${count}</text>` : '')
        + `</a>`,
    );
  }
  parts.push(`</g>`);
  return { svg: parts.join(''), width: o.width, height, layout };
}

/** The key's entries for what a drawing shows (so the key lists only what is drawn). */
export function drawnSymbols(events: TimelineEvent[], layout: TimelineLayout): Set<string> {
  const out = new Set<string>();
  for (const m of layout.marks) {
    const e = events[m.item];
    const t = e.time;
    // Each mark under the key entry that looks like it: a dashed mark is "approximate",
    // a blue or hollow dot "reported" or "claimed", whatever its shape's own entry shows.
    const hollow = e.status === 'claimed' || e.status === 'disputed';
    if (t.circa) out.add('circa');
    else if (!(t.shape === 'point' && (e.status === 'reported' || hollow))) out.add(t.shape);
    if (t.openStart || t.openEnd) out.add('open');
    if (e.status === 'reported') out.add('reported');
    if (hollow) out.add('hollow');
    if (e.readings) out.add('readings');
  }
  if (layout.bins.length) out.add('bin');
  return out;
}

/** The key: one entry per kind of symbol (drawnSymbols' names). */
export const TIMELINE_KEY = [
  { k: 'point', w: 14, svg: '<circle cx="7" cy="7" r="5" class="k-fill"/>', text: 'a day' },
  { k: 'band', w: 26, svg: '<rect x="1" y="1" width="24" height="12" rx="3" class="k-band"/>', text: 'a month or year (the whole of it)' },
  { k: 'bar', w: 26, svg: '<rect x="1" y="3" width="24" height="8" rx="2" class="k-fill"/>', text: 'a period' },
  { k: 'circa', w: 26, svg: '<rect x="1" y="3" width="24" height="8" rx="2" class="k-circa"/>', text: 'approximate (c.)' },
  { k: 'open', w: 26, svg: '<rect x="1" y="3" width="14" height="8" class="k-fill"/><rect x="15" y="3" width="5" height="8" class="k-fill" opacity=".5"/><rect x="20" y="3" width="5" height="8" class="k-fill" opacity=".2"/>', text: 'open-ended' },
  { k: 'reported', w: 14, svg: '<circle cx="7" cy="7" r="5" class="k-reported"/>', text: 'reported' },
  { k: 'hollow', w: 14, svg: '<circle cx="7" cy="7" r="5" class="k-hollow"/>', text: 'claimed or disputed' },
  { k: 'readings', w: 26, svg: '<rect x="2" y="5.5" width="22" height="3" class="tl-readings"/><line x1="2" x2="2" y1="2" y2="12" class="tl-readings"/><line x1="24" x2="24" y1="2" y2="12" class="tl-readings"/>', text: 'sources differ: the span of their dates' },
  { k: 'bin', w: 22, svg: '<rect x="1" y="1" width="20" height="12" rx="3" class="k-bin"/>', text: 'events with no room to show: zoom in' },
];

/**
 * The key entries drawn in at least one drawing; `only` names the drawing when just
 * one has it (CSS hides it with the other), so the key lists only what is drawn.
 */
export function timelineKey(drawings: { key: string; symbols: Set<string> }[]) {
  return TIMELINE_KEY.filter((k) => drawings.some((d) => d.symbols.has(k.k))).map((k) => {
    const only = drawings.filter((d) => d.symbols.has(k.k));
    return { ...k, only: only.length < drawings.length ? only[0].key : undefined };
  });
}
