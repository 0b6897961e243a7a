/**
 * What an image file is, judged by its bytes, not its name: a file called map.png
 * may hold SVG, HTML or script, and a browser opening it on its own could run it.
 * Only the five raster formats the site publishes are recognised, by their magic
 * numbers and the minimal header that follows; width and height come from that
 * header when it is complete and plausible.
 *
 * Pure and defensive: input is untrusted, every read is bounds-checked, every loop
 * advances, nothing throws.
 */

export type RasterFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif';

export interface RasterInfo {
  format: RasterFormat;
  /** The format's usual file extension, with its dot (.jpg for JPEG). */
  ext: string;
  width?: number;
  height?: number;
}

export const RASTER_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif'];

const EXT: Record<RasterFormat, string> = { png: '.png', jpeg: '.jpg', gif: '.gif', webp: '.webp', avif: '.avif' };

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const ascii = (b: Uint8Array, i: number, n: number) => (i + n <= b.length ? String.fromCharCode(...b.subarray(i, i + n)) : '');
const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((x, k) => b[at + k] === x);

/** Both sides, or neither: a zero (or absent) side means the header cannot be trusted. */
function info(format: RasterFormat, size?: { width: number; height: number }): RasterInfo {
  const ok = size && size.width > 0 && size.height > 0;
  return ok ? { format, ext: EXT[format], width: size.width, height: size.height } : { format, ext: EXT[format] };
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The raster format these bytes hold (with its size when the header gives it), else undefined. */
export function sniffRaster(bytes: Uint8Array): RasterInfo | undefined {
  const b = bytes;
  // PNG: signature, then the IHDR chunk must come first (length 13).
  if (startsWith(b, PNG)) {
    if (ascii(b, 12, 4) !== 'IHDR') return undefined;
    return info('png', b.length >= 24 && u32be(b, 8) === 13 ? { width: u32be(b, 16), height: u32be(b, 20) } : undefined);
  }
  if (startsWith(b, [0xff, 0xd8, 0xff])) return info('jpeg', jpegSize(b));
  const gif = ascii(b, 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a') return info('gif', b.length >= 10 ? { width: u16le(b, 6), height: u16le(b, 8) } : undefined);
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    const chunk = ascii(b, 12, 4);
    if (chunk !== 'VP8 ' && chunk !== 'VP8L' && chunk !== 'VP8X') return undefined;
    return info('webp', webpSize(b, chunk));
  }
  if (ascii(b, 4, 4) === 'ftyp' && isAvifBrand(b)) return info('avif', avifSize(b));
  return undefined;
}

/** Walks JPEG segments to the first SOFn marker (its frame header holds the size). */
function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    if (marker === 0xff) { i++; continue; } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; } // no length
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image or scan data before any frame
    const length = u16be(b, i + 2);
    if (length < 2) return undefined;
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return i + 9 <= b.length && length >= 7 ? { height: u16be(b, i + 5), width: u16be(b, i + 7) } : undefined;
    }
    i += 2 + length;
  }
  return undefined;
}

function webpSize(b: Uint8Array, chunk: string): { width: number; height: number } | undefined {
  if (chunk === 'VP8 ') {
    // Frame tag (3 bytes), then the key-frame start code 9D 01 2A, then 14-bit sizes.
    if (b.length < 30 || !startsWith(b, [0x9d, 0x01, 0x2a], 23)) return undefined;
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (b.length < 25 || b[20] !== 0x2f) return undefined;
    const bits = (b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (b.length < 30) return undefined; // VP8X: flags (4), then canvas size minus one, 24-bit each
  return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
}

/** An ISO-BMFF box: its type and where its payload starts and ends. */
interface Box { type: string; start: number; end: number }

/** The boxes between start and end; stops at the first malformed one. */
function boxes(b: Uint8Array, start: number, end: number): Box[] {
  const out: Box[] = [];
  let i = start;
  while (i + 8 <= end && out.length < 1000) {
    let size = u32be(b, i);
    let header = 8;
    if (size === 1) {
      if (i + 16 > end || u32be(b, i + 8) !== 0) return out; // a 64-bit size over 4 GB: not in a 5 MB file
      size = u32be(b, i + 12);
      header = 16;
    } else if (size === 0) {
      size = end - i; // to the end
    }
    if (size < header || i + size > end) return out;
    out.push({ type: ascii(b, i + 4, 4), start: i + header, end: i + size });
    i += size;
  }
  return out;
}

/** The ftyp box names avif (still image) or avis (sequence) as major or compatible brand. */
function isAvifBrand(b: Uint8Array): boolean {
  const ftyp = boxes(b, 0, Math.min(b.length, 4096))[0];
  if (!ftyp || ftyp.type !== 'ftyp' || ftyp.end - ftyp.start < 8) return false;
  const brands = [ascii(b, ftyp.start, 4)];
  for (let i = ftyp.start + 8; i + 4 <= ftyp.end; i += 4) brands.push(ascii(b, i, 4));
  return brands.some((x) => x === 'avif' || x === 'avis');
}

/** meta > iprp > ipco > ispe: the first image's spatial extent. */
function avifSize(b: Uint8Array): { width: number; height: number } | undefined {
  const child = (list: Box[], type: string) => list.find((x) => x.type === type);
  const meta = child(boxes(b, 0, b.length), 'meta');
  if (!meta) return undefined;
  const iprp = child(boxes(b, meta.start + 4, meta.end), 'iprp'); // meta is a full box: 4 bytes of version and flags
  const ipco = iprp && child(boxes(b, iprp.start, iprp.end), 'ipco');
  const ispe = ipco && child(boxes(b, ipco.start, ipco.end), 'ispe');
  if (!ispe || ispe.end - ispe.start < 12) return undefined;
  return { width: u32be(b, ispe.start + 4), height: u32be(b, ispe.start + 8) };
}
