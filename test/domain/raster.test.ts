import { describe, expect, it } from 'vitest';
import { sniffRaster } from '../../src/domain/raster.ts';
import { png } from '../helpers/images.ts';

const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : [...p])));
const be16 = (n: number) => [n >> 8, n & 255];
const le16 = (n: number) => [n & 255, n >> 8];
const le24 = (n: number) => [n & 255, (n >> 8) & 255, n >> 16];
const be32 = (n: number) => [(n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
const box = (type: string, ...payload: (string | number[] | Uint8Array)[]) => {
  const body = bytes(...payload);
  return bytes(be32(8 + body.length), type, body);
};

const JFIF = bytes([0xff, 0xd8, 0xff, 0xe0], be16(16), 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]);
const sof = (marker: number, w: number, h: number) => bytes([0xff, marker], be16(17), [8], be16(h), be16(w), [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
const jpeg = (w: number, h: number) => bytes(JFIF, [0xff, 0xdb], be16(4), [0, 0], sof(0xc0, w, h), [0xff, 0xd9]);
const riff = (chunk: string, data: number[]) => bytes('RIFF', be32(0).reverse(), 'WEBP', chunk, [data.length, 0, 0, 0], data);
const ftyp = (major: string, ...compat: string[]) => box('ftyp', major, be32(0), ...compat);
const avif = (w: number, h: number) => bytes(ftyp('avif', 'mif1', 'miaf'), box('meta', [0, 0, 0, 0], box('hdlr', [0, 0, 0, 0, 0, 0, 0, 0], 'pict'), box('iprp', box('ipco', box('ispe', [0, 0, 0, 0], be32(w), be32(h))))));

describe('sniffRaster', () => {
  it.each<[string, Uint8Array, ReturnType<typeof sniffRaster>]>([
    ['a real 1x1 PNG', png(), { format: 'png', ext: '.png', width: 1, height: 1 }],
    ['a real 3x2 PNG', png(3, 2), { format: 'png', ext: '.png', width: 3, height: 2 }],
    ['PNG cut after IHDR type', png().subarray(0, 16), { format: 'png', ext: '.png' }],
    ['PNG signature then no IHDR', bytes(png().subarray(0, 8), be32(13), 'tEXt', '<script>alert(1)</script>'), undefined],
    ['PNG signature alone', png().subarray(0, 8), undefined],
    ['PNG with a zero width', bytes(png().subarray(0, 16), be32(0), be32(5)), { format: 'png', ext: '.png' }],
    ['JPEG (JFIF, DQT, SOF0)', jpeg(640, 480), { format: 'jpeg', ext: '.jpg', width: 640, height: 480 }],
    ['JPEG progressive (SOF2) after fill bytes', bytes(JFIF, [0xff, 0xff], sof(0xc2, 7, 9)), { format: 'jpeg', ext: '.jpg', width: 7, height: 9 }],
    ['JPEG: DHT (C4) is not a frame', bytes(JFIF, [0xff, 0xc4], be16(7), [0, 1, 2, 3, 4], sof(0xc1, 2, 3)), { format: 'jpeg', ext: '.jpg', width: 2, height: 3 }],
    ['JPEG cut inside SOF', jpeg(640, 480).subarray(0, 25), { format: 'jpeg', ext: '.jpg' }],
    ['JPEG whose segment length runs past the end', bytes(JFIF, [0xff, 0xe1, 0xff, 0xff]), { format: 'jpeg', ext: '.jpg' }],
    ['JPEG with a segment length of 0', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0xff, 0xc0]), { format: 'jpeg', ext: '.jpg' }],
    ['JPEG with garbage between segments', bytes(JFIF, 'garbage'), { format: 'jpeg', ext: '.jpg' }],
    ['JPEG: scan before any frame', bytes(JFIF, [0xff, 0xda], be16(2), sof(0xc0, 1, 1)), { format: 'jpeg', ext: '.jpg' }],
    ['GIF89a', bytes('GIF89a', le16(300), le16(200), [0xf7, 0, 0]), { format: 'gif', ext: '.gif', width: 300, height: 200 }],
    ['GIF87a', bytes('GIF87a', le16(1), le16(1)), { format: 'gif', ext: '.gif', width: 1, height: 1 }],
    ['GIF cut in its screen descriptor', bytes('GIF89a', [1, 0, 1]), { format: 'gif', ext: '.gif' }],
    ['GIF88a is no GIF', bytes('GIF88a', le16(1), le16(1)), undefined],
    ['WebP lossy (VP8)', riff('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...le16(17), ...le16(11), 0, 0]), { format: 'webp', ext: '.webp', width: 17, height: 11 }],
    ['WebP lossy without its start code', riff('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2b, ...le16(17), ...le16(11)]), { format: 'webp', ext: '.webp' }],
    ['WebP lossless (VP8L)', riff('VP8L', [0x2f, ...[(99) & 255, ((99 >> 8) & 0x3f) | ((49 & 3) << 6), (49 >> 2) & 255, (49 >> 10) & 15]]), { format: 'webp', ext: '.webp', width: 100, height: 50 }],
    ['WebP extended (VP8X)', riff('VP8X', [0x10, 0, 0, 0, ...le24(1919), ...le24(1079)]), { format: 'webp', ext: '.webp', width: 1920, height: 1080 }],
    ['WebP with an unknown first chunk', riff('ABCD', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), undefined],
    ['RIFF that is a WAV', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), undefined],
    ['AVIF with ispe', avif(64, 48), { format: 'avif', ext: '.avif', width: 64, height: 48 }],
    ['AVIF by a compatible brand', bytes(ftyp('mif1', 'avif')), { format: 'avif', ext: '.avif' }],
    ['AVIF sequence (avis)', bytes(ftyp('avis')), { format: 'avif', ext: '.avif' }],
    ['AVIF whose meta box lies about its size', bytes(ftyp('avif'), be32(4000), 'meta', [0, 0, 0, 0]), { format: 'avif', ext: '.avif' }],
    ['AVIF with a box of size 0 (to the end)', bytes(ftyp('avif'), be32(0), 'meta'), { format: 'avif', ext: '.avif' }],
    ['HEIC is not AVIF', bytes(ftyp('heic', 'mif1')), undefined],
    ['MP4 is not AVIF', bytes(ftyp('isom', 'mp41')), undefined],
    ['ftyp box shorter than its brand', bytes(be32(8), 'ftyp'), undefined],
    ['SVG named .png', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), undefined],
    ['SVG behind an XML declaration', bytes('<?xml version="1.0"?><svg/>'), undefined],
    ['HTML', bytes('<!doctype html><script>alert(1)</script>'), undefined],
    ['JavaScript', bytes('import fs from "node:fs"; fs.writeFileSync(process.env.X, "ran")'), undefined],
    ['BMP (not published)', bytes('BM', [0, 0, 0, 0]), undefined],
    ['empty', new Uint8Array(0), undefined],
    ['one byte', bytes([0x89]), undefined],
  ])('%s', (_, input, expected) => {
    expect(sniffRaster(input)).toEqual(expected);
  });

  it('never throws on any prefix of a valid file, nor on random bytes', () => {
    for (const file of [png(2, 2), jpeg(5, 6), avif(3, 4), riff('VP8X', [0, 0, 0, 0, 1, 0, 0, 1, 0, 0])]) {
      for (let n = 0; n <= file.length; n++) expect(() => sniffRaster(file.subarray(0, n))).not.toThrow();
    }
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255;
    for (let k = 0; k < 2000; k++) {
      const head = [[0xff, 0xd8, 0xff], [...Buffer.from('RIFF\0\0\0\0WEBPVP8X')], [0, 0, 0, 16, ...Buffer.from('ftypavif')]][k % 3];
      const input = bytes(head, Array.from({ length: k % 64 }, rand));
      expect(() => sniffRaster(input)).not.toThrow();
    }
  });

  it('stays fast on a JPEG made of tiny segments', () => {
    const many = new Uint8Array(5_000_000);
    many.set([0xff, 0xd8]);
    for (let i = 2; i + 4 <= many.length; i += 4) many.set([0xff, 0xfe, 0, 2], i);
    const start = performance.now();
    expect(sniffRaster(many)).toEqual({ format: 'jpeg', ext: '.jpg' });
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
