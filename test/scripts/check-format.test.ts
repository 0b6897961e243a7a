import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT, makeDossier } from '../helpers/dossier.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const runCheck = (contentDir: string, args: string[], env: Record<string, string | undefined>) =>
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/check.ts', ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: undefined, ...env, DOSSIER_CONTENT_DIR: contentDir },
  });

const broken = () => makeDossier({ 'events/e.md': EVENT('participants:\n  - actor: grop-a\n') });

describe('npm run check --format github', () => {
  it('prints GitHub annotations with file, line and column (by default under GitHub Actions), and still exits 1', () => {
    const dir = broken();
    const shown = path.relative(ROOT, dir);
    for (const r of [runCheck(dir, ['--format', 'github'], {}), runCheck(dir, [], { GITHUB_ACTIONS: 'true' })]) {
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`::error file=${shown.replace(/,/g, '%2C')}/events/e.md,line=6,col=5,title=Dossier check%3A participants[0].actor::participants[0].actor: unknown actor "grop-a": there is no actors/grop-a.md. Did you mean "group-a"?`);
      // The plain list is still there for people reading the log.
      expect(r.stdout).toContain('events/e.md:6:5  participants[0].actor: unknown actor "grop-a"');
    }
  });

  it('prints no annotations with --format text, and refuses an unknown format', () => {
    const dir = broken();
    const text = runCheck(dir, ['--format=text'], { GITHUB_ACTIONS: 'true' });
    expect(text.status).toBe(1);
    expect(text.stdout).not.toContain('::error');
    const bad = runCheck(dir, ['--format', 'xml'], {});
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown --format "xml": use --format text or --format github');
  });
});
