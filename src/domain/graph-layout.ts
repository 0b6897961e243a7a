/**
 * Relations graph layout: d3-force run at build time with a fixed seed and a fixed
 * number of ticks, so the same dossier gives the same picture on every build and
 * the graph is complete without JavaScript. Pure.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';

export interface GraphNodeIn { id: string; label: string }
export interface GraphEdgeIn { source: string; target: string; type: string }

export interface GraphNodeOut { id: string; x: number; y: number }
export interface GraphLayout {
  nodes: GraphNodeOut[];
  width: number;
  height: number;
}

/** The linear congruential generator d3-force itself uses, seeded. */
export function lcg(seed: number): () => number {
  const a = 1664525;
  const c = 1013904223;
  const m = 4294967296;
  let s = seed >>> 0;
  return () => (s = (a * s + c) % m) / m;
}

export interface GraphLayoutOptions {
  width: number;
  height: number;
  seed?: number;
  ticks?: number;
  /** Space kept free around the drawing (labels), px. */
  pad?: number;
  /** Extra room kept free at the top (the zoom buttons sit there), px. */
  top?: number;
  /** Room each node keeps around it (its name's half width, say), px; default 34. */
  room?: (node: GraphNodeIn) => number;
}

/**
 * Positions the nodes in a width × height box. Input order does not matter (nodes
 * and edges are sorted first); the result is rounded to 0.1 px.
 */
export function layoutGraph(nodesIn: GraphNodeIn[], edgesIn: GraphEdgeIn[], o: GraphLayoutOptions): GraphLayout {
  if (o.height > o.width) {
    // A tall box (phones): the wide layout turned on its side, so both read alike,
    // and stretched to fill the box (force layouts come out roughly round).
    const side = layoutGraph(nodesIn, edgesIn, { ...o, width: o.height, height: o.width, top: 0 });
    const pad = o.pad ?? 40;
    const top = o.top ?? 0;
    const xs = side.nodes.map((n) => n.y);
    const ys = side.nodes.map((n) => n.x);
    const fit = (v: number, lo: number, hi: number, size: number) => (hi > lo ? pad + ((v - lo) / (hi - lo)) * (size - 2 * pad) : size / 2);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const round = (v: number) => Math.round(v * 10) / 10;
    return {
      nodes: side.nodes.map((n) => ({ id: n.id, x: round(fit(n.y, x0, x1, o.width)), y: round(top + fit(n.x, y0, y1, o.height - top)) })),
      width: o.width, height: o.height,
    };
  }
  const nodes: (SimulationNodeDatum & { id: string; room: number })[] = [...nodesIn]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((n) => ({ id: n.id, room: o.room?.(n) ?? 34 }));
  const ids = new Set(nodes.map((n) => n.id));
  const links = edgesIn
    .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
    .map((e) => ({ source: e.source, target: e.target, key: `${e.source}|${e.target}|${e.type}` }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const aspect = o.width / o.height;
  const sim = forceSimulation(nodes)
    .randomSource(lcg(o.seed ?? 42))
    .force('link', forceLink(links).id((d: any) => d.id).distance(90).strength(0.7))
    .force('charge', forceManyBody().strength(-420).distanceMax(500))
    .force('collide', forceCollide<SimulationNodeDatum & { room: number }>((d) => d.room))
    // A wider than tall box: pull harder vertically so the drawing fills it.
    .force('x', forceX(0).strength(0.05))
    .force('y', forceY(0).strength(0.05 * aspect))
    .stop();
  sim.tick(o.ticks ?? 300);

  const pad = o.pad ?? 40;
  const xs = nodes.map((n) => n.x!);
  const ys = nodes.map((n) => n.y!);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const spanX = Math.max(maxX - minX, 1);
  const spanY = Math.max(maxY - minY, 1);
  // One scale for both axes (no distortion), never enlarging a small graph more than 2.2×.
  const top = o.top ?? 0;
  const k = Math.min((o.width - 2 * pad) / spanX, (o.height - top - 2 * pad) / spanY, 2.2);
  const offX = (o.width - spanX * k) / 2;
  const offY = top + (o.height - top - spanY * k) / 2;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    nodes: nodes.map((n) => ({ id: n.id, x: round(offX + (n.x! - minX) * k), y: round(offY + (n.y! - minY) * k) })),
    width: o.width,
    height: o.height,
  };
}

/** Actors within `depth` hops of `focus` (edges taken in both directions). */
export function neighbourhood(focus: string, edges: GraphEdgeIn[], depth = 1): Set<string> {
  const seen = new Set([focus]);
  let frontier = [focus];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const e of edges) {
      for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
        if (frontier.includes(a) && !seen.has(b)) {
          seen.add(b);
          next.push(b);
        }
      }
    }
    frontier = next;
  }
  return seen;
}
