import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, problemCount } from '../../src/domain/problems.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { ACTOR, EVENT, makeDossier, SOURCE } from '../helpers/dossier.ts';

async function problemsOf(files: Record<string, string | Uint8Array>, base = true) {
  const result = await checkDossier(makeDossier(files, base));
  return result.errors.map((p) => formatProblem(p));
}

describe('npm run check: each bad input gets file, line, field and a plain reason', () => {
  it.each<[string, Record<string, string | Uint8Array>, string]>([
    ['malformed YAML', { 'events/e.md': '---\ntitle: A: b\ndate: 2017\nsources: [report-a]\n---\n' }, 'events/e.md:2:8  the YAML cannot be read: Nested mappings are not allowed in compact mappings (a value containing ": " must be put in quotes)'],
    ['unclosed list in YAML', { 'events/e.md': '---\ntitle: A\ndate: 2017\nsources: [report-a\n---\n' }, 'events/e.md:'],
    ['missing frontmatter', { 'events/e.md': 'Just text.\n' }, 'events/e.md:1  missing frontmatter: the file must start with a line "---"'],
    ['empty file', { 'events/e.md': '' }, 'events/e.md:1  the file is empty'],
    ['unclosed frontmatter', { 'events/e.md': '---\ntitle: A\n' }, 'the frontmatter is not closed'],
    ['unknown field with a typo', { 'events/e.md': '---\ntitel: A\ndate: 2017\nsources: [report-a]\n---\n' }, 'events/e.md:2:1  titel: unknown field "titel". Did you mean "title"?'],
    ['missing required field', { 'events/e.md': '---\ndate: 2017\nsources: [report-a]\n---\n' }, 'title: missing required field "title"'],
    ['wrong type', { 'events/e.md': EVENT('places: al-qaim\n') }, 'places: must be a list, got text'],
    ['unknown enum value', { 'actors/x.md': '---\nname: X\nkind: armed-grup\n---\n' }, 'kind: "armed-grup" is not allowed here; use one of: armed-group'],
    ['impossible month', { 'events/e.md': '---\ntitle: A\ndate: 2017-13-40\nsources: [report-a]\n---\n' }, 'events/e.md:3:1  date: "2017-13-40" is not a date: there is no month 13'],
    ['impossible day', { 'events/e.md': '---\ntitle: A\ndate: 2017-02-30\nsources: [report-a]\n---\n' }, 'date: "2017-02-30" is not a date: February 2017 has 28 days'],
    ['end before start', { 'events/e.md': '---\ntitle: A\ndate: { start: 2011, end: 2009 }\nsources: [report-a]\n---\n' }, 'date.end: ends (2009) before it starts (2011)'],
    ['latitude out of range', { 'places/p.md': '---\nname: P\nkind: town\ncoordinates: { lat: 134.4, lon: 40.9 }\nsources: [report-a]\n---\n' }, 'coordinates.lat: latitude must be between -90 and 90'],
    ['longitude out of range', { 'places/p.md': '---\nname: P\nkind: town\ncoordinates:\n  lat: 34.4\n  lon: -240\nsources: [report-a]\n---\n' }, 'places/p.md:6:3  coordinates.lon: longitude must be between -180 and 180'],
    ['unknown actor in frontmatter', { 'events/e.md': EVENT('participants:\n  - actor: group-b\n') }, 'events/e.md:6:5  participants[0].actor: unknown actor "group-b": there is no actors/group-b.md. Did you mean "group-a"?'],
    ['reference into the wrong collection', { 'events/e.md': EVENT('places: [group-a]\n') }, 'places[0]: "group-a" is not a place (it is actors/group-a).'],
    ['unknown wikilink target', { 'events/e.md': EVENT('', 'See [[no-such-entry]].') }, 'events/e.md:6:5  body: wikilink [[no-such-entry]] points to no entry.'],
    ['wikilink with a near miss', { 'events/e.md': EVENT('', 'See [[grop-a]].') }, 'wikilink [[grop-a]] points to no entry. Did you mean "group-a"?'],
    ['unknown citation key', { 'events/e.md': EVENT('', 'Said so [@no-such-source].') }, 'events/e.md:6:9  body: citation [@no-such-source] names no entry in sources/.'],
    ['citation near miss', { 'events/e.md': EVENT('', 'Said so [@report-b].') }, 'citation [@report-b] names no entry in sources/. Did you mean "report-a"?'],
    ['unknown source in frontmatter', { 'events/e.md': '---\ntitle: A\ndate: 2017\nsources: [report-aa]\n---\n' }, 'sources[0]: unknown source "report-aa": there is no sources/report-aa.md. Did you mean "report-a"?'],
    ['duplicate id', { 'actors/group-a.mdx': ACTOR() }, 'duplicate id "group-a"'],
    ['bad file name', { 'actors/Group_B.md': ACTOR() }, 'the file name "Group_B" is not a valid id: use lowercase a-z, 0-9 and single hyphens (found "G", "_", "B"). Did you mean "group-b"?'],
    ['non-UTF-8 bytes', { 'actors/x.md': Buffer.concat([Buffer.from('---\nname: Caf'), Buffer.from([0xe9]), Buffer.from('\nkind: state\n---\n')]) }, 'actors/x.md:2  the file is not UTF-8 text (invalid byte 0xe9'],
    ['an event without sources', { 'events/e.md': '---\ntitle: A\ndate: 2017\n---\n' }, 'sources: missing required field "sources"'],
    ['ambiguous wikilink', { 'places/group-a.md': '---\nname: G\nkind: town\nsources: [report-a]\n---\n', 'events/e.md': EVENT('', '[[group-a]]') }, 'wikilink [[group-a]] is ambiguous: name the collection, e.g. [[actors/group-a]] or [[places/group-a]]'],
    ['unknown folder', { 'actor/x.md': ACTOR() }, 'actor/  unknown folder "actor"'],
    ['non-http URL', { 'sources/s.md': '---\ntitle: S\nkind: website\nurl: "javascript:alert(1)"\n---\n', 'events/e.md': EVENT('', '[@s]') }, 'sources/s.md:4:1  url: must start with http:// or https:// (other schemes are refused)'],
  ])('%s', async (_name, files, expected) => {
    const problems = await problemsOf(files);
    expect(problems.join('\n')).toContain(expected);
  });

  it('reports every problem in one run, not just the first', async () => {
    const problems = await problemsOf({
      'events/a.md': '---\ntitel: A\ndate: 2017\nsources: [report-a]\n---\n',
      'events/b.md': EVENT('', '[[nowhere]] [@nobody]'),
      'events/c.md': '---\ntitle: C\ndate: 2017-02-30\nsources: [report-a]\n---\n',
    });
    expect(problems.length).toBeGreaterThanOrEqual(4);
  });

  it('a file that cannot be read is reported once: references to it are not "unknown"', async () => {
    const problems = await problemsOf({
      'actors/broken.md': '---\nname: Broken\nkind: [armed-group\n---\nBody.\n',
      'events/e.md': EVENT('participants: [{ actor: broken }]\n', 'Text [[broken]] and [[actors/broken]] and [[nothing-here]] [@report-a].'),
    });
    expect(problems).toEqual([
      'actors/broken.md:4:1  the YAML cannot be read: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'events/e.md:7:43  body: wikilink [[nothing-here]] points to no entry.',
    ]);
  });

  it('a schema error in one entry does not hide the bad references in it', async () => {
    const problems = await problemsOf({ 'actors/x.md': '---\nname: X\nkind: nope\nrelations: [{ type: backed-by, target: irann, sources: [report-a] }]\n---\n' });
    expect(problems.join('\n')).toContain('unknown actor "irann"');
  });

  it('a valid dossier has no errors, and an unused source is only a warning', async () => {
    const result = await checkDossier(makeDossier({ 'sources/unused.md': SOURCE }));
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.message).join()).toContain('source "unused" is not cited');
  });

  it('a body that cites a source missing from its sources: list gets a warning at the first citation, once per source', async () => {
    const result = await checkDossier(makeDossier({
      'sources/report-b.md': SOURCE,
      'events/e.md': EVENT('', 'Said so [@report-a; @report-b, para 2].\n\nAnd again [@report-b].'),
      'places/p.md': '---\nname: P\nkind: town\nsources: [{ source: report-b, locator: p. 4 }]\n---\nIt is there [@report-b].\n',
    }));
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => formatProblem(w))).toEqual([
      "events/e.md:6:9  warning: body: [@report-b] is cited in the body but missing from this entry's sources: list; add it there",
    ]);
  });

  it('never modifies a content file', async () => {
    const root = makeDossier({ 'events/e.md': EVENT('', '[[nowhere]]') });
    const snapshot = () => readdirSync(root, { recursive: true }).map(String).sort().map((f) => {
      const full = path.join(root, f);
      return statSync(full).isFile() ? `${f}:${readFileSync(full, 'utf8')}:${statSync(full).mtimeMs}` : f;
    });
    const before = snapshot();
    await checkDossier(root);
    expect(snapshot()).toEqual(before);
  });
});

describe('a body with many problems', () => {
  it('lists the first 19 and one line for the rest, and the count covers them all', async () => {
    const body = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} mentions [[nowhere`).join('\n\n');
    const result = await checkDossier(makeDossier({ 'events/e.md': EVENT('', body) }));
    const lines = result.errors.map((p) => formatProblem(p));
    expect(lines).toHaveLength(20);
    expect(lines[19]).toMatch(/^events\/e\.md:\d+  body: and 11 more problems in this body: fix the ones above first$/);
    expect(problemCount(result.errors)).toBe(30);
  });
});
