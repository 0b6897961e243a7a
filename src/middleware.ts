/**
 * Every page, as Astro renders it in a build: its security policy written in and its
 * offline copy made (src/pipeline/render-time.ts), so that no step reads every page
 * again afterwards. Other responses (feeds, data, media) pass as they are, a large one's
 * zip entry started; in
 * `astro dev` nothing is changed (Vite's own scripts would not match a policy).
 */
import { defineMiddleware } from 'astro:middleware';
import { processRenderedFile, processRenderedPage } from './pipeline/render-time.ts';
import { releaseCarriedPage } from './pipeline/carried-pages.ts';
import { bytesStream } from './domain/streams.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  // A page rendered again is written as a new file, never into one carried over from the
  // last output (src/pipeline/carry-over.ts).
  if (!import.meta.env.DEV) await releaseCarriedPage(context.url.pathname);
  const response = await next();
  if (import.meta.env.DEV) return response;
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return processRenderedFile(response, context.url.pathname);
  const html = await processRenderedPage(response, context.url.pathname);
  // A page's bytes (from the page pool) are handed over as they are: a Response made from a byte array copies it.
  return new Response(typeof html === 'string' ? html : bytesStream(html), { status: response.status, statusText: response.statusText, headers: response.headers });
});
