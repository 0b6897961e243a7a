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
import type { Plugin as VitePlugin } from 'vite';
import { formatProblem, problemCount } from '../domain/problems.ts';
import { mark, writeStatsOnExit } from '../pipeline/build-stats.ts';
import { checkDossier } from '../pipeline/check.ts';
import { contentRoot } from '../pipeline/load.ts';
import { shareCheckedEntries } from './dossier-loader.ts';

export function dossier(): AstroIntegration {
  let dataStoreFile: string | undefined;
  let outDir: string | undefined;
  let dotAstro: string[] = [];
  return {
    name: 'dossier',
    hooks: {
      'astro:config:setup': async ({ command, config, logger }) => {
        writeStatsOnExit();
        mark('check:start');
        const root = contentRoot();
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
          logger.warn(`The dossier has problems (pages may show broken links):\n${lines}`);
        } else if (result.warnings.length) {
          logger.warn(result.warnings.map((p) => formatProblem(p, prefix)).join('\n'));
        }
        dataStoreFile = command === 'build' && config.output === 'static' ? fileURLToPath(new URL('data-store.json', config.cacheDir)) : undefined;
      },
      // Phase marks for `npm run bench` (written only with DOSSIER_BUILD_STATS set).
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        mark('config:done');
      },
      'astro:build:start': () => {
        mark('build:start');
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
      'astro:build:setup': ({ vite, target }) => {
        // First of all plugins, so that it answers before Astro's own content plugin.
        if (target === 'server' && dataStoreFile) vite.plugins = [dataStoreFromFile(dataStoreFile), ...(vite.plugins ?? [])];
      },
      'astro:build:generated': () => mark('build:generated'),
    },
  };
}

/**
 * Static builds render every page in this process, right after Astro has written the
 * content store (data-store.json in the cache folder). Astro bundles that store into
 * the server code as one JavaScript module: tens of megabytes for a large dossier,
 * which the bundler parses, holds in memory and writes out on every build. The pages
 * read the same file with JSON.parse instead: same data, a fraction of the time and
 * memory. (Not for `astro dev`, nor for server output, whose code runs elsewhere.)
 *
 * Still worth it on Astro 7, which embeds the store as one JSON string literal
 * (`export default JSON.parse("…")`), measured 2026-11-27 on the synthetic dossier of
 * bench/generate.ts, cold builds: 3,000 entries: bundling 0.5 s instead of 1.9 s, peak memory
 * 1.50 GB instead of 1.69 GB; 10,000 entries: bundling 0.4 s instead of 4.6 s, peak memory
 * 2.42 GB instead of 2.91 GB. It answers Astro's virtual module id (not a public API):
 * should Astro rename it, this plugin answers nothing and Astro bundles the store itself,
 * with the same pages, only slower (test/build/scale.test.ts would show the time).
 */
export function dataStoreFromFile(file: string): VitePlugin {
  return {
    name: 'dossier:data-store-from-file',
    enforce: 'pre',
    load(id) {
      if (id !== '\0astro:data-layer-content' || !existsSync(file)) return undefined;
      return `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));\n`;
    },
  };
}
