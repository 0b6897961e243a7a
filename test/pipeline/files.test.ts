import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDossier } from '../helpers/dossier.ts';
import { fileUrl, reusingReader } from '../../src/pipeline/files.ts';

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
