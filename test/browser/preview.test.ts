/**
 * The contributor's preview (npm run dev) on a copy of the mini dossier: a problem is
 * shown where the contributor looks (the entry's address, a banner on every page) with
 * the check's file, line and reason, and the terminal says it once per change, plainly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBin, FIXTURES, ROOT, userEnv } from '../helpers/build.ts';
import { launchBrowser } from '../helpers/browser.ts';

const ANSI = /\x1b\[[0-9;]*m/g;
let dir: string;
let content: string;
let dev: ChildProcess;
let output = '';
let base: string;

const free = (port: number) => new Promise<boolean>((resolve) => {
  const probe = createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end || dev.exitCode !== null) throw new Error(`Gave up waiting for ${what}. Terminal:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const terminal = () => output.replace(ANSI, '');
const problems = async () => (await fetch(`${base}/__dossier/problems.json`)).json() as Promise<{ version: number; lines: { text: string }[] }>;
/** Writes a file and waits until the preview has read the dossier again. */
async function save(rel: string, text: string) {
  const before = (await problems()).version;
  writeFileSync(path.join(content, rel), text);
  await until(`the preview to read ${rel}`, async () => (await problems()).version > before);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dossier-preview-'));
  content = path.join(dir, 'mini');
  cpSync(FIXTURES.mini, content, { recursive: true });
  // An entry with a bad field from the start.
  const stateB = path.join(content, 'actors/state-b.md');
  writeFileSync(stateB, readFileSync(stateB, 'utf8').replace('kind: state', 'kind: stat'));
  let port = 4621;
  while (port <= 4629 && !(await free(port))) port++;
  expect(port, 'a free port in 4621-4629').toBeLessThanOrEqual(4629);
  // --ignore-lock: runs beside a contributor's own `astro dev` of this project, in the foreground.
  dev = spawn(process.execPath, [astroBin(), 'dev', '--ignore-lock', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    // Not vitest's NODE_ENV=test (the dev server then serves nothing) nor its other variables.
    env: { ...userEnv(), DOSSIER_CONTENT_DIR: content, DOSSIER_CACHE_DIR: path.join(dir, 'cache'), ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
  });
  dev.stdout!.on('data', (b) => { output += b; });
  dev.stderr!.on('data', (b) => { output += b; });
  // Generous: on a loaded machine (the rest of the suite builds beside it) the server and its
  // first page (compiled on demand) have taken over half a minute.
  base = await until('the dev server', () => /Local\s+(http:\/\/[^\s/]+)\//.exec(terminal())?.[1], 60_000);
  await until('the first page', async () => (await fetch(`${base}/`).catch(() => undefined))?.ok, 60_000);
}, 150_000);

afterAll(async () => {
  if (dev && dev.exitCode === null) {
    dev.kill('SIGTERM');
    await new Promise((r) => dev.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the preview (npm run dev)', () => {
  it('shows an entry with a bad field at its own address: the file, line, field and reason (not a 404)', async () => {
    const response = await fetch(`${base}/actors/state-b/`);
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain('This entry cannot be shown: actors/state-b.md has 1 error(s)');
    expect(html).toContain('mini/actors/state-b.md:3:1  kind: &quot;stat&quot; is not allowed here; use one of: armed-group, militia-umbrella, state,');
    expect(html).toContain('Did you mean &quot;state&quot;?');
    // The terminal said it at start, with the same line.
    expect(terminal()).toContain('mini/actors/state-b.md:3:1  kind: "stat" is not allowed here;');
  });

  it('shows a YAML syntax error on the page and in the terminal, without a stack trace', async () => {
    await save('places/town-c.md', '---\nname: [Town C\nkind: town\n---\n');
    const response = await fetch(`${base}/places/town-c/`);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('mini/places/town-c.md:3:1  the YAML cannot be read: Flow sequence in block collection must be sufficiently indented and end with a ]');
    expect(terminal()).toContain('mini/places/town-c.md:3:1  the YAML cannot be read:');
    expect(terminal()).not.toMatch(/UnhandledRejection|Make sure your promises|\n\s+at .+:\d+:\d+\)?\n/);
  });

  it('reports a broken wikilink in the terminal once for the save, with no "Duplicate id" warning', async () => {
    const file = path.join(content, 'actors/group-a.md');
    const from = terminal().length;
    await save('actors/group-a.md', readFileSync(file, 'utf8').replace('[[state-b]] [@report-a, para 2]', '[[state-q]] [@report-a, para 2]'));
    const said = terminal().slice(from);
    const line = 'mini/actors/group-a.md:13:22  body: wikilink [[state-q]] points to no entry. Did you mean "state-b"?';
    expect(said.split(line).length - 1).toBe(1);
    expect(terminal()).not.toMatch(/Duplicate id/i);
  });

  it('lists the problems in a banner on every page, and the error page goes once the entry is fixed', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/actors/group-a/`);
      const banner = page.locator('#dossier-preview-problems');
      await banner.waitFor();
      await expect(banner.textContent()).resolves.toContain('wikilink [[state-q]] points to no entry');
      await expect(banner.textContent()).resolves.toContain('actors/state-b.md:3:1  kind: "stat" is not allowed here');
      // The page renders the contributor's text as text.
      await expect(page.locator('h1').textContent()).resolves.toBe('Group A');

      await page.goto(`${base}/actors/state-b/`);
      await save('actors/state-b.md', readFileSync(path.join(content, 'actors/state-b.md'), 'utf8').replace('kind: stat', 'kind: state'));
      // The error page reloads by itself into the entry's page.
      await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'State B', undefined, { timeout: 15_000 });
      const fixed = await fetch(`${base}/actors/state-b/`);
      expect(fixed.status).toBe(200);
    } finally {
      await browser.close();
    }
  });
});
