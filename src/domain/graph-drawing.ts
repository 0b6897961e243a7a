/**
 * From a graph layout to what is drawn: node sizes, edge paths (parallel edges
 * curved apart), edge labels slid along their edge until clear, node labels on a
 * free side. Pure; used at build time for each size the graph is drawn at.
 */
import { edgeShape } from './graph-geometry.ts';
import type { GraphLayout } from './graph-layout.ts';
import { boxesOverlap, placePointLabels, textWidth, type Box } from './label-placement.ts';

export const RELATION_LABELS: Record<string, string> = {
  'member-of': 'member of', 'unit-of': 'unit of', 'leader-of': 'leader of', 'spokesperson-of': 'spokesperson of',
  'adviser-to': 'adviser to', 'backed-by': 'backed by', 'allied-with': 'allied with', 'opposed-to': 'opposed to',
  'formerly-member-of': 'formerly member of',
};

export interface DrawNodeIn { id: string; label: string; kind: string }
export interface DrawEdgeIn { source: string; target: string; type: string; note?: string }
export interface DrawnNode extends DrawNodeIn { x: number; y: number; r: number; lx: number; ly: number; anchor: 'start' | 'end' | 'middle' }
export interface DrawnEdge extends DrawEdgeIn { d: string; lx: number; ly: number; bend: number; at: number; label: string }

const round = (v: number) => Math.round(v * 10) / 10;

export function drawGraph(layout: GraphLayout, nodes: DrawNodeIn[], edges: DrawEdgeIn[], o: { focus?: string; nodeFont: number; edgeFont: number }): { nodes: DrawnNode[]; edges: DrawnEdge[] } {
  const pos = new Map(layout.nodes.map((n) => [n.id, n]));
  const degree = new Map<string, number>();
  for (const e of edges) for (const id of [e.source, e.target]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const radius = (id: string) => round(id === o.focus ? 11 : 6 + Math.sqrt(degree.get(id) ?? 0) * 1.6);

  // Edges between the same two actors are curved apart; the normal flips with
  // direction, so the sign follows the canonical order of the pair.
  const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const pairCount = new Map<string, number>();
  for (const e of edges) pairCount.set(pairKey(e.source, e.target), (pairCount.get(pairKey(e.source, e.target)) ?? 0) + 1);
  const pairSeen = new Map<string, number>();
  const labelBox = (x: number, y: number, text: string): Box => {
    const w = textWidth(text, o.edgeFont);
    return { x0: x - w / 2 - 2, y0: y - o.edgeFont * 0.7, x1: x + w / 2 + 2, y1: y + o.edgeFont * 0.5 };
  };
  const edgeLabelBoxes: Box[] = [];
  const drawnEdges = edges.map((e): DrawnEdge => {
    const key = pairKey(e.source, e.target);
    const n = pairCount.get(key)!;
    const i = pairSeen.get(key) ?? 0;
    pairSeen.set(key, i + 1);
    const bend = n === 1 ? 0 : (i - (n - 1) / 2) * 30 * (e.source < e.target ? 1 : -1);
    const s = pos.get(e.source)!;
    const t = pos.get(e.target)!;
    const label = RELATION_LABELS[e.type] ?? e.type;
    const shapeAt = (at: number) => edgeShape(s.x, s.y, t.x, t.y, radius(e.source), radius(e.target), bend, 7, at);
    let chosen = 0.5;
    for (const at of [0.5, 0.38, 0.62, 0.28, 0.72]) {
      const sh = shapeAt(at);
      const box = labelBox(sh.lx, sh.ly, label);
      const hitsNode = layout.nodes.some((p) => p.x > box.x0 - 8 && p.x < box.x1 + 8 && p.y > box.y0 - 8 && p.y < box.y1 + 8);
      if (!hitsNode && !edgeLabelBoxes.some((b) => boxesOverlap(b, box))) { chosen = at; break; }
    }
    const shape = shapeAt(chosen);
    edgeLabelBoxes.push(labelBox(shape.lx, shape.ly, label));
    return { ...e, ...shape, bend, at: chosen, label };
  });

  const ordered = [...nodes].sort((a, b) => Number(b.id === o.focus) - Number(a.id === o.focus) || (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || a.id.localeCompare(b.id));
  const lineHeight = Math.round(o.nodeFont * 1.2);
  const labels = placePointLabels(
    ordered.map((n) => ({ x: pos.get(n.id)!.x, y: pos.get(n.id)!.y, r: radius(n.id), width: textWidth(n.label, o.nodeFont), height: lineHeight })),
    layout, 3, edgeLabelBoxes,
  );
  const drawnNodes = ordered.map((n, i): DrawnNode => {
    const p = pos.get(n.id)!;
    const r = radius(n.id);
    // A name is always shown: below the node when no clear side was found (kept
    // inside the drawing).
    const half = textWidth(n.label, o.nodeFont) / 2;
    const l = labels[i] ?? { x: Math.min(Math.max(p.x, half + 2), layout.width - half - 2), y: p.y + r + lineHeight, anchor: 'middle' as const };
    return { ...n, x: p.x, y: p.y, r, lx: round(l.x - p.x), ly: round(l.y - p.y), anchor: l.anchor };
  });
  return { nodes: drawnNodes, edges: drawnEdges };
}
