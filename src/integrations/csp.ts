/**
 * Post-build step: writes each page's Content-Security-Policy meta tag, with the
 * hashes of that page's own inline scripts and styles (src/domain/csp.ts), and stops
 * the build if a page holds an inline event handler, a javascript: URL or a resource
 * from another site.
 *
 * Order of post-build steps (astro.config.mjs): pagefind → csp → offline. The
 * offline edition rewrites pages (classic scripts, relative URLs) and recomputes each
 * page's policy on its tree (securePageTree), so the hashes match.
 * (Securing each page as Pagefind reads it, to overlap the two, was tried: no faster,
 * Pagefind's time is spent in this process too.)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { CspOptions } from '../domain/csp.ts';
import { inertText } from '../domain/problems.ts';
import { htmlFiles } from '../pipeline/files.ts';
import { codeFingerprint } from '../pipeline/page-cache.ts';
import { inOrder, poolSize, runOnPagePool } from '../pipeline/page-pool.ts';

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
export async function applyCspToDir(dir: string, options: CspOptions = {}, run: { workers?: number; cacheDir?: string } = {}): Promise<CspStepResult> {
  const files = htmlFiles(dir);
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
        const { problems, pages, fromCache } = await applyCspToDir(out, {}, { cacheDir });
        if (problems.length) {
          const shown = problems.slice(0, 30).join('\n');
          const more = problems.length > 30 ? `\n… and ${problems.length - 30} more` : '';
          // A plain list and a plain exit (the previous output stays; see src/integrations/publish.ts).
          console.error(`\n${shown}${more}\n\nThe built pages hold ${problems.length} unsafe construct(s); the build is refused. These come from templates or scripts, not content: fix them in src/.`);
          process.exit(1);
        }
        logger.info(`Content-Security-Policy written into ${pages} page(s) (${fromCache} unchanged since the last build) in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
