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
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { applyCsp, type CspOptions } from '../domain/csp.ts';

/** Every .html file under dir, sorted (a stable order: the same build, the same log). */
export function htmlFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.html'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** Replaces a file's content at once (write aside, then rename), never half-written. */
export function replaceFile(file: string, content: string) {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

/** Applies the policy to every page of a built site; returns the problems found, by page. */
export function applyCspToDir(dir: string, options: CspOptions = {}): string[] {
  const problems: string[] = [];
  for (const file of htmlFiles(dir)) {
    const result = applyCsp(readFileSync(file, 'utf8'), options);
    const page = path.relative(dir, file).split(path.sep).join('/');
    for (const p of result.problems) problems.push(`${page}: ${p}`);
    replaceFile(file, result.html);
  }
  return problems;
}

export function csp(): AstroIntegration {
  return {
    name: 'dossier-csp',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const problems = applyCspToDir(out);
        if (problems.length) {
          const shown = problems.slice(0, 30).join('\n');
          const more = problems.length > 30 ? `\n… and ${problems.length - 30} more` : '';
          // A plain list and a plain exit (the build's exit handler removes the output).
          console.error(`\n${shown}${more}\n\nThe built pages hold ${problems.length} unsafe construct(s); the build is refused. These come from templates or scripts, not content: fix them in src/.`);
          process.exit(1);
        }
        logger.info(`Content-Security-Policy written into ${htmlFiles(out).length} page(s)`);
      },
    },
  };
}
