/**
 * Search: the Pagefind index from the build's reading and rendered bodies
 * (src/pipeline/search-index.ts), so no page is parsed. It is made in memory from when
 * Astro starts bundling, after the content loaders have rendered every body, beside the
 * bundle and the pages: one shard at a time, so Pagefind's process stays small (a whole
 * index at 10,000 entries needed a gigabyte, too much beside the pages' heap). Its files
 * are written into the cache folder, and moved into the site once the pages are made,
 * before the CSP and offline steps (the offline edition wraps them). Any Pagefind error
 * fails the build.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { mark } from '../pipeline/build-stats.ts';
import { indexStats, makeSearchIndex, PAGEFIND_DIR, placeSearchIndex, readingDocuments, SearchIndexError, writeSearchIndex, type MadeSearchIndex } from '../pipeline/search-index.ts';
import { writeFilesAside } from '../pipeline/write-aside.ts';
import { mergedShardDirs, shardCount, shardSizeOption } from '../domain/search-shards.ts';
import { shareSearchShards, sharedReading, sharedRenders } from '../pipeline/shared-reading.ts';
import { sharedCarriedPages } from '../pipeline/carried-pages.ts';

export function search(): AstroIntegration {
  let cacheFile: string | undefined;
  let aside = '';
  /** The index, made beside the bundle and the pages, and its files written aside (or not: false). */
  let making: Promise<{ made: MadeSearchIndex; written: boolean }> | undefined;
  return {
    name: 'dossier-search',
    hooks: {
      'astro:config:done': ({ config }) => {
        // The last build's shards, kept while their records are the same (search-index.ts).
        cacheFile = path.join(fileURLToPath(config.cacheDir), 'dossier-search.pack');
        aside = path.join(fileURLToPath(config.cacheDir), 'dossier-search-files');
      },
      'astro:build:start': ({ logger }) => {
        const started = performance.now();
        const reading = sharedReading();
        const renders = sharedRenders();
        if (!reading || !renders) throw new SearchIndexError('The search index could not be built: the dossier was not read in this build, so there are no records to index.');
        const documents = readingDocuments(reading.entries, (key) => renders.get(key)?.html);
        const recordsMs = Math.round(performance.now() - started);
        const shardSize = shardSizeOption(process.env);
        // The search page, rendered later in this process, lists the shards made here.
        shareSearchShards(mergedShardDirs(shardCount(documents.length, shardSize)));
        // A kept shard's files are the last output's (when this build started from it,
        // src/pipeline/carry-over.ts): linked from there rather than written again.
        const carried = sharedCarriedPages();
        const keptIn = carried && path.join(carried.from, PAGEFIND_DIR);
        // Not awaited: Pagefind's process indexes one shard at a time (a whole index of 10,000
        // entries took 1.1 GB; a shard of 2,500 about a quarter) while Astro bundles and
        // renders; the build waits for it at the end.
        making = makeSearchIndex({ language: reading.site.language, documents }, cacheFile, shardSize).then(async (made) => {
          mark('search:done');
          const { bytes } = indexStats(made);
          const shards = made.shards > 1 ? ` in ${made.shards} shards` : '';
          const kept = made.kept === made.shards ? ', kept from the last build: the records are the same'
            : made.kept ? `, ${made.kept} of them kept from the last build: their records are the same` : '';
          logger.info(`indexed ${made.pages} pages${shards} in ${Math.round(performance.now() - started)} ms (their records from the data: ${recordsMs} ms${kept}): ${made.files.length} files, ${(bytes / 1024).toFixed(0)} KB`);
          // Written into the cache folder while the pages are made; a failed write is seen at the end.
          const written = await writeFilesAside(aside, made.files, keptIn).then(() => true, () => false);
          return { made, written };
        });
        making.catch(() => {}); // seen, and failing the build, at the end
      },
      'astro:build:done': async ({ dir }) => {
        if (!making) throw new SearchIndexError('The search index could not be built: it was not started before the pages.');
        const { made, written } = await making;
        making = undefined;
        if (written) placeSearchIndex(fileURLToPath(dir), aside, made);
        else writeSearchIndex(fileURLToPath(dir), made);
      },
    },
  };
}
