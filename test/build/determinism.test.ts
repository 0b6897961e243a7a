/**
 * Reproducible builds: building the same dossier again, into another folder with a
 * fresh cache, gives byte-identical files (no timestamps, random ids or unstable
 * ordering), so a reader or maintainer can verify a published build.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDossierAsync, CACHE, distOf, FIXTURES } from '../helpers/build.ts';

/** sha256 of every file, by path relative to the folder. */
function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const full = path.join(dir, rel);
    if (statSync(full).isFile()) out[rel.split(path.sep).join('/')] = createHash('sha256').update(readFileSync(full)).digest('hex');
  }
  return out;
}

describe('deterministic builds', () => {
  it('a second clean build of the mini dossier, under another name, is byte-identical to the first', async () => {
    rmSync(path.join(CACHE, 'mini-again'), { recursive: true, force: true });
    const again = await buildDossierAsync('mini-again', FIXTURES.mini);
    expect(again.status, again.output.slice(-2000)).toBe(0);
    const first = hashTree(distOf('mini'));
    const second = hashTree(again.dist);
    expect(Object.keys(first).length).toBeGreaterThan(5);
    expect(Object.keys(first)).toContain('dossier-offline.zip'); // the offline edition is compared too
    expect(second).toEqual(first);
  }, 600_000);
});
