/**
 * The offline edition: a post-build transform of the built site into a zip that
 * works opened from disk (file://), with no server and no network.
 *
 *   HTML   each page made to work from disk (offline.ts: relative URLs, classic
 *          scripts, its policy written again), on worker threads for a large site
 *          (page-pool.ts), compressed where it was made.
 *   CSS    root-relative url() and @import made relative.
 *   search Pagefind's index files wrapped as classic scripts that register their
 *          bytes; pagefind.js bundled as a classic script whose fetch() reads them
 *          (src/client/offline/). The binary index and the worker are left out.
 *
 * Pages come back in order and go straight into a streaming zip, so memory stays
 * flat as the dossier grows. The zip is reproducible: entries in sorted order with
 * a fixed timestamp, the same bytes whatever the number of workers.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { offlineCss, wrapIndexFile } from '../domain/offline.ts';
import { BufferedFile, fileUrl, walkFiles } from './files.ts';
import { ZipFile } from './zip-file.ts';
import { bundlePagefind, OFFLINE_FOLDER, OFFLINE_PAGEFIND, OFFLINE_ZIP, OfflineError, ScriptBundler, type OfflineStats } from './offline.ts';
import type { RenderedSite } from './render-time.ts';
import { cachedEntry, compressEntry, fileLevel, keepEntry, LARGE_FILE, prepareEntry, type CompressedEntry, type EntryCache } from './zip-entry.ts';
import { codeFingerprint } from './page-cache.ts';
import { inOrder, poolSize, runOnPagePool, type PagePool } from './page-pool.ts';
import { isNeededIndexFile, PAGEFIND_DIR, wasmInUse } from './search-index.ts';

/**
 * Builds <distDir>/dossier-offline.zip from the site in distDir: pages on `workers`
 * threads (default: page-pool.ts), and, given a cache folder, pages unchanged since
 * the last build taken from it (page-cache.ts).
 */
export async function buildOfflineEdition(distDir: string, options: { workers?: number; cacheDir?: string; rendered?: RenderedSite } = {}): Promise<OfflineStats> {
  const all = [...walkFiles(distDir)];
  const hasSearch = existsSync(path.join(distDir, PAGEFIND_DIR, 'pagefind.js'));
  const pages = all.filter((rel) => isCopied(rel) && rel.endsWith('.html'));
  const ready = readyCopies(options.rendered, new Set(all), hasSearch);
  // Pages whose copy was not made as they were rendered: made here, from the written page.
  const rest = pages.filter((rel) => !ready.has(rel));
  // A page's offline copy depends on the code, on whether there is search, and on which
  // folders hold an index.html (links name it): the rest of the site can change freely.
  const cache = options.cacheDir && rest.length
    ? { dir: path.join(options.cacheDir, 'dossier-offline'), fingerprint: codeFingerprint('offline', String(hasSearch), ...all.filter((f) => f.endsWith('index.html'))) }
    : undefined;
  const zipPath = path.join(distDir, OFFLINE_ZIP);
  const writer = new ZipWriter(`${zipPath}.tmp`, options.rendered?.cache);
  try {
    const { result, fromCache } = await runOnPagePool({ distDir, offline: { files: all, hasSearch }, cache }, options.workers ?? poolSize(rest.length), async (pool) => {
      const stats = await writeEdition(distDir, all, rest, ready, writer, pool, hasSearch, options.rendered);
      renameSync(`${zipPath}.tmp`, zipPath);
      return stats;
    });
    return { ...result, fromCache, rendered: ready.size };
  } catch (err) {
    // A page's problem comes back from a worker as a plain error: it is still this step's.
    throw err instanceof OfflineError ? err : new OfflineError((err as Error).message);
  } finally {
    writer.close();
    rmSync(`${zipPath}.tmp`, { force: true });
  }
}

/**
 * The copies made as the pages were rendered (src/pipeline/render-time.ts) that still
 * hold now that the site is written: not those that took a folder for a file, nor,
 * when no search index was built, those that load it.
 */
function readyCopies(rendered: RenderedSite | undefined, files: Set<string>, hasSearch: boolean): Map<string, Promise<CompressedEntry>> {
  if (!rendered) return new Map();
  const ready = new Map(rendered.offline);
  for (const [sitePath, pages] of rendered.assumedFiles) {
    if (files.has(`${sitePath.replace(/^\/+|\/+$/g, '')}/index.html`)) for (const rel of pages) ready.delete(rel);
  }
  if (!hasSearch) for (const rel of rendered.withSearch) ready.delete(rel);
  return ready;
}

