// A worker thread of the post-build page pool (page-pool.ts). Plain JavaScript, so
// Node can start it; it loads the TypeScript jobs through tsx's loader.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { createPageJobs } = await import('./page-jobs.ts');
const { ownsMemory } = await import('./zip-entry.ts');
const jobs = createPageJobs(workerData);

parentPort.on('message', async ({ id, job }) => {
  try {
    const result = await jobs.run(job);
    // A page's bytes move to the main thread instead of being copied (when they own
    // their memory: a Buffer read from the cache may share a pool).
    const transfer = [result?.deflated, result?.copy?.entry?.deflated, result?.html]
      .filter((b) => b instanceof Uint8Array && ownsMemory(b))
      .map((b) => b.buffer);
    parentPort.postMessage({ id, result }, transfer);
  } catch (err) {
    parentPort.postMessage({ id, error: { name: err?.name ?? 'Error', message: err?.message ?? String(err) } });
  }
});
