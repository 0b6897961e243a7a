import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/domain/problems.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { newEntry } from '../../src/pipeline/new-entry.ts';
import { isoToday } from '../../src/pipeline/templates.ts';
import { runScript } from '../helpers/cli.ts';
import { makeDossier } from '../helpers/dossier.ts';

const runNew = (contentDir: string, ...args: string[]) => runScript('new', args, { DOSSIER_CONTENT_DIR: contentDir });

describe('npm run new (the command)', () => {
  it('creates one entry per collection that check then reports only as still to fill in; a second run changes nothing', async () => {
    const root = makeDossier({});
    const made = await Promise.all([
      runNew(root, 'actors', 'Abu Mahdi al-Muhandis'),
      runNew(root, 'places', 'Deir ez-Zor'),
      runNew(root, 'events', 'Iraqi forces capture Al Qaim'),
      runNew(root, 'sources', 'Reuters: Iraqi forces take al-Qaim', '--id', 'reuters-2017-11-04'),
      runNew(root, 'pages', 'Background'),
    ]);
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
    const eventFile = path.join(root, 'events/iraqi-forces-capture-al-qaim.md');
    const event = readFileSync(eventFile, 'utf8');
    expect(event).toContain('title: Iraqi forces capture Al Qaim\n');
    expect(event).toMatch(new RegExp(`^updated: ${isoToday()} `, 'm'));

    const result = await checkDossier(root);
    expect(result.errors.map((p) => formatProblem(p))).toEqual([
      'actors/abu-mahdi-al-muhandis.md:7:1  kind: is empty: choose one of: armed-group, militia-umbrella, state, government-body, agency, armed-forces, coalition, political-party, person, media-outlet, other',
      'events/iraqi-forces-capture-al-qaim.md:7:1  date: is empty: write a date like 2017-11-03',
      expect.stringMatching(/^events\/iraqi-forces-capture-al-qaim\.md:\d+:1 {2}sources: needs at least one source: every event is cited$/),
      'places/deir-ez-zor.md:7:1  kind: is empty: choose one of: country, region, governorate, city, town, village, facility, oil-field, river, border-area, other',
      'sources/reuters-2017-11-04.md:7:1  kind: is empty: choose one of: news-article, wire-report, tv-report, government-report, social-media-post, encyclopedia, website, other',
    ]);
    // A new source is not cited yet: only a warning.
    expect(result.warnings.map((p) => p.message)).toEqual([expect.stringContaining('source "reuters-2017-11-04" is not cited by any entry')]);

    // Running it again (after the contributor started filling in) leaves the file untouched.
    writeFileSync(eventFile, event.replace(/^date:.*$/m, 'date: 2017-11-03'));
    const before = readFileSync(eventFile, 'utf8');
    const again = await runNew(root, 'events', 'Iraqi forces capture Al Qaim');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`${eventFile} already exists: nothing was written`);
    expect(readFileSync(eventFile, 'utf8')).toBe(before);
  }, 180_000);

  // Every usage mistake is covered by the parseNewArgs table (test/pipeline/templates.test.ts); here, the exit code.
  it('exits 2 with a plain message on bad usage, writing nothing', async () => {
    const root = makeDossier({});
    const r = await runNew(root, 'evnts', 'X');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown collection "evnts".*Did you mean "events"\?/);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(existsSync(path.join(root, 'events'))).toBe(false);
  }, 120_000);
});

describe('newEntry (what the command does)', () => {
  it('refuses an id that exists as .mdx too', () => {
    const root = makeDossier({ 'places/al-qaim.mdx': '---\nname: Al Qaim\nkind: town\n---\nMine.\n' });
    const r = newEntry(['places', 'Al Qaim'], root, '2026-11-25');
    expect(r.code).toBe(1);
    expect(r.stderr.join()).toContain('al-qaim.mdx already exists: nothing was written');
    expect(existsSync(path.join(root, 'places/al-qaim.md'))).toBe(false);
  });

  it('creates the collection folder when the dossier has none yet', () => {
    const root = makeDossier({});
    const r = newEntry(['pages', 'Background'], root, '2026-11-25');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(root, 'pages/background.md'), 'utf8')).toContain('title: Background\n');
  });

  it('prints the path relative to the working folder when inside it', () => {
    const root = makeDossier({});
    const r = newEntry(['actors', 'Someone'], root, '2026-11-25', path.dirname(root));
    expect(r.stdout[0]).toBe(path.join(path.basename(root), 'actors/someone.md'));
  });

  it('notes when another collection already uses the id', () => {
    const r = newEntry(['places', 'Group A'], makeDossier({}), '2026-11-25');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('note: actors/group-a.md has the same id "group-a": links to either must name the collection, e.g. [[places/group-a]]');
  });

  it('exits 2 when the content folder does not exist', () => {
    const r = newEntry(['actors', 'X'], path.join(makeDossier({}), 'nowhere'), '2026-11-25');
    expect(r.code).toBe(2);
    expect(r.stderr.join()).toContain('nowhere does not exist');
  });
});
