/**
 * Map layout: the projection fitted to the dossier's places, boundary and river
 * lines cropped to the visible box, with paths rounded and thinned so the inline SVG
 * stays small. Pure: GeoJSON in, strings and numbers out (no DOM, no Astro).
 */
import { geoBounds, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import { placePointLabels, textWidth, type Box } from './label-placement.ts';
import { r1 } from './svg.ts';

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

// --- What a place map shows (the view model of src/components/viz/PlaceMap.astro) ---

/** A place that can be drawn on a map (it has coordinates). */
export interface MapPoint {
  id: string;
  name: string;
  lon: number;
  lat: number;
  approximate: boolean;
  /** The places it lies in (parent and countries). */
  within: string[];
  /** Events that name this place. */
  count: number;
  /** Other positions sources give (readings of its coordinates), not followed. */
  alternatives?: { lon: number; lat: number; note?: string }[];
}

/** Markers drawn on one map at most: a large dossier has hundreds of places in one view. */
export const MAX_MARKERS = 60;
export const MAP_WIDTH = 960;

/**
 * The points a map must show. A focus on a place with coordinates: that point. On a
 * country known to Natural Earth: its shape's bounds. Otherwise the places within it
 * or, failing those, the places named with it in events. No focus: every candidate.
 */
export function mapExtentPoints(input: {
  candidates: MapPoint[];
  all: MapPoint[];
  focus?: string;
  focusShape?: Feature<Geometry>;
  namedWithFocus?: ReadonlySet<string>;
}): { points: LonLat[]; focusPoint: boolean } {
  const { candidates, all, focus, focusShape, namedWithFocus } = input;
  if (!focus) return { points: candidates.map((p) => [p.lon, p.lat]), focusPoint: false };
  const focusPlace = all.find((p) => p.id === focus);
  if (focusPlace) return { points: [[focusPlace.lon, focusPlace.lat]], focusPoint: true };
  if (focusShape) {
    const [[w, s], [e, n]] = geoBounds(focusShape as any);
    return { points: [[w, s], [e, n]], focusPoint: false };
  }
  const within = all.filter((p) => p.within.includes(focus));
  const near = within.length ? within : all.filter((p) => namedWithFocus?.has(p.id));
  return { points: near.map((p) => [p.lon, p.lat]), focusPoint: false };
}

export interface PlacedMarker extends MapPoint { x: number; y: number; r: number; isFocus: boolean }

/**
 * The markers of a map: the candidates that fall inside the box, the focus first, then
 * the busiest (ties by name), at most `max`. `inView` counts all those inside.
 */
export function chooseMarkers(candidates: MapPoint[], project: (p: LonLat) => [number, number] | null, box: { width: number; height: number }, focus?: string, max = MAX_MARKERS): { markers: PlacedMarker[]; inView: number } {
  const inView = candidates
    .map((p) => {
      const [x, y] = project([p.lon, p.lat]) ?? [NaN, NaN];
      return { ...p, x, y, r: markerRadius(p.count), isFocus: p.id === focus };
    })
    .filter((p) => p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height)
    .sort((a, b) => Number(b.isFocus) - Number(a.isFocus) || b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { markers: inView.slice(0, max), inView: inView.length };
}

/** The map's height: the asked one clamped (height="320" from MDX is text), else by kind of map. */
export function mapHeight(asked: unknown, focused: boolean): number {
  const n = asked !== undefined ? Number(asked) : NaN;
  // The check refuses other heights (viz-props.ts); clamped here too, so Infinity never reaches the SVG.
  return Number.isFinite(n) ? Math.min(2000, Math.max(150, n)) : focused ? 460 : 580;
}

/** Views wider than this (degrees of longitude) use the coarser boundaries. */
export const WIDE_VIEW_DEGREES = 25;

// --- Shared boundary and river drawings (one file per level, referenced by every map) ---

/**
 * A level of detail for the shared geography: every map of the level draws the same
 * file, placed and scaled under its markers. `scale` is the Mercator scale of the
 * file's coordinates (d3's: pixels per radian), chosen for the closest view of the
 * level, so that the lines are as detailed there as a map of its own would be.
 */
export interface GeoLevel { name: 'wide' | 'close'; detail: '110m' | '50m'; scale: number }
export const GEO_LEVELS: Record<GeoLevel['name'], GeoLevel> = {
  // A 25° view across 960 px is about 2,200 px per radian.
  wide: { name: 'wide', detail: '110m', scale: 2200 },
  // A place's own map (a 7° box in 960 × 460) is about 3,000 px per radian.
  close: { name: 'close', detail: '50m', scale: 4000 },
};

export function geoLevelFor(map: FittedMap): GeoLevel {
  return map.visible.east - map.visible.west > WIDE_VIEW_DEGREES ? GEO_LEVELS.wide : GEO_LEVELS.close;
}

/** The lon/lat box a level's file covers: every place and dossier country, with room around for any view of them. */
export function geoRegion(points: LonLat[], shapes: Feature<Geometry>[], level: GeoLevel): Extent {
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  for (const f of shapes) {
    const [[w, s], [e, n]] = geoBounds(f as any);
    if (w <= e) lons.push(w, e);
    lats.push(s, n);
  }
  if (!lons.length) return { west: -180, south: -85, east: 180, north: 85 };
  const west = Math.min(...lons);
  const east = Math.max(...lons);
  const south = Math.min(...lats);
  const north = Math.max(...lats);
  // Room for the widest view of the level around any of its places: a close view is
  // at most 25° across; a wide one, fitted to the places, adds its margin and aspect.
  const pad = level.name === 'close' ? WIDE_VIEW_DEGREES : Math.max(30, (east - west) * 0.75, (north - south) * 1.5);
  return {
    west: Math.max(-180, west - pad),
    east: Math.min(180, east + pad),
    south: Math.max(-85, south - pad / 2),
    north: Math.min(85, north + pad / 2),
  };
}

/** Where a level's file lies: its Mercator projection, and its size in its own pixels. */
export interface GeoFrame { level: GeoLevel; projection: GeoProjection; width: number; height: number }

export function geoFrame(level: GeoLevel, region: Extent): GeoFrame {
  const projection = geoMercator().scale(level.scale).translate([0, 0]);
  const [x0, y0] = projection([region.west, region.north])!;
  const [x1, y1] = projection([region.east, region.south])!;
  projection.translate([-x0, -y0]);
  const width = Math.ceil(x1 - x0);
  const height = Math.ceil(y1 - y0);
  projection.clipExtent([[0, 0], [width, height]]);
  return { level, projection, width, height };
}

/**
 * Where a map draws the shared file: the file's box in the map's pixels. Both are
 * Mercator projections without rotation, so one is the other scaled and moved.
 */
export function geoImageBox(frame: GeoFrame, map: FittedMap): { x: number; y: number; width: number; height: number } {
  const k = map.projection.scale() / frame.projection.scale();
  const [tx, ty] = map.projection.translate();
  const [fx, fy] = frame.projection.translate();
  const round = (n: number) => Math.round(n * 100) / 100;
  return { x: round(tx - fx * k), y: round(ty - fy * k), width: round(frame.width * k), height: round(frame.height * k) };
}

/** Colours of the shared drawing, per theme (they come from the site's stylesheet). */
export interface GeoPalette { bg: string; muted: string; accent: string }

/**
 * A level's shared drawing, as a standalone SVG file: land (dossier countries
 * tinted), borders and rivers. It is shown through <image>, which cannot see the
 * page's styles, so it carries both themes: the file as it is is light, and
 * `file.svg#dark` (the :target) is dark.
 */
export function geoSvg(frame: GeoFrame, countries: Feature<Geometry>[], rivers: Feature<Geometry>[], isDossierCountry: (name: string) => boolean, palette: { light: GeoPalette; dark: GeoPalette }): string {
  const map: FittedMap = {
    projection: frame.projection, width: frame.width, height: frame.height,
    visible: { west: frame.projection.invert!([0, 0])![0], north: frame.projection.invert!([0, 0])![1], east: frame.projection.invert!([frame.width, frame.height])![0], south: frame.projection.invert!([frame.width, frame.height])![1] },
  };
  const land = projectShapes(countries, map);
  const water = projectShapes(rivers, map);
  const vars = (p: GeoPalette) => `--bg:${p.bg};--muted:${p.muted};--accent:${p.accent}`;
  const style = [
    `g{${vars(palette.light)}}`,
    `#dark:target~g{${vars(palette.dark)}}`,
    '.l{fill:var(--bg);stroke:var(--muted);stroke-width:.6;stroke-linejoin:round}',
    '.d{fill:color-mix(in srgb,var(--accent) 7%,var(--bg))}',
    '.r{fill:none;stroke:#4a8fc7;stroke-width:1.3;stroke-linecap:round;stroke-linejoin:round;opacity:.85}',
  ].join('');
  const paths = [
    ...land.map((s) => `<path class="${isDossierCountry(s.name) ? 'l d' : 'l'}" d="${s.d}"/>`),
    ...water.map((s) => `<path class="r" d="${s.d}"/>`),
  ].join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height}" width="${frame.width}" height="${frame.height}"><style>${style}</style><g id="dark"/><g>${paths}</g></svg>\n`;
}

// --- The whole view model ---

export interface PlaceMapInput {
  /** Every place with coordinates. */
  all: MapPoint[];
  /** The places asked for (undefined: all). */
  ids?: string[];
  focus?: string;
  /** The focus's country shape (Natural Earth, 1:50m), when the focus is a country found there. */
  focusShape?: Feature<Geometry>;
  /** Places named in the same events as the focus. */
  namedWithFocus?: ReadonlySet<string>;
  /** Dossier countries found in Natural Earth, with their shapes at each detail (for labels). */
  countries: { place: string; name: string; shapes: Record<GeoLevel['detail'], Feature<Geometry>> }[];
  /** The shared drawing of each level. */
  frames: Record<GeoLevel['name'], GeoFrame>;
  /** Rivers (to tell whether any is in view, for the key). */
  rivers: Feature<Geometry>[];
  height?: unknown;
}

export interface PlaceMapView {
  width: number;
  height: number;
  level: GeoLevel['name'];
  /** Where the level's shared drawing goes, in the map's pixels. */
  image: { x: number; y: number; width: number; height: number };
  /** The focus country's outline, drawn over the shared drawing. */
  focusOutline?: string;
  countryLabels: { place: string; name: string; x: number; y: number }[];
  markers: (PlacedMarker & { label: { x: number; y: number; anchor: string } | null })[];
  /** Places with coordinates inside the box (markers are the busiest MAX_MARKERS of them). */
  inView: number;
  /** Where sources place a drawn marker differently: small secondary marks, in the box. */
  alternatives: { id: string; label: string; x: number; y: number }[];
  hasRivers: boolean;
}

/** Everything a place map draws, or undefined when it would show nothing. */
export function layoutPlaceMap(input: PlaceMapInput): PlaceMapView | undefined {
  const { all, ids, focus, focusShape } = input;
  const wanted = ids ? new Set(ids) : undefined;
  const candidates = all.filter((p) => !wanted || wanted.has(p.id) || p.id === focus);
  const { points, focusPoint } = mapExtentPoints({ candidates, all, focus, focusShape, namedWithFocus: input.namedWithFocus });
  if (!points.length) return undefined;
  const width = MAP_WIDTH;
  const height = mapHeight(input.height, focus !== undefined);
  const map = fitMap(pointsExtent(points, focusPoint ? { minSpan: 5, margin: 0.2 } : { minSpan: 4, margin: 0.22 }), width, height);
  const level = geoLevelFor(map);
  const countryLabels: PlaceMapView['countryLabels'] = [];
  const labelBoxes: Box[] = [];
  for (const c of input.countries) {
    const shape = c.shapes[level.detail];
    if (!meetsExtent(shape, map.visible)) continue;
    const at = shapeCentroid(shape, map);
    if (!at) continue;
    countryLabels.push({ place: c.place, name: c.name, x: r1(at[0]), y: r1(at[1]) });
    const w = textWidth(c.name, 12) * 1.25;
    labelBoxes.push({ x0: at[0] - w / 2, y0: at[1] - 10, x1: at[0] + w / 2, y1: at[1] + 4 });
  }
  const { markers: chosen, inView } = chooseMarkers(candidates, (p) => map.projection(p), map, focus);
  if (!chosen.length && !focusShape) return undefined;
  const labels = placePointLabels(chosen.map((p) => ({ x: p.x, y: p.y, r: p.r, width: textWidth(`${p.name} (${p.count})`, 12), height: 14 })), map, 3, labelBoxes);
  const markers = chosen.map((p, i) => {
    const l = labels[i];
    return { ...p, x: r1(p.x), y: r1(p.y), label: l ? { x: r1(l.x - p.x), y: r1(l.y - p.y), anchor: l.anchor } : null };
  });
  const alternatives = markers.flatMap((m) => (m.alternatives ?? []).map((a) => {
    const [x, y] = map.projection([a.lon, a.lat]) ?? [NaN, NaN];
    return { id: m.id, label: `${m.name}: another position sources give${a.note ? ` (${a.note})` : ''}`, x: r1(x), y: r1(y) };
  })).filter((a) => a.x >= 0 && a.y >= 0 && a.x <= width && a.y <= height);
  const focusCountry = focusShape ? input.countries.find((c) => c.place === focus) : undefined;
  const focusOutline = focusCountry ? projectShapes([focusCountry.shapes[level.detail]], map)[0]?.d : undefined;
  return {
    width, height, level: level.name, image: geoImageBox(input.frames[level.name], map), focusOutline, countryLabels, markers, inView, alternatives,
    hasRivers: input.rivers.some((r) => meetsExtent(r, map.visible)),
  };
}

/** A stable element id for a map from its props (two maps on one page get two ids). */
export function mapUid(props: unknown): string {
  return `map-${[...JSON.stringify(props)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(36)}`;
}
