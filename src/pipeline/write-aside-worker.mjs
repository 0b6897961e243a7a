// Writes files into a folder on a thread of its own (write-aside.ts). Plain JavaScript,
// so Node can start it as it is.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { dir, files } = workerData;
rmSync(dir, { recursive: true, force: true });
for (const sub of new Set(files.map((f) => path.dirname(f.path)))) mkdirSync(path.join(dir, sub), { recursive: true });
for (const f of files) writeFileSync(path.join(dir, f.path), f.content);
parentPort.postMessage('written');
