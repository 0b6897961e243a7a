/** Builds a dossier with the real `astro build`, into test/.cache/<name>/. */
import { spawnSync } from 'node:child_process';
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

export function buildDossier(name: string, contentDir: string, extraEnv: Record<string, string> = {}): BuildResult {
  const dist = distOf(name);
  mkdirSync(path.dirname(dist), { recursive: true });
  rmSync(dist, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/astro/astro.js'), 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      DOSSIER_CONTENT_DIR: contentDir,
      DOSSIER_OUT_DIR: dist,
      DOSSIER_CACHE_DIR: path.join(CACHE, name, 'astro-cache'),
      ASTRO_TELEMETRY_DISABLED: '1',
      ...extraEnv,
    },
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`, dist };
}
