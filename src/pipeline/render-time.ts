/**
 * Work done on every page as Astro renders it (src/middleware.ts), instead of in passes
 * over the written site afterwards: the page's Content-Security-Policy (with the
 * hashes of its own inline scripts and styles), and its offline copy, compressed for
 * the zip. One fast scan of the page's tags serves both (src/domain/html-scan.ts); a
 * page the scan is not sure of is parsed fully, by the same code the post-build steps
 * use (applyCsp, offlineHtml).
 *
 * What the build's later steps need is kept in this process (the middleware and the
 * integrations share it): problems found (src/integrations/csp.ts refuses the build),
 * the offline copies and the classic scripts they name (src/pipeline/offline-edition.ts).
 * A page whose copy depends on what only the finished site tells (a link without its
 * trailing slash that may name a folder, search that was not built after all) is
 * listed, and made again by the offline step.
 */
import { applyCsp, applyCspScanned, buildPolicy, policyMetaTag, sha256 } from '../domain/csp.ts';
import { bytesStream, readBytes } from '../domain/streams.ts';
import { offlinePageScanned } from '../domain/offline.ts';
import { fileUrl } from './files.ts';
import { OFFLINE_PAGEFIND, OFFLINE_ZIP } from './offline-names.ts';
import { processValue } from './process-value.ts';
import { compressEntryAsync, LARGE_FILE, prepareEntry, type CompressedEntry } from './zip-entry.ts';
import type { PageCache } from './page-cache.ts';
import type { RenderingPool } from './page-pool.ts';
import { createHash } from 'node:crypto';

export interface RenderedSite {
  /** Unsafe constructs found, by page (site-relative file). */
  problems: { page: string; problem: string }[];
  /** Pages (site-relative file, e.g. places/x/index.html) whose policy was written as they were rendered. */
  secured: Set<string>;
  /** Offline copies, by page file (compressed while later pages render: on Node's thread pool, or in the pool's worker). */
  offline: Map<string, Promise<CompressedEntry>>;
  /** Classic scripts the copies name (output file → the module it re-bundles). */
  scripts: Map<string, { src: string } | { code: string; pagePath: string }>;
  /** Site paths the copies assumed were files (not folders), and the pages that did. */
  assumedFiles: Map<string, Set<string>>;
  /** Pages whose copy loads the offline search bundle. */
  withSearch: Set<string>;
  /** Scan or full parse, for the build's log. */
  scanned: number;
  parsed: number;
  /** Time spent on this work (ms), in the rendering thread or in the pool's threads, for the build's log. */
  ms: number;
  /**
   * Offline copies from the last build, found by the page as rendered (set by the
   * offline step, src/integrations/offline.ts): an unchanged page's copy is not made again.
   * The offline zip's other entries are kept there too.
   */
  cache?: CopyCache & Pick<PageCache, 'flush'>;
  /**
   * Worker threads that secure pages as they are rendered (set by the offline step while
   * pages render); none: the rendering thread does it.
   */
  pool?: Pick<RenderingPool, 'secure' | 'threads' | 'layouts'>;
  /** Copies taken from the cache. */
  fromCache: number;
  /** Pages Astro restored from its incremental build cache, found in the render cache. */
  restored: number;
  /** Of those, the pages carried over from the last output found by the key they were published with (not read). */
  restoredByKey: number;
  /**
   * Large files other than pages (the data downloads), by site-relative file: their zip
   * entries, compressed on the thread pool from when they were rendered, beside the pages.
   */
  files: Map<string, Promise<CompressedEntry>>;
  /**
   * Each page's key in the render cache (the page as published), by page file: recorded with
   * the published output (src/pipeline/carry-over.ts), so that the next build adopts a page it
   * carries over without reading it again.
   */
  keys: Map<string, string>;
}

/** What a cached copy was made with, to record it again as if it had been made now. */
interface CachedCopyHeader { crc: number; size: number; search: boolean; assumed: string[]; scripts: [string, { src: string } | { code: string; pagePath: string }][] }

const site = processValue<RenderedSite>('dossier.renderedSite');

/** This build's record (one per process: a build renders once). */
export function renderedSite(): RenderedSite {
  return site.once(() => ({ problems: [], secured: new Set(), offline: new Map(), scripts: new Map(), assumedFiles: new Map(), withSearch: new Set(), scanned: 0, parsed: 0, ms: 0, fromCache: 0, restored: 0, restoredByKey: 0, files: new Map(), keys: new Map() }));
}

/** The site-relative file Astro writes for a file's URL (an endpoint: /data/dossier.json). */
export function endpointFile(pathname: string): string {
  return decodeURIComponent(pathname).replace(/^\/+/, '');
}

/** The site-relative file Astro writes for a page URL (build.format 'directory'). */
export function pageFile(pathname: string): string {
  const p = decodeURIComponent(pathname).replace(/^\/+/, '');
  // Astro writes its error pages as 404.html and 500.html, whatever the URL format.
  if (p === '404/' || p === '500/') return `${p.slice(0, 3)}.html`;
  if (p === '' || p.endsWith('/')) return `${p}index.html`;
  return p.endsWith('.html') ? p : `${p}.html`;
}

