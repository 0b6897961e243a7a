/**
 * Timeline layout: pure math shared by the build (server-rendered SVG) and the
 * browser (re-layout on zoom and filter). No DOM, no Astro.
 *
 * Honest precision: a day is a point; a month or a year is a band covering the whole
 * month or year (never a point on the 1st); a period is a bar; an open period fades
 * out on its open side; `circa` is drawn dashed and faded (see timeline-svg.ts).
 */
import { firstMoment, lastMoment, parsePartialDate, type DateSpan } from './dates.ts';
import { textWidth } from './label-placement.ts';

export type MarkShape = 'point' | 'band' | 'bar';

/** What a date span covers in time, and how it is drawn. */
export interface MarkTime {
  /** First millisecond known to be covered (UTC). */
  from: number;
  /** First millisecond after the known part (exclusive). */
  to: number;
  shape: MarkShape;
  circa: boolean;
  /** "until 2011": the start is unknown, drawn fading in. */
  openStart: boolean;
  /** "from 2015": the end is unknown, drawn fading out. */
  openEnd: boolean;
}

export function markTime(span: DateSpan): MarkTime {
  const circa = span.circa;
  if (span.kind === 'single') {
    const d = span.start!;
    return { from: firstMoment(d), to: lastMoment(d), shape: d.precision === 'day' ? 'point' : 'band', circa, openStart: false, openEnd: false };
  }
  const s = span.start ?? span.end!;
  const e = span.end ?? span.start!;
  return { from: firstMoment(s), to: lastMoment(e), shape: 'bar', circa, openStart: !span.start, openEnd: !span.end };
}

/** A horizontal interval in pixels. */
export interface Interval { x0: number; x1: number }

/** A label broken into lines that fit a width (estimated, see textWidth). */
export interface WrappedText {
  lines: string[];
  /** Widest line, px. */
  width: number;
  /** True when the text did not fit in maxLines and its end was cut ("…"). */
  truncated: boolean;
}

/**
 * Breaks text into lines no wider than `maxWidth` at spaces (a word wider than the
 * line is split); past `maxLines` the last line ends with "…". Every line but the
 * last keeps its trailing space, so the lines joined are the text again.
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, fontSize: number): WrappedText {
  const words = text.split(/(?<=\s)/);
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => textWidth(s.trimEnd(), fontSize) <= maxWidth;
  for (let word of words) {
    if (fits(line + word)) { line += word; continue; }
    if (line) { lines.push(line); line = ''; }
    while (!fits(word)) {
      // A word longer than a whole line: split it where it must.
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut--;
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    line = word;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) {
    return { lines, width: Math.max(0, ...lines.map((l) => textWidth(l.trimEnd(), fontSize))), truncated: false };
  }
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1].trimEnd();
  while (last && !fits(`${last}…`)) last = last.slice(0, -1).trimEnd();
  kept[maxLines - 1] = `${last.replace(/[\s,;:–-]+$/, '')}…`;
  return { lines: kept, width: Math.max(...kept.map((l) => textWidth(l.trimEnd(), fontSize))), truncated: true };
}

export interface Bin { index: number; x0: number; x1: number; members: number[] }

/** Groups anchors (px) into bins `binPx` wide, in order; one entry per non-empty bin. */
export function binItems(anchors: number[], members: number[], binPx: number): Bin[] {
  const byBin = new Map<number, number[]>();
  anchors.forEach((x, i) => {
    const b = Math.floor(x / binPx);
    const list = byBin.get(b);
    if (list) list.push(members[i]);
    else byBin.set(b, [members[i]]);
  });
  return [...byBin].sort((a, b) => a[0] - b[0]).map(([index, m]) => ({ index, x0: index * binPx, x1: (index + 1) * binPx, members: m }));
}

export interface TimelineItem {
  time: MarkTime;
  /** The event's title: drawn whole, on as many lines as it needs (up to maxLines). */
  label: string;
}

export interface LayoutOptions {
  /** Visible domain, ms UTC. */
  from: number;
  to: number;
  /** Plot width in px. */
  width: number;
  /** Rows of labelled events; the events that find no room go to the aggregate row below. */
  maxLanes?: number;
  /** Bin width in px for aggregation. */
  binPx?: number;
  /** Length in px of the fade on an open end. */
  fade?: number;
  fontSize?: number;
  /** Widest a label may be before it wraps, px. */
  maxLabel?: number;
  maxLines?: number;
}

