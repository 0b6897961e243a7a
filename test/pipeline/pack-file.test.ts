import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackReader, PackWriter, readPackFile, writePackFile } from '../../src/pipeline/pack-file.ts';
import { beginGeneration, cachedKeys, endGeneration, PageCache } from '../../src/pipeline/page-cache.ts';

const temp = () => mkdtempSync(path.join(tmpdir(), 'dossier-pack-'));
const text = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);

describe('pack files: many byte strings in one file', () => {
  it('gives back the header and every part, empty ones too', () => {
    const file = path.join(temp(), 'sub', 'a.pack');
    writePackFile(file, { key: 'k' }, [Buffer.from('one'), new Uint8Array(0), Buffer.from('three')]);
    const pack = readPackFile<{ key: string }>(file);
    expect(pack?.header).toEqual({ key: 'k' });
    expect(pack?.parts.map(text)).toEqual(['one', '', 'three']);
  });

  it('is no pack when it is missing, cut short or not a pack', () => {
    const dir = temp();
    expect(readPackFile(path.join(dir, 'none.pack'))).toBeUndefined();
    const file = path.join(dir, 'a.pack');
    writePackFile(file, null, [Buffer.from('abcdef')]);
    writeFileSync(file, readFileSync(file).subarray(0, -2));
    expect(readPackFile(file)).toBeUndefined();
    writeFileSync(file, 'not a pack at all');
    expect(readPackFile(file)).toBeUndefined();
  });
});

describe('PackWriter and PackReader: a pack written as its parts come, read a part at a time', () => {
  it('reads back every part and the header, however the parts were written', () => {
    const file = path.join(temp(), 'sub', 'a.pack');
    const writer = new PackWriter(file);
    const big = Buffer.alloc(3 << 20, 7); // more than the writer holds back before writing
    const parts = [Buffer.from('one'), new Uint8Array(0), big, Buffer.from('four')];
    for (const p of parts) writer.add(p);
    expect(existsSync(file)).toBe(false); // aside until closed
    writer.close(['a', 'b', 'c', 'd']);
    const reader = PackReader.open<string[]>(file)!;
    expect(reader.header).toEqual(['a', 'b', 'c', 'd']);
    expect([0, 1, 3].map((i) => text(reader.part(i)))).toEqual(['one', '', 'four']);
    expect(reader.part(2).equals(big)).toBe(true);
    reader.close();
    expect(readPackFile(file)?.parts.map((p) => p.length)).toEqual([3, 0, 3 << 20, 4]);
  });

  it('gives each part whatever order they are asked for in', () => {
    const file = path.join(temp(), 'a.pack');
    const parts = Array.from({ length: 9 }, (_, i) => Buffer.alloc(300_000 + i, i + 1));
    writePackFile(file, null, parts);
    const reader = PackReader.open(file)!;
    for (const i of [0, 1, 2, 3, 8, 4, 0, 7, 5, 6, 3]) expect(reader.part(i).equals(parts[i])).toBe(true);
    reader.close();
  });

  it('is no pack when it is missing, cut short or not a pack', () => {
    const dir = temp();
    expect(PackReader.open(path.join(dir, 'none.pack'))).toBeUndefined();
    const file = path.join(dir, 'a.pack');
    writePackFile(file, null, [Buffer.from('abcdef')]);
    writeFileSync(file, readFileSync(file).subarray(2));
    expect(PackReader.open(file)).toBeUndefined();
    writeFileSync(file, Buffer.from([1, 2]));
    expect(PackReader.open(file)).toBeUndefined();
  });
});

