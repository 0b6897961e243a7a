/** /sitemap.xml: every page, with its last edit when known (the list: sitemapPages in src/domain/feeds.ts). */
import type { APIRoute } from 'astro';
import { getDossier } from '../data/dossier.ts';
import { sitemap, sitemapPages } from '../domain/feeds.ts';

export const GET: APIRoute = async () => {
  const { site, all } = await getDossier();
  return new Response(sitemap(site, sitemapPages(all)), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
