/** /data/dossier.json: the whole dossier, normalised (see README, "Data for reuse"). */
import type { APIRoute } from 'astro';
import { getDossier } from '../../data/dossier.ts';

export const GET: APIRoute = async () => {
  const dossier = await getDossier();
  return new Response(`${JSON.stringify(dossier.exported())}\n`, { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
