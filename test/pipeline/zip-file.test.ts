/** The zip of the offline edition (src/pipeline/zip-file.ts), read back by another implementation (fflate). */
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { ZipFile } from '../../src/pipeline/zip-file.ts';
import { compressEntry } from '../../src/pipeline/zip-entry.ts';

function zipOf(files: [string, string][]): Buffer {
  const chunks: Uint8Array[] = [];
  const zip = new ZipFile((c) => chunks.push(c));
  for (const [name, text] of files) zip.add(name, compressEntry(text));
  zip.end();
  return Buffer.concat(chunks);
}

describe('ZipFile', () => {
  const files: [string, string][] = [
    ['dossier-offline/index.html', '<!doctype html><p>Home</p>'],
    ['dossier-offline/places/al-qā’im/index.html', '<p>Al-Qā’im, القائم</p>'.repeat(200)],
    ['dossier-offline/empty.txt', ''],
  ];

  it('writes entries that unzip to their bytes and names, in the order added', () => {
    const unzipped = unzipSync(new Uint8Array(zipOf(files)));
    expect(Object.keys(unzipped)).toEqual(files.map(([n]) => n));
    expect(Object.values(unzipped).map((b) => Buffer.from(b).toString('utf8'))).toEqual(files.map(([, t]) => t));
  });

  it('marks names as UTF-8, dates every entry 1 Jan 2000, and makes the same bytes from the same files', () => {
    const zip = zipOf(files);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(6)).toBe(0x0800); // flags: UTF-8 names, no data descriptor
    expect(zip.readUInt16LE(8)).toBe(8); // deflate
    expect([zip.readUInt16LE(10), zip.readUInt16LE(12)]).toEqual([0, (20 << 9) | (1 << 5) | 1]);
    // The end record: 3 entries, and where the central directory starts.
    const end = zip.subarray(zip.length - 22);
    expect(end.readUInt32LE(0)).toBe(0x06054b50);
    expect([end.readUInt16LE(8), end.readUInt16LE(10)]).toEqual([3, 3]);
    expect(zip.readUInt32LE(end.readUInt32LE(16))).toBe(0x02014b50);
    expect(zipOf(files).equals(zip)).toBe(true);
  });

  it('refuses in plain words a 65,536th file (the most a zip without zip64 can list)', () => {
    const zip = new ZipFile(() => {});
    const entry = compressEntry('x');
    for (let i = 0; i < 0xffff; i++) zip.add(`f${i}`, entry);
    expect(() => zip.add('one-more', entry)).toThrow('it would hold more than 65535 files, the most a zip without the zip64 extension can');
  });
});
