/**
 * The offline edition: after the search index has been written, dist/dossier-offline.zip,
 * which works opened from disk. Each page's copy was made as the page was rendered
 * (src/middleware.ts); this step zips them with the site's other files, the classic
 * scripts they name and the script-wrapped search index. Registered after search and
 * CSP in astro.config.mjs: it copies what the steps before it wrote.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { OFFLINE_ZIP } from '../pipeline/offline.ts';
import { buildOfflineEdition } from '../pipeline/offline-edition.ts';
import { renderedSite } from '../pipeline/render-time.ts';
import { beginGeneration, codeFingerprint, endGeneration, PageCache } from '../pipeline/page-cache.ts';
import { renderingPoolSize, startRenderingPool, type RenderingPool } from '../pipeline/page-pool.ts';
import { shareOffload, sharedReading } from '../pipeline/shared-reading.ts';

export function offline(): AstroIntegration {
  let cacheDir: string | undefined;
  let rendering: RenderingPool | undefined;
  return {
    name: 'dossier-offline',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:start': async () => {
        // Copies of pages unchanged since the last build are taken from here as pages render.
        const setup = cacheDir ? { dir: path.join(cacheDir, 'dossier-render'), fingerprint: codeFingerprint('offline-render') } : undefined;
        if (setup) {
          beginGeneration(setup.dir);
          renderedSite().cache = new PageCache(setup);
        }
        // Each page's policy and copy are made on other cores while the next pages render.
        const size = renderingPoolSize(sharedReading()?.entries.length ?? 0);
        if (size > 0) {
          renderedSite().pool = rendering = await startRenderingPool(setup, size);
          shareOffload(rendering);
        }
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const rendered = renderedSite();
        if (rendering) {
          shareOffload(undefined);
          await rendering.close();
          rendered.pool = rendering = undefined;
        }
        const stats = await buildOfflineEdition(fileURLToPath(dir), { cacheDir, rendered });
        // Every copy is in the cache once written there: the ones this build used become the cache.
        await Promise.allSettled(rendered.offline.values());
        rendered.cache?.flush();
        if (cacheDir) endGeneration(path.join(cacheDir, 'dossier-render'));
        const ms = Math.round(performance.now() - started);
        const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
        const share = stats.zipBytes ? Math.round((100 * stats.searchBytes) / stats.zipBytes) : 0;
        logger.info(`${OFFLINE_ZIP}: ${stats.pages} pages (${stats.rendered ?? 0} copies made as they were rendered or restored, ${rendered.fromCache} of them kept from the last build; ${stats.pages - (stats.rendered ?? 0)} made after, ${stats.fromCache} of those kept), ${stats.files} files, ${kb(stats.zipBytes)} (search ${kb(stats.searchBytes)}, ${share}%) in ${ms} ms`);
      },
    },
  };
}
