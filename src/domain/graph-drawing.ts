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

/** The corner the zoom buttons cover (top right, in drawing units at the narrow drawing's scale): kept free of nodes and labels. */
export const GRAPH_BUTTONS = { width: 170, height: 46 };
export const buttonsBox = (width: number): Box => ({ x0: width - GRAPH_BUTTONS.width, y0: 0, x1: width, y1: GRAPH_BUTTONS.height });

export interface DrawNodeIn { id: string; label: string; kind: string }
export interface DrawEdgeIn { source: string; target: string; type: string; note?: string }
/** A node and where its name goes (lx/ly relative to the node); `named` false when no clear place was found. */
export interface DrawnNode extends DrawNodeIn { x: number; y: number; r: number; lx: number; ly: number; anchor: 'start' | 'end' | 'middle'; named: boolean; box?: Box }
/** An edge; its relation word is drawn only where it is clear of every name, node and other word (`labelled`). */
export interface DrawnEdge extends DrawEdgeIn { d: string; lx: number; ly: number; bend: number; at: number; label: string; labelled: boolean; box?: Box }

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * Names first (an actor's name matters most), each on the first clear side of its
 * node; then each edge's relation word slid along its edge until clear of nodes,
 * names and other words, or left out (the colour and dash still say the relation,
 * and the accessible list has it). Nothing drawn overlaps: boxes kept `gap` apart.
 */
export function drawGraph(layout: GraphLayout, nodes: DrawNodeIn[], edges: DrawEdgeIn[], o: { focus?: string; nodeFont: number; edgeFont: number; gap?: number; keepClear?: Box[] }): { nodes: DrawnNode[]; edges: DrawnEdge[] } {
  const gap = o.gap ?? 2;
  const pos = new Map(layout.nodes.map((n) => [n.id, n]));
  const degree = new Map<string, number>();
  for (const e of edges) for (const id of [e.source, e.target]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const radius = (id: string) => round(id === o.focus ? 11 : 6 + Math.sqrt(degree.get(id) ?? 0) * 1.6);

  const ordered = [...nodes].sort((a, b) => Number(b.id === o.focus) - Number(a.id === o.focus) || (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || a.id.localeCompare(b.id));
  const lineHeight = Math.round(o.nodeFont * 1.25);
  const labels = placePointLabels(
    ordered.map((n) => ({ x: pos.get(n.id)!.x, y: pos.get(n.id)!.y, r: radius(n.id), width: textWidth(n.label, o.nodeFont), height: lineHeight })),
    layout, 3, o.keepClear ?? [], { corners: true, farther: [6, 14], gap },
  );
  const drawnNodes = ordered.map((n, i): DrawnNode => {
    const p = pos.get(n.id)!;
    const r = radius(n.id);
    const l = labels[i];
    if (!l) return { ...n, x: p.x, y: p.y, r, lx: 0, ly: 0, anchor: 'middle', named: false };
    return { ...n, x: p.x, y: p.y, r, lx: round(l.x - p.x), ly: round(l.y - p.y), anchor: l.anchor, named: true, box: l.box };
  });

  // Obstacles for the relation words: every node (with a margin) and every name.
  const taken: Box[] = [
    ...(o.keepClear ?? []),
    ...drawnNodes.map((n) => ({ x0: n.x - n.r - 3, y0: n.y - n.r - 3, x1: n.x + n.r + 3, y1: n.y + n.r + 3 })),
    ...drawnNodes.flatMap((n) => (n.box ? [n.box] : [])),
  ];
  const grow = (b: Box): Box => ({ x0: b.x0 - gap, y0: b.y0 - gap, x1: b.x1 + gap, y1: b.y1 + gap });
  const inside = (b: Box) => b.x0 >= 0 && b.y0 >= 0 && b.x1 <= layout.width && b.y1 <= layout.height;

  // Edges between the same two actors are curved apart; the normal flips with
  // direction, so the sign follows the canonical order of the pair.
  const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const pairCount = new Map<string, number>();
  for (const e of edges) pairCount.set(pairKey(e.source, e.target), (pairCount.get(pairKey(e.source, e.target)) ?? 0) + 1);
  const pairSeen = new Map<string, number>();
  const labelBox = (x: number, y: number, text: string): Box => {
    const w = textWidth(text, o.edgeFont);
    return { x0: x - w / 2 - 1, y0: y - o.edgeFont * 0.75, x1: x + w / 2 + 1, y1: y + o.edgeFont * 0.55 };
  };
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
    for (const at of [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78]) {
      const sh = shapeAt(at);
      // The text's baseline sits 4 px below the point on the edge (see RelationGraph.astro).
      const box = labelBox(sh.lx, sh.ly + 4, label);
      if (!inside(box) || taken.some((b) => boxesOverlap(b, grow(box)))) continue;
      taken.push(box);
      return { ...e, ...sh, bend, at, label, labelled: true, box };
    }
    return { ...e, ...shapeAt(0.5), bend, at: 0.5, label, labelled: false };
  });
  return { nodes: drawnNodes, edges: drawnEdges };
}

/** The relations in reading order: by the stating actor's name, then relation, then the other actor's name. */
export function sortedRelations<E extends DrawEdgeIn>(edges: E[], names: Map<string, string>): E[] {
  const name = (id: string) => names.get(id) ?? id;
  return [...edges].sort((a, b) => name(a.source).localeCompare(name(b.source)) || a.type.localeCompare(b.type) || name(a.target).localeCompare(name(b.target)));
}
