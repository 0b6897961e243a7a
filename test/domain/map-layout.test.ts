import { describe, expect, it } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import {
  chooseMarkers, fitMap, GEO_LEVELS, geoFrame, geoRegion, geoSvg, layoutPlaceMap, mapExtentPoints, mapHeight, markerRadius, meetsExtent, pointsExtent, projectShapes, thinPath, type MapPoint,
} from '../../src/domain/map-layout.ts';
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

describe('what a place map shows (layoutPlaceMap and its parts)', () => {
  const pt = (id: string, lon: number, lat: number, count = 1, within: string[] = []): MapPoint => ({ id, name: id.toUpperCase(), lon, lat, approximate: false, within, count });
  const all = [pt('a', 40, 34, 5, ['land']), pt('b', 41, 35, 9, ['land']), pt('c', 44, 36, 9), pt('far', 120, 10, 50)];
  const square = (w: number, s: number, e: number, n: number): Feature<Geometry> => ({
    type: 'Feature', properties: { name: 'Land' }, geometry: { type: 'Polygon', coordinates: [[[w, s], [w, n], [e, n], [e, s], [w, s]]] },
  });

  it.each([
    { case: 'no focus: every candidate', focus: undefined, shape: undefined, named: undefined, points: [[40, 34], [41, 35], [44, 36], [120, 10]], focusPoint: false },
    { case: 'a place with coordinates: its point', focus: 'b', shape: undefined, named: undefined, points: [[41, 35]], focusPoint: true },
    { case: 'a country shape: its bounds', focus: 'land', shape: square(38, 32, 42, 37), named: undefined, points: [[38, 32], [42, 37]], focusPoint: false },
    { case: 'no point, no shape: the places within it', focus: 'land', shape: undefined, named: new Set(['c']), points: [[40, 34], [41, 35]], focusPoint: false },
    { case: 'nothing within: the places named with it', focus: 'x', shape: undefined, named: new Set(['c', 'x']), points: [[44, 36]], focusPoint: false },
    { case: 'nothing at all: no points', focus: 'x', shape: undefined, named: undefined, points: [], focusPoint: false },
  ])('extent — $case', ({ focus, shape, named, points, focusPoint }) => {
    const got = mapExtentPoints({ candidates: all, all, focus, focusShape: shape, namedWithFocus: named });
    expect(got.focusPoint).toBe(focusPoint);
    // Spherical bounds: a great-circle edge bulges a little (37.017 for 37).
    expect(got.points.map((p) => p.map((n) => Math.round(n * 10) / 10))).toEqual(points);
  });

  it.each([
    { case: 'busiest first, ties by name, outside the box dropped', focus: undefined, max: 60, ids: ['b', 'c', 'a'], inView: 3 },
    { case: 'the focus first whatever its count', focus: 'a', max: 60, ids: ['a', 'b', 'c'], inView: 3 },
    { case: 'at most max markers, inView counts them all', focus: undefined, max: 2, ids: ['b', 'c'], inView: 3 },
  ])('markers — $case', ({ focus, max, ids, inView }) => {
    // A plain linear "projection": lon/lat as pixels from (38, 30).
    const project = ([lon, lat]: [number, number]): [number, number] => [(lon - 38) * 100, (38 - lat) * 100];
    const got = chooseMarkers(all, project, { width: 960, height: 580 }, focus, max);
    expect(got.markers.map((m) => m.id)).toEqual(ids);
    expect(got.inView).toBe(inView);
    expect(got.markers.find((m) => m.id === focus)?.isFocus ?? false).toBe(focus !== undefined);
  });

  it.each([
    { asked: undefined, focused: false, height: 580 },
    { asked: undefined, focused: true, height: 460 },
    { asked: '320', focused: true, height: 320 },
    { asked: 10, focused: false, height: 150 },
    { asked: Infinity, focused: false, height: 580 },
    { asked: 5000, focused: false, height: 2000 },
  ])('height — asked $asked, focused $focused: $height', ({ asked, focused, height }) => {
    expect(mapHeight(asked, focused)).toBe(height);
  });

  const frames = { wide: geoFrame(GEO_LEVELS.wide, { west: 0, east: 90, south: 0, north: 60 }), close: geoFrame(GEO_LEVELS.close, { west: 0, east: 90, south: 0, north: 60 }) };
  const input = { all, countries: [], frames, rivers: [] };

  it('a place map is close, a map of spread-out places is wide; both place the shared drawing under the same points', () => {
    const close = layoutPlaceMap({ ...input, focus: 'a' })!;
    expect(close.level).toBe('close');
    expect(close.markers[0]).toMatchObject({ id: 'a', isFocus: true });
    const wide = layoutPlaceMap({ ...input, ids: ['a', 'c', 'far'] })!;
    expect(wide.level).toBe('wide');
    for (const view of [close, wide]) {
      // A point at the same lon/lat in the shared file and on the map: the image box maps one onto the other.
      const frame = frames[view.level];
      const m = view.markers.find((x) => x.id === 'a')!;
      const [fx, fy] = frame.projection([40, 34])!;
      expect(view.image.x + (fx / frame.width) * view.image.width).toBeCloseTo(m.x, 0);
      expect(view.image.y + (fy / frame.height) * view.image.height).toBeCloseTo(m.y, 0);
    }
  });

  it('shows nothing when no place is in view and there is no country shape', () => {
    expect(layoutPlaceMap({ ...input, focus: 'x' })).toBeUndefined();
    expect(layoutPlaceMap({ ...input, all: [] })).toBeUndefined();
  });

  it('labels a dossier country in view and outlines the focus country', () => {
    const land = square(38, 32, 43, 37);
    const view = layoutPlaceMap({ ...input, focus: 'land', focusShape: land, countries: [{ place: 'land', name: 'Land', shapes: { '110m': land, '50m': land } }] })!;
    expect(view.countryLabels).toMatchObject([{ place: 'land', name: 'Land' }]);
    expect(view.focusOutline).toMatch(/^M[\d.]+,[\d.]+L/);
  });

  it('the shared drawing carries both themes, tints dossier countries and crops to its frame', () => {
    const frame = geoFrame(GEO_LEVELS.close, { west: 36, east: 46, south: 30, north: 38 });
    const svg = geoSvg(frame, [square(38, 32, 43, 37), square(100, 10, 110, 20)], [], (n) => n === 'Land', {
      light: { bg: '#fff', muted: '#555', accent: '#a00' }, dark: { bg: '#000', muted: '#aaa', accent: '#f80' },
    });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg).toContain('class="l d"');
    expect(svg).toContain('#dark:target~g{--bg:#000;--muted:#aaa;--accent:#f80}');
    expect(geoRegion([[40, 34]], [], GEO_LEVELS.close)).toEqual({ west: 15, east: 65, south: 21.5, north: 46.5 });
  });
});
