/**
 * Atomic publishing (src/integrations/publish.ts): whatever stops a build — the check,
 * an exception in a post-build step, a SIGKILL — the previous output stays exactly as it
 * was (same files, bytes and mtimes); only a successful build replaces it.
 * The tests run in order on one output folder and share one Astro cache (faster rebuilds).
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBin, CACHE, distOf, FIXTURES, ROOT, runNode, snapshot, type NodeRun, userEnv } from '../helpers/build.ts';
import { EVENT, makeDossier } from '../helpers/dossier.ts';

const HERE = path.join(CACHE, 'publish');
/** The output folder's parent holds nothing else, so leftovers beside it show. */
const SITE = path.join(HERE, 'site');
const OUT = path.join(SITE, 'dist');
const ASTRO = astroBin();
const stagingOf = (pid: number | undefined) => path.join(SITE, `.dist.staging-${pid}`);


/** `astro build` of a dossier into OUT, without blocking the test worker; `during` sees the running child. */
function build(contentDir: string, args: string[] = [], during?: (pid: number) => Promise<void>): Promise<NodeRun> {
  return runNode([ASTRO, 'build', ...args], {
    env: { ...userEnv(), ASTRO_TELEMETRY_DISABLED: '1', DOSSIER_CONTENT_DIR: contentDir, DOSSIER_OUT_DIR: OUT, DOSSIER_CACHE_DIR: path.join(HERE, 'astro-cache') },
    during,
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Arguments for a build with the real configuration plus one post-build step, before publish, that throws. */
function failingStep(): string[] {
  const config = path.join(HERE, 'failing-step.config.mjs');
  writeFileSync(config, [
    `import config from ${JSON.stringify(path.join(ROOT, 'astro.config.mjs'))};`,
    "const failing = { name: 'failing-step', hooks: { 'astro:build:done': () => { throw new Error('the failing step broke'); } } };",
    'export default { ...config, integrations: [...config.integrations.slice(0, -1), failing, config.integrations.at(-1)] };',
  ].join('\n'));
  return ['--config', path.relative(ROOT, config)];
}

describe('publishing a build', () => {
  beforeAll(() => {
    // The previous site: the mini dossier's build, plus a file no new build writes.
    rmSync(HERE, { recursive: true, force: true });
    mkdirSync(SITE, { recursive: true });
    cpSync(distOf('mini'), OUT, { recursive: true, preserveTimestamps: true });
    writeFileSync(path.join(OUT, 'previous.txt'), 'the previous build');
  });

  it('stopped by the check, leaves the previous output untouched', async () => {
    const before = snapshot(OUT);
    const r = await build(makeDossier({ 'events/e.md': EVENT('', '<script>alert(1)</script>') }));
    expect(r.status).toBe(1);
    expect(r.output).toContain('raw HTML is not allowed: <script>alert(1)</script>');
    expect(r.output).toContain('nothing was built');
    expect(snapshot(OUT)).toEqual(before);
    expect(readdirSync(SITE)).toEqual(['dist']);
  });

  it('failing in a post-build step, after the pages were written, leaves the previous output byte for byte and says so', async () => {
    const before = snapshot(OUT);
    const r = await build(FIXTURES.mini, failingStep());
    expect(r.status).toBe(1);
    // It got as far as the post-build steps before it.
    expect(r.output).toContain('[dossier-offline] dossier-offline.zip');
    expect(r.output).toContain('the failing step broke');
    expect(r.output).toContain(`The build failed: ${OUT} was left as it was (the new build was in ${stagingOf(r.pid)}, now removed).`);
    expect(r.output).not.toContain('[dossier-publish] published');
    expect(snapshot(OUT)).toEqual(before);
    expect(readdirSync(SITE)).toEqual(['dist']);
  });

  it('killed (SIGKILL) while writing, leaves the previous output untouched; the next build publishes and removes the killed one\'s staging folder', async () => {
    const before = snapshot(OUT);
    // Kill as soon as the staging folder has content: Astro is writing the new site.
    const killed = await build(FIXTURES.mini, [], async (pid) => {
      const started = Date.now();
      while (!(existsSync(stagingOf(pid)) && readdirSync(stagingOf(pid)).length)) {
        if (Date.now() - started > 120_000) throw new Error('no staging folder appeared');
        await sleep(20);
      }
      process.kill(pid, 'SIGKILL');
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(snapshot(OUT)).toEqual(before);
    // No exit handler runs on SIGKILL: the staging folder stays, beside the untouched output.
    expect(readdirSync(SITE).sort()).toEqual([path.basename(stagingOf(killed.pid)), 'dist']);

    const previousIndex = statSync(path.join(OUT, 'index.html')).mtimeMs;
    const r = await build(FIXTURES.mini);
    expect(r.status, r.output.slice(-3000)).toBe(0);
    expect(r.output).toContain(`removed what interrupted builds left: ${path.basename(stagingOf(killed.pid))}`);
    expect(r.output).toContain(`[dossier-publish] published ${OUT}`);
    // The replaced output is removed by a process of its own, after the build has ended.
    const started = Date.now();
    while (readdirSync(SITE).length > 1 && Date.now() - started < 30_000) await sleep(50);
    expect(readdirSync(SITE)).toEqual(['dist']);
    // A new site: the previous one's extra file is gone, the pages are newer, the zip is there.
    expect(existsSync(path.join(OUT, 'previous.txt'))).toBe(false);
    expect(statSync(path.join(OUT, 'index.html')).mtimeMs).toBeGreaterThan(previousIndex);
    expect(existsSync(path.join(OUT, 'dossier-offline.zip'))).toBe(true);
    expect(existsSync(path.join(OUT, 'pagefind'))).toBe(true);
  });

  it('failing after it rendered a changed page again over the last output\'s pages (carried as hard links), leaves that output byte for byte', async () => {
    // The last build published OUT with this cache: the next one starts from its pages.
    const edited = path.join(HERE, 'edited');
    rmSync(edited, { recursive: true, force: true });
    cpSync(FIXTURES.mini, edited, { recursive: true });
    appendFileSync(path.join(edited, 'events/clash-in-town-c.md'), '\nA sentence only the failed build has.\n');
    const page = path.join(OUT, 'events/clash-in-town-c/index.html');
    const before = snapshot(OUT);
    const r = await build(edited, failingStep());
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/carried \d+ pages of the last output into the new one/);
    // The changed page was rendered and written in the staging folder, as a new file.
    expect(r.output).toMatch(/\(\d+ as they were rendered, \d+ restored unchanged from the last build/);
    expect(r.output).toContain('the failing step broke');
    expect(snapshot(OUT)).toEqual(before);
    expect(readFileSync(page, 'utf8')).not.toContain('only the failed build has');
    expect(readdirSync(SITE)).toEqual(['dist']);

    // The failed build took the note of what was published with it: the next build copies
    // from the cache as before (nothing carried), and publishes the edit.
    const next = await build(edited);
    expect(next.status, next.output.slice(-3000)).toBe(0);
    expect(next.output).not.toContain('pages of the last output');
    expect(readFileSync(page, 'utf8')).toContain('only the failed build has');
  });

  it('stopped by the check while it was carrying the last output\'s pages over, leaves that output untouched and no staging folder', async () => {
    const before = snapshot(OUT);
    const r = await build(makeDossier({ 'events/e.md': EVENT('', '<script>alert(1)</script>') }));
    expect(r.status).toBe(1);
    expect(r.output).toContain('nothing was built');
    // Nothing was built: the staging folder held only carried pages, removed without a word.
    expect(r.output).not.toContain('The build failed');
    expect(snapshot(OUT)).toEqual(before);
    expect(readdirSync(SITE)).toEqual(['dist']);
  });
});
