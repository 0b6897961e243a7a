/**
 * The Dossier integration: runs the same check as `npm run check` before Astro
 * builds anything (a build with problems stops with the same messages), and wires
 * wikilinks and citations into Markdown rendering.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { formatProblem } from '../domain/problems.ts';
import { mark, writeStatsOnExit } from '../pipeline/build-stats.ts';
import { checkDossier } from '../pipeline/check.ts';
import { contentRoot } from '../pipeline/load.ts';
import { shareCheckedEntries } from './dossier-loader.ts';
import { remarkDossier, type LinkTarget } from './remark-dossier.ts';
import { remarkTypography } from './remark-typography.ts';

export function dossier(): AstroIntegration {
  return {
    name: 'dossier',
    hooks: {
      'astro:config:setup': async ({ command, updateConfig, logger }) => {
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
            console.error(`\n${lines}\n\nThe dossier has ${result.errors.length} problem(s); nothing was built. Fix them (npm run check lists them too).`);
            process.exit(1);
          }
          logger.warn(`The dossier has problems (pages may show broken links):\n${lines}`);
        } else if (result.warnings.length) {
          logger.warn(result.warnings.map((p) => formatProblem(p, prefix)).join('\n'));
        }
        const table = new Map<string, LinkTarget>();
        for (const [key, entry] of result.index.byKey) table.set(key, { collection: entry.collection, id: entry.id, label: result.index.label(entry.collection, entry.id) });
        const resolve = (written: string): LinkTarget | undefined => {
          const r = result.index.resolve(written);
          return r.ok ? table.get(`${r.collection}/${r.id}`) : undefined;
        };
        const digest = createHash('sha256').update(root).update(JSON.stringify([...table.values()])).digest('hex').slice(0, 16);
        // Typography after wikilinks and citations: labels get curly quotes too, and
        // citation locators are matched as written. It replaces smartypants (see its file).
        updateConfig({ markdown: { smartypants: false, remarkPlugins: [[remarkDossier, { resolve, digest }], remarkTypography] } });
      },
      // Phase marks for `npm run bench` (written only with DOSSIER_BUILD_STATS set).
      'astro:config:done': () => mark('config:done'),
      'astro:build:start': () => mark('build:start'),
      'astro:build:generated': () => mark('build:generated'),
      'astro:build:done': () => mark('build:done'),
    },
  };
}