function assumeFile(site: RenderedSite, sitePath: string, rel: string) {
  let pages = site.assumedFiles.get(sitePath);
  if (!pages) site.assumedFiles.set(sitePath, (pages = new Set()));
  pages.add(rel);
}

/** The classic script file the offline edition makes for a module script (src/pipeline/offline.ts ScriptBundler names them alike). */
export function classicScriptFile(script: { src: string } | { code: string }): string {
  if ('src' in script) return `_astro/${script.src.split('/').pop()!.replace(/\.m?js$/, '')}.classic.js`;
  return `_astro/inline.${createHash('sha256').update(script.code).digest('hex').slice(0, 12)}.classic.js`;
}

/**
 * Records a classic script a copy names. Pages render several at a time, in no fixed
 * order: an inline script is bundled from the first page in path order that has it, so
 * that the edition does not depend on which page finished first.
 */
function nameScript(site: RenderedSite, file: string, script: { src: string } | { code: string; pagePath: string }) {
  const known = site.scripts.get(file);
  if (!known || ('pagePath' in script && 'pagePath' in known && script.pagePath < known.pagePath)) site.scripts.set(file, script);
}

/** A cached copy: [header length][header JSON][deflated copy]. */
function readCachedCopy(hit: Buffer, key: string): PageCopy {
  const length = hit.readUInt32LE(0);
  const header = JSON.parse(hit.subarray(4, 4 + length).toString('utf8')) as CachedCopyHeader;
  // A view, not a copy: at 10,000 restored pages the copies cost most of this step.
  const entry = { deflated: new Uint8Array(hit.buffer as ArrayBuffer, hit.byteOffset + 4 + length, hit.length - 4 - length), crc: header.crc, size: header.size };
  return { entry: Promise.resolve(entry), search: header.search, assumed: header.assumed, scripts: header.scripts, cached: true, key };
}

/** Records a page's offline copy, made now or taken from the cache. */
function adoptCopy(site: RenderedSite, rel: string, copy: PageCopy) {
  for (const sitePath of copy.assumed) assumeFile(site, sitePath, rel);
  for (const [file, script] of copy.scripts) nameScript(site, file, script);
  if (copy.search) site.withSearch.add(rel);
  if (copy.key) site.keys.set(rel, copy.key);
  site.offline.set(rel, copy.entry);
  if (copy.cached) site.fromCache++;
}

/**
 * Pages Astro did not render this build but restored from its incremental build cache, or
 * found carried over from the last output (unchanged since the build that rendered them). A
 * page this process secured then, with no problem, has its offline copy in the render cache
 * under the same key: it is taken as secured, and its copy used. `recorded`: the key the last
 * build published a carried page with (the same file, so the same bytes: carry-over.ts), which
 * spares reading it. Returns the pages that are not (the policy step secures them).
 */
export function adoptRestoredPages(distDir: string, rels: string[], read: (file: string) => Uint8Array, recorded: (rel: string) => string | undefined): string[] {
  const site = renderedSite();
  if (!site.cache) return rels;
  const rest: string[] = [];
  for (const rel of rels) {
    let key = recorded(rel);
    let hit = key === undefined ? undefined : site.cache.get(key);
    if (hit) site.restoredByKey++;
    else hit = site.cache.get((key = site.cache.key(fileUrl(rel), read(`${distDir}/${rel}`))));
    if (!hit) { rest.push(rel); continue; }
    adoptCopy(site, rel, readCachedCopy(hit, key!));
    site.secured.add(rel);
    site.restored++;
  }
  return rest;
}

/** What the work on one rendered page found: the page to publish and its offline copy. */
export interface SecuredPage<H extends string | Uint8Array<ArrayBuffer> = string> {
  /** The page to publish (its UTF-8 bytes when it came from a worker). */
  html: H;
  problems: string[];
  /** Read by the fast scan (else parsed fully). */
  scanned: boolean;
  ms: number;
  /** None when the page has a problem or the scan was not sure of it: the offline step makes it. */
  copy?: PageCopy;
}

/** A page's offline copy, and what it assumed and named. */
export interface PageCopy {
  entry: Promise<CompressedEntry>;
  search: boolean;
  assumed: string[];
  scripts: CachedCopyHeader['scripts'];
  /** Taken from the last build's cache. */
  cached: boolean;
  /** Its key in the render cache: the page as published. */
  key?: string;
}

type CopyCache = Pick<PageCache, 'key' | 'get' | 'put'>;

/**
 * A rendered page's policy and offline copy, from the page alone (and the cache): the
 * same wherever it runs, in the rendering thread or a worker (src/pipeline/page-jobs.ts).
 * `ms`: the time it took where it ran, for the build's log.
 */
