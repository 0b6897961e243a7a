/**
 * The Dossier integration: runs the same check as `npm run check` before Astro
 * builds anything (a build with problems stops with the same messages), and wires
 * wikilinks and citations into Markdown rendering, plus the safety steps that strip
 * MDX code (remark-safe) and reduce HTML to an allowlist (rehype-safe).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { formatProblem } from '../domain/problems.ts';
import { checkDossier } from '../pipeline/check.ts';
import { contentComponents } from '../pipeline/body-check.ts';
import { contentRoot } from '../pipeline/load.ts';
import { rehypeExternalLinks } from './rehype-external-links.ts';
import { rehypeSafe } from './rehype-safe.ts';
import { remarkDossier, type LinkTarget } from './remark-dossier.ts';
import { remarkSafe } from './remark-safe.ts';

// Renders are cached by Astro; a change to the safety rules must redo them.
const SAFETY_SOURCES = ['./rehype-safe.ts', './remark-safe.ts', '../domain/markup-rules.ts', '../domain/url-policy.ts'];

export function dossier(): AstroIntegration {
  let outDir: string | undefined;
  let dotAstro: string[] = [];
  return {
    name: 'dossier',
    hooks: {
      'astro:config:setup': async ({ command, updateConfig, logger }) => {
        const root = contentRoot();
        const result = await checkDossier(root);
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
        const components = contentComponents();
        const hash = createHash('sha256').update(root).update(JSON.stringify([...table.values()])).update(components.join()).update(`render-v3 ${result.site.siteUrl ?? ''}`);
        for (const f of SAFETY_SOURCES) hash.update(readFileSync(new URL(f, import.meta.url)));
        const digest = hash.digest('hex').slice(0, 16);
        updateConfig({
          markdown: {
            remarkPlugins: [[remarkSafe, { components }], [remarkDossier, { resolve, digest }]],
            // Sanitise first; then mark external links (their classes and marks are our own markup).
            rehypePlugins: [rehypeSafe, [rehypeExternalLinks, { siteUrl: result.site.siteUrl }]],
          },
        });
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': () => {
        // From here on Astro overwrites the output folder; a build that then fails
        // (a page, a post-build step) would leave it half-written: remove it instead.
        // A build stopped by the check (config:setup, earlier) leaves the previous one.
        process.once('exit', (code) => {
          if (code === 0 || !outDir) return;
          rmSync(outDir, { recursive: true, force: true });
          console.error(`The build failed: ${outDir} was removed, so that no half-built site can be published.`);
        });
        // With an output folder outside the working directory, Astro builds in ./.astro/
        // and then copies all of it into the output (its generated collections/ and
        // content-*.mjs files too): note what is there now, to remove it afterwards.
        const fallback = path.join(process.cwd(), '.astro');
        if (outDir && !outDir.startsWith(process.cwd() + path.sep) && existsSync(fallback)) dotAstro = readdirSync(fallback);
      },
      'astro:build:done': () => {
        for (const name of dotAstro) rmSync(path.join(outDir!, name), { recursive: true, force: true });
      },
    },
  };
}
