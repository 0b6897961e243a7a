/**
 * Search: after Astro has written the site, index it with Pagefind. Any Pagefind
 * error fails the build. Runs before the CSP and offline steps, which read its output.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSearchIndex } from '../pipeline/search-index.ts';

export function search(): AstroIntegration {
  return {
    name: 'dossier-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const stats = await buildSearchIndex(fileURLToPath(dir));
        const ms = Math.round(performance.now() - started);
        logger.info(`indexed ${stats.pages} pages in ${ms} ms: ${stats.files} files, ${(stats.bytes / 1024).toFixed(0)} KB`);
      },
    },
  };
}
