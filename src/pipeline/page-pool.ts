/**
 * Runs a post-build step's per-page work on worker threads, so the steps that
 * rewrite every page (security policy, offline edition) use every core instead of
 * one. Each page is independent; results come back in the pages' order, so the
 * output is the same bytes whatever the number of workers (none: in this thread).
 *
 * The work itself is in page-jobs.ts, run the same way here or in a worker
 * (page-worker.mjs).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { abandonGeneration, beginGeneration, endGeneration } from './page-cache.ts';
import { createPageJobs, type PageJob, type PageJobResult, type PageJobsSetup } from './page-jobs.ts';
import type { PageCacheSetup } from './page-cache.ts';
import type { SecuredPage } from './render-time.ts';
import type { Offload } from './shared-reading.ts';
import { ownsMemory } from './zip-entry.ts';

/** Below this many pages, starting workers (about half a second each) costs more than it saves. */
export const MIN_PAGES_FOR_WORKERS = 300;
const MAX_WORKERS = 4;
/** Jobs handed to each worker ahead, so none waits for the next page. */
const AHEAD_PER_WORKER = 4;

export class PagePoolError extends Error {}

/**
 * How many workers for a step over `pages` pages: DOSSIER_WORKERS when set (0 runs
 * everything in this thread), else one per core up to 4 once the site is large enough
 * (none on a single core).
 */
export function poolSize(pages: number, env: Record<string, string | undefined> = process.env): number {
  const set = env.DOSSIER_WORKERS?.trim();
  if (set) {
    if (!/^\d+$/.test(set) || Number(set) > 64) {
      throw new PagePoolError(`DOSSIER_WORKERS is "${set}": give a whole number of worker threads from 0 to 64 (0 runs the post-build steps in the main thread), or leave it unset to use one per core.`);
    }
    return Number(set);
  }
  // On one core a worker would only add its start-up time to the same work.
  const cores = availableParallelism();
  return pages >= MIN_PAGES_FOR_WORKERS && cores >= 2 ? Math.min(cores, MAX_WORKERS) : 0;
}

/**
 * How many workers secure pages while Astro renders them (src/pipeline/render-time.ts):
 * DOSSIER_WORKERS when set, else one per core but the one that renders (up to 3), once
 * the dossier has enough entries (each is a page at least).
 */
export function renderingPoolSize(entries: number, env: Record<string, string | undefined> = process.env): number {
  if (env.DOSSIER_WORKERS?.trim()) return poolSize(entries, env);
  const cores = availableParallelism();
  return entries >= MIN_PAGES_FOR_WORKERS && cores >= 2 ? Math.min(cores - 1, MAX_WORKERS - 1) : 0;
}

/** Workers that secure rendered pages: each page's policy and offline copy, as render-time.ts makes them. */
export interface RenderingPool extends Offload {
  /** Graph layouts done there. */
  layouts: number;
  /** The page's UTF-8 bytes (handed over: the caller's copy is emptied). */
  secure(html: Uint8Array<ArrayBuffer>, pathname: string): Promise<SecuredPage<Uint8Array<ArrayBuffer>>>;
  threads: number;
  close(): Promise<void>;
}

/** Starts `size` workers (at least one) that secure rendered pages, with the render cache's setup. */
export async function startRenderingPool(cache: PageCacheSetup | undefined, size: number): Promise<RenderingPool> {
  const pool = await startPagePool({ distDir: '', cache }, Math.max(1, size));
  const rendering: RenderingPool = {
    threads: pool.workers,
    async secure(html, pathname) {
      const page = await pool.run({ kind: 'rendered-page', html, pathname });
      return page.copy ? { ...page, copy: { ...page.copy, entry: Promise.resolve(page.copy.entry) } } : { ...page, copy: undefined };
    },
    layouts: 0,
    layoutGraph(nodes, edges, { room, ...options }) {
      rendering.layouts++;
      return pool.run({ kind: 'graph-layout', nodes, edges, options, rooms: room && nodes.map(room) });
    },
    async close() {
      await pool.each({ kind: 'cache-flush' });
      await pool.close();
    },
  };
  return rendering;
}

