/**
 * Search: after Astro has written the site, write the Pagefind index from the records
 * the data layer shared while the pages were built (src/pipeline/search-index.ts): no
 * page is parsed again. Any Pagefind error fails the build. Runs before the CSP and
 * offline steps; the offline edition wraps the files written here.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSearchIndex, SearchIndexError, sharedSearchDocuments } from '../pipeline/search-index.ts';

export function search(): AstroIntegration {
  return {
    name: 'dossier-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const input = sharedSearchDocuments();
        if (!input) throw new SearchIndexError('The search index could not be built: no page read the dossier, so there are no records to index.');
        const recordsMs = Math.round(performance.now() - started);
        const stats = await buildSearchIndex(fileURLToPath(dir), input);
        const ms = Math.round(performance.now() - started);
        logger.info(`indexed ${stats.pages} pages in ${ms} ms (their records from the data: ${recordsMs} ms): ${stats.files} files, ${(stats.bytes / 1024).toFixed(0)} KB`);
      },
    },
  };
}
