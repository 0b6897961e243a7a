/**
 * Builds each shared dossier once per test run. Test files read test/.cache/<name>/dist.
 * A failing build fails the run with Astro's output, not a timeout later.
 */
import { buildDossier, FIXTURES } from './helpers/build.ts';

export default function setup() {
  for (const [name, dir] of Object.entries(FIXTURES)) {
    const started = Date.now();
    const r = buildDossier(name, dir);
    if (r.status !== 0) throw new Error(`Building the ${name} dossier failed:\n${r.output.slice(-4000)}`);
    console.log(`built ${name} dossier in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
