/** Where each entry lives on the site. One place, so links and pages agree. */
import type { CollectionName } from '../schemas/index.ts';

/** Root-relative URL of an entry page, e.g. /actors/kataib-hezbollah/. */
export function entryUrl(collection: CollectionName, id: string): string {
  if (collection === 'pages' && id === 'overview') return '/';
  return `/${collection}/${id}/`;
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
