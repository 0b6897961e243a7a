/** Where each page and file lives on the site. One place, so links and pages agree. */
import type { CollectionName } from '../schemas/index.ts';

/** The page whose text is the home page's (pages/overview.md): it has no page of its own. */
export const OVERVIEW_ID = 'overview';

/** The collections with an index page, in the navigation's order. */
export const LISTED_COLLECTIONS = ['actors', 'places', 'events', 'sources'] as const satisfies readonly CollectionName[];
export type ListedCollection = (typeof LISTED_COLLECTIONS)[number];

/** Root-relative URL of an entry page, e.g. /actors/kataib-hezbollah/. */
export function entryUrl(collection: CollectionName, id: string): string {
  if (collection === 'pages' && id === OVERVIEW_ID) return '/';
  return `/${collection}/${id}/`;
}

/** The page with every item of an entry's long Related lists, e.g. /places/syria/related/. */
export function relatedUrl(collection: ListedCollection, id: string): string {
  return `${entryUrl(collection, id)}related/`;
}

/** Root-relative URL of a collection's index page, e.g. /actors/. */
export function indexUrl(collection: ListedCollection): string {
  return `/${collection}/`;
}

export const homeUrl = '/';
/** The page with the whole relation graph and its textual list. */
export const graphUrl = '/graph/';
/** Every event's data for the timelines' zooming (src/pages/data/timeline.js.ts). */
export const timelineDataUrl = '/data/timeline.js';
/** The search page (built by the search step). */
export const searchUrl = '/search/';
/** The zipped offline edition (built after the web build by the offline step). */
export const offlineZipUrl = '/dossier-offline.zip';
export const feedUrl = '/feed.xml';
export const sitemapUrl = '/sitemap.xml';
export const faviconUrl = '/favicon.svg';
/** The whole dossier as JSON (see README, "Data for reuse"). */
export const dossierJsonUrl = '/data/dossier.json';

/** One CSV per collection (and one for actor relations), e.g. /data/actors.csv. */
export function csvUrl(name: CollectionName | 'relations' | 'readings'): string {
  return `/data/${name}.csv`;
}

/**
 * Absolute URL of a root-relative path on the published site, or undefined when no
 * siteUrl is configured (then canonical links and og:url are left out).
 */
export function absoluteUrl(path: string, siteUrl: string | undefined): string | undefined {
  if (!siteUrl) return undefined;
  return siteUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

/** Anchor id of footnote n in an entry's source list. */
export const footnoteId = (n: number) => `fn-${n}`;
/** Anchor id of the k-th citation (1-based) of footnote n in the text. */
export const citationRefId = (n: number, k: number) => `cite-${n}-${k}`;

/**
 * The page-relative form of a root-relative site path, as seen from the page at
 * `fromPage` (a site path like /actors/kh/). Links to directories name their
 * index.html, which nothing adds when the site is opened from disk:
 * relativeUrl('/actors/kh/', '/places/iraq/') → '../../places/iraq/index.html'.
 * Query and fragment are kept.
 */
export function relativeUrl(fromPage: string, to: string): string {
  const m = /^([^?#]*)(.*)$/.exec(to)!;
  let target = m[1];
  const rest = m[2];
  if (target.endsWith('/')) target += 'index.html';
  const fromDir = fromPage.slice(0, fromPage.lastIndexOf('/') + 1).split('/').filter(Boolean);
  const parts = target.split('/').filter(Boolean);
  let common = 0;
  while (common < fromDir.length && common < parts.length - 1 && fromDir[common] === parts[common]) common++;
  const rel = [...fromDir.slice(common).map(() => '..'), ...parts.slice(common)].join('/');
  return (rel || 'index.html') + rest;
}

/** Where the build publishes an image file of the dossier (name: a hash of its bytes and its extension). */
export function mediaUrl(name: string): string {
  return `/media/${name}`;
}

/** A level's shared map drawing (src/pages/map/[level].svg.ts), drawn under every map of that level. */
export const mapGeoUrl = (level: 'wide' | 'close') => `/map/${level}.svg`;
