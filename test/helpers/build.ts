/** Builds a dossier with the real `astro build`, into test/.cache/<name>/. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CACHE = path.join(ROOT, 'test/.cache');

/** The dossiers the tests share (built once per run by the global setup). */
export const FIXTURES = {
  mini: path.join(ROOT, 'test/fixtures/mini'),
  content: path.join(ROOT, 'content'),
} as const;
export type FixtureName = keyof typeof FIXTURES;

export function distOf(name: string): string {
  return path.join(CACHE, name, 'dist');
}

export interface BuildResult {
  status: number | null;
  output: string;
  dist: string;
}

function buildEnv(name: string, contentDir: string, dist: string, extraEnv: Record<string, string>) {
  mkdirSync(path.dirname(dist), { recursive: true });
  rmSync(dist, { recursive: true, force: true });
  return {
    ...process.env,
    DOSSIER_CONTENT_DIR: contentDir,
    DOSSIER_OUT_DIR: dist,
    DOSSIER_CACHE_DIR: path.join(CACHE, name, 'astro-cache'),
    ASTRO_TELEMETRY_DISABLED: '1',
    ...extraEnv,
  };
}

const ASTRO_BUILD = [path.join(ROOT, 'node_modules/astro/astro.js'), 'build'];

export function buildDossier(name: string, contentDir: string, extraEnv: Record<string, string> = {}): BuildResult {
  const dist = distOf(name);
  const r = spawnSync(process.execPath, ASTRO_BUILD, { cwd: ROOT, encoding: 'utf8', env: buildEnv(name, contentDir, dist, extraEnv) });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`, dist };
}

/** The same, without blocking the test worker (for long builds inside a test file). */
export function buildDossierAsync(name: string, contentDir: string, extraEnv: Record<string, string> = {}): Promise<BuildResult> {
  const dist = distOf(name);
  const child = spawn(process.execPath, ASTRO_BUILD, { cwd: ROOT, env: buildEnv(name, contentDir, dist, extraEnv) });
  let output = '';
  child.stdout.on('data', (b) => { output += b; });
  child.stderr.on('data', (b) => { output += b; });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output, dist })));
}
