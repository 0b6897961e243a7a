/** Builds a dossier with the real `astro build`, into test/.cache/<name>/. */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CACHE = path.join(ROOT, 'test/.cache');

/**
 * The dossiers the tests share (built once per run by the global setup). The second
 * one, iran-iraq, is unlike the first on purpose (another war, Persian and Arabic
 * names, a period, a year-only date, no explainer pages, no images): tests that walk
 * every fixture catch what only holds for the first.
 */
export const FIXTURES = {
  mini: path.join(ROOT, 'test/fixtures/mini'),
  content: path.join(ROOT, 'content'),
  'iran-iraq': path.join(ROOT, 'test/fixtures/iran-iraq'),
} as const;
export type FixtureName = keyof typeof FIXTURES;

/**
 * What a fixture is built with beyond its content: the second dossier's search index is
 * made in shards of 5 entries (src/domain/search-shards.ts), so the search and offline
 * tests run on a merged index as a large dossier's readers do.
 */
export const FIXTURE_ENV: Partial<Record<FixtureName, Record<string, string>>> = {
  'iran-iraq': { DOSSIER_SEARCH_SHARD_SIZE: '5' },
};

/**
 * Where the global setup builds the mini dossier a second time: outside the project
 * folder (Astro then stages its build in ./.astro/ and removes that folder, so this
 * build must not run beside the others). One folder per checkout.
 */
export const OUTSIDE_DIST = path.join(tmpdir(), `dossier-outside-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`, 'dist');

export function distOf(name: string): string {
  return path.join(CACHE, name, 'dist');
}

export interface BuildResult {
  status: number | null;
  output: string;
  dist: string;
}

/**
 * The environment a user's `npm run build` has: this process's, without what Vitest adds
 * (NODE_ENV=test, and Vite's MODE, DEV, PROD, SSR, BASE_URL, TEST: with them Astro builds
 * as in development, where the pages' render-time work is skipped and the steps after
 * the build do it instead, so tests would not see what users get).
 */
const VITEST_ADDS = new Set(['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'TEST']);
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !VITEST_ADDS.has(k) && !k.startsWith('VITEST')));
  return { ...env, ...extra };
}

function buildEnv(name: string, contentDir: string, dist: string, extraEnv: Record<string, string>) {
  mkdirSync(path.dirname(dist), { recursive: true });
  rmSync(dist, { recursive: true, force: true });
  return {
    ...userEnv(),
    DOSSIER_CONTENT_DIR: contentDir,
    DOSSIER_OUT_DIR: dist,
    DOSSIER_CACHE_DIR: path.join(CACHE, name, 'astro-cache'),
    ASTRO_TELEMETRY_DISABLED: '1',
    ...extraEnv,
  };
}

/** Astro's command-line script in a project folder, where its package.json's `bin` says (bin/astro.mjs since Astro 6). */
export function astroBin(project = ROOT): string {
  const dir = path.join(project, 'node_modules/astro');
  return path.join(dir, JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).bin.astro);
}

const ASTRO_BUILD = [astroBin(), 'build'];

export function buildDossier(name: string, contentDir: string, extraEnv: Record<string, string> = {}): BuildResult {
  const dist = distOf(name);
  const r = spawnSync(process.execPath, ASTRO_BUILD, { cwd: ROOT, encoding: 'utf8', env: buildEnv(name, contentDir, dist, extraEnv) });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`.replace(ANSI, ''), dist };
}

/** The same, without blocking the test worker (for long builds inside a test file). */
export async function buildDossierAsync(name: string, contentDir: string, extraEnv: Record<string, string> = {}): Promise<BuildResult> {
  const dist = distOf(name);
  const { status, output } = await runNode(ASTRO_BUILD, { env: buildEnv(name, contentDir, dist, extraEnv) });
  return { status, output, dist };
}

export interface NodeRun { pid: number | undefined; status: number | null; signal: NodeJS.Signals | null; output: string }

/** Colour codes, which Astro's logger writes where it thinks a terminal or CI shows them. */
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Runs a Node script (e.g. `astro build`) without blocking the test worker: its output
 * (stdout and stderr, in order, without colour codes), exit status and signal.
 * `during` sees the running child's pid (to kill it mid-way).
 */
export function runNode(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; during?: (pid: number) => Promise<void> } = {}): Promise<NodeRun> {
  const child = spawn(process.execPath, args, { cwd: options.cwd ?? ROOT, env: options.env ?? userEnv() });
  let output = '';
  child.stdout.on('data', (b) => { output += b; });
  child.stderr.on('data', (b) => { output += b; });
  const closed = new Promise<NodeRun>((resolve) => child.on('close', (status, signal) => resolve({ pid: child.pid, status, signal, output: output.replace(ANSI, '') })));
  if (options.during && child.pid) void options.during(child.pid).catch(() => child.kill('SIGKILL'));
  return closed;
}

/** Every file and folder of dir with its bytes and modification time: equal snapshots, an untouched folder. */
export const snapshot = (dir: string): string[] => (readdirSync(dir, { recursive: true }) as string[]).sort().map((rel) => {
  const full = path.join(dir, rel);
  const stat = statSync(full);
  return stat.isFile() ? `${rel} ${stat.mtimeMs} ${readFileSync(full, 'base64')}` : `${rel}/`;
});

/** sha256 of every file, by path relative to the folder. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const full = path.join(dir, rel);
    if (statSync(full).isFile()) out[rel.split(path.sep).join('/')] = createHash('sha256').update(readFileSync(full)).digest('hex');
  }
  return out;
}
