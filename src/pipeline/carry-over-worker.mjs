// Hard-links the last output's pages into a staging folder on a thread of its own
// (carry-over.ts). Plain JavaScript, so Node can start it as it is.
import { linkSync, lstatSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { from, to, pages, publishedAt, flags } = workerData;
const made = new Set();
const linked = [];
for (const rel of pages) {
  if (Atomics.load(flags, 0)) break; // the build is ending: no more links
  const source = path.join(from, rel);
  // A plain file only (a link to a symlink would publish the symlink), as published: one
  // changed since by hand is left to Astro, which copies its own.
  const stat = lstatSync(source, { throwIfNoEntry: false });
  if (!stat?.isFile() || stat.mtimeMs > publishedAt) continue;
  const target = path.join(to, rel);
  const dir = path.dirname(target);
  try {
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    linkSync(source, target);
    linked.push(rel);
  } catch {
    // Not carried: Astro copies it from its cache, or renders it, as without this step.
  }
}
Atomics.store(flags, 1, 1);
Atomics.notify(flags, 1);
parentPort.postMessage(linked);
