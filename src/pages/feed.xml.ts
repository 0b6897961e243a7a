/** /feed.xml: an Atom feed of the dossier's events, newest first. */
import type { APIRoute } from 'astro';
import { getDossier } from '../data/dossier.ts';
import { atomFeed } from '../domain/feeds.ts';
import { latestEvents } from '../domain/indexes.ts';

export const GET: APIRoute = async () => {
  const { site, all } = await getDossier();
  return new Response(atomFeed(site, latestEvents(all.events, all.events.length)), { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
};
