/**
 * The Dossier integration: runs the same check as `npm run check` before Astro
 * builds anything (a build with problems stops with the same messages). Bodies are
 * rendered by the dossier's own loader (dossier-loader.ts), which refuses on its own
 * whatever the check refuses; Astro's Markdown and MDX compilers never see content.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { formatProblem, problemCount } from '../domain/problems.ts';
import { mark, writeStatsOnExit } from '../pipeline/build-stats.ts';
import { sharedCodeFingerprint } from '../pipeline/page-cache.ts';
import { checkDossier } from '../pipeline/check.ts';
import { contentRoot } from '../pipeline/load.ts';
import { PREVIEW_PROBLEMS_EVENT, PREVIEW_PROBLEMS_URL, problemsSummary } from '../domain/preview.ts';
import { shareCheckedEntries } from './dossier-loader.ts';
import { countEntryFiles, renderWorkers, startRenderPool } from '../pipeline/render-pool.ts';
import { hasKeptRenders } from '../pipeline/render-store.ts';
import { sharedRenderPool, shareRenderPool } from '../pipeline/shared-reading.ts';
import { onPreviewProblems, previewMiddleware } from './dossier-preview.ts';

export function dossier(): AstroIntegration {
  let outDir: string | undefined;
  let dotAstro: string[] = [];
  return {
    name: 'dossier',
    hooks: {
      'astro:config:setup': async ({ command, config, logger, injectScript }) => {
        writeStatsOnExit();
        mark('check:start');
        const root = contentRoot();
        // A large dossier's bodies are rendered in worker processes too, each reading the
        // dossier while this thread checks it (src/pipeline/render-pool.ts). Started now for a
        // first build; after one, most renders are kept, and a loader starts them if many are not.
        const workers = command === 'build' && !hasKeptRenders(fileURLToPath(config.cacheDir)) ? renderWorkers(countEntryFiles(root)) : 0;
        shareRenderPool(workers > 0 ? startRenderPool(root, workers) : undefined);
        const result = await checkDossier(root);
        mark('check:done');
        // The content layer stores these entries instead of reading every file again.
        shareCheckedEntries(result);
        const prefix = `${path.relative(process.cwd(), root) || '.'}/`;
        if (result.errors.length) {
          const lines = result.problems.map((p) => formatProblem(p, prefix)).join('\n');
          if (command === 'build') {
            // Plain lines and a plain exit: contributors need the list, not a stack trace.
            console.error(`\n${lines}\n\nThe dossier has ${problemCount(result.errors)} problem(s); nothing was built. Fix them (npm run check lists them too).`);
            process.exit(1);
          }
          logger.warn(`${problemsSummary(problemCount(result.errors), problemCount(result.warnings))} The preview shows them on its pages:\n${lines}`);
        } else if (result.warnings.length) {
          logger.warn(result.warnings.map((p) => formatProblem(p, prefix)).join('\n'));
        }
        // The preview's banner of problems on every page (never in a build).
        if (command === 'dev') {
          const banner = fileURLToPath(new URL('../client/preview-problems.ts', import.meta.url));
          injectScript('page', `import { showPreviewProblems } from ${JSON.stringify(banner)}; showPreviewProblems(${JSON.stringify(PREVIEW_PROBLEMS_URL)}, ${JSON.stringify(PREVIEW_PROBLEMS_EVENT)}, import.meta.hot);`);
        }
      },
      // The preview: the error page of an entry whose file has errors, the banner's data, and news of changes.
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(previewMiddleware());
        onPreviewProblems((problems) => server.ws.send(PREVIEW_PROBLEMS_EVENT, problems));
      },
      // Phase marks for `npm run bench` (written only with DOSSIER_BUILD_STATS set).
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        mark('config:done');
      },
      'astro:build:start': async ({ logger }) => {
        mark('build:start');
        // The content loaders have rendered every body by now: the workers' memory goes
        // before the search index's process starts (src/integrations/search.ts).
        const pool = sharedRenderPool();
        await pool?.close();
        if (pool) logger.info(`${pool.renderedThere} bodies rendered in worker processes`);
        shareRenderPool(undefined);
        // The pages' keys for the incremental build name the code (src/data/dossier.ts, pageKey).
        sharedCodeFingerprint(true);
        // With an output folder outside the working directory, Astro builds in ./.astro/
        // and then copies all of it into the output (its generated collections/ and
        // content-*.mjs files too): note what is there now, to remove it afterwards.
        const fallback = path.join(process.cwd(), '.astro');
        if (outDir && !outDir.startsWith(process.cwd() + path.sep) && existsSync(fallback)) dotAstro = readdirSync(fallback);
      },
      'astro:build:done': () => {
        for (const name of dotAstro) rmSync(path.join(outDir!, name), { recursive: true, force: true });
        mark('build:done');
      },
      'astro:build:generated': () => mark('build:generated'),
    },
  };
}
