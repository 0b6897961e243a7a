import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../helpers/cli.ts';
import { EVENT, makeDossier } from '../helpers/dossier.ts';

const runCheck = (contentDir: string, args: string[], env: Record<string, string | undefined>) =>
  runScript('check', args, { GITHUB_ACTIONS: undefined, ...env, DOSSIER_CONTENT_DIR: contentDir });

const broken = () => makeDossier({ 'events/e.md': EVENT('participants:\n  - actor: grop-a\n') });

describe('npm run check --format github', () => {
  it('prints GitHub annotations with file, line and column (by default under GitHub Actions), and still exits 1', async () => {
    const dir = broken();
    const shown = path.relative(ROOT, dir);
    for (const r of await Promise.all([runCheck(dir, ['--format', 'github'], {}), runCheck(dir, [], { GITHUB_ACTIONS: 'true' })])) {
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`::error file=${shown.replace(/,/g, '%2C')}/events/e.md,line=6,col=5,title=Dossier check%3A participants[0].actor::participants[0].actor: unknown actor "grop-a": there is no actors/grop-a.md. Did you mean "group-a"?`);
      // The plain list is still there for people reading the log.
      expect(r.stdout).toContain('events/e.md:6:5  participants[0].actor: unknown actor "grop-a"');
    }
  }, 120_000);

  it('prints no annotations with --format text, and refuses an unknown format', async () => {
    const dir = broken();
    const [text, bad] = await Promise.all([runCheck(dir, ['--format=text'], { GITHUB_ACTIONS: 'true' }), runCheck(dir, ['--format', 'xml'], {})]);
    expect(text.status).toBe(1);
    expect(text.stdout).not.toContain('::error');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown --format "xml": use --format text or --format github');
  }, 120_000);
});
