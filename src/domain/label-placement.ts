/**
 * Labels beside points (map markers, graph nodes) that never overlap: each label
 * tries right, left, above, below its point and takes the first side that stays in
 * bounds and clear of every point and every label already placed; if none is clear
 * the label is left out (the point keeps its accessible name). Pure.
 */

export interface LabelPoint {
  x: number;
  y: number;
  /** Radius of the point's mark. */
  r: number;
  /** Estimated label box. */
  width: number;
  height: number;
}

export type Side = 'right' | 'left' | 'above' | 'below';

export interface PlacedLabel {
  side: Side;
  /** Text anchor position (SVG text x/y, baseline). */
  x: number;
  y: number;
  anchor: 'start' | 'end' | 'middle';
  box: Box;
}

export interface Box { x0: number; y0: number; x1: number; y1: number }

export const boxesOverlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export interface PlaceOptions {
  /** Also try the four corners (a label level with the point's top or bottom edge). */
  corners?: boolean;
  /** Extra distances (px) at which every side is tried again, for crowded drawings. */
  farther?: number[];
  /** Room kept between a label and anything else, px. */
  gap?: number;
}

/** Where a label of w × h may go around a point, nearest first. */
function sides(p: LabelPoint, w: number, h: number, d: number, corners: boolean): PlacedLabel[] {
  const out: PlacedLabel[] = [
    { side: 'right', x: p.x + d, y: p.y + h * 0.35, anchor: 'start', box: { x0: p.x + d, y0: p.y - h / 2, x1: p.x + d + w, y1: p.y + h / 2 } },
    { side: 'left', x: p.x - d, y: p.y + h * 0.35, anchor: 'end', box: { x0: p.x - d - w, y0: p.y - h / 2, x1: p.x - d, y1: p.y + h / 2 } },
    { side: 'above', x: p.x, y: p.y - d - h * 0.15, anchor: 'middle', box: { x0: p.x - w / 2, y0: p.y - d - h, x1: p.x + w / 2, y1: p.y - d } },
    { side: 'below', x: p.x, y: p.y + d + h * 0.85, anchor: 'middle', box: { x0: p.x - w / 2, y0: p.y + d, x1: p.x + w / 2, y1: p.y + d + h } },
  ];
  if (corners) {
    const r = p.r * 0.7;
    for (const [sx, sy] of [[1, -1], [1, 1], [-1, -1], [-1, 1]] as const) {
      const x = p.x + sx * r;
      const y0 = sy < 0 ? p.y - d - h : p.y + d;
      out.push({ side: sy < 0 ? 'above' : 'below', x, y: y0 + h * 0.85, anchor: sx > 0 ? 'start' : 'end', box: { x0: sx > 0 ? x : x - w, y0, x1: sx > 0 ? x + w : x, y1: y0 + h } });
    }
  }
  return out;
}

/** Places labels in the given order (put the most important first); `fixed` boxes (other labels) are avoided too. */
export function placePointLabels(points: LabelPoint[], bounds: { width: number; height: number }, pad = 3, fixed: Box[] = [], o: PlaceOptions = {}): (PlacedLabel | null)[] {
  const g = o.gap ?? 0;
  const obstacles: Box[] = points.map((p) => ({ x0: p.x - p.r - g, y0: p.y - p.r - g, x1: p.x + p.r + g, y1: p.y + p.r + g }));
  const others = fixed;
  const placed: Box[] = [];
  const grow = (b: Box): Box => ({ x0: b.x0 - g, y0: b.y0 - g, x1: b.x1 + g, y1: b.y1 + g });
  return points.map((p, i) => {
    const { width: w, height: h } = p;
    for (const extra of [0, ...(o.farther ?? [])]) {
      for (const c of sides(p, w, h, p.r + pad + extra, !!o.corners)) {
        const b = c.box;
        if (b.x0 < 0 || b.y0 < 0 || b.x1 > bounds.width || b.y1 > bounds.height) continue;
        const gb = grow(b);
        if (obstacles.some((ob, k) => k !== i && boxesOverlap(ob, gb))) continue;
        if (placed.some((pl) => boxesOverlap(pl, gb)) || others.some((ob) => boxesOverlap(ob, gb))) continue;
        placed.push(b);
        return c;
      }
    }
    return null;
  });
}

/** A rough text width for a system sans-serif at the given size (no DOM at build time). */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) units += /[ilj.,'’ ]/.test(ch) ? 0.3 : /[A-Z mw]/.test(ch) ? 0.72 : 0.58;
  return Math.ceil(units * fontSize);
}
