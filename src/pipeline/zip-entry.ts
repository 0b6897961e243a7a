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
