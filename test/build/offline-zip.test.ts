/**
 * The offline zip is reproducible: a second build of the same dossier, in another
 * folder with a cold cache, gives the same bytes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDossier, distOf, FIXTURES } from '../helpers/build.ts';

describe('the offline zip', () => {
  it('is byte for byte the same when the dossier is built again', () => {
    const again = buildDossier('mini-again', FIXTURES.mini);
    expect(again.status, again.output.slice(-2000)).toBe(0);
    const a = readFileSync(path.join(distOf('mini'), 'dossier-offline.zip'));
    const b = readFileSync(path.join(again.dist, 'dossier-offline.zip'));
    expect(b.length).toBeGreaterThan(1000);
    expect(b.equals(a)).toBe(true);
  }, 180_000);
});
