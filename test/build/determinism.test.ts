/**
 * Reproducible builds: building the same dossier again, into another folder with a
 * fresh cache, gives byte-identical files (no timestamps, random ids or unstable
 * ordering), so a reader or maintainer can verify a published build.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDossierAsync, CACHE, distOf, FIXTURES, hashTree, OUTSIDE_DIST } from '../helpers/build.ts';

describe('deterministic builds', () => {
  it('a second clean build of the mini dossier under another name (its bodies rendered in a worker process, its pages secured on a worker thread), and a third outside the project folder, are byte-identical to the first', async () => {
    rmSync(path.join(CACHE, 'mini-again'), { recursive: true, force: true });
    // What a large dossier gets, on this small one: the workers must not change a byte.
    const again = await buildDossierAsync('mini-again', FIXTURES.mini, { DOSSIER_WORKERS: '1' });
    expect(again.status, again.output.slice(-2000)).toBe(0);
    expect(again.output).toMatch(/bodies rendered in worker processes/);
    expect(again.output).toMatch(/policy and offline copy \d+ ms on 1 worker thread\(s\), with [1-9]\d* graph layout\(s\)/);
    const first = hashTree(distOf('mini'));
    expect(Object.keys(first).length).toBeGreaterThan(5);
    expect(Object.keys(first)).toContain('dossier-offline.zip'); // the offline edition is compared too
    expect(hashTree(again.dist)).toEqual(first);
    // Built by the global setup outside the project: Astro's own generated files
    // (collections/, content-*.mjs) must not end up in it or its zip, and the zip's
    // scripts must be bundled the same way.
    expect(hashTree(OUTSIDE_DIST)).toEqual(first);
  }, 600_000);
});
