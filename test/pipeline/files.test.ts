import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDossier } from '../helpers/dossier.ts';
import { BufferedFile, fileUrl, reusingReader } from '../../src/pipeline/files.ts';

describe('reusingReader', () => {
  it('reads each file whole, small or larger than its buffer, and empty ones too', () => {
    const dir = makeDossier({}, false);
    const files = {
      'a.html': 'قاسم سليماني <p>a</p>',
      'big.bin': Buffer.alloc(3 << 20, 7),
      'empty.txt': '',
      'b.html': '<p>b</p>',
    };
    for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), data);
    const read = reusingReader();
    for (const name of Object.keys(files)) {
      const bytes = Buffer.from(read(path.join(dir, name)));
      expect(bytes.equals(readFileSync(path.join(dir, name))), name).toBe(true);
    }
  });
});

describe('fileUrl', () => {
  it.each([
    ['index.html', '/'],
    ['actors/kh/index.html', '/actors/kh/'],
    ['404.html', '/404.html'],
  ])('%s is served at %s', (rel, url) => {
    expect(fileUrl(rel)).toBe(url);
  });
});

describe('BufferedFile', () => {
  it('writes the pieces in order, in its new folder, small and large alike', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dossier-buffered-')), 'sub', 'out.bin');
    const out = new BufferedFile(file);
    const pieces = [Buffer.from('head'), Buffer.alloc(1.5 * (1 << 20), 7), new Uint8Array(0), Buffer.from('tail')];
    for (const p of pieces) out.write(p);
    out.close();
    expect(readFileSync(file).equals(Buffer.concat(pieces))).toBe(true);
  });

  it('leaves no file when discarded', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dossier-buffered-')), 'out.bin');
    const out = new BufferedFile(file);
    out.write(Buffer.alloc(2 << 20));
    out.discard();
    expect(existsSync(file)).toBe(false);
  });
});
