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

export const onRequest = defineMiddleware(async (context, next) => {
  // A page rendered again is written as a new file, never into one carried over from the
  // last output (src/pipeline/carry-over.ts).
  if (!import.meta.env.DEV) await releaseCarriedPage(context.url.pathname);
  const response = await next();
  if (import.meta.env.DEV) return response;
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return processRenderedFile(response, context.url.pathname);
  return processRenderedPage(response, context.url.pathname);
});
