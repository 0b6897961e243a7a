/**
 * A rebuild starts from the last published output. Astro's incremental build keeps an
 * unchanged page by copying its cached copy into the output (a new, empty staging folder
 * here: src/pipeline/publish.ts), or, when the page is already there, by leaving it. So
 * before Astro generates, the last output's pages are hard-linked into the staging folder,
 * on a worker thread while the dossier is checked and synced: no page's bytes are copied.
 * At 10,000 entries, copying the 10,550 unchanged pages of a one-change rebuild cost about
 * half its pages phase, most of it the disk's and the kernel's.
 *
 * Three rules keep the last output as it was, and the new one right:
 * - Only an output this cache published is carried: a record written after the swap names
 *   the folder (device, inode, birth time) and its pages, and a build removes it as it starts, so after a
 *   failed build or another cache's build nothing is carried, and Astro copies as before.
 * - Nothing writes into a carried file: a page Astro renders again is unlinked first
 *   (src/pipeline/carried-pages.ts, from the middleware), and every later step replaces
 *   files (write aside, then rename).
 * - A carried page this build does not make (its entry was removed) is removed before the
 *   post-build steps, which would otherwise publish it.
 */
import { lstatSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { replaceFile } from './files.ts';

/** The record of the last output this cache published. */
export interface PublishedRecord {
  out: string;
  /** The folder's identity: device, inode and birth time (a folder made again may get the same inode). */
  dev: number;
  ino: number;
  birth: number;
  /** When it was published (ms): a page changed since was changed by hand, and is not carried. */
  at: number;
  /** Its pages, site-relative (actors/x/index.html). */
  pages: string[];
  /** The render cache's key of each page as published (render-time.ts), where known: a carried page is adopted by it, not read again. */
  keys?: Record<string, string>;
}

export const RECORD_FILE = 'dossier-published.json';

/** A site-relative page file as this module accepts it: no way out of the folder it is joined to. */
export function isPageFile(rel: string): boolean {
  return /^[^/\\\0]+(?:\/[^/\\\0]+)*$/.test(rel) && rel.endsWith('.html') && !rel.split('/').some((s) => s === '.' || s === '..');
}

/** The last output as this cache published it: its pages, when, and their keys in the render cache. */
export interface Published { pages: string[]; at: number; keys: Map<string, string> }

/** A render cache key (page-cache.ts: a SHA-256 in hex). */
const KEY = /^[0-9a-f]{64}$/;

/**
 * The last output's pages and when it was published, if this cache published the folder
 * now at `out`. The record is removed either way: until this build publishes, no output is
 * known to match the cache.
 */
export function takePublished(cacheDir: string, out: string): Published | undefined {
  const file = path.join(cacheDir, RECORD_FILE);
  let record: PublishedRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as PublishedRecord;
  } catch {
    return undefined;
  } finally {
    rmSync(file, { force: true });
  }
  try {
    const now = statSync(out);
    if (record.out !== out || now.dev !== record.dev || now.ino !== record.ino || now.birthtimeMs !== record.birth || typeof record.at !== 'number' || !Array.isArray(record.pages)) return undefined;
  } catch {
    return undefined;
  }
  const pages = record.pages.filter((p): p is string => typeof p === 'string' && isPageFile(p));
  const keyed = record.keys && typeof record.keys === 'object' ? record.keys : {};
  const keys = new Map(pages.flatMap((p): [string, string][] => (Object.hasOwn(keyed, p) && typeof keyed[p] === 'string' && KEY.test(keyed[p]) ? [[p, keyed[p]]] : [])));
  return { pages, at: record.at, keys };
}

/** After the swap: the output at `out` is this cache's, with these pages (and their keys in the render cache). */
export function recordPublished(cacheDir: string, out: string, pages: string[], keys: ReadonlyMap<string, string> = new Map()): void {
  const { dev, ino, birthtimeMs: birth } = statSync(out);
  const keyed = Object.fromEntries(pages.flatMap((p): [string, string][] => { const k = keys.get(p); return k ? [[p, k]] : []; }));
  const record: PublishedRecord = { out, dev, ino, birth, at: Date.now(), pages, keys: keyed };
  replaceFile(path.join(cacheDir, RECORD_FILE), JSON.stringify(record));
}

/** Pages being linked on a worker thread. */
export interface Carrying {
  /** The pages linked, once all are. */
  done: Promise<string[]>;
  /**
   * Stops the linking and returns once the worker makes no more links (at most a second):
   * for a build that ends before it has used them, so its staging folder can be removed.
   */
  stop(): void;
}

/**
 * Links each page of `from` to the same place in `to` (creating folders), on a worker
 * thread. A page that is not a plain file there, or was changed after `publishedAt`, is
 * skipped (Astro copies it from its cache, or renders it).
 */
export function carryPages(from: string, to: string, pages: string[], publishedAt = Infinity): Carrying {
  // [0] asks the worker to stop; [1] is set by the worker when it makes no more links.
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const done = new Promise<string[]>((resolve, reject) => {
    const worker = new Worker(new URL('./carry-over-worker.mjs', import.meta.url), { workerData: { from, to, pages, publishedAt, flags } });
    let linked = false;
    worker.once('message', (list: string[]) => { linked = true; resolve(list); });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      Atomics.store(flags, 1, 1);
      if (!linked) reject(new Error(`the last output's pages could not be carried into ${to} (worker exit code ${code})`));
    });
  });
  return {
    done,
    stop() {
      Atomics.store(flags, 0, 1);
      Atomics.wait(flags, 1, 0, 1000);
    },
  };
}

/**
 * Removes the carried pages this build did not make (`made`: site-relative files), and
 * the folders that leaves empty. Returns the pages removed.
 */
export function removeUnmade(folder: string, carried: Iterable<string>, made: ReadonlySet<string>): string[] {
  const dir = path.resolve(folder);
  const removed: string[] = [];
  for (const rel of carried) {
    if (made.has(rel)) continue;
    const file = path.join(dir, rel);
    // Only the link itself: a page that is somehow a folder now is not ours to remove.
    if (!lstatSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    unlinkSync(file);
    removed.push(rel);
    for (let d = path.dirname(file); d.length > dir.length && d.startsWith(dir + path.sep); d = path.dirname(d)) {
      try {
        rmdirSync(d);
      } catch {
        break; // not empty
      }
    }
  }
  return removed;
}
