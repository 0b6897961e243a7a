/**
 * /media/<hash>.<ext>: the image files that entries show. Only what the renderer
 * resolved (a file inside the dossier whose bytes are a raster format) is listed, and
 * the bytes are checked again as they are published: never anything else.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getDossier } from '../../data/dossier.ts';
import { publishedImageBytes } from '../../pipeline/images.ts';

export const getStaticPaths = (async () => (await getDossier()).media.map((m) => ({ params: { name: m.name }, props: { full: m.full } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, props }) => {
  const { bytes, type } = publishedImageBytes(String(props.full), String(params.name));
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers: { 'content-type': type } });
};
