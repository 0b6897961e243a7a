/**
 * Incremental builds (Astro's experimental.incrementalBuild, with each entry page's key
 * from src/data/dossier.ts): after an edit, a build with the last build's cache renders
 * only the pages the edit changes, restores the others, and publishes exactly the files
 * a clean build of the edited dossier gives (pages, offline edition, search index).
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { astroBin, CACHE, FIXTURES, hashTree, ROOT, runNode, userEnv } from '../helpers/build.ts';
import { htmlFiles } from '../../src/pipeline/files.ts';

// Under the working directory: Astro bundles the pages of a build whose output is outside
// it in ./.astro/, which builds running at the same time would share.
mkdirSync(CACHE, { recursive: true });
const work = mkdtempSync(path.join(CACHE, 'incremental-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const content = path.join(work, 'content');
cpSync(FIXTURES.mini, content, { recursive: true });

/** A build of the working copy, into `name`/dist with `name`/cache. */
async function build(name: string) {
  const r = await runNode([astroBin(), 'build'], {
    cwd: ROOT,
    env: { ...userEnv(), ASTRO_TELEMETRY_DISABLED: '1', DOSSIER_CONTENT_DIR: content, DOSSIER_OUT_DIR: path.join(work, name, 'dist'), DOSSIER_CACHE_DIR: path.join(work, name, 'cache') },
  });
  expect(r.status, r.output.slice(-3000)).toBe(0);
  return { output: r.output, dist: path.join(work, name, 'dist') };
}
/**
 * "N as they were rendered, M restored unchanged from the last build (K by the key they were
 * published with)" from the policy step's line: K of the M were carried over, and not read again.
 */
const counts = (output: string) => {
  const m = output.match(/\((\d+) as they were rendered(?:, (\d+) restored unchanged from the last build \((\d+) by the key they were published with\))?:/);
  return { rendered: Number(m?.[1]), restored: Number(m?.[2] ?? 0), byKey: Number(m?.[3] ?? 0) };
};
const event = path.join(content, 'events/clash-in-town-c.md');
/** "carried N pages of the last output" (src/pipeline/carry-over.ts), or 0. */
const carried = (output: string) => Number(output.match(/carried (\d+) pages of the last output/)?.[1] ?? 0);

describe('a rebuild after an edit', () => {
  it('with nothing changed, restores every entry page and the graph page, and renders only the pages that list everything', async () => {
    const first = await build('warm');
    expect(counts(first.output).restored).toBe(0);
    expect(carried(first.output)).toBe(0);
    const firstIndex = statSync(path.join(first.dist, 'actors/group-a/index.html')).ino;
    const again = await build('warm');
    // Every page of the last output was linked into the new one before Astro generated it:
    // the restored pages are the same files, not copies.
    expect(carried(again.output)).toBe(htmlFiles(first.dist).length);
    expect(statSync(path.join(again.dist, 'actors/group-a/index.html')).ino).toBe(firstIndex);
    const { rendered, restored, byKey } = counts(again.output);
    // Entry pages: 2 actors, 2 events, 1 place, 2 sources, 1 explainer page (the overview is the
    // home page); and the graph page (only data).
    expect(restored).toBe(10);
    // All of them carried over: known by the key they were published with, not read again.
    expect(byKey).toBe(10);
    expect(rendered).toBeGreaterThan(0);
    expect(hashTree(again.dist)).toEqual(hashTree(first.dist));
  }, 120_000);

  it('after a fresh checkout (the same files with new times, as in CI) still restores every entry page', async () => {
    const later = new Date(Date.now() + 60_000);
    for (const rel of ['media/town-c-sketch.png', 'events/clash-in-town-c.md', 'dossier.yml']) utimesSync(path.join(content, rel), later, later);
    const again = await build('warm');
    expect(counts(again.output).restored).toBe(10);
  }, 120_000);

  it('after a body edit renders its page and the page it now mentions, and gives the files of a clean build', async () => {
    appendFileSync(event, '\nLater that day [[state-b]] was seen in the town.\n');
    const warm = await build('warm');
    const { restored } = counts(warm.output);
    // The event's page and State B's ("Mentioned in") are rendered again; the other 7 and the graph are not.
    expect(restored).toBe(8);
    expect(readFileSync(path.join(warm.dist, 'events/clash-in-town-c/index.html'), 'utf8')).toContain('was seen in the town');
    expect(readFileSync(path.join(warm.dist, 'actors/state-b/index.html'), 'utf8')).toContain('href="/events/clash-in-town-c/"');
    const clean = await build('clean-1');
    expect(hashTree(warm.dist)).toEqual(hashTree(clean.dist));
  }, 180_000);

  it('after a title edit renders every entry page and the graph again (others show the title), and gives the files of a clean build', async () => {
    writeFileSync(event, readFileSync(event, 'utf8').replace('title: Clash in Town C', 'title: Clash in Town C, renamed'));
    const warm = await build('warm');
    expect(counts(warm.output).restored).toBe(0);
    expect(readFileSync(path.join(warm.dist, 'actors/group-a/index.html'), 'utf8')).toContain('Clash in Town C, renamed');
    const clean = await build('clean-2');
    expect(hashTree(warm.dist)).toEqual(hashTree(clean.dist));
  }, 180_000);

  it('after an entry is removed, does not publish its page carried over from the last output, and gives the files of a clean build', async () => {
    const page = 'sources/tricky-title/index.html';
    expect(existsSync(path.join(work, 'warm/dist', page))).toBe(true);
    rmSync(path.join(content, 'sources/tricky-title.md'));
    const warm = await build('warm');
    expect(carried(warm.output)).toBeGreaterThan(0);
    expect(warm.output).toContain('removed 1 page(s) of the last output that this build does not make');
    expect(existsSync(path.join(warm.dist, page))).toBe(false);
    expect(existsSync(path.join(warm.dist, 'sources/tricky-title'))).toBe(false);
    const clean = await build('clean-3');
    expect(hashTree(warm.dist)).toEqual(hashTree(clean.dist));
  }, 180_000);

  it('does not carry a page edited by hand in the output after it was published: the rebuild gives the files of a clean build', async () => {
    const dist = path.join(work, 'warm/dist');
    const pages = htmlFiles(dist).length;
    appendFileSync(path.join(dist, 'actors/group-a/index.html'), '<!-- edited by hand -->');
    const warm = await build('warm');
    expect(carried(warm.output)).toBe(pages - 1);
    // The page edited by hand is Astro's copy from its cache: read, not taken by its published key.
    const { restored, byKey } = counts(warm.output);
    expect(byKey).toBe(restored - 1);
    expect(readFileSync(path.join(warm.dist, 'actors/group-a/index.html'), 'utf8')).not.toContain('edited by hand');
    expect(hashTree(warm.dist)).toEqual(hashTree(path.join(work, 'clean-3/dist')));
  }, 180_000);

  it('with an output folder that is not the one this cache published (put back by hand), carries nothing and still gives the files of a clean build', async () => {
    const dist = path.join(work, 'warm/dist');
    const copy = path.join(work, 'warm/dist-copy');
    cpSync(dist, copy, { recursive: true });
    rmSync(dist, { recursive: true });
    cpSync(copy, dist, { recursive: true });
    const warm = await build('warm');
    expect(carried(warm.output)).toBe(0);
    expect(counts(warm.output).restored).toBeGreaterThan(0);
    expect(counts(warm.output).byKey).toBe(0);
    expect(hashTree(warm.dist)).toEqual(hashTree(path.join(work, 'clean-3/dist')));
  }, 180_000);
});
