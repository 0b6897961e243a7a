/** Writes a small dossier into a temporary folder for a test. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const SOURCE = `---\ntitle: Report A\nkind: news-article\n---\n`;
export const ACTOR = (extra = '') => `---\nname: Group A\nkind: armed-group\nsources: [report-a]\n${extra}---\nBody.\n`;
export const EVENT = (extra = '', body = 'Body.') => `---\ntitle: Clash\ndate: 2017-11-03\nsources: [report-a]\n${extra}---\n${body}\n`;

/** A valid base (one source, one actor) plus the given files, keyed by path in the content root. */
export function makeDossier(files: Record<string, string | Uint8Array>, base = true): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dossier-'));
  const all: Record<string, string | Uint8Array> = base ? { 'sources/report-a.md': SOURCE, 'actors/group-a.md': ACTOR(), ...files } : files;
  for (const [rel, content] of Object.entries(all)) {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}
