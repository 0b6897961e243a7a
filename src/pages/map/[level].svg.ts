/**
 * /map/wide.svg and /map/close.svg: the boundaries and rivers every place map draws
 * under its markers, one file per level of detail (src/domain/map-layout.ts). Pages
 * reference them through <image>, which loads from disk (file://) too.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { mapGeoSvg } from '../../data/viz.ts';
import { GEO_LEVELS, type GeoLevel } from '../../domain/map-layout.ts';

export const getStaticPaths = (() => Object.keys(GEO_LEVELS).map((level) => ({ params: { level } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  return new Response(await mapGeoSvg(params.level as GeoLevel['name']), { headers: { 'content-type': 'image/svg+xml; charset=utf-8' } });
};
