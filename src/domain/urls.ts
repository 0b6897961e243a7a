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
