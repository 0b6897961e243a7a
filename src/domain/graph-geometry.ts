/**
 * Edge geometry for the relations graph, shared by the build and the browser
 * (dragging a node redraws its edges). Kept apart from graph-layout.ts so the
 * browser script does not pull in d3-force. Pure.
 */

export interface EdgeShape {
  /** SVG path: a straight line, or a gentle curve when two edges join the same pair. */
  d: string;
  /** Where the edge's label sits. */
  lx: number;
  ly: number;
}

const f1 = (n: number) => Math.round(n * 10) / 10;

/**
 * From the edge of the source circle to just outside the target circle (room for
 * the arrowhead). `bend` (px, signed) curves parallel edges apart; `at` (0–1) is
 * where along the edge its label sits.
 */
export function edgeShape(sx: number, sy: number, tx: number, ty: number, rs: number, rt: number, bend = 0, arrow = 7, at = 0.5): EdgeShape {
  const dx = tx - sx;
  const dy = ty - sy;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  // Normal, for the bend.
  const nx = -uy;
  const ny = ux;
  if (!bend) {
    const x0 = sx + ux * rs;
    const y0 = sy + uy * rs;
    const x1 = tx - ux * (rt + arrow);
    const y1 = ty - uy * (rt + arrow);
    return { d: `M${f1(x0)},${f1(y0)}L${f1(x1)},${f1(y1)}`, lx: f1(x0 + (x1 - x0) * at), ly: f1(y0 + (y1 - y0) * at) };
  }
  // Quadratic curve through the bent midpoint: control point = 2·mid − (s+t)/2.
  const cx = (sx + tx) / 2 + 2 * nx * bend;
  const cy = (sy + ty) / 2 + 2 * ny * bend;
  const toward = (px: number, py: number, qx: number, qy: number, r: number): [number, number] => {
    const l = Math.hypot(qx - px, qy - py) || 1;
    return [px + ((qx - px) / l) * r, py + ((qy - py) / l) * r];
  };
  const [x0, y0] = toward(sx, sy, cx, cy, rs);
  const [x1, y1] = toward(tx, ty, cx, cy, rt + arrow);
  // The label sits on the curve at parameter `at`.
  const u = 1 - at;
  const lx = u * u * sx + 2 * u * at * cx + at * at * tx;
  const ly = u * u * sy + 2 * u * at * cy + at * at * ty;
  return { d: `M${f1(x0)},${f1(y0)}Q${f1(cx)},${f1(cy)} ${f1(x1)},${f1(y1)}`, lx: f1(lx), ly: f1(ly) };
}
