/**
 * Search: the Pagefind index from the build's reading and rendered bodies
 * (src/pipeline/search-index.ts), so no page is parsed. It is made in memory when Astro
 * starts bundling, after the content loaders have rendered every body: Pagefind's
 * process, which needs about a gigabyte at 10,000 entries, has ended before the pages
 * start, instead of running beside the build's largest heap after them. Its files are
 * written into the cache folder while the pages are made, and moved into the site once
 * it is, before the CSP and offline steps (the offline edition wraps them). Any Pagefind
 * error fails the build.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { mark } from '../pipeline/build-stats.ts';
import { indexStats, makeSearchIndex, placeSearchIndex, readingDocuments, SearchIndexError, writeSearchIndex, type MadeSearchIndex } from '../pipeline/search-index.ts';
import { writeFilesAside } from '../pipeline/write-aside.ts';
import { shardSizeOption } from '../domain/search-shards.ts';
import { sharedReading, sharedRenders } from '../pipeline/shared-reading.ts';

export function search(): AstroIntegration {
  let made: MadeSearchIndex | undefined;
  let cacheFile: string | undefined;
  let aside = '';
  let written: Promise<void> | undefined;
  return {
    name: 'dossier-search',
    hooks: {
      'astro:config:done': ({ config }) => {
        // The last build's index, kept while the records are the same (search-index.ts).
        cacheFile = path.join(fileURLToPath(config.cacheDir), 'dossier-search.pack');
        aside = path.join(fileURLToPath(config.cacheDir), 'dossier-search-files');
      },
      'astro:build:start': async ({ logger }) => {
        const started = performance.now();
        const reading = sharedReading();
        const renders = sharedRenders();
        if (!reading || !renders) throw new SearchIndexError('The search index could not be built: the dossier was not read in this build, so there are no records to index.');
        const documents = readingDocuments(reading.entries, (key) => renders.get(key)?.html);
        const recordsMs = Math.round(performance.now() - started);
        made = await makeSearchIndex({ language: reading.site.language, documents }, cacheFile, shardSizeOption(process.env));
        mark('search:done');
        // Written into the cache folder while the pages are made; a failed write is seen at the end.
        written = writeFilesAside(aside, made.files);
        written.catch(() => {});
        const { bytes } = indexStats(made);
        const shards = made.shards > 1 ? ` in ${made.shards} shards` : '';
        const kept = made.kept === made.shards ? ', kept from the last build: the records are the same'
          : made.kept ? `, ${made.kept} of them kept from the last build: their records are the same` : '';
        logger.info(`indexed ${made.pages} pages${shards} in ${Math.round(performance.now() - started)} ms (their records from the data: ${recordsMs} ms${kept}): ${made.files.length} files, ${(bytes / 1024).toFixed(0)} KB`);
      },
      'astro:build:done': async ({ dir }) => {
        if (!made) throw new SearchIndexError('The search index could not be built: it was not made before the pages.');
        const ready = written ? await written.then(() => true, () => false) : false;
        if (ready) placeSearchIndex(fileURLToPath(dir), aside, made);
        else writeSearchIndex(fileURLToPath(dir), made);
        made = undefined;
        written = undefined;
      },
    },
  };
}
