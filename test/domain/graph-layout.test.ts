import { describe, expect, it } from 'vitest';
import { layoutGraph, lcg, neighbourhood } from '../../src/domain/graph-layout.ts';
import { edgeShape } from '../../src/domain/graph-geometry.ts';

const nodes = ['kh', 'hashd', 'iran', 'is', 'syria', 'russia', 'hussaini'].map((id) => ({ id, label: id }));
const edges = [
  { source: 'kh', target: 'hashd', type: 'unit-of' },
  { source: 'kh', target: 'iran', type: 'backed-by' },
  { source: 'kh', target: 'is', type: 'opposed-to' },
  { source: 'kh', target: 'syria', type: 'allied-with' },
  { source: 'russia', target: 'syria', type: 'allied-with' },
  { source: 'hussaini', target: 'kh', type: 'spokesperson-of' },
];
const size = { width: 800, height: 500 };

describe('layoutGraph', () => {
  it('is deterministic: the same dossier gives the same positions', () => {
    expect(layoutGraph(nodes, edges, size)).toEqual(layoutGraph(nodes, edges, size));
  });

  it('does not depend on the order of the files', () => {
    const a = layoutGraph(nodes, edges, size);
    const b = layoutGraph([...nodes].reverse(), [...edges].reverse(), size);
    expect(b).toEqual(a);
  });

  it('does not depend on Math.random (stable between builds)', () => {
    const a = layoutGraph(nodes, edges, size);
    const real = Math.random;
    let k = 0;
    Math.random = () => (k = (k + 0.37) % 1);
    try {
      expect(layoutGraph(nodes, edges, size)).toEqual(a);
    } finally {
      Math.random = real;
    }
  });

  it('stays apart even when nodes would start on top of each other (seeded jiggle)', () => {
    const twins = [{ id: 'a', label: 'a' }, { id: 'b', label: 'b' }];
    const l = layoutGraph(twins, [], size);
    expect(Math.hypot(l.nodes[0].x - l.nodes[1].x, l.nodes[0].y - l.nodes[1].y)).toBeGreaterThan(20);
  });

  it('fits every node inside the box, apart from each other', () => {
    const l = layoutGraph(nodes, edges, size);
    for (const n of l.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x).toBeLessThanOrEqual(800);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeLessThanOrEqual(500);
    }
    for (const a of l.nodes) for (const b of l.nodes) if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(20);
  });

  it('seeded lcg repeats', () => {
    const a = lcg(5);
    const b = lcg(5);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe('neighbourhood', () => {
  it('follows edges both ways up to the depth', () => {
    expect([...neighbourhood('russia', edges, 1)].sort()).toEqual(['russia', 'syria']);
    expect([...neighbourhood('russia', edges, 2)].sort()).toEqual(['kh', 'russia', 'syria']);
    expect([...neighbourhood('hussaini', edges, 1)].sort()).toEqual(['hussaini', 'kh']);
  });
});

describe('edgeShape', () => {
  it('runs from the source circle to short of the target (room for the arrow)', () => {
    const s = edgeShape(0, 0, 100, 0, 5, 5, 0, 7);
    expect(s.d).toBe('M5,0L88,0');
    expect([s.lx, s.ly]).toEqual([46.5, 0]);
  });
  it('curves parallel edges to opposite sides', () => {
    const a = edgeShape(0, 0, 100, 0, 5, 5, 20);
    const b = edgeShape(0, 0, 100, 0, 5, 5, -20);
    expect(a.d).toContain('Q');
    expect(Math.sign(a.ly)).toBe(-Math.sign(b.ly));
  });
});

describe('layoutGraph in a tall box', () => {
  it('is the wide layout turned on its side and stretched to fill the box', () => {
    const wide = layoutGraph(nodes, edges, { width: 600, height: 400 });
    const tall = layoutGraph(nodes, edges, { width: 400, height: 600 });
    const order = (list: { id: string; x: number; y: number }[], key: 'x' | 'y') => [...list].sort((a, b) => a[key] - b[key] || a.id.localeCompare(b.id)).map((n) => n.id);
    expect(order(tall.nodes, 'x')).toEqual(order(wide.nodes, 'y'));
    expect(order(tall.nodes, 'y')).toEqual(order(wide.nodes, 'x'));
    expect(Math.min(...tall.nodes.map((n) => n.y))).toBe(40);
    expect(Math.max(...tall.nodes.map((n) => n.y))).toBe(560);
    expect(Math.max(...tall.nodes.map((n) => n.x))).toBe(360);
  });
});

describe('drawGraph: names and relation words never overlap', async () => {
  const { drawGraph } = await import('../../src/domain/graph-drawing.ts');
  const { boxesOverlap } = await import('../../src/domain/label-placement.ts');
  const names = ['Kataib Hezbollah', 'Hashd al-Shaabi', 'Government of Iran', 'Islamic State', 'Syrian government', 'Russia', 'Jaafar Hussaini', 'Syrian Democratic Forces', 'US-led Coalition', 'Abu Mahdi al-Muhandis', 'Badr Organization', 'Quds Force'];
  const many = names.map((label, i) => ({ id: `n${i}`, label, kind: 'armed-group' }));
  const rels = [[0, 1], [0, 2], [0, 3], [0, 4], [5, 4], [6, 0], [7, 3], [8, 3], [9, 0], [9, 10], [10, 1], [11, 2], [9, 11], [4, 3], [1, 3], [7, 8]]
    .map(([a, b], i) => ({ source: `n${a}`, target: `n${b}`, type: ['unit-of', 'backed-by', 'opposed-to', 'allied-with'][i % 4] }));
  it.each([
    ['a phone', { width: 400, height: 760 }, 14, 12],
    ['a wide screen', { width: 1100, height: 680 }, 12.5, 10.5],
  ])('on %s', (_, box, nodeFont, edgeFont) => {
    const layout = layoutGraph(many, rels, { ...box, seed: 7, room: (n) => Math.max(30, 10 + n.label.length * nodeFont * 0.27) });
    const g = drawGraph(layout, many, rels, { nodeFont, edgeFont });
    const circles = g.nodes.map((n) => ({ id: n.id, box: { x0: n.x - n.r, y0: n.y - n.r, x1: n.x + n.r, y1: n.y + n.r } }));
    const texts = [...g.nodes.filter((n) => n.named).map((n) => ({ id: n.id, box: n.box! })), ...g.edges.filter((e) => e.labelled).map((e, i) => ({ id: `e${i}`, box: e.box! }))];
    for (const t of texts) {
      expect(t.box.x0).toBeGreaterThanOrEqual(0);
      expect(t.box.x1).toBeLessThanOrEqual(box.width);
      for (const u of texts) if (u !== t) expect(boxesOverlap(t.box, u.box)).toBe(false);
      for (const c of circles) if (c.id !== t.id) expect(boxesOverlap(t.box, c.box)).toBe(false);
    }
    // Most names find a clear place; a relation word may be left out, never drawn over something.
    expect(g.nodes.filter((n) => n.named).length).toBeGreaterThanOrEqual(many.length - 1);
  });
});
