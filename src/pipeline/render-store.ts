/**
 * Renders of entry bodies kept between builds, one JSON file per collection in the
 * cache folder (dossier-bodies/<collection>.json): what Astro's content store kept
 * before a build left renders out of it (shared-reading.ts). An entry whose digest (its
 * file, the code, ids and labels, images) and path are unchanged keeps its render. A
 * cache only: a file that is missing, unreadable or of another shape is as good as none.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StoredRender } from './shared-reading.ts';

export interface KeptRender {
  digest: string;
  filePath: string;
  rendered: StoredRender;
}

const FOLDER = 'dossier-bodies';

function fileOf(cacheDir: string, collection: string): string {
  return path.join(cacheDir, FOLDER, `${collection}.json`);
}

/** True when an earlier build kept renders in this cache folder. */
export function hasKeptRenders(cacheDir: string): boolean {
  return existsSync(path.join(cacheDir, FOLDER));
}

export function readRenders(cacheDir: string, collection: string): Map<string, KeptRender> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(fileOf(cacheDir, collection), 'utf8'));
    if (!Array.isArray(parsed)) return new Map();
    return new Map(parsed.filter(isKept).map((k) => [k[0], k[1]]));
  } catch {
    return new Map();
  }
}

/** Replaces the collection's file (written aside, then renamed: never half a file). */
export function writeRenders(cacheDir: string, collection: string, renders: ReadonlyMap<string, KeptRender>): void {
  const file = fileOf(cacheDir, collection);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify([...renders]));
    renameSync(`${file}.tmp`, file);
  } catch {
    // A cache that cannot be written costs the next build time, not correctness.
  }
}

function isKept(x: unknown): x is [string, KeptRender] {
  if (!Array.isArray(x) || typeof x[0] !== 'string') return false;
  const k = x[1] as Partial<KeptRender> | undefined;
  return typeof k?.digest === 'string' && typeof k.filePath === 'string' && typeof k.rendered?.html === 'string' && Array.isArray(k.rendered.metadata?.components);
}