export interface LabelBox {
  /** Left edge of the text (text-anchor start), px. */
  x: number;
  lines: string[];
  width: number;
  /** Beside the mark (first line level with it) or below it. */
  below: boolean;
  /** Left of its mark, lines right-aligned (x is still the box's left edge). */
  end: boolean;
  truncated: boolean;
}

export interface LaidMark {
  /** Index into the items. */
  item: number;
  lane: number;
  /** Drawn extent in px, fades included. */
  x0: number;
  x1: number;
  /** Known (solid) part, px. */
  k0: number;
  k1: number;
  label: LabelBox;
}

export interface LaidBin { x0: number; x1: number; members: number[]; from: number; to: number }

export interface TimelineLayout {
  marks: LaidMark[];
  /** Aggregates, in the row below the lanes: events for which no lane had room. */
  bins: LaidBin[];
  lanes: number;
  /** Text lines each lane is tall (the mark's line included). */
  laneLines: number[];
  /** Items outside the visible domain. */
  hidden: number[];
}

export const POINT_RADIUS = 5;
const MIN_BAND = 6;
/** Gap between a mark and its label, and between boxes in a lane, px. */
const PAD = 5;
const GAP = 10;
/** A label beside its mark needs at least this much room (else it goes below). */
const MIN_BESIDE = 110;

/**
 * Lays out the items for one visible domain. Events are taken in date order; each
 * goes to the first lane below every lane still occupied where it starts (mark and
 * label), so reading down a stack reads forward in time, and an event never sits
 * above an earlier one it overlaps. Every drawn event has its whole title: beside
 * its mark when there is room, else below it, wrapped. Events for which no lane has
 * room are counted in aggregates in the row below ("zoom in").
 */
export function layoutTimeline(items: TimelineItem[], opts: LayoutOptions): TimelineLayout {
  const { from, to, width } = opts;
  const maxLanes = opts.maxLanes ?? 10;
  const binPx = opts.binPx ?? 32;
  const fade = opts.fade ?? 40;
  const fontSize = opts.fontSize ?? 12;
  const maxLabel = Math.min(opts.maxLabel ?? 260, width);
  const maxLines = opts.maxLines ?? 4;
  const k = width / Math.max(1, to - from);
  const x = (t: number) => (t - from) * k;

  const visible: number[] = [];
  const hidden: number[] = [];
  const n = items.length;
  const X0 = new Float64Array(n);
  const X1 = new Float64Array(n);
  const K0 = new Float64Array(n);
  const K1 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = items[i].time;
    let k0 = x(t.from);
    let k1 = x(t.to);
    if (t.shape === 'point') {
      // A day sits on its day's boundary, where the axis ticks are.
      k1 = k0 + POINT_RADIUS;
      k0 -= POINT_RADIUS;
    } else if (k1 - k0 < MIN_BAND) {
      const c = (k0 + k1) / 2;
      k0 = c - MIN_BAND / 2;
      k1 = c + MIN_BAND / 2;
    }
    K0[i] = k0;
    K1[i] = k1;
    X0[i] = t.openStart ? k0 - fade : k0;
    X1[i] = t.openEnd ? k1 + fade : k1;
    if (X1[i] < 0 || X0[i] > width) hidden.push(i);
    else visible.push(i);
  }
  visible.sort((a, b) => items[a].time.from - items[b].time.from || a - b);

  /** Stacks the visible events in at most `cap` lanes; the rest overflow. */
  const stack = (cap: number) => {
    const laneEnd: number[] = [];
    const laneLines: number[] = [];
    const marks: LaidMark[] = [];
    const overflow: number[] = [];
    /** The lowest lane free from x on: below every lane still occupied there. */
    const laneFor = (x0: number) => {
      let lane = 0;
      for (let l = 0; l < laneEnd.length; l++) if (laneEnd[l] + GAP > x0) lane = l + 1;
      return lane;
    };
    for (const i of visible) {
      const m0 = Math.max(0, X0[i]);
      const m1 = Math.min(width, X1[i]);
      // Cheap test first: at 10,000 events most find every lane taken at their mark.
      if (laneFor(m0) >= cap) { overflow.push(i); continue; }
      const label = placeLabel(items[i].label, m0, m1, width, maxLabel, maxLines, fontSize);
      const box = { x0: Math.min(m0, label.x), x1: Math.max(m1, label.x + label.width) };
      const lane = laneFor(box.x0);
      if (lane >= cap) { overflow.push(i); continue; }
      while (laneEnd.length <= lane) { laneEnd.push(-Infinity); laneLines.push(1); }
      laneEnd[lane] = Math.max(laneEnd[lane], box.x1);
      laneLines[lane] = Math.max(laneLines[lane], label.lines.length + (label.below ? 1 : 0));
      marks.push({ item: i, lane, x0: X0[i], x1: X1[i], k0: K0[i], k1: K1[i], label });
    }
    return { laneEnd, laneLines, marks, overflow };
  };
  // A few events more than the lanes allow are all drawn (a half-empty "1" is no help);
  // past that, the lanes are capped and the rest counted in aggregates.
  let stacked = visible.length <= 2 * maxLanes ? stack(Infinity) : undefined;
  if (!stacked || stacked.laneEnd.length > Math.ceil(maxLanes * 1.5)) stacked = stack(maxLanes);
  const { laneEnd, laneLines, marks, overflow } = stacked;

  const clamp = (v: number) => Math.min(width - 0.001, Math.max(0, v));
  const anchors = overflow.map((i) => clamp((Math.max(X0[i], 0) + Math.min(X1[i], width)) / 2));
  const bins: LaidBin[] = binItems(anchors, overflow, binPx).map((b) => ({
    x0: b.x0, x1: Math.min(b.x1, width), members: b.members.sort((a, c) => a - c),
    from: from + b.x0 / k, to: from + Math.min(b.x1, width) / k,
  }));
  marks.sort((a, b) => a.item - b.item);
  return { marks, bins, lanes: laneEnd.length, laneLines, hidden };
}

