/**
 * The build's body render pool (src/pipeline/render-pool.ts): renders made in its worker
 * process are the ones this thread makes, and whatever the worker cannot vouch for (a
 * body it read differently, another renderer digest, a worker that is gone) is rendered here.
 */
import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { EVENT, makeDossier } from '../helpers/dossier.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { dossierRenderer } from '../../src/pipeline/renderer.ts';
import { renderWorkers, startRenderPool, countEntryFiles } from '../../src/pipeline/render-pool.ts';

const files: Record<string, string> = {};
// A body the renderer refuses: refused there with the same plain lines as here.
files['events/a-refused.md'] = EVENT('', '<script>alert(1)</script>');
for (let i = 0; i < 11; i++) files[`events/e${i}.md`] = EVENT('', `Event ${i} involved [[group-a]] [@report-a, para ${i + 1}].\n\n## Part ${i}\n\nMore.`);

describe('renderWorkers', () => {
  it('starts none for a small dossier, one per core but this one for a large one, and follows DOSSIER_WORKERS', () => {
    expect(renderWorkers(299, {})).toBe(0);
    expect(renderWorkers(10_000, {})).toBe(availableParallelism() >= 2 ? Math.min(availableParallelism(), 4) - 1 : 0);
    expect(renderWorkers(10_000, { DOSSIER_WORKERS: '0' })).toBe(0);
    expect(renderWorkers(10, { DOSSIER_WORKERS: '2' })).toBe(2);
  });

  it('counts a content folder\'s entry files without reading them', () => {
    expect(countEntryFiles(makeDossier(files))).toBe(14);
    expect(countEntryFiles('/no/such/folder')).toBe(0);
  });
});

describe('startRenderPool', () => {
  it('renders as this thread does, in the entries\' order, and here what the worker read differently', async () => {
    const root = makeDossier(files);
    const pool = startRenderPool(root, 1);
    try {
      const result = await checkDossier(root);
      const renderer = dossierRenderer(result);
      const entries = result.entries.filter((e) => e.collection === 'events');
      // Changed since the worker read it (as if the file changed during the build): rendered here.
      entries[1] = { ...entries[1], body: 'Changed [[group-a]] [@report-a].' };
      const rendered = await pool.renderAll(entries, renderer);
      expect(rendered).toEqual(entries.map((e) => renderer.render(e)));
      expect(JSON.stringify(rendered[1])).toContain('Changed');
      expect(rendered[0]).toEqual({ ok: false, problems: [expect.objectContaining({ file: 'events/a-refused.md', field: 'body', message: 'raw HTML is not allowed: <script>alert(1)</script>; use Markdown instead (e.g. **bold**, [text](https://…), ![alt](image.png))' })] });
      // The worker's share is the first half: all but the changed one rendered there.
      expect(pool.renderedThere).toBe(5);
      // Another digest (other labels, images or code): nothing is rendered there.
      const other = { ...renderer, digest: 'another' };
      expect(await pool.renderAll(entries, other)).toEqual(entries.map((e) => renderer.render(e)));
      expect(pool.renderedThere).toBe(5);
    } finally {
      await pool.close();
    }
    // A closed pool's share is rendered here.
    const result = await checkDossier(root);
    const renderer = dossierRenderer(result);
    expect(await pool.renderAll(result.entries, renderer)).toEqual(result.entries.map((e) => renderer.render(e)));
  });
});
