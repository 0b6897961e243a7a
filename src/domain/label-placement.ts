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

/** Places labels in the given order (put the most important first); `fixed` boxes (other labels) are avoided too. */
export function placePointLabels(points: LabelPoint[], bounds: { width: number; height: number }, pad = 3, fixed: Box[] = []): (PlacedLabel | null)[] {
  const obstacles: Box[] = points.map((p) => ({ x0: p.x - p.r, y0: p.y - p.r, x1: p.x + p.r, y1: p.y + p.r }));
  const others = fixed;
  const placed: Box[] = [];
  return points.map((p, i) => {
    const { width: w, height: h } = p;
    const d = p.r + pad;
    const options: PlacedLabel[] = [
      { side: 'right', x: p.x + d, y: p.y + h * 0.35, anchor: 'start', box: { x0: p.x + d, y0: p.y - h / 2, x1: p.x + d + w, y1: p.y + h / 2 } },
      { side: 'left', x: p.x - d, y: p.y + h * 0.35, anchor: 'end', box: { x0: p.x - d - w, y0: p.y - h / 2, x1: p.x - d, y1: p.y + h / 2 } },
      { side: 'above', x: p.x, y: p.y - d - h * 0.15, anchor: 'middle', box: { x0: p.x - w / 2, y0: p.y - d - h, x1: p.x + w / 2, y1: p.y - d } },
      { side: 'below', x: p.x, y: p.y + d + h * 0.85, anchor: 'middle', box: { x0: p.x - w / 2, y0: p.y + d, x1: p.x + w / 2, y1: p.y + d + h } },
    ];
    for (const o of options) {
      const b = o.box;
      if (b.x0 < 0 || b.y0 < 0 || b.x1 > bounds.width || b.y1 > bounds.height) continue;
      if (obstacles.some((ob, k) => k !== i && boxesOverlap(ob, b))) continue;
      if (placed.some((pl) => boxesOverlap(pl, b)) || others.some((o) => boxesOverlap(o, b))) continue;
      placed.push(b);
      return o;
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
