import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPackFile, writePackFile } from '../../src/pipeline/pack-file.ts';
import { beginGeneration, endGeneration, PageCache } from '../../src/pipeline/page-cache.ts';

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

describe('PageCache.pack: results kept together from one build to the next', () => {
  const setup = (dir: string) => ({ dir, fingerprint: 'f' });

  it('a build finds what the last one used or made; what it did not use is not kept', () => {
    const dir = temp();
    beginGeneration(dir);
    const first = new PageCache(setup(dir)).pack('zip');
    first.put('a', Buffer.from('A'));
    first.put('b', Buffer.from('B'));
    first.write();
    endGeneration(dir);

    beginGeneration(dir);
    const cache = new PageCache(setup(dir));
    const second = cache.pack('zip');
    expect(text(second.get('a'))).toBe('A');
    expect(second.get('c')).toBeUndefined();
    second.put('c', Buffer.from('C'));
    second.write();
    endGeneration(dir);
    expect(cache.hits).toBe(1);

    beginGeneration(dir);
    const third = new PageCache(setup(dir)).pack('zip');
    expect([text(third.get('a')), text(third.get('b')), text(third.get('c'))]).toEqual(['A', undefined, 'C']);
  });

  it('a build that fails before writing leaves the last pack as it was', () => {
    const dir = temp();
    beginGeneration(dir);
    const first = new PageCache(setup(dir)).pack('zip');
    first.put('a', Buffer.from('A'));
    first.write();
    endGeneration(dir);
    beginGeneration(dir); // a build that stops here: no write, no end
    beginGeneration(dir);
    expect(text(new PageCache(setup(dir)).pack('zip').get('a'))).toBe('A');
    expect(existsSync(path.join(dir, 'current', 'zip.pack'))).toBe(true);
  });
});
