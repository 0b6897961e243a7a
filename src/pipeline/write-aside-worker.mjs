// Writes files into a folder on a thread of its own (write-aside.ts). Plain JavaScript,
// so Node can start it as it is.
import { linkSync, lstatSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { dir, files, keptIn } = workerData;
rmSync(dir, { recursive: true, force: true });
for (const sub of new Set(files.map((f) => path.dirname(f.path)))) mkdirSync(path.join(dir, sub), { recursive: true });
/** A kept file linked from the folder that has it (no bytes written); false: write it. */
function linked(f) {
  if (!keptIn || !f.kept) return false;
  const from = path.join(keptIn, f.path);
  const stat = lstatSync(from, { throwIfNoEntry: false });
  if (!stat?.isFile() || stat.size !== f.content.length) return false;
  try {
    linkSync(from, path.join(dir, f.path));
    return true;
  } catch {
    return false; // another disk, say
  }
}
for (const f of files) if (!linked(f)) writeFileSync(path.join(dir, f.path), f.content);
parentPort.postMessage('written');