/** Beside the mark (right, else left) when a line of the label has room there; else below, from the mark's start. */
function placeLabel(text: string, m0: number, m1: number, width: number, maxLabel: number, maxLines: number, fontSize: number): LabelBox {
  const natural = textWidth(text, fontSize);
  const want = Math.min(natural, MIN_BESIDE);
  const right = width - (m1 + PAD);
  const left = m0 - PAD;
  if (right >= want) {
    const w = wrapText(text, Math.min(maxLabel, right), maxLines, fontSize);
    return { x: m1 + PAD, ...w, below: false, end: false };
  }
  if (left >= want) {
    const w = wrapText(text, Math.min(maxLabel, left), maxLines, fontSize);
    return { x: m0 - PAD - w.width, ...w, below: false, end: true };
  }
  const w = wrapText(text, maxLabel, maxLines, fontSize);
  return { x: Math.max(0, Math.min(m0, width - w.width)), ...w, below: true, end: false };
}

/** The full time extent of the items, padded so edge marks are not cut. */
export function itemsExtent(times: MarkTime[], padRatio = 0.04): { from: number; to: number } {
  if (!times.length) {
    const now = Date.UTC(2000, 0, 1);
    return { from: now, to: now + 365 * 864e5 };
  }
  let from = Infinity;
  let to = -Infinity;
  for (const t of times) {
    from = Math.min(from, t.from);
    to = Math.max(to, t.to);
  }
  const pad = Math.max((to - from) * padRatio, 864e5);
  return { from: from - pad, to: to + pad };
}

/**
 * The initial view of a timeline: `from`/`to` as written by a contributor (any
 * precision: "2017", "2017-10", "2017-10-26"; `to` includes its whole month or
 * year), else the events' extent. Throws a plain message for a bad bound.
 */
export function timelineDomain(times: MarkTime[], from?: string, to?: string): { domain: { from: number; to: number }; extent: { from: number; to: number } } {
  const bound = (value: string | undefined, edge: 'from' | 'to') => {
    if (value === undefined) return undefined;
    const d = parsePartialDate(value);
    if (!d.ok) throw new Error(`<Timeline ${edge}="${value}">: ${d.message}`);
    return edge === 'from' ? firstMoment(d.value) : lastMoment(d.value);
  };
  const full = itemsExtent(times);
  const domain = { from: bound(from, 'from') ?? full.from, to: bound(to, 'to') ?? full.to };
  if (domain.to <= domain.from) throw new Error(`<Timeline from="${from ?? ''}" to="${to ?? ''}">: "to" must come after "from"`);
  return { domain, extent: { from: Math.min(full.from, domain.from), to: Math.max(full.to, domain.to) } };
}
