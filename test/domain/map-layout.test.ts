import { describe, expect, it } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import { fitMap, markerRadius, meetsExtent, pointsExtent, projectShapes, thinPath } from '../../src/domain/map-layout.ts';
import { placePointLabels, boxesOverlap } from '../../src/domain/label-placement.ts';

const places: [number, number][] = [[40.9167, 34.45], [41.139, 34.367], [40.15, 35.333], [43.13, 36.34], [39.0167, 35.95]];

describe('pointsExtent and fitMap', () => {
  it('pads the places and fits them inside the box', () => {
    const e = pointsExtent(places);
    expect(e.west).toBeLessThan(39.0167);
    expect(e.east).toBeGreaterThan(43.13);
    const map = fitMap(e, 800, 500);
    for (const p of places) {
      const [x, y] = map.projection(p)!;
      expect(x).toBeGreaterThan(8);
      expect(x).toBeLessThan(792);
      expect(y).toBeGreaterThan(8);
      expect(y).toBeLessThan(492);
    }
    expect(map.visible.west).toBeLessThanOrEqual(e.west + 1e-9);
    expect(map.visible.north).toBeGreaterThanOrEqual(e.north - 1e-9);
  });

  it('gives a single place some context (a minimum span)', () => {
    const e = pointsExtent([[40.9, 34.4]], { minSpan: 5, margin: 0 });
    expect(e.east - e.west).toBeCloseTo(5);
    expect(e.north - e.south).toBeCloseTo(5);
  });
});

describe('projectShapes', () => {
  const square = (w: number, s: number, e: number, n: number, id: string): Feature<Geometry> => ({
    type: 'Feature', id, properties: { name: id },
    geometry: { type: 'Polygon', coordinates: [[[w, s], [w, n], [e, n], [e, s], [w, s]]] },
  });
  it('crops to the box: shapes outside are dropped, paths are rounded to 0.1 px', () => {
    const map = fitMap(pointsExtent(places), 800, 500);
    const shapes = projectShapes([square(38, 33, 44, 37, 'in'), square(100, 10, 110, 20, 'far')], map);
    expect(shapes.map((s) => s.id)).toEqual(['in']);
    expect(shapes[0].d).toMatch(/^M[\d.]+,[\d.]+L/);
    for (const n of shapes[0].d.match(/-?\d+\.\d+/g) ?? []) expect(n.split('.')[1].length).toBeLessThanOrEqual(1);
    expect(meetsExtent(square(100, 10, 110, 20, 'x'), map.visible)).toBe(false);
  });
});

describe('thinPath', () => {
  it('drops vertices closer than the threshold but keeps ring ends', () => {
    expect(thinPath('M0,0L0.2,0L0.4,0L10,0L10,10Z', 0.9)).toBe('M0,0L10,0L10,10Z');
    expect(thinPath('M0,0L0.5,0', 0.9)).toBe('M0,0L0.5,0');
  });
});

describe('markers and labels', () => {
  it('grows the marker with the event count', () => {
    expect(markerRadius(0)).toBe(4);
    expect(markerRadius(4)).toBeGreaterThan(markerRadius(1));
  });
  it('places labels that never overlap each other or another point', () => {
    const pts = [
      { x: 100, y: 100, r: 6, width: 80, height: 14 },
      { x: 112, y: 104, r: 6, width: 60, height: 14 },
      { x: 300, y: 100, r: 6, width: 60, height: 14 },
      { x: 795, y: 250, r: 6, width: 60, height: 14 },
    ];
    const placed = placePointLabels(pts, { width: 800, height: 500 });
    const boxes = placed.filter((p) => p).map((p) => p!.box);
    expect(boxes.length).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i], boxes[j])).toBe(false);
    expect(placed[3]!.side).toBe('left');
    placed.forEach((p, i) => {
      if (!p) return;
      pts.forEach((q, j) => {
        if (i !== j) expect(boxesOverlap(p.box, { x0: q.x - q.r, y0: q.y - q.r, x1: q.x + q.r, y1: q.y + q.r })).toBe(false);
      });
    });
  });
});
