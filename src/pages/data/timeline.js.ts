/**
 * /data/timeline.js: every event as the timelines' browser script needs it
 * (src/domain/timeline-data.ts), once per site. The timelines of all events (home,
 * events index) load it only when a reader first zooms, pans or filters, so their
 * pages carry none of it (nor the names for their actor and place filters, which
 * fill from it); a timeline of a few events carries its own. A classic
 * script that registers the data (self.dossierTimeline), because a page opened from
 * disk may load a <script src> but may not fetch().
 */
import type { APIRoute } from 'astro';
import { getVizData } from '../../data/viz.ts';
import { encodeTimeline, filterOptions, TIMELINE_GLOBAL } from '../../domain/timeline-data.ts';
import { jsonForScript } from '../../domain/svg.ts';

export const GET: APIRoute = async () => {
  const v = await getVizData();
  const data = { ...encodeTimeline(v.events), filters: filterOptions(v.events, v.actorNames, v.placeNames) };
  return new Response(`self.${TIMELINE_GLOBAL}=${jsonForScript(data)};\n`, { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
};
