/**
 * npm run check: validates the dossier in DOSSIER_CONTENT_DIR (default ./content)
 * without building the site. Prints every problem, one per line; exit 1 on errors.
 * Never writes a file.
 */
import path from 'node:path';
import { formatProblem } from '../src/domain/problems.ts';
import { checkDossier } from '../src/pipeline/check.ts';
import { contentRoot } from '../src/pipeline/load.ts';

const started = performance.now();
const root = contentRoot();
try {
  const result = await checkDossier(root);
  const shown = path.relative(process.cwd(), root) || '.';
  const prefix = `${shown}/`;
  for (const p of result.problems) console.log(formatProblem(p, prefix));
  const ms = Math.round(performance.now() - started);
  const summary = `${result.entries.length} entries checked in ${ms} ms: ${result.errors.length} error(s), ${result.warnings.length} warning(s)`;
  if (result.errors.length) {
    console.log(`\n${summary}. Fix the lines above and run npm run check again.`);
    process.exit(1);
  }
  console.log(summary);
} catch (err) {
  // A crash here is our bug, not the contributor's: say so plainly, without a stack.
  console.error(`npm run check failed unexpectedly: ${(err as Error).message}\nPlease report this with the file you last changed.`);
  process.exit(2);
}
