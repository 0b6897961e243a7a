/**
 * npm run check: validates the dossier in DOSSIER_CONTENT_DIR (default ./content)
 * without building the site. Prints every problem, one per line; exit 1 on errors.
 * Never writes a file.
 *
 * --format github (the default when GITHUB_ACTIONS=true) also prints each problem as a
 * GitHub Actions annotation, which shows it on the changed line of a pull request.
 * --format text turns that off.
 */
import path from 'node:path';
import { formatGithubAnnotation, formatProblem, inertText, problemCount } from '../src/domain/problems.ts';
import { checkDossier } from '../src/pipeline/check.ts';
import { contentRoot } from '../src/pipeline/load.ts';

const started = performance.now();
const root = contentRoot();
const format = outputFormat(process.argv.slice(2), process.env);
try {
  const result = await checkDossier(root);
  const shown = path.relative(process.cwd(), root) || '.';
  const prefix = `${shown}/`;
  for (const p of result.problems) console.log(formatProblem(p, prefix));
  if (format === 'github') for (const p of result.problems) console.log(formatGithubAnnotation(p, prefix));
  const ms = Math.round(performance.now() - started);
  const summary = `${result.inventory?.entries.length ?? result.entries.length} entries checked in ${ms} ms: ${problemCount(result.errors)} error(s), ${problemCount(result.warnings)} warning(s)`;
  if (result.errors.length) {
    console.log(`\n${summary}. Fix the lines above and run npm run check again.`);
    process.exit(1);
  }
  console.log(summary);
} catch (err) {
  // A crash here is our bug, not the contributor's: say so plainly, without a stack.
  // The error's message may quote content: inert, like every problem line.
  console.error(`npm run check failed unexpectedly: ${inertText(String((err as Error)?.message ?? err))}\nPlease report this with the file you last changed.`);
  process.exit(2);
}

function outputFormat(args: string[], env: Record<string, string | undefined>): 'text' | 'github' {
  const i = args.findIndex((a) => a === '--format' || a.startsWith('--format='));
  if (i < 0) return env.GITHUB_ACTIONS === 'true' ? 'github' : 'text';
  const value = args[i] === '--format' ? args[i + 1] : args[i].slice('--format='.length);
  if (value === 'text' || value === 'github') return value;
  console.error(`unknown --format "${inertText(value ?? '')}": use --format text or --format github`);
  process.exit(2);
}
