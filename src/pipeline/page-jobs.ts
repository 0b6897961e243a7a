/**
 * The per-page work of the post-build steps, as jobs that run the same in the main
 * thread or in a worker (page-pool.ts). A job names its page by path and sends back
 * only what the main thread needs (problems, or a page's compressed zip entry), so
 * pages are read, changed and written where the job runs. With a cache
 * (page-cache.ts), a page whose HTML was seen before is not worked on again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyCsp, type CspOptions } from '../domain/csp.ts';
import { fileUrl, replaceFile } from './files.ts';
import { offlineHtml, ScriptBundler, type HtmlContext } from './offline.ts';
import { applySplice, PageCache, spliceBetween, type PageCacheSetup, type Splice } from './page-cache.ts';
import { secureRenderedPage, type PageCopy, type SecuredPage } from './render-time.ts';
import { compressEntry, type CompressedEntry } from './zip-entry.ts';
import { layoutGraph, type GraphEdgeIn, type GraphLayout, type GraphLayoutOptions, type GraphNodeIn } from '../domain/graph-layout.ts';

export type { CompressedEntry } from './zip-entry.ts';

/** What every job of a pool may need, sent once to each worker. */
export interface PageJobsSetup {
  /** The built site. */
  distDir: string;
  /** For the offline edition: every file of the site (relative), and whether it has search. */
  offline?: { files: string[]; hasSearch: boolean };
  /** Where this step keeps results between builds (none: no cache). */
  cache?: PageCacheSetup;
}

/** Writes the page's security policy into the file; returns what must not be published. */
export interface CspJob { kind: 'csp'; file: string; options?: CspOptions }
/** The offline copy of a page (by its path in the site), compressed for the zip. */
export interface OfflinePageJob { kind: 'offline-page'; rel: string }
/** Every classic script the offline pages of this thread asked for, by output path. */
export interface OfflineScriptsJob { kind: 'offline-scripts' }
/** Puts what this thread kept of the cache into its next generation; says how many pages it took from the cache. */
export interface CacheFlushJob { kind: 'cache-flush' }
/** A page as Astro rendered it: its policy and offline copy (render-time.ts), made beside the rendering of the next pages. */
export interface RenderedPageJob { kind: 'rendered-page'; html: Uint8Array<ArrayBuffer>; pathname: string }
/** A relations graph's layout (src/data/viz.ts), with each node's room worked out by the page. */
export interface GraphLayoutJob { kind: 'graph-layout'; nodes: GraphNodeIn[]; edges: GraphEdgeIn[]; options: Omit<GraphLayoutOptions, 'room'>; rooms?: number[] }
export type PageJob = CspJob | OfflinePageJob | OfflineScriptsJob | CacheFlushJob | RenderedPageJob | GraphLayoutJob;

/** A secured page as a message: its copy's entry made, not promised. */
export type SecuredPageMessage = Omit<SecuredPage<Uint8Array<ArrayBuffer>>, 'copy'> & { copy?: Omit<PageCopy, 'entry'> & { entry: CompressedEntry } };

export interface CacheStats { hits: number }

export type PageJobResult<J extends PageJob> =
  J extends CspJob ? string[]
    : J extends OfflinePageJob ? CompressedEntry
      : J extends OfflineScriptsJob ? [string, string][]
        : J extends CacheFlushJob ? CacheStats
          : J extends RenderedPageJob ? SecuredPageMessage
            : J extends GraphLayoutJob ? GraphLayout
              : never;

