/**
 * Writing many files while the build goes on: on a worker thread of their own, one after
 * another. Creating the search index's 10,000 files took 0.3 s on a quiet disk here, and
 * seconds while the disk was writing back the pages Astro had just restored; written from
 * the build's thread through fs/promises, they cost it about a second of its own time.
 * Only for the build's steps (not the pages' bundle, which would take the worker for an asset).
 */
import { Worker } from 'node:worker_threads';

/**
 * Writes the files (paths relative to `dir`) into `dir`, replacing it; resolves once all are
 * written. The files marked `kept` are already in the folder `keptIn` (the last output's,
 * unchanged while this build runs), byte for byte: those are hard-linked from there,
 * when it has a plain file of the same size, instead of written.
 */
export function writeFilesAside(dir: string, files: readonly { path: string; content: Uint8Array; kept?: boolean }[], keptIn?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./write-aside-worker.mjs', import.meta.url), { workerData: { dir, files, keptIn } });
    let written = false;
    worker.once('message', () => { written = true; resolve(); });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (!written) reject(new Error(`the files could not be written into ${dir} (worker exit code ${code})`)); });
  });
}
