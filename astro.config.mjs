// @ts-check
import { defineConfig } from 'astro/config';
import { csp } from './src/integrations/csp.ts';
import { dossier } from './src/integrations/dossier.ts';
import { search } from './src/integrations/search.ts';
import { offline } from './src/integrations/offline.ts';

// Privacy: the project's commands (dev, build, sync, check, preview) send no telemetry and
// make no update check ("New version of Astro available" asks the npm registry on every
// `astro dev`). Off by default here; README.md, "Privacy".
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
process.env.ASTRO_DISABLE_UPDATE_CHECK ??= 'true';
import { publishing } from './src/integrations/publish.ts';

const publishSteps = publishing();

export default defineConfig({
  // Canonical URLs come from dossier.yml's siteUrl; this is only Astro's fallback.
  site: process.env.DOSSIER_SITE_URL || undefined,
  outDir: process.env.DOSSIER_OUT_DIR || './dist',
  // Separate caches let tests build several dossiers without sharing a content store.
  cacheDir: process.env.DOSSIER_CACHE_DIR || './node_modules/.astro',
  trailingSlash: 'always',
  // Several pages at a time: while a page is written, or secured on a worker thread
  // (src/pipeline/render-time.ts), the next ones render. On 2 cores, 1k entries: pages in
  // 7.2-8.3 s one at a time, 4.6-6.1 s with 4 to 16; at 10k, 32 was slower than 8.
  // Nothing a page shows depends on the order pages finish.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 8 },
  // No prefetch, no client router: both need fetch(), which file:// refuses.
  prefetch: false,
  devToolbar: { enabled: false },
  // Post-build steps run in this order: search index, CSP (hashes of each page's inline
  // scripts), then the offline edition (which re-applies the policy to the pages it rewrites).
  // The build is written into a staging folder (publishSteps.staging, first: it carries the last
  // output's pages over), which replaces outDir only after all of them succeeded
  // (publishSteps.publish, last; src/integrations/publish.ts).
  integrations: [publishSteps.staging, dossier(), search(), csp(), offline(), publishSteps.publish],
  // Entry bodies never reach Astro's Markdown: the dossier's loader renders them
  // (src/pipeline/render-body.ts). This only keeps Astro from loading a highlighter.
  markdown: { syntaxHighlight: false },
  vite: { build: { assetsInlineLimit: 0 } },
  // Writes .astro/collections/*.schema.json and a file→collection map that the Astro
  // VS Code extension uses for frontmatter completion and errors (see CONTRIBUTING.md).
  // Incremental builds: an entry page whose key (src/data/dossier.ts, pageKey) and code are
  // unchanged is copied from the last build's output instead of being rendered again.
  experimental: { contentIntellisense: true, incrementalBuild: true },
});
