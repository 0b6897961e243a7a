/**
 * The hostile corpus (test/fixtures/hostile/, see test/helpers/hostile.ts), read as
 * `npm run check` reads it and as the build's renderer does, without Astro. For every
 * case: the check prints exactly the expected lines; the renderer, given each entry the
 * check let through, refuses it with exactly the check's lines about its body (it does
 * not rely on the check having run); and an accepted case renders to inert HTML with
 * nothing from outside the dossier. The same corpus is built by `astro build` in
 * test/build/hostile-build.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/domain/problems.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { dossierRenderer } from '../../src/pipeline/renderer.ts';
import { hostileCases, layHostileCase, SECRET } from '../helpers/hostile.ts';
import { liveMarkup } from '../helpers/markup.ts';

const cases = hostileCases();

describe('hostile corpus: the check and the renderer agree', () => {
  it('covers every class of attack', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { root, cleanup } = layHostileCase(c);
    try {
      const result = await checkDossier(root);
      expect(result.errors.map((p) => formatProblem(p))).toEqual(c.expected);
      expect(result.problems.map((p) => formatProblem(p)).join('\n')).not.toContain(SECRET);

      const renderer = dossierRenderer(result);
      for (const entry of result.entries) {
        const rendered = renderer.render(entry);
        const checkSaid = result.errors.filter((p) => p.file === entry.file && p.field === 'body').map((p) => formatProblem(p));
        expect(rendered.ok ? [] : rendered.problems.map((p) => formatProblem(p)), entry.file).toEqual(checkSaid);
        if (!rendered.ok) continue;
        expect(liveMarkup(rendered.value.html), entry.file).toEqual([]);
        expect(rendered.value.html).not.toContain(SECRET);
        expect(rendered.value.html).not.toMatch(/<img[^>]+src="(?!\/media\/)/);
        for (const image of rendered.value.images) expect(image.full.startsWith(root)).toBe(true);
      }
    } finally {
      cleanup();
    }
  });
});
