/**
 * The content folder is a jail (src/pipeline/content-files.ts): each folder in
 * test/fixtures/hostile/ is laid over a small valid dossier (test/helpers/hostile.ts),
 * with the links its links.json names, and checked. expected.txt holds the exact,
 * complete list of error lines. No case may run anything: a canary script writes
 * DOSSIER_CANARY if it ever runs.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/domain/problems.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { expectedLines, HOSTILE_CORPUS, layHostileCase, type HostileCase } from '../helpers/hostile.ts';

const cases = readdirSync(HOSTILE_CORPUS).sort();
let laid: HostileCase | undefined;
const saved = process.env.DOSSIER_CANARY;

afterEach(() => {
  laid?.cleanup();
  laid = undefined;
  if (saved === undefined) delete process.env.DOSSIER_CANARY;
  else process.env.DOSSIER_CANARY = saved;
});

describe('hostile corpus: the content folder is a jail (test/fixtures/hostile)', () => {
  it.each(cases)('%s', async (name) => {
    const dir = path.join(HOSTILE_CORPUS, name);
    laid = layHostileCase(dir);
    process.env.DOSSIER_CANARY = laid.canary;
    const result = await checkDossier(laid.root);
    const errors = result.errors.map((p) => formatProblem(p));
    expect(errors).toEqual(expectedLines(dir));
    expect(errors.join('\n')).not.toContain('SECRET');
    expect(existsSync(laid.canary)).toBe(false);
  });
});
