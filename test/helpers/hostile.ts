/**
 * The hostile corpus (test/fixtures/hostile/): one folder per attack, laid over a small
 * valid dossier (one source, one actor), with expected.txt holding the exact error
 * lines the check prints (formatProblem, no root prefix), or "no errors" for input that
 * is accepted and must come out inert. A case may have links.json,
 * { "<path in the dossier>": "<target>" }: symbolic links are not committed, so they
 * are made here; `{{outside}}` in a target stands for a folder outside the dossier
 * holding secret.txt and secret.png, which must never be published.
 *
 * Accepted cases name their files uniquely across the corpus (events/<case>.md …), so
 * that all of them can also be built together into one site.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeDossier } from './dossier.ts';
import { png } from './images.ts';

export const HOSTILE = path.resolve(import.meta.dirname, '../fixtures/hostile');
/** Text that only the folder outside the dossier holds. */
export const SECRET = 'SECRET-OUTSIDE-THE-DOSSIER';
const AUX = new Set(['expected.txt', 'links.json', 'README.md']);

export interface HostileCase {
  name: string;
  dir: string;
  /** The exact error lines, or [] for an accepted case. */
  expected: string[];
  accepted: boolean;
}

export function hostileCases(): HostileCase[] {
  return readdirSync(HOSTILE).sort().map((name) => {
    const dir = path.join(HOSTILE, name);
    const text = readFileSync(path.join(dir, 'expected.txt'), 'utf8').replace(/\n$/, '');
    const accepted = text === 'no errors';
    return { name, dir, expected: accepted ? [] : text.split('\n'), accepted };
  });
}

/** A folder outside every dossier, with what a link out of one would reach. */
export function makeOutside(): string {
  const outside = mkdtempSync(path.join(tmpdir(), 'dossier-outside-'));
  writeFileSync(path.join(outside, 'secret.txt'), `${SECRET}\n`);
  writeFileSync(path.join(outside, 'secret.png'), png(3, 2));
  mkdirSync(path.join(outside, 'folder'));
  writeFileSync(path.join(outside, 'folder', 'leak.md'), `---\ntitle: ${SECRET}\n---\n${SECRET}\n`);
  return outside;
}

/** Lays one case (or several accepted ones) over a fresh base dossier. */
export function layHostileCase(cases: HostileCase | HostileCase[], outside = makeOutside()): { root: string; outside: string; cleanup: () => void } {
  const root = makeDossier({});
  for (const c of [cases].flat()) {
    for (const name of readdirSync(c.dir)) {
      if (!AUX.has(name)) cpSync(path.join(c.dir, name), path.join(root, name), { recursive: true });
    }
    const links = path.join(c.dir, 'links.json');
    if (existsSync(links)) {
      for (const [at, target] of Object.entries(JSON.parse(readFileSync(links, 'utf8')) as Record<string, string>)) {
        const full = path.join(root, at);
        mkdirSync(path.dirname(full), { recursive: true });
        symlinkSync(target.replaceAll('{{outside}}', outside), full);
      }
    }
  }
  return { root, outside, cleanup: () => { rmSync(root, { recursive: true, force: true }); rmSync(outside, { recursive: true, force: true }); } };
}
