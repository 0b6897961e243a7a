import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesAside } from '../../src/pipeline/write-aside.ts';

const temp = () => mkdtempSync(path.join(tmpdir(), 'dossier-aside-'));
const bytes = (s: string) => new Uint8Array(Buffer.from(s));

describe('writeFilesAside', () => {
  it('writes the files into their folders, replacing what the folder held', async () => {
    const dir = path.join(temp(), 'out');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'stale.txt'), 'from an earlier build');
    await writeFilesAside(dir, [{ path: 'a.txt', content: bytes('A') }, { path: 'fragment/b.pf', content: bytes('B') }]);
    expect(readdirSync(dir, { recursive: true }).map(String).sort()).toEqual(['a.txt', 'fragment', 'fragment/b.pf']);
    expect(readFileSync(path.join(dir, 'fragment/b.pf'), 'utf8')).toBe('B');
  });

  it('fails when the files cannot be written (the build then writes them where they go)', async () => {
    const file = path.join(temp(), 'a-file');
    writeFileSync(file, 'not a folder');
    await expect(writeFilesAside(path.join(file, 'out'), [{ path: 'a.txt', content: bytes('A') }])).rejects.toThrow(/ENOTDIR|not a directory/);
  });
});