export function createPageJobs(setup: PageJobsSetup) {
  const cache = setup.cache ? new PageCache(setup.cache) : undefined;
  // Made on the first offline job: a pool that only secures pages never needs it.
  let offline: OfflineJobs | undefined;
  const offlineJobs = () => (offline ??= makeOfflineJobs(setup, cache));

  return {
    async run<J extends PageJob>(job: J): Promise<PageJobResult<J>> {
      switch (job.kind) {
        case 'csp':
          return securePage(job.file, job.options ?? {}, cache) as PageJobResult<J>;
        case 'offline-page':
          return offlineJobs().page(job.rel) as Promise<PageJobResult<J>>;
        case 'offline-scripts':
          return [...offlineJobs().scripts.outputs()] as PageJobResult<J>;
        case 'cache-flush':
          cache?.flush();
          return { hits: cache?.hits ?? 0 } as PageJobResult<J>;
        case 'rendered-page': {
          // Compressed here, in this thread: it is the one with time to spare.
          const page = secureRenderedPage(Buffer.from(job.html.buffer, job.html.byteOffset, job.html.byteLength).toString('utf8'), job.pathname, cache, async (copy) => compressEntry(copy));
          const html = new Uint8Array(Buffer.from(page.html, 'utf8'));
          const message: SecuredPageMessage = page.copy ? { ...page, html, copy: { ...page.copy, entry: await page.copy.entry } } : { ...page, html, copy: undefined };
          return message as PageJobResult<J>;
        }
        case 'graph-layout': {
          const rooms = job.rooms && new Map(job.nodes.map((n, i) => [n.id, job.rooms![i]]));
          return layoutGraph(job.nodes, job.edges, { ...job.options, room: rooms && ((n) => rooms.get(n.id)!) }) as PageJobResult<J>;
        }
        default:
          throw new Error(`unknown post-build job ${(job as PageJob).kind}`);
      }
    },
  };
}

/** The policy step for one page file. The cache keeps what the step changed in the page (a splice) and its problems. */
function securePage(file: string, options: CspOptions, cache: PageCache | undefined): string[] {
  const html = readFileSync(file, 'utf8');
  const key = cache?.key(`${JSON.stringify(options)}\0${html}`);
  const hit = key ? cache!.get(key) : undefined;
  if (hit) {
    const { splice, problems } = JSON.parse(hit.toString('utf8')) as { splice: Splice; problems: string[] };
    replaceFile(file, applySplice(html, splice));
    return problems;
  }
  const result = applyCsp(html, options);
  replaceFile(file, result.html);
  if (key) cache!.put(key, JSON.stringify({ splice: spliceBetween(html, result.html), problems: result.problems }));
  return result.problems;
}

/** A script a page asked the bundler for: replayed when the page comes from the cache, so its classic script is still made. */
type ScriptCall = { external: string } | { inline: string; pagePath: string };

type OfflineJobs = ReturnType<typeof makeOfflineJobs>;

function makeOfflineJobs(setup: PageJobsSetup, cache: PageCache | undefined) {
  const { distDir } = setup;
  const present = new Set(setup.offline?.files ?? []);
  const isDirectory = (sitePath: string) => present.has(`${sitePath.replace(/^\/+|\/+$/g, '')}/index.html`);
  const hasSearch = setup.offline?.hasSearch ?? false;
  const scripts = new ScriptBundler(distDir);

  return {
    scripts,
    async page(rel: string): Promise<CompressedEntry> {
      const html = readFileSync(path.join(distDir, rel), 'utf8');
      const pagePath = fileUrl(rel);
      const key = cache?.key(`${pagePath}\0${html}`);
      const hit = key ? cache!.get(key) : undefined;
      if (hit) {
        // [header length][header JSON][deflated page]
        const length = hit.readUInt32LE(0);
        const header = JSON.parse(hit.subarray(4, 4 + length).toString('utf8')) as { crc: number; size: number; calls: ScriptCall[] };
        for (const c of header.calls) await ('external' in c ? scripts.external(c.external) : scripts.inline(c.inline, c.pagePath));
        return { deflated: new Uint8Array(hit.subarray(4 + length)), crc: header.crc, size: header.size };
      }
      const calls: ScriptCall[] = [];
      const recorded: HtmlContext['scripts'] = {
        external: (sitePath) => { calls.push({ external: sitePath }); return scripts.external(sitePath); },
        inline: (code, at) => { calls.push({ inline: code, pagePath: at }); return scripts.inline(code, at); },
      };
      const entry = compressEntry(await offlineHtml(html, pagePath, { isDirectory, scripts: recorded, hasSearch }));
      if (key) {
        const header = Buffer.from(JSON.stringify({ crc: entry.crc, size: entry.size, calls }), 'utf8');
        const length = Buffer.alloc(4);
        length.writeUInt32LE(header.length);
        cache!.put(key, Buffer.concat([length, header, entry.deflated]));
      }
      return entry;
    },
  };
}
