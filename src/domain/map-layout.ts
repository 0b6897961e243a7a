/**
 * Map layout: the projection fitted to the dossier's places, boundary and river
 * lines cropped to the visible box, with paths rounded and thinned so the inline SVG
 * stays small. Pure: GeoJSON in, strings and numbers out (no DOM, no Astro).
 */
import { geoBounds, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';

export type LonLat = [number, number];
export interface Extent { west: number; south: number; east: number; north: number }

/** The box around the points, widened to at least `minSpan` degrees and padded by `margin`. */
export function pointsExtent(points: LonLat[], { margin = 0.25, minSpan = 4 } = {}): Extent {
  if (!points.length) return { west: -180, south: -60, east: 180, north: 80 };
  let west = Math.min(...points.map((p) => p[0]));
  let east = Math.max(...points.map((p) => p[0]));
  let south = Math.min(...points.map((p) => p[1]));
  let north = Math.max(...points.map((p) => p[1]));
  const grow = (lo: number, hi: number): [number, number] => {
    const span = Math.max(hi - lo, minSpan);
    const mid = (lo + hi) / 2;
    const half = (span * (1 + 2 * margin)) / 2;
    return [mid - half, mid + half];
  };
  [west, east] = grow(west, east);
  [south, north] = grow(south, north);
  return { west, east, south: Math.max(south, -85), north: Math.min(north, 85) };
}

export interface FittedMap {
  projection: GeoProjection;
  width: number;
  height: number;
  /** What the box actually shows (at least the requested extent). */
  visible: Extent;
}

/** A Mercator projection showing the extent, centred in a width × height box. */
export function fitMap(extent: Extent, width: number, height: number, pad = 8): FittedMap {
  const corners: Feature<Geometry> = {
    type: 'Feature', properties: {},
    geometry: { type: 'MultiPoint', coordinates: [[extent.west, extent.south], [extent.east, extent.north], [extent.west, extent.north], [extent.east, extent.south]] },
  };
  const projection = geoMercator().fitExtent([[pad, pad], [width - pad, height - pad]], corners);
  projection.clipExtent([[0, 0], [width, height]]);
  const [west, north] = projection.invert!([0, 0])!;
  const [east, south] = projection.invert!([width, height])!;
  return { projection, width, height, visible: { west, south, east, north } };
}

// Bounds of the shared Natural Earth features, computed once per build, not per map.
const boundsCache = new WeakMap<object, [[number, number], [number, number]]>();

/** True when a feature's lon/lat bounds meet the extent (features across the antimeridian are kept). */
export function meetsExtent(feature: Feature<Geometry>, e: Extent): boolean {
  let bounds = boundsCache.get(feature);
  if (!bounds) {
    bounds = geoBounds(feature as any) as [[number, number], [number, number]];
    boundsCache.set(feature, bounds);
  }
  const [[w, s], [east, n]] = bounds;
  if (w > east) return true;
  return w <= e.east && east >= e.west && s <= e.north && n >= e.south;
}

/**
 * Drops path vertices closer than `minDist` px to the previous kept one (keeping
 * each ring's first and last), after d3-geo has rounded them to one decimal.
 */
export function thinPath(d: string, minDist = 0.9): string {
  const out: string[] = [];
  for (const part of d.match(/[MLZ][^MLZ]*/g) ?? []) {
    const cmd = part[0];
    if (cmd === 'Z') { out.push('Z'); continue; }
    const nums = part.slice(1).split(/[ ,]+/).filter(Boolean).map(Number);
    const pts: [number, number][] = [];
    for (let i = 0; i + 1 < nums.length; i += 2) pts.push([nums[i], nums[i + 1]]);
    if (cmd === 'M') { out.push(`M${pts[0][0]},${pts[0][1]}`); continue; }
    out.push(...pts.map((p) => `L${p[0]},${p[1]}`));
  }
  // Second pass over the flat command list: thin L runs.
  const kept: string[] = [];
  let last: [number, number] | undefined;
  for (let i = 0; i < out.length; i++) {
    const c = out[i];
    if (c === 'Z' || c[0] === 'M') { kept.push(c); last = c === 'Z' ? undefined : c.slice(1).split(',').map(Number) as [number, number]; continue; }
    const p = c.slice(1).split(',').map(Number) as [number, number];
    const next = out[i + 1];
    const endOfRun = !next || next === 'Z' || next[0] === 'M';
    if (last && !endOfRun && Math.hypot(p[0] - last[0], p[1] - last[1]) < minDist) continue;
    kept.push(c);
    last = p;
  }
  return kept.join('');
}

export interface MapShape { id: string; name: string; d: string }

/** Projects the features that meet the visible box into thinned SVG paths (empty ones dropped). */
export function projectShapes(features: Feature<Geometry>[], map: FittedMap): MapShape[] {
  const path = geoPath(map.projection).digits(1);
  const shapes: MapShape[] = [];
  for (const f of features) {
    if (!meetsExtent(f, map.visible)) continue;
    const d = path(f as any);
    if (!d) continue;
    const thin = thinPath(d);
    if (!/L/.test(thin)) continue;
    shapes.push({ id: String(f.id ?? ''), name: String((f.properties as any)?.name ?? ''), d: thin });
  }
  return shapes;
}

/** A shape's label point (its projected centroid), or undefined when off the map. */
export function shapeCentroid(feature: Feature<Geometry>, map: FittedMap): [number, number] | undefined {
  const [x, y] = geoPath(map.projection).centroid(feature as any);
  if (!Number.isFinite(x) || x < 0 || y < 0 || x > map.width || y > map.height) return undefined;
  return [x, y];
}

/** Marker radius from an event count: area grows with the count. */
export function markerRadius(count: number): number {
  return Math.round((4 + Math.sqrt(count) * 2.2) * 10) / 10;
}
