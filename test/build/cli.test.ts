import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDossier, FIXTURES, ROOT, userEnv } from '../helpers/build.ts';
import { EVENT, makeDossier } from '../helpers/dossier.ts';

const runCheck = (contentDir: string) =>
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/check.ts'], {
    cwd: ROOT, encoding: 'utf8', env: { ...userEnv(), DOSSIER_CONTENT_DIR: contentDir },
  });

// The contributor's four classic mistakes, in one dossier.
const broken = () => makeDossier({
  'events/typo.md': EVENT('participants:\n  - actor: grop-a\n'),
  'events/yaml.md': '---\ntitle: Broken: yaml\ndate: 2017\n---\n',
  'events/links.md': EVENT('', 'See [[no-such-entry]] and [@no-such-source].'),
});

describe('npm run check (command line)', () => {
  it('exits 0 on the repository content and on the fixture', () => {
    for (const dir of [FIXTURES.content, FIXTURES.mini]) {
      const r = runCheck(dir);
      expect(r.stdout + r.stderr).toMatch(/0 error\(s\)/);
      expect(r.status).toBe(0);
    }
  });

  it('exits 1 listing every problem with file, line, field, value and suggestion, and no stack trace', () => {
    const r = runCheck(broken());
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/events\/typo\.md:6:\d+ {2}participants\[0\]\.actor: unknown actor "grop-a".*Did you mean "group-a"\?/);
    expect(r.stdout).toMatch(/events\/yaml\.md:2:\d+ {2}the YAML cannot be read/);
    expect(r.stdout).toMatch(/events\/links\.md:6:5 {2}body: wikilink \[\[no-such-entry\]\] points to no entry/);
    expect(r.stdout).toMatch(/events\/links\.md:6:\d+ {2}body: citation \[@no-such-source\] names no entry/);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  });
});

describe('npm run build', () => {
  it('stops before building, with the same messages, when the content has problems', () => {
    const r = buildDossier('broken', broken());
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/participants\[0\]\.actor: unknown actor "grop-a".*Did you mean "group-a"\?/);
    expect(r.output).toMatch(/wikilink \[\[no-such-entry\]\] points to no entry/);
    expect(r.output).toContain('nothing was built');
    expect(existsSync(path.join(r.dist, 'index.html'))).toBe(false);
  });

  it('prints content as inert text: no line starts with "::", no raw control or bidi character', () => {
    const r = buildDossier('hostile', makeDossier({
      'events/key.md': EVENT('"a\\n::error file=x::pwned": 1\n'),
      'actors/esc.md': '---\nname: E\nkind: "\\e[31m"\nsources: [report-a]\n---\nBody.\n',
      'events/bidi.md': EVENT('participants:\n  - actor: "group-a\u202egnp.exe"\n'),
    }));
    expect(r.status).toBe(1);
    expect(r.output).toContain('events/key.md:5:1  a\\n::error file=x::pwned: unknown field "a\\n::error file=x::pwned".');
    expect(r.output).toContain('actors/esc.md:3:1  kind: "\\u001b[31m" is not allowed here;');
    expect(r.output).toContain('events/bidi.md:6:5  participants[0].actor: unknown actor "group-a\\u202egnp.exe"');
    expect(r.output.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
    expect(r.output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
  });

  it('DOSSIER_CONTENT_DIR builds that dossier instead', () => {
    const dist = path.join(ROOT, 'test/.cache/mini/dist');
    expect(existsSync(path.join(dist, 'actors/group-a/index.html'))).toBe(true);
    expect(existsSync(path.join(dist, 'events/clash-in-town-c/index.html'))).toBe(true);
  });
});
