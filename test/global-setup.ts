/**
 * Builds each shared dossier once per test run. Test files read test/.cache/<name>/dist.
 * A failing build fails the run with Astro's output, not a timeout later.
 */
import { rmSync } from 'node:fs';
import { buildDossier, FIXTURE_ENV, FIXTURES, OUTSIDE_DIST, type FixtureName } from './helpers/build.ts';

export default function setup() {
  for (const [name, dir] of Object.entries(FIXTURES)) {
    const started = Date.now();
    const r = buildDossier(name, dir, FIXTURE_ENV[name as FixtureName]);
    if (r.status !== 0) throw new Error(`Building the ${name} dossier failed:\n${r.output.slice(-4000)}`);
    console.log(`built ${name} dossier in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  // The determinism test compares this second build of mini, made outside the project.
  rmSync(OUTSIDE_DIST, { recursive: true, force: true });
  const r = buildDossier('mini-outside', FIXTURES.mini, { DOSSIER_OUT_DIR: OUTSIDE_DIST });
  if (r.status !== 0) throw new Error(`Building the mini dossier outside the project failed:\n${r.output.slice(-4000)}`);
}
