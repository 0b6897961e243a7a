import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/domain/problems.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { isoToday } from '../../src/pipeline/templates.ts';
import { makeDossier } from '../helpers/dossier.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const runNew = (contentDir: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/new.ts', ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, DOSSIER_CONTENT_DIR: contentDir },
  });

describe('npm run new', () => {
  it('creates one entry per collection that check then reports only as still to fill in', async () => {
    const root = makeDossier({});
    const made = [
      runNew(root, 'actors', 'Abu Mahdi al-Muhandis'),
      runNew(root, 'places', 'Deir ez-Zor'),
      runNew(root, 'events', 'Iraqi forces capture Al Qaim'),
      runNew(root, 'sources', 'Reuters: Iraqi forces take al-Qaim', '--id', 'reuters-2017-11-04'),
      runNew(root, 'pages', 'Background'),
    ];
    for (const r of made) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    // It prints the path it wrote, first.
    expect(made.map((r) => r.stdout.split('\n')[0])).toEqual([
      path.join(root, 'actors/abu-mahdi-al-muhandis.md'),
      path.join(root, 'places/deir-ez-zor.md'),
      path.join(root, 'events/iraqi-forces-capture-al-qaim.md'),
      path.join(root, 'sources/reuters-2017-11-04.md'),
      path.join(root, 'pages/background.md'),
    ]);
    const event = readFileSync(path.join(root, 'events/iraqi-forces-capture-al-qaim.md'), 'utf8');
    expect(event).toContain('title: Iraqi forces capture Al Qaim\n');
    expect(event).toMatch(new RegExp(`^updated: ${isoToday()} `, 'm'));

    const result = await checkDossier(root);
    expect(result.errors.map((p) => formatProblem(p))).toEqual([
      'actors/abu-mahdi-al-muhandis.md:6:1  kind: is empty: choose one of: armed-group, militia-umbrella, state, government-body, agency, armed-forces, coalition, political-party, person, media-outlet, other',
      'events/iraqi-forces-capture-al-qaim.md:6:1  date: is empty: write a date like 2017-11-03',
      expect.stringMatching(/^events\/iraqi-forces-capture-al-qaim\.md:\d+:1 {2}sources: needs at least one source: every event is cited$/),
      'places/deir-ez-zor.md:6:1  kind: is empty: choose one of: country, region, governorate, city, town, village, facility, oil-field, river, border-area, other',
      'sources/reuters-2017-11-04.md:6:1  kind: is empty: choose one of: news-article, wire-report, tv-report, government-report, social-media-post, encyclopedia, website, other',
    ]);
    // A new source is not cited yet: only a warning.
    expect(result.warnings.map((p) => p.message)).toEqual([expect.stringContaining('source "reuters-2017-11-04" is not cited by any entry')]);
  });

  it('refuses to overwrite an existing entry (.md or .mdx) and leaves it untouched', () => {
    const root = makeDossier({ 'places/al-qaim.mdx': '---\nname: Al Qaim\nkind: town\n---\nMine.\n' });
    const first = runNew(root, 'actors', 'Kataib Hezbollah');
    expect(first.status).toBe(0);
    const file = path.join(root, 'actors/kataib-hezbollah.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('kind:', 'kind: armed-group'));
    const before = readFileSync(file, 'utf8');
    const again = runNew(root, 'actors', 'Kataib Hezbollah');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`${file} already exists: nothing was written`);
    expect(readFileSync(file, 'utf8')).toBe(before);

    const mdx = runNew(root, 'places', 'Al Qaim');
    expect(mdx.status).toBe(1);
    expect(mdx.stderr).toContain('al-qaim.mdx already exists');
    expect(existsSync(path.join(root, 'places/al-qaim.md'))).toBe(false);
  });

  it('warns when another collection already uses the id', () => {
    const root = makeDossier({});
    const r = runNew(root, 'places', 'Group A');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('note: actors/group-a.md has the same id "group-a": links to either must name the collection, e.g. [[places/group-a]]');
  });

  // Every usage mistake is covered by the parseNewArgs table (test/pipeline/templates.test.ts); here, the exit code.
  it('exits 2 with a plain message on bad usage, writing nothing', () => {
    const root = makeDossier({});
    const r = runNew(root, 'evnts', 'X');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown collection "evnts".*Did you mean "events"\?/);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(existsSync(path.join(root, 'events'))).toBe(false);
  });

  it('exits 2 when the content folder does not exist', () => {
    const r = runNew(path.join(makeDossier({}), 'nowhere'), 'actors', 'X');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nowhere does not exist');
  });
});
