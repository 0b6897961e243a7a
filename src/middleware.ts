/**
 * Every page, as Astro renders it in a build: its security policy written in and its
 * offline copy made (src/pipeline/render-time.ts), so that no step reads every page
 * again afterwards. Other responses (feeds, data, media) pass as they are; in
 * `astro dev` nothing is changed (Vite's own scripts would not match a policy).
 */
import { defineMiddleware } from 'astro:middleware';
import { processRenderedPage } from './pipeline/render-time.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (import.meta.env.DEV || !(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
  const html = await processRenderedPage(response, context.url.pathname);
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