export function secureRenderedPage(html: string, pathname: string, cache: CopyCache | undefined, compress: (copy: string) => Promise<CompressedEntry> = compressEntryAsync): SecuredPage {
  const started = performance.now();
  const page = securing(html, pathname, cache, compress);
  page.ms = performance.now() - started;
  return page;
}

function securing(html: string, pathname: string, cache: CopyCache | undefined, compress: (copy: string) => Promise<CompressedEntry>): SecuredPage {
  const pagePath = fileUrl(pageFile(pathname));
  const scanned = applyCspScanned(html);
  const web = scanned ?? applyCsp(html);
  const page: SecuredPage = { html: web.html, problems: web.problems, scanned: Boolean(scanned), ms: 0 };
  // The offline copy, from the same scan: the page as rendered, with the web page's changes.
  if (!scanned || scanned.policyAt === undefined || web.problems.length) return page;
  // Keyed by the page as published: a page Astro restores from its incremental build
  // cache is found by the same key (adoptRestoredPages).
  const key = cache?.key(pagePath, web.html);
  const hit = key ? cache!.get(key) : undefined;
  if (hit) return { ...page, copy: readCachedCopy(hit, key!) };
  const assumed: string[] = [];
  const scripts: CachedCopyHeader['scripts'] = [];
  const copy = offlinePageScanned(html, scanned.tags, pagePath, {
    // Known folders end with "/": anything else is taken for a file, checked once the site is written.
    isDirectory: (sitePath) => { assumed.push(sitePath); return false; },
    classicScript: (script, at) => {
      const file = classicScriptFile(script);
      scripts.push([file, 'src' in script ? script : { code: script.code, pagePath: at }]);
      return file;
    },
    pagefindScript: `/${OFFLINE_PAGEFIND}`,
    zipPath: `/${OFFLINE_ZIP}`,
    hash: sha256,
    policy: (hashes) => buildPolicy(hashes, { offline: true }),
    policyTag: policyMetaTag,
  }, { edits: scanned.edits, policyAt: scanned.policyAt });
  if (!copy) return page;
  const entry = compress(copy.html).then((e) => {
    if (key) {
      const header = Buffer.from(JSON.stringify({ crc: e.crc, size: e.size, search: copy.search, assumed, scripts } satisfies CachedCopyHeader), 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32LE(header.length);
      cache!.put(key, Buffer.concat([length, header, e.deflated]));
    }
    return e;
  });
  entry.catch(() => {}); // seen when the offline step awaits it
  return { ...page, copy: { entry, search: copy.search, assumed, scripts, cached: false, key } };
}

/** Records what secureRenderedPage found for a page in this build's record; returns the page to publish. */
export function recordPage<H extends string | Uint8Array<ArrayBuffer>>(pathname: string, page: SecuredPage<H>): H {
  const site = renderedSite();
  const rel = pageFile(pathname);
  for (const problem of page.problems) site.problems.push({ page: rel, problem });
  site.secured.add(rel);
  if (page.scanned) site.scanned++; else site.parsed++;
  site.ms += page.ms;
  if (page.copy) adoptCopy(site, rel, page.copy);
  return page.html;
}

/**
 * A rendered file other than a page, returned as it is. A large one's zip entry is
 * compressed from now, on the thread pool (or taken from the cache), so the offline step
 * does not wait for it: dossier.json is 72 MB at 10,000 entries.
 */
export async function processRenderedFile(response: Response, pathname: string): Promise<Response> {
  // Only a file Astro writes as it is (no redirect or empty response).
  if (response.status !== 200 || !response.body) return response;
  const bytes = await readBytes(response.body);
  if (bytes.length > LARGE_FILE) {
    const site = renderedSite();
    const rel = endpointFile(pathname);
    const entry = prepareEntry(site.cache, rel, bytes);
    entry.catch(() => {}); // seen, and failing the build, when the offline step takes it
    site.files.set(rel, entry);
  }
  return withBody(response, bytes);
}

/**
 * The rendered response with a new body. Bytes are handed over as a stream: a Response
 * made from a byte array copies it.
 */
function withBody(response: Response, body: string | Uint8Array): Response {
  return new Response(typeof body === 'string' ? body : bytesStream(body), { status: response.status, statusText: response.statusText, headers: response.headers });
}

/**
 * A rendered page: its policy written in, its offline copy kept. Returns the page to
 * publish. On the build's page pool when there is one (src/integrations/offline.ts
 * starts it), so that this work runs beside the rendering of the next pages.
 */
export async function processRenderedPage(response: Response, pathname: string): Promise<Response> {
  const site = renderedSite();
  if (!site.pool) return withBody(response, recordPage(pathname, secureRenderedPage(await response.text(), pathname, site.cache)));
  // As bytes both ways: the worker decodes and encodes the page, not this thread.
  return withBody(response, recordPage(pathname, await site.pool.secure(response.body ? await readBytes(response.body) : new Uint8Array(0), pathname)));
}
