/**
 * A cache for the post-build steps' per-page work, so a rebuild after a small change
 * redoes only the pages whose HTML changed. An entry is found by a hash of the page's
 * HTML together with a fingerprint of everything else its result depends on: the
 * project's code and lockfile, and what the step adds (e.g. the site's file list).
 *
 * Generations keep it from growing: a build reads the previous generation, moves
 * every entry it uses (or makes) into the next one, and the next replaces the
 * previous when the step has finished. A step that fails leaves the previous
 * generation as it was. Safe from several threads: each entry is one file, written
 * aside and renamed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { readPackFile, writePackFile } from './pack-file.ts';
import { processValue } from './process-value.ts';

/** Where a step's cache lives, and what its results depend on besides the page. */
export interface PageCacheSetup {
  /** The step's cache folder (it holds `current/` and, while the step runs, `next/`). */
  dir: string;
  /** Hash of the code and of the step's context: a different fingerprint, no hits. */
  fingerprint: string;
}

export class PageCache {
  hits = 0;
  private made = new Set<string>();
  private current: string;
  private next: string;

  constructor(private setup: PageCacheSetup) {
    this.current = path.join(setup.dir, 'current');
    this.next = path.join(setup.dir, 'next');
  }

  /** The key of a result: the fingerprint and what the result is made from (a page's HTML, a file's path and bytes). */
  key(...parts: (string | Uint8Array)[]): string {
    const hash = createHash('sha256').update(this.setup.fingerprint);
    for (const p of parts) hash.update('\0').update(p);
    return hash.digest('hex');
  }

  /** The stored result for this key, kept for the next generation; undefined when absent. */
  get(key: string): Buffer | undefined {
    const from = this.file(this.current, key);
    let data: Buffer;
    try {
      data = readFileSync(from);
    } catch {
      return undefined;
    }
    const to = this.file(this.next, key);
    // Failing to move it: two pages with the same HTML, the first one moved it.
    this.folder(to, () => { try { renameSync(from, to); } catch { writeFileSync(to, data); } });
    this.hits++;
    return data;
  }

  put(key: string, data: Uint8Array | string) {
    const to = this.file(this.next, key);
    const temp = `${to}.${process.pid}.${threadId}.tmp`;
    this.folder(to, () => writeFileSync(temp, data));
    renameSync(temp, to);
  }

  /**
   * Makes the folder of an entry's file, once per folder (a rebuild moves 10,000 entries
   * into 256 folders); made again if it went since (a new generation).
   */
  private folder(file: string, write: () => void) {
    const dir = path.dirname(file);
    if (!this.made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.made.add(dir);
    }
    try {
      write();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || existsSync(dir)) throw error;
      mkdirSync(dir, { recursive: true });
      write();
    }
  }

  private file(generation: string, key: string) {
    return path.join(generation, key.slice(0, 2), key);
  }

  /** Results kept together in one file of the generation (PackedResults), by name. */
  pack(name: string): PackedResults {
    return new PackedResults(this, path.join(this.current, `${name}.pack`), path.join(this.next, `${name}.pack`));
  }
}

/**
 * Many small results of one thread in one file of the cache's generation: the offline
 * zip's entries at 10,000 entries were 10,000 files, whose creating and renaming cost
 * seconds a build; one file costs milliseconds. Read whole at the start; what the build
 * used or made is written into the next generation by write().
 */
export class PackedResults {
  private previous = new Map<string, Buffer>();
  private kept = new Map<string, Uint8Array>();

  constructor(private cache: PageCache, from: string, private to: string) {
    const pack = readPackFile<string[]>(from);
    if (pack && pack.header.length === pack.parts.length) pack.header.forEach((key, i) => this.previous.set(key, pack.parts[i]));
  }

  get(key: string): Buffer | undefined {
    const hit = this.previous.get(key);
    if (hit) {
      this.kept.set(key, hit);
      this.cache.hits++;
    }
    return hit;
  }

  put(key: string, data: Uint8Array) {
    this.kept.set(key, data);
  }

  /** Into the next generation, which the step's end makes the current one. */
  write() {
    writePackFile(this.to, [...this.kept.keys()], [...this.kept.values()]);
  }
}

/** Before a step: an empty next generation (a failed run may have left one). */
export function beginGeneration(dir: string) {
  rmSync(path.join(dir, 'next'), { recursive: true, force: true });
  mkdirSync(path.join(dir, 'next'), { recursive: true });
}

/** After a step has succeeded: the entries it used become the cache; the others go. */
export function endGeneration(dir: string) {
  const current = path.join(dir, 'current');
  const old = path.join(dir, `old-${process.pid}`);
  if (existsSync(current)) renameSync(current, old);
  renameSync(path.join(dir, 'next'), current);
  rmSync(old, { recursive: true, force: true });
}

/** Removes the next generation of a step that failed. */
export function abandonGeneration(dir: string) {
  rmSync(path.join(dir, 'next'), { recursive: true, force: true });
}

const SRC_DIR = fileURLToPath(new URL('../', import.meta.url));

// The code does not change during a build: hashed once per process, for every step.
let sourceHash: string | undefined;

function hashSource(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) hash.update(path.relative(SRC_DIR, full)).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  walk(SRC_DIR);
  const lock = path.join(SRC_DIR, '../package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return hash.digest('hex');
}

/**
 * A hash of the project's source (src/) and lockfile, and of the extra context given:
 * any change to the code or to a dependency makes every entry a miss.
 */
export function codeFingerprint(...context: string[]): string {
  sourceHash ??= hashSource();
  const hash = createHash('sha256').update(sourceHash);
  for (const c of context) hash.update('\0').update(c);
  return hash.digest('hex');
}

const shared = processValue<string>('dossier.codeFingerprint');

/**
 * The code's fingerprint for the pages: taken where src/ is the source (the build's
 * integrations, at startup) and shared with the page code in this process, which runs
 * from Astro's bundle (where hashing "src/" would hash that bundle, which differs on
 * every build). Undefined until an integration has shared it.
 */
export function sharedCodeFingerprint(take = false): string | undefined {
  if (take) shared.once(() => codeFingerprint('pages'));
  return shared.get();
}

/**
 * A page's change from input to output as one splice (common start and end kept), so
 * the cache stores what a step added to a page, not the page again.
 */
export interface Splice { start: number; end: number; text: string }

export function spliceBetween(before: string, after: string): Splice {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { start, end, text: after.slice(start, after.length - end) };
}

export function applySplice(before: string, s: Splice): string {
  return before.slice(0, s.start) + s.text + before.slice(before.length - s.end);
}
