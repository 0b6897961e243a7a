/** /data/dossier.json: the whole dossier, normalised (see README, "Data for reuse"). */
import type { APIRoute } from 'astro';
import { getDossier } from '../../data/dossier.ts';
import { jsonPieces, textStream } from '../../domain/streams.ts';

export const GET: APIRoute = async () => {
  const dossier = await getDossier();
  // Written entry by entry as it is read: made as one string, the file was the build's peak of memory.
  function* file() {
    yield* jsonPieces(dossier.exported());
    yield '\n';
  }
  return new Response(textStream(file()), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
