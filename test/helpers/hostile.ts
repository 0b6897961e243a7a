/**
 * Lays a hostile case (test/fixtures/hostile/<case>/) over a small valid dossier.
 * A case is a content overlay plus:
 * - expected.txt: the exact error lines (not copied into the dossier);
 * - links.json (optional): { "<path in dossier>": "<target>" }, symbolic links the
 *   harness makes (git would not keep them portably). In a target, {{outside}}
 *   stands for a folder outside the dossier holding secret.txt ("SECRET") and
 *   secret.png (a real PNG), the things a link would leak.
 * Each case also gets a canary path (DOSSIER_CANARY): a case's script writes it if
 * ever run, so a test can prove nothing was.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeDossier } from './dossier.ts';
import { png } from './images.ts';

export const HOSTILE_CORPUS = path.resolve(import.meta.dirname, '../fixtures/hostile');
/** Files of a case folder that describe the case rather than belong to the dossier. */
const CASE_FILES = ['expected.txt', 'links.json'];

export interface HostileCase {
  root: string;
  /** Outside the dossier: secret.txt, secret.png. */
  outside: string;
  /** Where a canary script would write (inside outside/); absent unless something ran it. */
  canary: string;
  cleanup: () => void;
}

export function layHostileCase(caseDir: string): HostileCase {
  const root = makeDossier({});
  const outside = mkdtempSync(path.join(tmpdir(), 'dossier-outside-'));
  writeFileSync(path.join(outside, 'secret.txt'), 'SECRET');
  writeFileSync(path.join(outside, 'secret.png'), png());
  cpSync(caseDir, root, { recursive: true, filter: (src) => !CASE_FILES.some((f) => src === path.join(caseDir, f)) });
  const links = path.join(caseDir, 'links.json');
  if (existsSync(links)) {
    for (const [at, target] of Object.entries(JSON.parse(readFileSync(links, 'utf8')) as Record<string, string>)) {
      const full = path.join(root, at);
      mkdirSync(path.dirname(full), { recursive: true });
      symlinkSync(target.replaceAll('{{outside}}', outside), full);
    }
  }
  return {
    root,
    outside,
    canary: path.join(outside, 'canary'),
    cleanup: () => {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    },
  };
}

/** The expected error lines of a case, one per line. */
export function expectedLines(caseDir: string): string[] {
  return readFileSync(path.join(caseDir, 'expected.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');
}
