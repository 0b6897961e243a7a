import { defineConfig } from 'vitest/config';

// Two projects: "unit" needs no build; "site" shares dossiers built once by the
// global setup (test/global-setup.ts) and includes the browser tests.
export default defineConfig({
  test: {
    // Generous: browser tests walk many pages, and a loaded 2-core runner is slow.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/{domain,pipeline,schemas,content,integrations,client,scripts,bench}/**/*.test.ts'] } },
      { extends: true, test: { name: 'site', include: ['test/{site,browser,build}/**/*.test.ts'], globalSetup: ['test/global-setup.ts'] } },
    ],
  },
});
