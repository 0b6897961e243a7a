/**
 * The per-page work of the post-build steps, as jobs that run the same in the main
 * thread or in a worker (page-pool.ts). A job names its page by path and sends back
 * only what the main thread needs (problems, or a page's compressed zip entry), so
 * pages are read, changed and written where the job runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { applyCsp, type CspOptions } from '../domain/csp.ts';
import { fileUrl, replaceFile } from './files.ts';
import { offlineHtml, ScriptBundler } from './offline.ts';

/** What every job of a pool may need, sent once to each worker. */
export interface PageJobsSetup {
  /** The built site. */
  distDir: string;
  /** For the offline edition: every file of the site (relative), and whether it has search. */
  offline?: { files: string[]; hasSearch: boolean };
}

/** Writes the page's security policy into the file; returns what must not be published. */
export interface CspJob { kind: 'csp'; file: string; options?: CspOptions }
/** The offline copy of a page (by its path in the site), compressed for the zip. */
export interface OfflinePageJob { kind: 'offline-page'; rel: string }
/** Every classic script the offline pages of this thread asked for, by output path. */
export interface OfflineScriptsJob { kind: 'offline-scripts' }
export type PageJob = CspJob | OfflinePageJob | OfflineScriptsJob;

/** A zip entry deflated where it was made: the raw deflate stream, its CRC-32 and size. */
export interface CompressedEntry { deflated: Uint8Array<ArrayBuffer>; crc: number; size: number }

export type PageJobResult<J extends PageJob> =
  J extends CspJob ? string[]
    : J extends OfflinePageJob ? CompressedEntry
      : J extends OfflineScriptsJob ? [string, string][]
        : never;

/** Zip entries use deflate at its best compression: the edition is downloaded more often than built. */
export function compressEntry(data: string | Uint8Array): CompressedEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const out = deflateRawSync(bytes, { level: 9 });
  // Its own memory, so a worker can hand it over without copying (a Buffer may share a pool).
  const deflated = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? new Uint8Array(out.buffer as ArrayBuffer) : new Uint8Array(out);
  return { deflated, crc: crc32(bytes) >>> 0, size: bytes.length };
}

export function createPageJobs(setup: PageJobsSetup) {
  // Made on the first offline job: a pool that only secures pages never needs it.
  let offline: OfflineJobs | undefined;
  const offlineJobs = () => (offline ??= makeOfflineJobs(setup));

  return {
    async run<J extends PageJob>(job: J): Promise<PageJobResult<J>> {
      switch (job.kind) {
        case 'csp': {
          const result = applyCsp(readFileSync(job.file, 'utf8'), job.options);
          replaceFile(job.file, result.html);
          return result.problems as PageJobResult<J>;
        }
        case 'offline-page':
          return offlineJobs().page(job.rel) as Promise<PageJobResult<J>>;
        case 'offline-scripts':
          return [...offlineJobs().scripts.outputs()] as PageJobResult<J>;
        default:
          throw new Error(`unknown post-build job ${(job as PageJob).kind}`);
      }
    },
  };
}

type OfflineJobs = ReturnType<typeof makeOfflineJobs>;

function makeOfflineJobs(setup: PageJobsSetup) {
  const { distDir } = setup;
  const present = new Set(setup.offline?.files ?? []);
  const ctx = {
    isDirectory: (sitePath: string) => present.has(`${sitePath.replace(/^\/+|\/+$/g, '')}/index.html`),
    scripts: new ScriptBundler(distDir),
    hasSearch: setup.offline?.hasSearch ?? false,
  };
  return {
    scripts: ctx.scripts,
    async page(rel: string): Promise<CompressedEntry> {
      const html = readFileSync(path.join(distDir, rel), 'utf8');
      return compressEntry(await offlineHtml(html, fileUrl(rel), ctx));
    },
  };
}
