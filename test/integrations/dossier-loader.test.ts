/**
 * The content loader (src/integrations/dossier-loader.ts) serves the build and the
 * preview from the one reading of the dossier: the build stops on any problem with the
 * check's plain lines, and refuses a body on its own; the preview leaves out what has
 * problems, says why in inert text, and takes an entry back once it is fixed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dossierLoader, shareCheckedEntries } from '../../src/integrations/dossier-loader.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { sharedRenderPool, sharedRenders, shareRenderPool } from '../../src/pipeline/shared-reading.ts';
import { ACTOR, EVENT, makeDossier } from '../helpers/dossier.ts';

type Stored = { id: string; digest?: string; filePath?: string; rendered?: { html: string } };

function fakeContext(collection: string, dev: boolean, cacheDir?: string) {
  const stored = new Map<string, Stored>([['stale', { id: 'stale' }]]);
  const warnings: string[] = [];
  let onChange: ((event: string, file: string) => void) | undefined;
  const context = {
    collection,
    config: { root: new URL(`file://${process.cwd()}/`), cacheDir: cacheDir ? pathToFileURL(`${cacheDir}/`) : undefined },
    generateDigest: (s: string) => String(s.length) + s.slice(0, 40),
    watcher: dev ? { add() {}, on: (_: string, f: typeof onChange) => { onChange = f; } } : undefined,
    // A reading after the test's folder is gone reports through error(): not this test's concern.
    logger: { warn: (m: string) => warnings.push(m), info() {}, error() {} },
    store: {
      set: (e: Stored) => { stored.set(e.id, e); return true; },
      get: (id: string) => stored.get(id),
      delete: (id: string) => { stored.delete(id); },
      keys: () => [...stored.keys()],
    },
  } as unknown as LoaderContext;
  return { context, stored, warnings, change: (file: string) => onChange?.('change', file) };
}

afterEach(() => vi.restoreAllMocks());

describe('the build', () => {
  it('stores every entry without its body or render, which it shares in this process, and drops entries that are gone', async () => {
    const root = makeDossier({ 'events/e.md': EVENT('', 'Text [@report-a].') });
    shareCheckedEntries(await checkDossier(root));
    const { context, stored } = fakeContext('events', false);
    await dossierLoader('events', root).load(context);
    expect([...stored.keys()]).toEqual(['e']);
    expect(stored.get('e')?.rendered).toBeUndefined();
    expect(sharedRenders()?.get('events/e')?.html).toContain('<sup class="citation">');
  });

  it('keeps renders in the cache folder: an unchanged entry keeps its render, a changed one is rendered again', async () => {
    const root = makeDossier({ 'events/e.md': EVENT('', 'First [@report-a].') });
    const cache = mkdtempSync(path.join(tmpdir(), 'dossier-cache-'));
    const build = async () => {
      shareCheckedEntries(await checkDossier(root));
      await dossierLoader('events', root).load(fakeContext('events', false, cache).context);
      return sharedRenders()?.get('events/e')?.html;
    };
    expect(await build()).toContain('First');
    // A render the cache holds for the same file is taken as it is (here marked, to see it).
    const file = path.join(cache, 'dossier-bodies/events.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('First', 'Kept'));
    expect(await build()).toContain('Kept');
    writeFileSync(path.join(root, 'events/e.md'), EVENT('', 'Second [@report-a].'));
    expect(await build()).toContain('Second');
    // A cache file that is not the cache's own shape is as good as none.
    writeFileSync(file, '{"not": "renders"}');
    expect(await build()).toContain('Second');
  });

  it('renders many bodies in worker processes too, started when a collection needs them', async () => {
    // One worker whatever the machine's cores (on one core there would be none).
    vi.stubEnv('DOSSIER_WORKERS', '1');
    const files: Record<string, string> = {};
    for (let i = 0; i < 320; i++) files[`events/e${i}.md`] = EVENT('', `Event ${i} [@report-a].`);
    const root = makeDossier(files);
    shareCheckedEntries(await checkDossier(root));
    shareRenderPool(undefined);
    await dossierLoader('events', root).load(fakeContext('events', false).context);
    const pool = sharedRenderPool();
    try {
      expect(pool?.renderedThere).toBeGreaterThan(100);
      expect(sharedRenders()?.get('events/e7')?.html).toContain('Event 7');
    } finally {
      await pool?.close();
      shareRenderPool(undefined);
      vi.unstubAllEnvs();
    }
  });

  it('refuses a body on its own, with the check\'s plain lines, even if nothing stopped it before', async () => {
    const root = makeDossier({ 'events/e.md': EVENT('', '<script>alert(1)</script>') });
    // The reading the integration hands over, as if its own stop had been skipped.
    const result = await checkDossier(root);
    shareCheckedEntries({ ...result, errors: [], problems: [] });
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => { throw new Error('exit'); }) as never);
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => { printed.push(m); });
    await expect(dossierLoader('events', root).load(fakeContext('events', false).context)).rejects.toThrow('exit');
    expect(exit).toHaveBeenCalledWith(1);
    const prefix = `${path.relative(process.cwd(), root)}/`;
    expect(printed.join('\n')).toContain(`${prefix}events/e.md:6:1  body: raw HTML is not allowed: <script>alert(1)</script>; use Markdown instead`);
    expect(printed.join('\n')).toContain('nothing was built');
  });
});

describe('the preview (npm run dev)', () => {
  it('leaves out an entry with problems, says why in inert text, and takes it back once fixed', async () => {
    const root = makeDossier({ 'actors/bad.md': ACTOR('"a\\n::error file=x::pwned": 1\n') });
    shareCheckedEntries(await checkDossier(root));
    const { context, stored, warnings, change } = fakeContext('actors', true);
    await dossierLoader('actors', root).load(context);
    expect([...stored.keys()].sort()).toEqual(['group-a']);
    // The preview's pages read bodies and renders from the store.
    expect(stored.get('group-a')?.rendered?.html).toContain('<p>');

    // A save in the folder reads the dossier again; the loader says what is left out.
    writeFileSync(path.join(root, 'actors/bad.md'), ACTOR('"a\\n::error file=x::pwned": 2\n'));
    change(path.join(root, 'actors/bad.md'));
    await vi.waitFor(() => expect(warnings).toHaveLength(1));
    expect(warnings[0]).toContain('actors/bad.md:5:1  a\\n::error file=x::pwned: unknown field');
    expect(warnings[0].split('\n').some((line) => line.startsWith('::'))).toBe(false);

    writeFileSync(path.join(root, 'actors/bad.md'), ACTOR());
    await new Promise((r) => setTimeout(r, 600)); // past the loaders' shared-reading window
    change(path.join(root, 'actors/bad.md'));
    await vi.waitFor(() => expect([...stored.keys()].sort()).toEqual(['bad', 'group-a']));
  });
});
