/**
 * The security policy step: each page's Content-Security-Policy meta tag, with the
 * hashes of that page's own inline scripts and styles (src/domain/csp.ts), is written
 * as the page is rendered (src/middleware.ts, src/pipeline/render-time.ts); after the
 * build this step stops it if a page held an inline event handler, a javascript: URL
 * or a resource from another site, and secures any HTML file that was not rendered.
 *
 * Order of post-build steps (astro.config.mjs): search → csp → offline. The offline
 * copies were made with their own policy (file: allowed, their hashes), as the pages were.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { CspOptions } from '../domain/csp.ts';
import { inertText } from '../domain/problems.ts';
import { htmlFiles, reusingReader } from '../pipeline/files.ts';
import { codeFingerprint } from '../pipeline/page-cache.ts';
import { inOrder, poolSize, runOnPagePool } from '../pipeline/page-pool.ts';
import { adoptRestoredPages, renderedSite } from '../pipeline/render-time.ts';
import { carriedPageKey } from '../pipeline/carried-pages.ts';

export interface CspStepResult {
  /** What must not be published, as "page: problem", in page order. */
  problems: string[];
  pages: number;
  /** Pages whose policy came from the cache (unchanged since the last build). */
  fromCache: number;
}

/**
 * Applies the policy to every page of a built site, on worker threads when the site
 * is large (page-pool.ts), reusing the last build's work for unchanged pages when
 * given a cache folder (page-cache.ts).
 */
export async function applyCspToDir(dir: string, options: CspOptions = {}, run: { workers?: number; cacheDir?: string; files?: string[] } = {}): Promise<CspStepResult> {
  const files = run.files ?? htmlFiles(dir);
  const cache = run.cacheDir ? { dir: path.join(run.cacheDir, 'dossier-csp'), fingerprint: codeFingerprint('csp') } : undefined;
  const { result: problems, fromCache } = await runOnPagePool({ distDir: dir, cache }, run.workers ?? poolSize(files.length), async (pool) => {
    const found: string[] = [];
    let i = 0;
    for await (const pageProblems of inOrder(files, (file) => pool.run({ kind: 'csp', file, options }), pool.width)) {
      const page = path.relative(dir, files[i++]).split(path.sep).join('/');
      // Page paths come from entry ids and problems may quote a page: one inert line each.
      for (const p of pageProblems) found.push(inertText(`${page}: ${p}`));
    }
    return found;
  });
  return { problems, pages: files.length, fromCache };
}

export function csp(): AstroIntegration {
  let cacheDir: string | undefined;
  return {
    name: 'dossier-csp',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const started = performance.now();
        // Pages got their policy as they were rendered (src/middleware.ts); any other HTML
        // file in the output (none, unless something writes one) gets it here.
        const rendered = renderedSite();
        const unrendered = htmlFiles(out).map((f) => path.relative(out, f).split(path.sep).join('/')).filter((rel) => !rendered.secured.has(rel));
        // Pages Astro's incremental build restored, as this process published them before. A
        // page carried over from the last output is known by the key it was published with;
        // others are read as bytes into one buffer: the key hashes the page's UTF-8, and
        // decoding (or allocating for) 10,000 pages costs seconds.
        const rest = adoptRestoredPages(out, unrendered, reusingReader(), carriedPageKey).map((rel) => path.join(out, rel));
        const late = rest.length ? await applyCspToDir(out, {}, { cacheDir, files: rest }) : { problems: [], pages: 0, fromCache: 0 };
        // In page order: pages render several at a time (astro.config.mjs, build.concurrency).
        const found = [...rendered.problems].sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : 0));
        const problems = [...found.map((p) => inertText(`${p.page}: ${p.problem}`)), ...late.problems];
        const pages = rendered.secured.size + late.pages;
        const restored = rendered.restored ? `, ${rendered.restored} restored unchanged from the last build (${rendered.restoredByKey} by the key they were published with)` : '';
        const fromCache = late.fromCache;
        if (problems.length) {
          const shown = problems.slice(0, 30).join('\n');
          const more = problems.length > 30 ? `\n… and ${problems.length - 30} more` : '';
          // A plain list and a plain exit (the previous output stays; see src/integrations/publish.ts).
          console.error(`\n${shown}${more}\n\nThe built pages hold ${problems.length} unsafe construct(s); the build is refused. These come from templates or scripts, not content: fix them in src/.`);
          process.exit(1);
        }
        logger.info(`Content-Security-Policy written into ${pages} page(s) (${rendered.secured.size - rendered.restored} as they were rendered${restored}: ${rendered.scanned} scanned, ${rendered.parsed} parsed, policy and offline copy ${Math.round(rendered.ms)} ms${rendered.pool ? ` on ${rendered.pool.threads} worker thread(s), with ${rendered.pool.layouts} graph layout(s)` : ''}; ${late.pages} after, ${fromCache} of them unchanged since the last build) in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
