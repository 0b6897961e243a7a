/**
 * The bad-input corpus: every folder in test/fixtures/bad/ is laid over a small
 * valid dossier (one source, one actor) and checked. expected.txt holds the exact
 * problem line the contributor must see, or "no errors" for input that is accepted
 * (and made safe). More cases, written inline, are in check.test.ts.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/domain/problems.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { MAX_FILE_BYTES } from '../../src/pipeline/frontmatter.ts';
import { EVENT, makeDossier } from '../helpers/dossier.ts';

const CORPUS = path.resolve(import.meta.dirname, '../fixtures/bad');
const cases = readdirSync(CORPUS).sort();

async function checkCase(name: string) {
  const root = makeDossier({});
  const dir = path.join(CORPUS, name);
  // expected.txt is the case's answer, not part of the dossier (a stray file at its root).
  cpSync(dir, root, { recursive: true, filter: (src) => src !== path.join(dir, 'expected.txt') });
  const result = await checkDossier(root);
  return result.problems.filter((p) => p.severity === 'error').map((p) => formatProblem(p));
}

describe('bad-input corpus (test/fixtures/bad)', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s', async (name) => {
    const expected = readFileSync(path.join(CORPUS, name, 'expected.txt'), 'utf8').trim();
    const errors = await checkCase(name);
    if (expected === 'no errors') expect(errors).toEqual([]);
    else expect(errors.join('\n')).toContain(expected);
  });

  it('an oversized file is refused before it is read', async () => {
    const root = makeDossier({ 'events/e.md': EVENT('', 'x'.repeat(MAX_FILE_BYTES)) });
    const result = await checkDossier(root);
    expect(result.errors.map((p) => formatProblem(p))).toContain('events/e.md  the file is 513 KB; entries may be at most 512 KB (split it into several entries)');
  });
});
