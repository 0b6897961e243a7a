import type { Loader, LoaderContext } from 'astro/loaders';
import { describe, expect, it } from 'vitest';
import { tolerantInPreview } from '../../src/integrations/preview-loader.ts';
import { schemas } from '../../src/schemas/index.ts';

/** A loader like Astro's glob(): parses each file's data, then stores it. */
const fakeGlob = (files: Record<string, Record<string, unknown>>): Loader => ({
  name: 'fake-glob',
  load: async ({ parseData, store }) => {
    for (const [id, data] of Object.entries(files)) {
      const parsed = await parseData({ id, data, filePath: `${process.cwd()}/content/actors/${id}.md` });
      store.set({ id, data: parsed });
    }
  },
});

function fakeContext(dev: boolean) {
  const stored = new Map<string, unknown>([['stale', {}], ['bad', { kept: 'from an earlier valid version' }]]);
  const warnings: string[] = [];
  const context = {
    collection: 'actors',
    watcher: dev ? {} : undefined,
    logger: { warn: (m: string) => warnings.push(m) },
    parseData: async ({ data }: { data: Record<string, unknown> }) => {
      const r = schemas.actors.safeParse(data);
      if (!r.success) throw new Error('**actors → bad** data does not match collection schema.');
      return r.data;
    },
    store: {
      set: (e: { id: string; data: unknown }) => { stored.set(e.id, e.data); return true; },
      delete: (id: string) => { stored.delete(id); },
      has: (id: string) => stored.has(id),
    },
  } as unknown as LoaderContext;
  return { context, stored, warnings };
}

const files = { good: { name: 'Good', kind: 'state' }, bad: { name: 'Bad', kind: null } };

describe('the preview (npm run dev) leaves out invalid entries instead of stopping', () => {
  it('stores the valid entries, removes the invalid one, and says why in plain words', async () => {
    const { context, stored, warnings } = fakeContext(true);
    await tolerantInPreview(fakeGlob(files), schemas.actors).load(context);
    expect(stored.has('good')).toBe(true);
    expect(stored.has('bad')).toBe(false);
    expect(context.store.has('stale')).toBe(true);
    expect(warnings).toEqual(['content/actors/bad.md is left out of the preview until it is fixed: kind: is empty: choose one of: armed-group, militia-umbrella, state, government-body, agency, armed-forces, coalition, political-party, person, media-outlet, other (npm run check lists every problem)']);
  });

  it('prints content (file name, field, value) as inert text: one line, escapes for controls and bidi', async () => {
    const { context, warnings } = fakeContext(true);
    const hostile = { 'x\n::warning::y': { name: 'X', kind: '\u001b[31m\u202e', 'a\n::error file=x::pwned': 1 } };
    await tolerantInPreview(fakeGlob(hostile), schemas.actors).load(context);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^content\/actors\/x\\n::warning::y\.md is left out of the preview until it is fixed: /);
    expect(warnings[0]).toContain('kind: "\\u001b[31m\\u202e" is not allowed here');
    expect(warnings[0]).toContain('a\\n::error file=x::pwned: unknown field "a\\n::error file=x::pwned"');
    expect(warnings[0]).not.toMatch(/[\u0000-\u001f\u202e]/);
  });

  it('an entry that becomes valid again is stored again', async () => {
    const { context, stored } = fakeContext(true);
    const onDisk: Record<string, Record<string, unknown>> = { ...files };
    const loader = tolerantInPreview(fakeGlob(onDisk), schemas.actors);
    await loader.load(context);
    expect(stored.has('bad')).toBe(false);
    onDisk.bad = { name: 'Bad', kind: 'person' };
    await loader.load(context);
    expect(stored.get('bad')).toMatchObject({ kind: 'person' });
  });

  it('the build (no file watcher) still fails on an invalid entry', async () => {
    const { context } = fakeContext(false);
    await expect(tolerantInPreview(fakeGlob(files), schemas.actors).load(context)).rejects.toThrow('does not match collection schema');
  });
});
