import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../helpers/cli.ts';
import { ACTOR, EVENT, makeDossier } from '../helpers/dossier.ts';

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

  it('counts every entry file it checked, those with problems too', async () => {
    const dir = makeDossier({ 'events/e.md': EVENT('participants:\n  - actor: grop-a\n'), 'events/f.md': '---\ntitle: [\n---\n', 'actors/x.md': ACTOR('colour: red\n') });
    const r = await runCheck(dir, ['--format', 'text'], {});
    // The base dossier's source and actor, and the three above.
    expect(r.stdout).toMatch(/\n5 entries checked in \d+ ms: 3 error\(s\), 0 warning\(s\)\. Fix the lines above/);
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

describe('npm run check with hostile content: messages are inert text', () => {
  // A YAML key with a newline and a workflow command, an enum value with ESC, a file name
  // with a newline and a command, a bidi override in a value.
  const hostile = () => makeDossier({
    'events/key.md': EVENT('"a\\n::error file=x::pwned": 1\n'),
    'actors/esc.md': '---\nname: E\nkind: "\\e[31m"\nsources: [report-a]\n---\nBody.\n',
    'actors/x\n::warning::y.md': ACTOR(),
    'events/bidi.md': EVENT('participants:\n  - actor: "group-a\u202egnp.exe"\n'),
  });
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/u;

  it('no line starts with "::" but the deliberate annotations, which start with the file path; no raw control or bidi character', async () => {
    const dir = hostile();
    const prefix = `${path.relative(ROOT, dir)}/`;
    const [text, github] = await Promise.all([runCheck(dir, ['--format', 'text'], {}), runCheck(dir, ['--format', 'github'], {})]);
    for (const r of [text, github]) {
      expect(r.status).toBe(1);
      expect(r.stdout + r.stderr).not.toMatch(RAW);
      expect(r.stdout).toContain(`${prefix}events/key.md:5:1  a\\n::error file=x::pwned: unknown field "a\\n::error file=x::pwned".`);
      expect(r.stdout).toContain(`${prefix}actors/esc.md:3:1  kind: "\\u001b[31m" is not allowed here;`);
      expect(r.stdout).toContain(`${prefix}actors/x\\n::warning::y.md  the file name "x\\n::warning::y" is not a valid id`);
      expect(r.stdout).toContain(`${prefix}events/bidi.md:6:5  participants[0].actor: unknown actor "group-a\\u202egnp.exe"`);
    }
    const lines = (r: { stdout: string; stderr: string }) => `${r.stdout}${r.stderr}`.split('\n');
    expect(lines(text).filter((l) => l.startsWith('::'))).toEqual([]);
    const problemLines = lines(text).filter((l) => l.startsWith(prefix));
    expect(problemLines.length).toBeGreaterThanOrEqual(4);
    // With --format github: the same problem lines, plus exactly one annotation each, on its own line.
    const annotations = lines(github).filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(problemLines.length);
    const file = prefix.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C');
    for (const a of annotations) expect(a.startsWith(`::error file=${file}`) || a.startsWith(`::warning file=${file}`), a).toBe(true);
    expect(github.stdout).toContain(`::error file=${file}events/key.md,line=5,col=1,title=Dossier check%3A a\\n%3A%3Aerror file=x%3A%3Apwned::a\\n::error file=x::pwned: unknown field`);
    expect(github.stdout).toContain(`::error file=${file}actors/x\\n%3A%3Awarning%3A%3Ay.md,title=Dossier check::the file name "x\\n::warning::y" is not a valid id`);
    // Every other line is the same as with --format text (but the timing).
    const untimed = (ls: string[]) => ls.map((l) => l.replace(/ in \d+ ms/, ''));
    expect(untimed(lines(github).filter((l) => !l.startsWith('::')))).toEqual(untimed(lines(text)));
  }, 120_000);
});
