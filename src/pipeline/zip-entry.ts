/**
 * Zip entries compressed where they are made (in the rendering thread, on Node's thread
 * pool, or in a worker), so the zip writer (src/pipeline/offline-edition.ts) only stores them.
 */
import { crc32, deflateRaw, deflateRawSync } from 'node:zlib';

/** True when a byte array is the whole of its buffer, so handing the buffer to another thread moves nothing else. */
export function ownsMemory(bytes: Uint8Array): boolean {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && !(typeof SharedArrayBuffer !== 'undefined' && bytes.buffer instanceof SharedArrayBuffer);
}

/** The bytes in memory of their own (a Buffer may share a pool), so a worker can hand them over without copying. */
const owned = (out: Buffer) => (ownsMemory(out) ? new Uint8Array(out.buffer as ArrayBuffer) : new Uint8Array(out));

/** A zip entry deflated where it was made: the raw deflate stream, its CRC-32 and size. */
export interface CompressedEntry { deflated: Uint8Array<ArrayBuffer>; crc: number; size: number }
/** Zip entries use deflate at its best compression: the edition is downloaded more often than built. */
const LEVEL = 9;

export function compressEntry(data: string | Uint8Array, level = LEVEL): CompressedEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { deflated: owned(deflateRawSync(bytes, { level })), crc: crc32(bytes) >>> 0, size: bytes.length };
}

/**
 * compressEntry on Node's thread pool: for a page's offline copy made as it is rendered,
 * so that compressing it overlaps the rendering of the next pages, and for the zip's
 * large files, compressed beside its other work.
 */
export function compressEntryAsync(data: string | Uint8Array, level = LEVEL): Promise<CompressedEntry> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return new Promise((resolve, reject) => {
    deflateRaw(bytes, { level }, (err, out) => {
      if (err) return reject(err);
      resolve({ deflated: owned(out), crc: crc32(bytes) >>> 0, size: bytes.length });
    });
  });
}

/** Files above this size are large: compressed on the thread pool, at zlib's default level. */
export const LARGE_FILE = 1 << 20;

/**
 * The level for a file other than a page. Large ones (dossier.json: 60 MB at 10,000
 * entries) at zlib's default level: three times faster than the highest, for about 3%
 * more bytes.
 */
export const fileLevel = (data: string | Uint8Array) => (data.length > LARGE_FILE ? 6 : 9);

/** Where entries compressed by an earlier build are found by what they are made from (the render cache, page-cache.ts). */
export interface EntryCache {
  key(...parts: (string | Uint8Array)[]): string;
  get(key: string): Buffer | undefined;
  put(key: string, data: Uint8Array | string): void;
}

// In the cache: [CRC-32][size][deflated]. The search index's thousands of files and the
// data files are mostly the same from one build to the next; compressing them is most of
// the offline step.

/** The entry the cache holds for a file (its path and bytes, or what it is made from), or the key to keep it under. */
export function cachedEntry(cache: EntryCache | undefined, rel: string, data: string | Uint8Array): { entry: CompressedEntry } | { key?: string } {
  if (!cache) return {};
  const key = cache.key('zip-entry', rel, data);
  const hit = cache.get(key);
  // A view, not a copy: the part read from the cache is memory of its own.
  return hit ? { entry: { crc: hit.readUInt32LE(0), size: hit.readUInt32LE(4), deflated: new Uint8Array(hit.buffer as ArrayBuffer, hit.byteOffset + 8, hit.length - 8) } } : { key };
}

/** Keeps a compressed entry for the next build; returns it. */
export function keepEntry(cache: EntryCache | undefined, key: string | undefined, entry: CompressedEntry): CompressedEntry {
  if (key === undefined || !cache) return entry;
  const head = Buffer.alloc(8);
  head.writeUInt32LE(entry.crc, 0);
  head.writeUInt32LE(entry.size, 4);
  cache.put(key, Buffer.concat([head, entry.deflated]));
  return entry;
}

/** A file's entry: from the cache, or compressed on the thread pool (and kept). */
export function prepareEntry(cache: EntryCache | undefined, rel: string, data: string | Uint8Array): Promise<CompressedEntry> {
  const hit = cachedEntry(cache, rel, data);
  return 'entry' in hit ? Promise.resolve(hit.entry) : compressEntryAsync(data, fileLevel(data)).then((entry) => keepEntry(cache, hit.key, entry));
}
