/**
 * A zip archive of entries deflated beforehand (src/pipeline/zip-entry.ts), written as it
 * goes: a local header and the bytes per entry, then the central directory. The format's
 * plain form (PKWARE APPNOTE 4.3): sizes and CRC known before each entry, so no data
 * descriptors; names in UTF-8 (flag bit 11); one fixed timestamp, so the same files make
 * the same bytes. It replaces fflate's Zip, which was given these entries through its
 * streaming class's inner fields and wrote a data descriptor after each (16 bytes): at
 * 10,000 pages (20,000 entries) the zip is 330 KB smaller and its step about 0.1 s shorter.
 */
import type { CompressedEntry } from './zip-entry.ts';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** Version 2.0: deflate. */
const VERSION = 20;
const UTF8_NAMES = 1 << 11;
const DEFLATE = 8;
/** 1 Jan 2000, 00:00:00, in MS-DOS form (date: years since 1980, month, day; time: 0). */
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
/** Without the zip64 extension: entries, and offsets and sizes in bytes. */
const MAX_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;

export class ZipTooLargeError extends Error {}

export class ZipFile {
  private readonly write: (chunk: Uint8Array) => void;
  private readonly central: Buffer[] = [];
  private offset = 0;
  private count = 0;

  constructor(write: (chunk: Uint8Array) => void) {
    this.write = write;
  }

  /** Adds an entry; `entry.deflated` is its raw deflate stream. */
  add(name: string, entry: CompressedEntry): void {
    if (this.count === MAX_ENTRIES) throw new ZipTooLargeError(`it would hold more than ${MAX_ENTRIES} files, the most a zip without the zip64 extension can`);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.allocUnsafe(30 + nameBytes.length);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(VERSION, 4);
    this.common(local, 6, entry, nameBytes.length);
    local.writeUInt16LE(0, 28); // extra field length
    nameBytes.copy(local, 30);

    const central = Buffer.allocUnsafe(46 + nameBytes.length);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(VERSION, 4); // made by: MS-DOS, version 2.0
    central.writeUInt16LE(VERSION, 6);
    this.common(central, 8, entry, nameBytes.length);
    central.writeUInt16LE(0, 30); // extra field length
    central.writeUInt16LE(0, 32); // comment length
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(this.offset, 42);
    nameBytes.copy(central, 46);

    const next = this.offset + local.length + entry.deflated.length;
    if (next > MAX_BYTES) throw new ZipTooLargeError('it would be over 4 GB, the most a zip without the zip64 extension can hold');
    this.write(local);
    this.write(entry.deflated);
    this.central.push(central);
    this.offset = next;
    this.count++;
  }

  /** Writes the central directory and its end record. */
  end(): void {
    let size = 0;
    for (const c of this.central) {
      this.write(c);
      size += c.length;
    }
    if (this.offset + size > MAX_BYTES) throw new ZipTooLargeError('it would be over 4 GB, the most a zip without the zip64 extension can hold');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END, 0);
    end.writeUInt16LE(this.count, 8); // entries on this disk
    end.writeUInt16LE(this.count, 10); // entries in all
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(this.offset, 16);
    this.write(end);
    this.central.length = 0;
  }

  /** The fields local and central headers share, from flags to the name's length. */
  private common(b: Buffer, at: number, entry: CompressedEntry, nameLength: number): void {
    b.writeUInt16LE(UTF8_NAMES, at);
    b.writeUInt16LE(DEFLATE, at + 2);
    b.writeUInt16LE(DOS_TIME, at + 4);
    b.writeUInt16LE(DOS_DATE, at + 6);
    b.writeUInt32LE(entry.crc >>> 0, at + 8);
    b.writeUInt32LE(entry.deflated.length, at + 12);
    b.writeUInt32LE(entry.size, at + 16);
    b.writeUInt16LE(nameLength, at + 20);
  }
}
