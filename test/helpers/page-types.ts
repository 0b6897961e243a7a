/**
 * One page of each type of a built site, for the page audits (npm run lighthouse and
 * test/browser/budgets.test.ts): the first entry of each collection in the build, so any
 * dossier can be audited without naming its entries.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const PAGE_TYPES = ['home', 'actor', 'place', 'event', 'source', 'graph', 'search'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** The first entry (by folder name) of a collection's pages in dist. */
function firstEntry(dist: string, collection: string): string {
  const dir = path.join(dist, collection);
  const first = existsSync(dir) ? readdirSync(dir).sort().find((name) => existsSync(path.join(dir, name, 'index.html'))) : undefined;
  if (!first) throw new Error(`The build in ${dist} has no ${collection} page.`);
  return first;
}

/** The URL path of each page type; the search looks for the first actor's first word. */
export function pageTypeUrls(dist: string): Record<PageType, string> {
  const actor = firstEntry(dist, 'actors');
  return {
    home: '/',
    actor: `/actors/${actor}/`,
    place: `/places/${firstEntry(dist, 'places')}/`,
    event: `/events/${firstEntry(dist, 'events')}/`,
    source: `/sources/${firstEntry(dist, 'sources')}/`,
    graph: '/graph/',
    search: `/search/?q=${encodeURIComponent(actor.split('-')[0])}`,
  };
}
