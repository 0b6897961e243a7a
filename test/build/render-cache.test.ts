/**
 * Stored renders are keyed on the whole code fingerprint: after a change to any file
 * of the Markdown pipeline, a warm build renders bodies again (no stale HTML from the
 * cache, which the Pages workflow restores across commits).
 *
 * The project is copied (its node_modules linked) so that its pipeline can be edited
 * without touching the checkout the other tests run from.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { astroBin, FIXTURES, ROOT, runNode, userEnv } from '../helpers/build.ts';

const copy = mkdtempSync(path.join(tmpdir(), 'dossier-project-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function build() {
  return runNode([astroBin(copy), 'build'], {
    cwd: copy,
    env: { ...userEnv(), ASTRO_TELEMETRY_DISABLED: '1', DOSSIER_CONTENT_DIR: FIXTURES.mini, DOSSIER_OUT_DIR: path.join(copy, 'dist'), DOSSIER_CACHE_DIR: path.join(copy, 'cache') },
  });
}

const page = () => readFileSync(path.join(copy, 'dist/events/clash-in-town-c/index.html'), 'utf8');

describe('the render cache', () => {
  it('renders bodies again when a file of the Markdown pipeline changes', async () => {
    for (const f of ['src', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(path.join(ROOT, f), path.join(copy, f), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
    const cold = await build();
    expect(cold.status, cold.output).toBe(0);
    expect(page()).toContain('class="wikilink"');

    // A pipeline change that every body shows: wikilinks get one more class.
    const plugin = path.join(copy, 'src/integrations/remark-dossier.ts');
    const code = readFileSync(plugin, 'utf8');
    const changed = code.replace("className: ['wikilink']", "className: ['wikilink', 'changed']");
    expect(changed).not.toBe(code);
    writeFileSync(plugin, changed);
    // The allowlist must let the new class through for it to show.
    const safe = path.join(copy, 'src/integrations/rehype-safe.ts');
    writeFileSync(safe, readFileSync(safe, 'utf8').replace('^(?:wikilink|', '^(?:wikilink|changed|'));

    const warm = await build();
    expect(warm.status, warm.output).toBe(0);
    expect(page()).toContain('class="wikilink changed"');
  });
});
