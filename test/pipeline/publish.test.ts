/** Atomic publishing's folder names and swap (src/pipeline/publish.ts), on real folders in a temp dir. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discardStaging, failedBuildMessage, parseLeftover, processAlive, publishPaths, removeInBackground, removeLeftovers, swapIntoPlace } from '../../src/pipeline/publish.ts';

const temp = () => mkdtempSync(path.join(tmpdir(), 'dossier-publish-'));
const site = (dir: string, text: string) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), text);
};
const text = (dir: string) => readFileSync(path.join(dir, 'index.html'), 'utf8');

describe('publishPaths', () => {
  it('names the staging and previous folders beside the output, hidden, with the pid', () => {
    expect(publishPaths('/srv/site/dist', 4242)).toEqual({ out: '/srv/site/dist', staging: '/srv/site/.dist.staging-4242', previous: '/srv/site/.dist.previous-4242' });
    expect(publishPaths('/srv/site/dist/', 7).out).toBe('/srv/site/dist');
  });
});

describe('parseLeftover', () => {
  it.each([
    ['.dist.staging-123', { name: '.dist.staging-123', kind: 'staging', pid: 123 }],
    ['.dist.previous-9', { name: '.dist.previous-9', kind: 'previous', pid: 9 }],
    ['dist', undefined],
    ['.dist.staging-', undefined],
    ['.dist.staging-12x', undefined],
    ['.dist.staging-012', undefined],
    ['.other.staging-12', undefined],
    ['.dist.staging-12/..', undefined],
    ['.distx.staging-12', undefined],
  ])('%s', (name, expected) => {
    expect(parseLeftover(name, 'dist')).toEqual(expected);
  });
});

describe('processAlive', () => {
  it('is true for this process and false for a pid nobody has', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 22 + 12345)).toBe(false);
  });
});

describe('swapIntoPlace', () => {
  it('replaces the output with the staging folder and removes the old output', () => {
    const root = temp();
    const paths = publishPaths(path.join(root, 'dist'), 11);
    site(paths.out, 'old');
    site(paths.staging, 'new');
    swapIntoPlace(paths);
    expect(text(paths.out)).toBe('new');
    expect(readdirSync(root)).toEqual(['dist']);
  });

  it('can leave the old output to a process of its own, which removes it after the swap', async () => {
    const root = temp();
    const paths = publishPaths(path.join(root, 'dist'), 11);
    site(paths.out, 'old');
    for (let i = 0; i < 200; i++) site(path.join(paths.out, `page-${i}`), String(i));
    site(paths.staging, 'new');
    swapIntoPlace(paths, removeInBackground);
    expect(text(paths.out)).toBe('new');
    const started = Date.now();
    while (readdirSync(root).length > 1 && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(root)).toEqual(['dist']);
  });

  it('publishes a first build (no output yet)', () => {
    const root = temp();
    const paths = publishPaths(path.join(root, 'dist'), 11);
    site(paths.staging, 'new');
    swapIntoPlace(paths);
    expect(text(paths.out)).toBe('new');
    expect(readdirSync(root)).toEqual(['dist']);
  });

  it('puts the old output back when the staging folder cannot take its place', () => {
    const root = temp();
    const paths = publishPaths(path.join(root, 'dist'), 11);
    site(paths.out, 'old');
    expect(() => swapIntoPlace(paths)).toThrow(/ENOENT/);
    expect(text(paths.out)).toBe('old');
    expect(readdirSync(root)).toEqual(['dist']);
  });
});

describe('removeLeftovers', () => {
  const dead = new Set([101, 102, 103]);
  const alive = (pid: number) => !dead.has(pid);

  it('removes the folders of dead builds and of this pid, keeps those of running builds and anything else', () => {
    const root = temp();
    const paths = publishPaths(path.join(root, 'dist'), 500);
    site(paths.out, 'current');
    for (const name of ['.dist.staging-101', '.dist.previous-102', '.dist.staging-500', '.dist.staging-200', '.other.staging-103', 'notes', '.dist.staging-x']) site(path.join(root, name), name);
    expect(removeLeftovers(paths, alive, 500).sort()).toEqual(['.dist.previous-102', '.dist.staging-101', '.dist.staging-500']);
    expect(readdirSync(root).sort()).toEqual(['.dist.staging-200', '.dist.staging-x', '.other.staging-103', 'dist', 'notes']);
    expect(text(paths.out)).toBe('current');
  });

  it('puts the previous output back when a swap was killed between its two renames', () => {
    const root = temp();
    const paths = publishPaths(path.join(root, 'dist'), 500);
    site(path.join(root, '.dist.previous-101'), 'old');
    site(path.join(root, '.dist.staging-101'), 'new, never published');
    expect(removeLeftovers(paths, alive, 500).sort()).toEqual(['.dist.previous-101', '.dist.staging-101']);
    expect(readdirSync(root)).toEqual(['dist']);
    expect(text(paths.out)).toBe('old');
  });

  it('does nothing when the output folder\'s parent does not exist yet', () => {
    expect(removeLeftovers(publishPaths(path.join(temp(), 'a/b/dist')))).toEqual([]);
  });
});

describe('discardStaging and the message', () => {
  it('removes the staging folder only, and says the output was left as it was', () => {
    const root = temp();
    const paths = publishPaths(path.join(root, 'dist'), 11);
    site(paths.out, 'old');
    site(paths.staging, 'half');
    expect(discardStaging(paths)).toBe(true);
    expect(discardStaging(paths)).toBe(false);
    expect(existsSync(paths.staging)).toBe(false);
    expect(text(paths.out)).toBe('old');
    expect(failedBuildMessage(paths)).toBe(`The build failed: ${paths.out} was left as it was (the new build was in ${paths.staging}, now removed).`);
  });
});
