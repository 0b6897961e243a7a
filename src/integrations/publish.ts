/**
 * Atomic publishing (src/pipeline/publish.ts): `astro build` writes into a staging folder
 * beside the output folder, and the output is replaced only after every post-build step
 * has succeeded. A refused page, a crash, an exception in a step or a kill (SIGKILL, out
 * of memory) leaves the previous output as it was.
 *
 * Two integrations, first and last in astro.config.mjs: `staging` sets the folder up
 * before the others (and carries the last output's pages into it, src/pipeline/carry-over.ts),
 * `publish` swaps it into place after every other step's astro:build:done.
 * Only for `astro build`: dev, preview, sync and check use the output folder as configured.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { discardStaging, failedBuildMessage, publishPaths, removeInBackground, removeLeftovers, swapIntoPlace, type PublishPaths } from '../pipeline/publish.ts';
import { carryPages, recordPublished, removeUnmade, takePublished, type Carrying } from '../pipeline/carry-over.ts';
import { shareCarriedPages, sharedCarriedPages } from '../pipeline/carried-pages.ts';
import { pageFile, renderedSite } from '../pipeline/render-time.ts';

export function publishing(): { staging: AstroIntegration; publish: AstroIntegration } {
  let paths: PublishPaths | undefined;
  let cacheDir = '';
  let published = false;
  /** Whether Astro started building (before, a failure is the check's: "nothing was built"). */
  let building = false;
  /** The last output's pages being linked into the staging folder, if it is this cache's. */
  let carrying: Carrying | undefined;
  let carryStarted = 0;
  /** The render cache keys the last output was published with (carry-over.ts). */
  let keys: ReadonlyMap<string, string> = new Map();
  const staging: AstroIntegration = {
    name: 'dossier-staging',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig, logger }) => {
        if (command !== 'build') return;
        paths = publishPaths(fileURLToPath(config.outDir));
        cacheDir = fileURLToPath(config.cacheDir);
        const removed = removeLeftovers(paths);
        if (removed.length) logger.info(`removed what interrupted builds left: ${removed.join(', ')}`);
        // Every later hook, and Astro itself, now writes here (the steps use the `dir` they
        // are given). The folder is new, and may hold carried pages: Astro must not empty it.
        updateConfig({ outDir: pathToFileURL(`${paths.staging}/`), vite: { build: { emptyOutDir: false } } });
        // Exit handlers run on process.exit and on uncaught errors, not on SIGKILL:
        // a killed build's staging folder is removed by the next build (removeLeftovers).
        const p = paths;
        process.once('exit', () => {
          if (published) return;
          carrying?.stop();
          if (discardStaging(p) && building) console.error(failedBuildMessage(p));
        });
        shareCarriedPages(undefined);
        const last = takePublished(cacheDir, paths.out);
        keys = last?.keys ?? new Map();
        if (last?.pages.length) {
          carryStarted = performance.now();
          carrying = carryPages(paths.out, paths.staging, last.pages, last.at);
          carrying.done.catch(() => {}); // seen at astro:build:start
        }
      },
      'astro:build:start': async ({ logger }) => {
        building = true;
        if (!paths || !carrying) return;
        try {
          const linked = await carrying.done;
          shareCarriedPages({ from: paths.out, dir: paths.staging, files: new Set(linked), keys });
          logger.info(`carried ${linked.length} pages of the last output into the new one (hard links) in ${Math.round(performance.now() - carryStarted)} ms`);
        } catch (error) {
          // Links made before the failure are not known one by one: none is kept.
          discardStaging(paths);
          logger.warn(`the last output's pages were not carried over (${(error as Error).message}); unchanged pages are copied from the cache instead`);
        }
      },
      // Before the other steps look at the pages: a carried page this build did not make goes.
      'astro:build:done': ({ dir, pages, logger }) => {
        const carried = sharedCarriedPages();
        if (!carried) return;
        const removed = removeUnmade(fileURLToPath(dir), carried.files, new Set(pages.map((p) => pageFile(p.pathname))));
        // The rest stay known as carried until the output is published: the policy step adopts them by their keys.
        for (const rel of removed) carried.files.delete(rel);
        if (removed.length) logger.info(`removed ${removed.length} page(s) of the last output that this build does not make`);
      },
    },
  };
  const publish: AstroIntegration = {
    name: 'dossier-publish',
    hooks: {
      'astro:build:done': ({ dir, pages, logger }) => {
        if (!paths) return;
        if (path.resolve(fileURLToPath(dir)) !== paths.staging) throw new Error(`dossier-publish: Astro built into ${fileURLToPath(dir)}, not the staging folder ${paths.staging}`);
        swapIntoPlace(paths, removeInBackground);
        published = true;
        shareCarriedPages(undefined);
        logger.info(`published ${paths.out}`);
        try {
          recordPublished(cacheDir, paths.out, pages.map((p) => pageFile(p.pathname)), renderedSite().keys);
        } catch (error) {
          // Only costs the next build its head start.
          logger.warn(`could not note the published pages for the next build: ${(error as Error).message}`);
        }
      },
    },
  };
  return { staging, publish };
}