async function writeEdition(distDir: string, all: string[], rest: string[], ready: Map<string, Promise<CompressedEntry>>, writer: ZipWriter, pool: PagePool, hasSearch: boolean, rendered: RenderedSite | undefined): Promise<Omit<OfflineStats, 'fromCache' | 'rendered'>> {
  // Pages not made yet are transformed and compressed ahead on the pool, and come back in order.
  const made = inOrder(rest, (rel) => pool.run({ kind: 'offline-page', rel }), pool.width);
  // Large files (the data downloads) are compressed on the thread pool while the pages are
  // added (in a build, from when they were rendered: render-time.ts).
  const large = new Map<string, Promise<CompressedEntry>>();
  for (const rel of all) {
    if (!isCopied(rel) || rel.endsWith('.html') || rel.endsWith('.css')) continue;
    const file = path.join(distDir, rel);
    const size = statSync(file).size;
    if (size <= LARGE_FILE) continue;
    // Compressed from when it was rendered (render-time.ts), the same bytes as written.
    const early = rendered?.files.get(rel);
    large.set(rel, early ? early.then((entry) => (entry.size === size ? entry : writer.prepare(rel, readFileSync(file)))) : writer.prepare(rel, readFileSync(file)));
  }
  for (const p of large.values()) p.catch(() => {}); // seen when awaited in turn
  let pageCount = 0;
  for (const rel of all) {
    if (!isCopied(rel)) continue;
    const file = path.join(distDir, rel);
    const prepared = large.get(rel);
    if (prepared) {
      writer.addCompressed(rel, await prepared);
    } else if (rel.endsWith('.html')) {
      pageCount++;
      const entry = await (ready.get(rel) ?? made.next().then((r) => r.value as CompressedEntry));
      writer.addCompressed(rel, entry);
    } else if (rel.endsWith('.css')) {
      writer.add(rel, offlineCss(readFileSync(file, 'utf8'), fileUrl(rel)));
    } else {
      writer.add(rel, readFileSync(file));
    }
  }
  // Each thread bundled the scripts its pages asked for, and the rendered pages named theirs:
  // the same script, the same code, bundled once.
  const scripts = new Map((await pool.each({ kind: 'offline-scripts' })).flat());
  if (rendered?.scripts.size) {
    const bundler = new ScriptBundler(distDir);
    for (const [rel, script] of rendered.scripts) {
      if (scripts.has(rel)) continue;
      await ('src' in script ? bundler.external(script.src) : bundler.inline(script.code, script.pagePath));
    }
    for (const [rel, code] of bundler.outputs()) scripts.set(rel, code);
  }
  for (const [rel, code] of [...scripts].sort(([a], [b]) => (a < b ? -1 : 1))) writer.add(rel, code);
  if (hasSearch) {
    writer.startCounting();
    await addPagefind(distDir, writer);
  }
  const { files, bytes, counted } = writer.end();
  return { files, pages: pageCount, zipBytes: bytes, searchBytes: counted };
}

/** What goes into the offline copy as it is or transformed (the rest is replaced or unusable from disk). */
export function isCopied(rel: string): boolean {
  if (rel === OFFLINE_ZIP || rel === `${OFFLINE_ZIP}.tmp`) return false;
  if (rel.startsWith(`${PAGEFIND_DIR}/`)) return false; // replaced by the wrapped index
  if (rel.startsWith('_astro/') && /\.(m?js|js\.map)$/.test(rel)) return false; // module scripts, re-bundled
  return true;
}

/** Adds the wrapped Pagefind index and its classic bundle. */
async function addPagefind(distDir: string, writer: ZipWriter) {
  const dir = path.join(distDir, PAGEFIND_DIR);
  const wasm = wasmInUse(readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8'));
  for (const name of walkFiles(dir)) {
    // The index's files, every shard's; Pagefind's scripts are replaced by the bundle below.
    if (!isNeededIndexFile(name, wasm) || name.endsWith('.js')) continue;
    const bytes = readFileSync(path.join(dir, name));
    writer.addMade(`${PAGEFIND_DIR}/${name}.js`, bytes, () => wrapIndexFile(name, bytes.toString('base64')));
  }
  writer.add(OFFLINE_PAGEFIND, await bundlePagefind(distDir));
}

/** A zip written as it goes, one entry at a time, with fixed timestamps. */
class ZipWriter {
  private out: BufferedFile | undefined;
  private zip: ZipFile;
  private bytes = 0;
  private files = 0;
  private countFrom = -1;

  /** Files compressed by an earlier build, found by their path and bytes (the render cache). */
  constructor(file: string, private cache?: EntryCache) {
    const out = (this.out = new BufferedFile(file));
    this.zip = new ZipFile((chunk) => {
      out.write(chunk);
      this.bytes += chunk.length;
    });
  }

  add(rel: string, data: string | Uint8Array) {
    this.addMade(rel, data, () => data);
  }

  /**
   * A file made from `source` (a search index file wrapped as a script): the cache knows its
   * entry by its path and the source, so an unchanged one is neither made nor compressed
   * again (the cache's fingerprint names the code that makes it).
   */
  addMade(rel: string, source: string | Uint8Array, make: () => string | Uint8Array) {
    const hit = cachedEntry(this.cache, rel, source);
    if ('entry' in hit) return this.addCompressed(rel, hit.entry);
    const data = make();
    this.addCompressed(rel, keepEntry(this.cache, hit.key, compressEntry(data, fileLevel(data))));
  }

  /** A file's entry, compressed on the thread pool when it is not in the cache: added later, in its turn (addCompressed). */
  prepare(rel: string, data: string | Uint8Array): Promise<CompressedEntry> {
    return prepareEntry(this.cache, rel, data);
  }

  addCompressed(rel: string, compressed: CompressedEntry) {
    try {
      this.zip.add(`${OFFLINE_FOLDER}/${rel}`, compressed);
    } catch (err) {
      throw new OfflineError(`The offline zip could not be written: ${(err as Error).message}`);
    }
    this.files++;
  }

  /** Stops writing: a zip not ended is dropped. */
  close() {
    this.out?.discard();
    this.out = undefined;
  }

  /** Bytes written from now on are reported as `counted`. */
  startCounting() {
    this.countFrom = this.bytes;
  }

  end() {
    const beforeEnd = this.bytes;
    try {
      this.zip.end();
    } catch (err) {
      throw new OfflineError(`The offline zip could not be written: ${(err as Error).message}`);
    }
    this.out?.close();
    this.out = undefined;
    return { files: this.files, bytes: this.bytes, counted: this.countFrom < 0 ? 0 : beforeEnd - this.countFrom };
  }
}
