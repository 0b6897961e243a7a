/**
 * The hostile corpus through the real `astro build` (test/helpers/hostile.ts): every
 * refused case stops the build with exactly the lines `npm run check` prints, no stack
 * trace, the previous output left as it was, and the canary module never run; the
 * accepted cases, built together, publish inert pages with nothing from outside the
 * dossier.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/domain/problems.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { htmlFiles } from '../../src/pipeline/files.ts';
import { astroBin, CACHE, distOf, ROOT, runNode, snapshot, userEnv } from '../helpers/build.ts';
import { hostileCases, layHostileCase, SECRET } from '../helpers/hostile.ts';

const cases = hostileCases();

function astroBuild(root: string, out: string, canary: string) {
  return runNode([astroBin(), 'build'], {
    env: {
      ...userEnv(), ASTRO_TELEMETRY_DISABLED: '1', DOSSIER_CONTENT_DIR: root, DOSSIER_OUT_DIR: out,
      DOSSIER_CACHE_DIR: path.join(path.dirname(out), 'astro-cache'), DOSSIER_CANARY: canary,
    },
  });
}


function elementIds(node: Root | RootContent, out: string[] = []): string[] {
  if (node.type === 'element' && typeof node.properties.id === 'string') out.push(node.properties.id);
  if ('children' in node) for (const child of node.children) elementIds(child, out);
  return out;
}

const allText = (dir: string) => (readdirSync(dir, { recursive: true }) as string[])
  .map((rel) => path.join(dir, rel)).filter((f) => statSync(f).isFile()).map((f) => readFileSync(f, 'latin1')).join('\n');

describe.concurrent('hostile corpus: the build refuses what the check refuses', () => {
  it.each(cases.filter((c) => !c.accepted).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { root, cleanup } = layHostileCase(c);
    const work = mkdtempSync(path.join(tmpdir(), `dossier-hostile-${c.name}-`));
    try {
      const out = path.join(work, 'dist');
      cpSync(distOf('mini'), out, { recursive: true });
      const before = snapshot(out);
      const canary = path.join(work, 'canary-ran');
      const check = (await checkDossier(root)).errors;
      const r = await astroBuild(root, out, canary);

      expect(r.status, r.output).toBe(1);
      const prefix = `${path.relative(ROOT, root)}/`;
      const printed = r.output.split('\n').filter((line) => line.startsWith(prefix) && !line.includes('  warning: '));
      expect(printed).toEqual(check.map((p) => formatProblem(p, prefix)));
      expect(r.output).not.toMatch(/^\s+at /m); // no stack trace
      expect(existsSync(canary)).toBe(false);
      expect(snapshot(out)).toEqual(before);
    } finally {
      cleanup();
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('hostile corpus: accepted cases build into inert pages', () => {
  it('builds them together, with nothing from outside the dossier and no clashing ids', async () => {
    const accepted = cases.filter((c) => c.accepted);
    expect(accepted.length).toBeGreaterThan(0);
    const { root, cleanup } = layHostileCase(accepted);
    // Under the working directory: Astro bundles the pages of a build whose output is outside
    // it in ./.astro/, which builds running at the same time would share.
    const work = mkdtempSync(path.join(CACHE, 'hostile-accepted-'));
    try {
      const out = path.join(work, 'dist');
      mkdirSync(work, { recursive: true });
      const canary = path.join(work, 'canary-ran');
      const r = await astroBuild(root, out, canary);
      expect(r.status, r.output).toBe(0);
      expect(existsSync(canary)).toBe(false);
      expect(allText(out)).not.toContain(SECRET);
      for (const file of htmlFiles(out)) {
        const html = readFileSync(file, 'utf8');
        const ids = elementIds(fromHtml(html));
        expect(ids.filter((id, i) => ids.indexOf(id) !== i), file).toEqual([]);
        expect(html, file).not.toMatch(/<img[^>]+src="(?!\/media\/)[^"]*"/);
      }
    } finally {
      cleanup();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
