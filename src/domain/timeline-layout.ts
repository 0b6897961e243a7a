/**
 * Timeline layout: pure math shared by the build (server-rendered SVG) and the
 * browser (re-layout on zoom and filter). No DOM, no Astro.
 *
 * Honest precision: a day is a point; a month or a year is a band covering the whole
 * month or year (never a point on the 1st); a period is a bar; an open period fades
 * out on its open side; `circa` is drawn dashed and faded (see timeline-svg.ts).
 */
import { firstMoment, lastMoment, parsePartialDate, type DateSpan } from './dates.ts';

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

/**
 * Greedy interval partitioning: each interval goes to the first lane whose last
 * interval ends at least `gap` px before it starts; stable for equal starts.
 * Returns the lane of each interval (same order as the input) and the lane count.
 * Intervals that would need lane `maxLanes` or more get lane -1 (the caller decides).
 */
export function packLanes(intervals: Interval[], gap = 4, maxLanes = Infinity): { lanes: number[]; count: number } {
  const order = intervals.map((_, i) => i).sort((a, b) => intervals[a].x0 - intervals[b].x0 || a - b);
  const ends: number[] = [];
  const lanes = new Array<number>(intervals.length).fill(-1);
  for (const i of order) {
    const { x0, x1 } = intervals[i];
    let lane = ends.findIndex((end) => end + gap <= x0);
    if (lane === -1 && ends.length < maxLanes) lane = ends.length;
    if (lane === -1) continue;
    ends[lane] = x1;
    lanes[i] = lane;
  }
  return { lanes, count: ends.length };
}

export interface Bin { index: number; x0: number; x1: number; members: number[] }

/**
 * Aggregates dense periods: anchors (px) are counted in bins `binPx` wide; a bin
 * holding more than `maxPerBin` items becomes one aggregate mark, the others stay
 * single items. Zooming in spreads the items over more bins, so aggregates expand.
 */
export function binItems(anchors: number[], binPx: number, maxPerBin: number): { singles: number[]; bins: Bin[] } {
  const byBin = new Map<number, number[]>();
  anchors.forEach((x, i) => {
    const b = Math.floor(x / binPx);
    const list = byBin.get(b);
    if (list) list.push(i);
    else byBin.set(b, [i]);
  });
  const singles: number[] = [];
  const bins: Bin[] = [];
  for (const [index, members] of [...byBin].sort((a, b) => a[0] - b[0])) {
    if (members.length > maxPerBin) bins.push({ index, x0: index * binPx, x1: (index + 1) * binPx, members });
    else singles.push(...members);
  }
  singles.sort((a, b) => a - b);
  return { singles, bins };
}

export interface LabelRequest {
  lane: number;
  /** The mark's own extent. */
  x0: number;
  x1: number;
  /** Estimated label width in px (0: no label wanted). */
  width: number;
}

export interface LabelPlacement {
  shown: boolean;
  x: number;
  anchor: 'start' | 'end';
  /** Width the label may take; less than requested when it had to be shortened. */
  width?: number;
}

/**
 * Places each label right of its mark, or left when it would leave [0, width];
 * on a narrow plot a label may be shortened (to no less than `minWidth` px) to fit
 * beside its mark. A label is shown only if its box overlaps no other mark and no
 * shown label in its lane. Labels in different lanes never meet (a lane is taller
 * than the text).
 */
