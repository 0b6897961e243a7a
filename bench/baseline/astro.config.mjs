// @ts-check
/**
 * The bare baseline for `npm run bench`: a plain Astro 7 site rendering the same
 * pages from the same content with plain content collections (glob loader, simple
 * schema): no checks, no wikilinks or citations, no search, no offline edition.
 * Built with `astro build --root bench/baseline` using the repository's node_modules.
 */
import { defineConfig } from 'astro/config';
import { mark, writeStatsOnExit } from '../../src/pipeline/build-stats.ts';

// No telemetry, no update check (as in the project's own astro.config.mjs).
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
process.env.ASTRO_DISABLE_UPDATE_CHECK ??= 'true';

/** The same phase marks as the dossier integration, for the bench's phase table (no effect on the build). */
const marks = {
  name: 'bench-marks',
  hooks: {
    'astro:config:setup': () => { writeStatsOnExit(); mark('check:start'); mark('check:done'); },
    'astro:config:done': () => mark('config:done'),
    'astro:build:start': () => mark('build:start'),
    'astro:build:generated': () => mark('build:generated'),
  },
};

export default defineConfig({
  outDir: process.env.DOSSIER_OUT_DIR || './dist',
  cacheDir: process.env.DOSSIER_CACHE_DIR || './node_modules/.astro',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  prefetch: false,
  devToolbar: { enabled: false },
  integrations: [marks],
  markdown: { syntaxHighlight: false, smartypants: true },
});
