/**
 * Zip entries compressed where they are made (in the rendering thread, on Node's thread
 * pool, or in a worker), so the zip writer (src/pipeline/offline-edition.ts) only stores them.
 */
import { crc32, deflateRaw, deflateRawSync } from 'node:zlib';

/** A zip entry deflated where it was made: the raw deflate stream, its CRC-32 and size. */
export interface CompressedEntry { deflated: Uint8Array<ArrayBuffer>; crc: number; size: number }
/** Zip entries use deflate at its best compression: the edition is downloaded more often than built. */
export function compressEntry(data: string | Uint8Array, level = 9): CompressedEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const out = deflateRawSync(bytes, { level });
  // Its own memory, so a worker can hand it over without copying (a Buffer may share a pool).
  const deflated = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? new Uint8Array(out.buffer as ArrayBuffer) : new Uint8Array(out);
  return { deflated, crc: crc32(bytes) >>> 0, size: bytes.length };
}

/**
 * compressEntry on Node's thread pool: for a page's offline copy made as it is rendered,
 * so that compressing it overlaps the rendering of the next pages.
 */
export function compressEntryAsync(data: string): Promise<CompressedEntry> {
  const bytes = Buffer.from(data, 'utf8');
  return new Promise((resolve, reject) => {
    deflateRaw(bytes, { level: 9 }, (err, out) => {
      if (err) return reject(err);
      const deflated = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? new Uint8Array(out.buffer as ArrayBuffer) : new Uint8Array(out);
      resolve({ deflated, crc: crc32(bytes) >>> 0, size: bytes.length });
    });
  });
}
