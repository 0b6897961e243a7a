/**
 * A cache for the post-build steps' per-page work, so a rebuild after a small change
 * redoes only the pages whose HTML changed. An entry is found by a hash of the page's
 * HTML together with a fingerprint of everything else its result depends on: the
 * project's code and lockfile, and what the step adds (e.g. the site's file list).
 *
 * Generations keep it from growing: a build reads the previous generation, writes
 * every entry it uses (or makes) into the next one, and the next replaces the previous
 * when the step has finished (a pack still mostly used goes on as it is, unused entries
 * and all: see flush). A step that fails leaves the previous generation as it was. Safe
 * from several threads: each thread appends to a pack file of its own (pack-file.ts),
 * put in place by flush(); a file per entry cost seconds at 10,000 pages in creating
 * and renaming alone.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { PackReader, PackWriter, readPackFile } from './pack-file.ts';
import { processValue } from './process-value.ts';

/** Where a step's cache lives, and what its results depend on besides the page. */
export interface PageCacheSetup {
  /** The step's cache folder (it holds `current/` and, while the step runs, `next/`). */
  dir: string;
  /** Hash of the code and of the step's context: a different fingerprint, no hits. */
  fingerprint: string;
}

/** The packs of a generation: one per thread that used the cache. */
const ENTRIES = /^entries\.[\w.-]+\.pack$/;
// Several caches of one folder in one thread each get a pack of their own.
let writers = 0;

/** A pack of the last generation, and which of its parts this thread used (part → key). */
interface LastPack { name: string; reader: PackReader<string[]>; used: Map<number, string> }
/** Packs smaller than this are copied rather than linked, so that they merge. */
const LINK_MIN = 1 << 20;

export class PageCache {
  hits = 0;
  private current: string;
  private next: string;
  private previous: Map<string, { pack: LastPack; part: number }> | undefined;
  private packs: LastPack[] = [];
  private writer: PackWriter | undefined;
  private kept: string[] = [];
  private keptKeys = new Set<string>();

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
    const at = this.index().get(key);
    if (!at) return undefined;
    if (!this.keptKeys.has(key)) {
      this.keptKeys.add(key);
      at.pack.used.set(at.part, key);
    }
    this.hits++;
    return at.pack.reader.part(at.part);
  }

  put(key: string, data: Uint8Array | string) {
    if (this.keptKeys.has(key)) return;
    this.keptKeys.add(key);
    this.write(key, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  }

  /**
   * Puts what this thread kept into the next generation, and closes the last one's files.
   * Each thread that used the cache calls it before the step ends. A last pack this thread
   * used at least half of goes on as it is (linked: a rebuild after a small change writes
   * no copy of the cache), unless it is small; of the others, the parts it used are copied
   * into its own pack. So small packs merge instead of piling up build after build.
   */
  flush() {
    for (const pack of this.packs) {
      const linked = pack.used.size > 0 && pack.used.size * 2 >= pack.reader.size && pack.reader.bytes >= LINK_MIN && this.link(pack.name);
      if (!linked) for (const [part, key] of pack.used) this.write(key, pack.reader.part(part));
    }
    this.writer?.close(this.kept);
    this.writer = undefined;
    this.kept = [];
    this.keptKeys.clear();
    for (const pack of this.packs) pack.reader.close();
    this.packs = [];
    this.previous = undefined;
  }

  private write(key: string, data: Uint8Array) {
    this.writer ??= new PackWriter(path.join(this.next, `entries.${process.pid}.${threadId}.${++writers}.pack`));
    this.writer.add(data);
    this.kept.push(key);
  }

  /** The last generation's pack, in the next one too (another thread may have linked it already). */
  private link(name: string): boolean {
    try {
      mkdirSync(this.next, { recursive: true });
      linkSync(path.join(this.current, name), path.join(this.next, name));
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EEXIST';
    }
  }

  /** The last generation's entries, by key: each pack's index, read on the first look-up. */
  private index() {
    if (this.previous) return this.previous;
    this.previous = new Map();
    let names: string[] = [];
    try {
      names = readdirSync(this.current).filter((n) => ENTRIES.test(n)).sort();
    } catch {
      // No last generation.
    }
    for (const name of names) {
      const reader = PackReader.open<string[]>(path.join(this.current, name));
      if (!reader) continue;
      if (!Array.isArray(reader.header) || reader.header.length !== reader.size) { reader.close(); continue; }
      const pack: LastPack = { name, reader, used: new Map() };
      this.packs.push(pack);
      reader.header.forEach((key, part) => { if (!this.previous!.has(key)) this.previous!.set(key, { pack, part }); });
    }
    return this.previous;
  }
}

/** The keys of a step's current generation (what the next build can find). */
export function cachedKeys(dir: string): Set<string> {
  const keys = new Set<string>();
  const current = path.join(dir, 'current');
  if (!existsSync(current)) return keys;
  for (const name of readdirSync(current).filter((n) => ENTRIES.test(n))) {
    for (const key of readPackFile<string[]>(path.join(current, name))?.header ?? []) keys.add(key);
  }
  return keys;
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
