/** Walking a build's output folder (sorted, one file at a time), replacing its files safely, writing large ones in pieces. */
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * Every file under `root`, as a POSIX path relative to it, in a stable sorted order
 * (the same on every machine, so outputs built from it are reproducible). Lazy: a
 * caller can read and drop one file before the next is listed.
 */
export function* walkFiles(root: string, dir = ''): Generator<string> {
  const names = readdirSync(path.join(root, dir), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of names) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) yield* walkFiles(root, rel);
    else if (e.isFile()) yield rel;
  }
}

/**
 * A reader of whole files into one buffer it reuses: what it returns is valid until its
 * next call. For reading thousands of files only to hash them (a rebuild's restored
 * pages), where a new buffer per file costs more than the reading.
 */
export function reusingReader(): (file: string) => Uint8Array {
  let buffer = Buffer.alloc(1 << 20);
  return (file) => {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > buffer.length) buffer = Buffer.alloc(size * 2);
      let at = 0;
      for (let n; at < size && (n = readSync(fd, buffer, at, size - at, at)) > 0;) at += n;
      return buffer.subarray(0, at);
    } finally {
      closeSync(fd);
    }
  };
}

/** The site URL of an output file: actors/kh/index.html → /actors/kh/, 404.html → /404.html. */
export function fileUrl(rel: string): string {
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return `/${rel.slice(0, -'index.html'.length)}`;
  return `/${rel}`;
}

/** Every .html file under dir, as absolute paths, sorted (a stable order: the same build, the same log). */
export function htmlFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.html'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** Replaces a file's content at once (write aside, then rename), never half-written. */
export function replaceFile(file: string, content: string) {
  const temp = `${file}.${process.pid}.${threadId}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

/**
 * A file written in many small pieces (zip entries, cache entries), a megabyte at a time:
 * a system call per piece costs more than its bytes. Created, with its folder, on the
 * first write; the pieces must not change until they are written (close or a full megabyte).
 */
export class BufferedFile {
  private fd: number | undefined;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(readonly file: string) {}

  write(bytes: Uint8Array): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.fd === undefined) {
      mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = openSync(this.file, 'w');
    }
    const bytes = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    let at = 0;
    while (at < bytes.length) at += writeSync(this.fd, bytes, at);
    this.pending = [];
    this.pendingBytes = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd!);
    this.fd = undefined;
  }

  /** Drops the file and what was not written yet. */
  discard(): void {
    this.pending = [];
    this.pendingBytes = 0;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.file, { force: true });
  }
}