export function placeLabels(items: LabelRequest[], width: number, pad = 4, minWidth = 56): LabelPlacement[] {
  const byLane = new Map<number, number[]>();
  items.forEach((it, i) => {
    const l = byLane.get(it.lane) ?? [];
    l.push(i);
    byLane.set(it.lane, l);
  });
  const out: LabelPlacement[] = items.map((it) => ({ shown: false, x: it.x1 + pad, anchor: 'start' as const }));
  for (const members of byLane.values()) {
    members.sort((a, b) => items[a].x0 - items[b].x0 || a - b);
    const taken: Interval[] = members.map((i) => ({ x0: items[i].x0, x1: items[i].x1 }));
    const overlaps = (box: Interval, self: number) =>
      taken.some((t, k) => k !== self && t.x0 < box.x1 + pad && box.x0 < t.x1 + pad);
    members.forEach((i, k) => {
      const it = items[i];
      if (it.width <= 0) return;
      const right = { x0: it.x1 + pad, x1: it.x1 + pad + it.width };
      const left = { x0: it.x0 - pad - it.width, x1: it.x0 - pad };
      // Room up to the next mark or label in the lane (or the plot's edge).
      const rightEdge = Math.min(width, ...taken.filter((t, j) => j !== k && t.x0 >= it.x1).map((t) => t.x0 - pad));
      const leftEdge = Math.max(0, ...taken.filter((t, j) => j !== k && t.x1 <= it.x0).map((t) => t.x1 + pad));
      const roomRight = rightEdge - (it.x1 + pad);
      const roomLeft = it.x0 - pad - leftEdge;
      const candidates: [Interval, LabelPlacement][] = [
        [right, { shown: true, x: right.x0, anchor: 'start', width: it.width }],
        [left, { shown: true, x: left.x1, anchor: 'end', width: it.width }],
      ];
      // Shortened, on the roomier side first.
      const shortRight: [Interval, LabelPlacement] = [{ x0: it.x1 + pad, x1: rightEdge }, { shown: true, x: it.x1 + pad, anchor: 'start', width: roomRight }];
      const shortLeft: [Interval, LabelPlacement] = [{ x0: leftEdge, x1: it.x0 - pad }, { shown: true, x: it.x0 - pad, anchor: 'end', width: roomLeft }];
      for (const c of roomRight >= roomLeft ? [shortRight, shortLeft] : [shortLeft, shortRight]) {
        if (c[1].width! >= minWidth && c[1].width! < it.width) candidates.push(c);
      }
      for (const [box, placement] of candidates) {
        if (box.x0 < 0 || box.x1 > width) continue;
        if (overlaps(box, k)) continue;
        out[i] = placement;
        taken.push(box);
        return;
      }
    });
  }
  return out;
}

export interface TimelineItem {
  time: MarkTime;
  /** Label text (already shortened). */
  label: string;
}

export interface LayoutOptions {
  /** Visible domain, ms UTC. */
  from: number;
  to: number;
  /** Plot width in px. */
  width: number;
  maxLanes?: number;
  /** Bin width in px for aggregation. */
  binPx?: number;
  /** Length in px of the fade on an open end. */
  fade?: number;
  /** Estimated px per label character. */
  charWidth?: number;
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
  label: LabelPlacement;
}

export interface LaidBin { x0: number; x1: number; lane: number; members: number[]; from: number; to: number }

export interface TimelineLayout {
  marks: LaidMark[];
  bins: LaidBin[];
  lanes: number;
  /** Items outside the visible domain. */
  hidden: number[];
}

export const POINT_RADIUS = 5;
const MIN_BAND = 6;

