/** /sitemap.xml: every page, with its last edit when known. */
import type { APIRoute } from 'astro';
import { getDossier } from '../data/dossier.ts';
import { sitemap, type SitemapPage } from '../domain/feeds.ts';
import { entryUrl, graphUrl, homeUrl, indexUrl } from '../domain/urls.ts';
import { COLLECTIONS } from '../schemas/index.ts';

export const GET: APIRoute = async () => {
  const { site, all } = await getDossier();
  const pages: SitemapPage[] = [
    { path: homeUrl, updated: (all.pages.find((p) => p.id === 'overview')?.data as any)?.updated },
    ...(['actors', 'places', 'events', 'sources'] as const).map((c) => ({ path: indexUrl(c) })),
    { path: graphUrl },
    ...COLLECTIONS.flatMap((c) => all[c].filter((e) => !(c === 'pages' && e.id === 'overview'))
      .map((e) => ({ path: entryUrl(c, e.id), updated: (e.data as any).updated }))),
  ];
  return new Response(sitemap(site, pages), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