/** A started pool: its jobs run in worker threads, or in this thread when it has none. */
export interface PagePool {
  run<J extends PageJob>(job: J): Promise<PageJobResult<J>>;
  /** Runs the job once in every thread of the pool (to collect what each one made). */
  each<J extends PageJob>(job: J): Promise<PageJobResult<J>[]>;
  close(): Promise<void>;
  /** Jobs worth having in flight at once. */
  width: number;
  workers: number;
}

/** Starts a pool of `size` workers (0: the jobs run in this thread). */
async function startPagePool(setup: PageJobsSetup, size: number): Promise<PagePool> {
  if (size <= 0) {
    const jobs = createPageJobs(setup);
    return { run: (job) => jobs.run(job), each: async (job) => [await jobs.run(job)], close: async () => {}, width: 1, workers: 0 };
  }
  const workers = Array.from({ length: size }, () => new PageWorker(setup));
  return {
    run(job) {
      let best = workers[0];
      for (const w of workers) if (w.pending < best.pending) best = w;
      return best.run(job);
    },
    each: (job) => Promise.all(workers.map((w) => w.run(job))),
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
    width: size * AHEAD_PER_WORKER,
    workers: size,
  };
}

/**
 * Runs one post-build step on a pool of `size` workers. With a cache (setup.cache), the
 * step reads the last build's entries and the entries it used become the cache only
 * if it succeeds. Returns the step's result and how many pages came from the cache.
 */
export async function runOnPagePool<T>(setup: PageJobsSetup, size: number, step: (pool: PagePool) => Promise<T>): Promise<{ result: T; fromCache: number }> {
  const cacheDir = setup.cache?.dir;
  if (cacheDir) beginGeneration(cacheDir);
  const pool = await startPagePool(setup, size);
  let done = false;
  try {
    const result = await step(pool);
    // Each thread puts what it kept into the next generation, which becomes the cache.
    const fromCache = (await pool.each({ kind: 'cache-flush' })).reduce((n, s) => n + s.hits, 0);
    done = true;
    return { result, fromCache };
  } finally {
    await pool.close();
    if (cacheDir) (done ? endGeneration : abandonGeneration)(cacheDir);
  }
}

/**
 * Runs a job per item, `width` at a time, and yields the results in the items' order.
 * A failed job fails the whole run when its turn comes.
 */
export async function* inOrder<I, O>(items: Iterable<I>, run: (item: I) => Promise<O>, width: number): AsyncGenerator<O> {
  const queue: Promise<O>[] = [];
  const source = items[Symbol.iterator]();
  const refill = () => {
    while (queue.length < Math.max(1, width)) {
      const next = source.next();
      if (next.done) return;
      const p = run(next.value);
      p.catch(() => {}); // rejections are seen when awaited below, in order
      queue.push(p);
    }
  };
  refill();
  while (queue.length) {
    const result = await queue.shift()!;
    refill();
    yield result;
  }
}

class PageWorker {
  pending = 0;
  private worker: Worker;
  private nextId = 0;
  private calls = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private failed: Error | undefined;

  constructor(setup: PageJobsSetup) {
    this.worker = new Worker(new URL('./page-worker.mjs', import.meta.url), { workerData: setup });
    this.worker.on('message', (msg: { id: number; result?: unknown; error?: { name: string; message: string } }) => {
      const call = this.calls.get(msg.id);
      if (!call) return;
      this.calls.delete(msg.id);
      this.pending--;
      if (msg.error) call.reject(Object.assign(new PagePoolError(msg.error.message), { name: msg.error.name }));
      else call.resolve(msg.result);
    });
    const fail = (err: Error) => {
      this.failed = new PagePoolError(`A post-build worker thread stopped: ${err.message}`);
      for (const call of this.calls.values()) call.reject(this.failed);
      this.calls.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => { if (this.calls.size) fail(new Error(`exit code ${code}`)); });
  }

  run(job: PageJob): Promise<any> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    this.pending++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      // A page's bytes move to the worker instead of being copied (when they own their memory).
      const bytes = 'html' in job ? job.html : undefined;
      this.worker.postMessage({ id, job }, bytes && ownsMemory(bytes) ? [bytes.buffer as ArrayBuffer] : []);
    });
  }

  async close() {
    await this.worker.terminate();
  }
}