/** Lays out the items for one visible domain: extents, aggregation, lanes, labels. */
export function layoutTimeline(items: TimelineItem[], opts: LayoutOptions): TimelineLayout {
  const { from, to, width } = opts;
  const maxLanes = opts.maxLanes ?? 10;
  const binPx = opts.binPx ?? 24;
  const fade = opts.fade ?? 40;
  const charWidth = opts.charWidth ?? 6.8;
  const k = width / Math.max(1, to - from);
  const x = (t: number) => (t - from) * k;

  const visible: number[] = [];
  const hidden: number[] = [];
  // Typed arrays: at 10,000 events a re-layout on every zoom step allocates little.
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
      const c = (k0 + k1) / 2;
      k0 = c - POINT_RADIUS;
      k1 = c + POINT_RADIUS;
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
  const extent = (i: number) => ({ x0: X0[i], x1: X1[i], k0: K0[i], k1: K1[i] });

  const clamp = (v: number) => Math.min(width - 0.001, Math.max(0, v));
  const anchors = visible.map((i) => clamp((Math.max(X0[i], 0) + Math.min(X1[i], width)) / 2));
  const { singles, bins } = binItems(anchors, binPx, maxLanes);

  // Marks and aggregates share the lanes; a label is part of what its mark occupies
  // when it fits, so labels never push marks out of their lanes.
  type Slot = { kind: 'mark'; item: number } | { kind: 'bin'; bin: Bin };
  const slots: Slot[] = [
    ...singles.map((s) => ({ kind: 'mark' as const, item: visible[s] })),
    ...bins.map((bin) => ({ kind: 'bin' as const, bin })),
  ];
  // Bins are inset so that neighbouring bins share a lane (packLanes keeps a 6 px gap).
  const markBox = (s: Slot): Interval => (s.kind === 'mark' ? { x0: X0[s.item], x1: X1[s.item] } : { x0: s.bin.x0 + 3, x1: s.bin.x1 - 3 });
  const labelWidth = (s: Slot) => (s.kind === 'mark' ? Math.ceil(items[s.item].label.length * charWidth) : 0);
  const withLabel = slots.map((s): Interval => {
    const box = markBox(s);
    const w = labelWidth(s);
    if (!w) return box;
    if (box.x1 + 4 + w <= width) return { x0: box.x0, x1: box.x1 + 4 + w };
    return { x0: Math.min(box.x0, box.x0 - 4 - w), x1: box.x1 };
  });
  const first = packLanes(withLabel, 6, maxLanes);
  const lanes = first.lanes.slice();
  let laneCount = first.count;
  // Whatever did not fit with its label goes, label-less, where its mark alone fits.
  const rest = lanes.map((l, i) => (l === -1 ? i : -1)).filter((i) => i >= 0);
  if (rest.length) {
    // Per-lane occupied intervals, to find gaps (not only the lane's end).
    const occupied: Interval[][] = Array.from({ length: Math.max(laneCount, 1) }, () => []);
    slots.forEach((_, i) => { if (lanes[i] >= 0) occupied[lanes[i]].push(withLabel[i]); });
    for (const i of rest.sort((a, b) => markBox(slots[a]).x0 - markBox(slots[b]).x0)) {
      const box = markBox(slots[i]);
      let lane = occupied.findIndex((list) => list.every((o) => o.x1 + 2 <= box.x0 || box.x1 + 2 <= o.x0));
      if (lane === -1) {
        // Too dense even without labels: the least crowded lane (overlap accepted).
        lane = occupied.reduce((best, list, l) => (list.length < occupied[best].length ? l : best), 0);
      }
      occupied[lane].push(box);
      lanes[i] = lane;
    }
    laneCount = occupied.length;
  }

  const labels = placeLabels(
    slots.map((s, i) => ({ lane: lanes[i], ...markBox(s), width: first.lanes[i] >= 0 ? labelWidth(s) : 0 })),
    width,
  );
  const marks: LaidMark[] = [];
  const laidBins: LaidBin[] = [];
  slots.forEach((s, i) => {
    if (s.kind === 'mark') {
      const e = extent(s.item);
      marks.push({ item: s.item, lane: lanes[i], x0: e.x0, x1: e.x1, k0: e.k0, k1: e.k1, label: labels[i] });
    } else {
      const members = s.bin.members.map((m) => visible[m]);
      laidBins.push({
        x0: s.bin.x0, x1: s.bin.x1, lane: lanes[i], members,
        from: from + s.bin.x0 / k, to: from + s.bin.x1 / k,
      });
    }
  });
  marks.sort((a, b) => a.item - b.item);
  return { marks, bins: laidBins, lanes: Math.max(laneCount, 1), hidden };
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

/** Shortens a label to at most `max` characters, on a word boundary where possible. */
export function shortLabel(text: string, max = 40): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = text[max - 1] === ' ' ? cut.length : cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
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