describe('PageCache: per-page results kept from one build to the next', () => {
  const setup = (dir: string) => ({ dir, fingerprint: 'f' });

  it('a build finds what the last one used or made, whichever thread made it; what it did not use is not kept', () => {
    const dir = temp();
    beginGeneration(dir);
    // Two caches of one folder: two threads of a step, each with a pack of its own.
    const [one, two] = [new PageCache(setup(dir)), new PageCache(setup(dir))];
    one.put('a', Buffer.from('A'));
    two.put('b', 'B');
    two.put('b', 'B again'); // kept once
    one.flush();
    two.flush();
    endGeneration(dir);
    expect(readdirSync(path.join(dir, 'current')).filter((n) => n.endsWith('.pack'))).toHaveLength(2);
    expect([...cachedKeys(dir)].sort()).toEqual(['a', 'b']);

    beginGeneration(dir);
    const cache = new PageCache(setup(dir));
    expect(text(cache.get('b'))).toBe('B');
    expect(cache.get('c')).toBeUndefined();
    cache.put('c', Buffer.from('C'));
    cache.flush();
    endGeneration(dir);
    expect(cache.hits).toBe(1);

    beginGeneration(dir);
    const third = new PageCache(setup(dir));
    expect([text(third.get('a')), text(third.get('b')), text(third.get('c'))]).toEqual([undefined, 'B', 'C']);
    third.flush();
  });

  it('a large pack still used at least half goes on as it is; of one used less, only the used entries are copied', () => {
    const dir = temp();
    const pack = () => readdirSync(path.join(dir, 'current')).filter((n) => n.endsWith('.pack'));
    const big = (k: string) => k.toUpperCase().repeat(600_000); // three make a pack over the megabyte below which packs merge
    beginGeneration(dir);
    const first = new PageCache(setup(dir));
    for (const k of ['a', 'b', 'c']) first.put(k, big(k));
    first.flush();
    endGeneration(dir);
    const [name] = pack();
    const inode = statSync(path.join(dir, 'current', name)).ino;

    beginGeneration(dir);
    const second = new PageCache(setup(dir));
    expect([text(second.get('a')), text(second.get('b'))]).toEqual([big('a'), big('b')]);
    second.flush();
    endGeneration(dir);
    expect(pack()).toEqual([name]); // the same file, not a copy
    expect(statSync(path.join(dir, 'current', name)).ino).toBe(inode);
    expect([...cachedKeys(dir)].sort()).toEqual(['a', 'b', 'c']);

    beginGeneration(dir);
    const third = new PageCache(setup(dir));
    expect(text(third.get('c'))).toBe(big('c'));
    third.flush();
    endGeneration(dir);
    expect(pack()).not.toContain(name);
    expect([...cachedKeys(dir)]).toEqual(['c']);
    beginGeneration(dir);
    const fourth = new PageCache(setup(dir));
    expect(text(fourth.get('c'))).toBe(big('c'));
    fourth.flush();
  });

  it('small packs merge: after many builds that each add an entry, the packs are still few', () => {
    const dir = temp();
    const keys: string[] = [];
    for (let build = 0; build < 20; build++) {
      beginGeneration(dir);
      // Two threads, as a build with a worker: one takes every entry it finds, both add one.
      const [main, worker] = [new PageCache(setup(dir)), new PageCache(setup(dir))];
      for (const k of keys) expect(text(main.get(k))).toBe(k);
      main.put(`m${build}`, `m${build}`);
      worker.put(`w${build}`, `w${build}`);
      keys.push(`m${build}`, `w${build}`);
      main.flush();
      worker.flush();
      endGeneration(dir);
    }
    expect(cachedKeys(dir).size).toBe(40);
    expect(readdirSync(path.join(dir, 'current')).filter((n) => n.endsWith('.pack')).length).toBeLessThanOrEqual(2);
  });

  it('a build that fails before its end leaves the last generation as it was', () => {
    const dir = temp();
    beginGeneration(dir);
    const first = new PageCache(setup(dir));
    first.put('a', Buffer.from('A'));
    first.flush();
    endGeneration(dir);
    beginGeneration(dir); // a build that stops here: a thread's pack half written, no end
    new PageCache(setup(dir)).put('b', Buffer.from('B'));
    beginGeneration(dir);
    const cache = new PageCache(setup(dir));
    expect(text(cache.get('a'))).toBe('A');
    expect(cache.get('b')).toBeUndefined();
    cache.flush();
    expect([...cachedKeys(dir)]).toEqual(['a']);
  });
});
