/**
 * Hostile cases for the budget, raw-HTML and integrity checks: every folder in
 * test/fixtures/hostile/ is laid over the small valid dossier of makeDossier and
 * checked; expected.txt holds the exact, full list of error lines as formatProblem
 * prints them, in order ("no errors" for input that is accepted). Each case must
 * also be checked quickly, whatever its content.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/domain/problems.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { makeDossier } from '../helpers/dossier.ts';

const CORPUS = path.resolve(import.meta.dirname, '../fixtures/hostile');
const cases = readdirSync(CORPUS).sort();

async function errorLines(name: string): Promise<string[]> {
  const root = makeDossier({});
  cpSync(path.join(CORPUS, name), root, { recursive: true, filter: (src) => path.basename(src) !== 'expected.txt' });
  const result = await checkDossier(root);
  return result.errors.map((p) => formatProblem(p));
}

describe('hostile corpus (test/fixtures/hostile)', () => {
  it.each(cases)('%s', async (name) => {
    const expected = readFileSync(path.join(CORPUS, name, 'expected.txt'), 'utf8').trim();
    const started = performance.now();
    const lines = await errorLines(name);
    const ms = performance.now() - started;
    expect(lines.length ? lines.join('\n') : 'no errors').toBe(expected);
    expect(ms).toBeLessThan(10_000); // generous: the budgets keep each well under 2 s on an idle machine
  });
});
