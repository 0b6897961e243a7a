/**
 * Many byte strings in one file, found by a header: [header length, 4 bytes][header
 * JSON][the parts, one after the other]. For caches of thousands of small results,
 * where a file each costs more in creating, renaming and opening than in bytes.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes the pack aside and renames it into place (a reader never sees half of one). */
export function writePackFile(file: string, header: unknown, parts: readonly Uint8Array[]): void {
  const head = Buffer.from(JSON.stringify({ header, lengths: parts.map((p) => p.length) }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, Buffer.concat([length, head, ...parts]));
  renameSync(`${file}.tmp`, file);
}

/** The header and parts of a pack; undefined when there is none or it is not whole. */
export function readPackFile<H>(file: string): { header: H; parts: Buffer[] } | undefined {
  try {
    const bytes = readFileSync(file);
    const length = bytes.readUInt32LE(0);
    const { header, lengths } = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')) as { header: H; lengths: number[] };
    let at = 4 + length;
    const parts = lengths.map((n) => bytes.subarray(at, (at += n)));
    return at === bytes.length ? { header, parts } : undefined;
  } catch {
    return undefined;
  }
}
