/**
 * Unzips the offline edition into a temporary folder, as a reader would: one whose path
 * has spaces and non-ASCII letters, as readers' folders do (every URL must be encoded right).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';

export function unzipOffline(zipFile: string): { root: string; entries: string[] } {
  const root = mkdtempSync(path.join(tmpdir(), 'dossier offline, Übersicht é-'));
  const files = unzipSync(new Uint8Array(readFileSync(zipFile)));
  for (const [name, bytes] of Object.entries(files)) {
    if (name.endsWith('/')) continue;
    const full = path.join(root, name);
    if (!full.startsWith(root + path.sep)) throw new Error(`zip entry escapes the folder: ${name}`);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, bytes);
  }
  return { root, entries: Object.keys(files) };
}
