/**
 * Many byte strings in one file: [the parts, one after the other][index JSON][index
 * length, 4 bytes]. For caches of thousands of small results, where a file each costs
 * more in creating, renaming and opening than in bytes. The index comes last so a pack
 * can be written as its parts come (PackWriter), and read a part at a time (PackReader).
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, renameSync } from 'node:fs';
import { BufferedFile } from './files.ts';

interface PackIndex<H> { header: H; lengths: number[] }

/** A pack written part by part, aside (`<file>.tmp`), and renamed into place by close(): a reader never sees half of one. */
export class PackWriter {
  private out: BufferedFile;
  private lengths: number[] = [];

  constructor(private file: string) {
    this.out = new BufferedFile(`${file}.tmp`);
  }

  /** Adds a part (its bytes must not change until the pack is closed). */
  add(part: Uint8Array): void {
    this.out.write(part);
    this.lengths.push(part.length);
  }

  /** Writes the index (with `header`) and puts the pack in place. */
  close(header: unknown): void {
    const index = Buffer.from(JSON.stringify({ header, lengths: this.lengths } satisfies PackIndex<unknown>));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(index.length);
    this.out.write(index);
    this.out.write(length);
    this.out.close();
    renameSync(`${this.file}.tmp`, this.file);
  }
}

/** Writes a whole pack at once. */
export function writePackFile(file: string, header: unknown, parts: readonly Uint8Array[]): void {
  const writer = new PackWriter(file);
  for (const part of parts) writer.add(part);
  writer.close(header);
}

/** The index of a pack of `size` bytes from its last bytes, when they make one. */
function parseIndex<H>(size: number, readTail: (from: number, length: number) => Buffer): { index: PackIndex<H>; offsets: number[] } | undefined {
  if (size < 4) return undefined;
  const length = readTail(size - 4, 4).readUInt32LE(0);
  if (length > size - 4) return undefined;
  const index = JSON.parse(readTail(size - 4 - length, length).toString('utf8')) as PackIndex<H>;
  if (!Array.isArray(index?.lengths)) return undefined;
  const offsets: number[] = [];
  let at = 0;
  for (const n of index.lengths) {
    offsets.push(at);
    at += n;
  }
  return at === size - 4 - length ? { index, offsets } : undefined;
}

/** The header and parts of a pack, read whole; undefined when there is none or it is not whole. */
export function readPackFile<H>(file: string): { header: H; parts: Buffer[] } | undefined {
  try {
    const bytes = readFileSync(file);
    const parsed = parseIndex<H>(bytes.length, (from, length) => bytes.subarray(from, from + length));
    if (!parsed) return undefined;
    return { header: parsed.index.header, parts: parsed.index.lengths.map((n, i) => bytes.subarray(parsed.offsets[i], parsed.offsets[i] + n)) };
  } catch {
    return undefined;
  }
}

/** A pack read a part at a time: its index when opened, each part when asked for. */
export class PackReader<H = unknown> {
  private constructor(private fd: number, readonly header: H, private lengths: number[], private offsets: number[]) {}

  /** Undefined when there is no pack there, or it is not whole. */
  static open<H>(file: string): PackReader<H> | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(file, 'r');
      const parsed = parseIndex<H>(fstatSync(fd).size, (from, length) => read(fd!, from, length));
      if (parsed) return new PackReader(fd, parsed.index.header, parsed.index.lengths, parsed.offsets);
    } catch {
      // Not a pack: as if there were none.
    }
    if (fd !== undefined) closeSync(fd);
    return undefined;
  }

  get size(): number {
    return this.lengths.length;
  }

  /** The parts' bytes in all. */
  get bytes(): number {
    return this.lengths.reduce((n, l) => n + l, 0);
  }

  /** A part's bytes, in memory of their own (a worker can hand them over whole). */
  part(i: number): Buffer {
    return read(this.fd, this.offsets[i], this.lengths[i]);
  }

  close(): void {
    closeSync(this.fd);
  }
}

function read(fd: number, from: number, length: number): Buffer {
  // Not from Node's shared pool: a small part would keep (and hand over) 8 KB of others.
  const buffer = Buffer.allocUnsafeSlow(length);
  let at = 0;
  while (at < length) {
    const n = readSync(fd, buffer, at, length - at, from + at);
    if (n === 0) throw new Error('pack file cut short');
    at += n;
  }
  return buffer;
}
