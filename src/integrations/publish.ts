/**
 * Atomic publishing (src/pipeline/publish.ts): `astro build` writes into a staging folder
 * beside the output folder, and the output is replaced only after every post-build step
 * has succeeded. Registered LAST in astro.config.mjs, so that its astro:build:done runs
 * after search, CSP and offline. A refused page, a crash, an exception in a step or a
 * kill (SIGKILL, out of memory) leaves the previous output as it was.
 * Only for `astro build`: dev, preview, sync and check use the output folder as configured.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { discardStaging, failedBuildMessage, publishPaths, removeInBackground, removeLeftovers, swapIntoPlace, type PublishPaths } from '../pipeline/publish.ts';

export function publish(): AstroIntegration {
  let paths: PublishPaths | undefined;
  let published = false;
  return {
    name: 'dossier-publish',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig, logger }) => {
        if (command !== 'build') return;
        paths = publishPaths(fileURLToPath(config.outDir));
        const removed = removeLeftovers(paths);
        if (removed.length) logger.info(`removed what interrupted builds left: ${removed.join(', ')}`);
        // Every later hook, and Astro itself, now writes here (the steps use the `dir` they are given).
        updateConfig({ outDir: pathToFileURL(`${paths.staging}/`) });
        // Exit handlers run on process.exit and on uncaught errors, not on SIGKILL:
        // a killed build's staging folder is removed by the next build (removeLeftovers).
        const p = paths;
        process.once('exit', () => {
          if (published || !discardStaging(p)) return;
          console.error(failedBuildMessage(p));
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        if (!paths) return;
        if (path.resolve(fileURLToPath(dir)) !== paths.staging) throw new Error(`dossier-publish: Astro built into ${fileURLToPath(dir)}, not the staging folder ${paths.staging}`);
        swapIntoPlace(paths, removeInBackground);
        published = true;
        logger.info(`published ${paths.out}`);
      },
    },
  };
}
