import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { keysAt } from '../../src/domain/problems.ts';
import { parseYaml, splitFrontmatter } from '../../src/pipeline/frontmatter.ts';
import { entryTemplate, NAME_FIELD, NEW_COLLECTIONS, parseNewArgs, yamlString } from '../../src/pipeline/templates.ts';
import { schemas } from '../../src/schemas/index.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { makeDossier } from '../helpers/dossier.ts';

function frontmatterOf(text: string): Record<string, unknown> {
  const split = splitFrontmatter(text);
  if (!split.ok) throw new Error(split.message);
  const parsed = parseYaml(split.value.yaml);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value.data as Record<string, unknown>;
}

describe('npm run new: the command line', () => {
  it.each<[string, string[], string]>([
    ['no arguments', [], 'which collection? name one of actors, places, events, sources, pages'],
    ['an unknown collection, with the closest', ['event', 'X'], 'unknown collection "event": use one of actors, places, events, sources, pages. Did you mean "events"?'],
    ['a collection far from any', ['zebras', 'X'], 'unknown collection "zebras"'],
    ['no name', ['actors'], 'the new entry needs a name in quotes, e.g. npm run new -- actors "Ministry of Defence"'],
    ['a blank name', ['places', '   '], 'the new entry needs a name in quotes'],
    ['a name that slugifies to nothing', ['events', '!!! ???'], 'the name "!!! ???" gives an empty file name (it has no letters or digits)'],
    ['a name in Arabic script without --id', ['actors', 'كتائب حزب الله'], 'cannot become a file name (file names use only a-z, 0-9 and hyphens): give one with --id'],
    ['a name with a line break', ['actors', 'A\nB'], 'the name must be one line of plain text'],
    ['a bad --id', ['actors', 'X', '--id', 'Kataib_Hezbollah'], '--id "Kataib_Hezbollah" is not a valid file name: use lowercase a-z, 0-9 and single hyphens. Did you mean "kataib-hezbollah"?'],
    ['--id without a value', ['actors', 'X', '--id'], '--id needs a value'],
    ['an unknown option', ['actors', 'X', '--force'], 'unknown option "--force"'],
    // Quoted arguments are inert text (inertText): a line break cannot start a new line.
    ['an --id with a line break and ESC', ['actors', 'X', '--id', 'a\n::error::b\u001b[31m'], '--id "a\\n::error::b\\u001b[31m" is not a valid file name'],
    ['a collection with a line break', ['act\nors', 'X'], 'unknown collection "act\\nors": use one of'],
    ['an option with a bidi override', ['actors', 'X', '--f\u202eorce'], 'unknown option "--f\\u202eorce"'],
  ])('%s gets a plain message', (_name, argv, expected) => {
    const r = parseNewArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(expected);
  });

  it.each<[string[], { collection: string; name: string; id: string }]>([
    [['actors', 'Abu Mahdi al-Muhandis'], { collection: 'actors', name: 'Abu Mahdi al-Muhandis', id: 'abu-mahdi-al-muhandis' }],
    [['events', 'Iraqi forces capture Al Qaim'], { collection: 'events', name: 'Iraqi forces capture Al Qaim', id: 'iraqi-forces-capture-al-qaim' }],
    [['places', 'Deir', 'ez-Zor'], { collection: 'places', name: 'Deir ez-Zor', id: 'deir-ez-zor' }],
    [['sources', 'Reuters, 4 Nov 2017', '--id', 'reuters-2017-11-04'], { collection: 'sources', name: 'Reuters, 4 Nov 2017', id: 'reuters-2017-11-04' }],
    [['actors', 'كتائب حزب الله', '--id=kataib-hezbollah'], { collection: 'actors', name: 'كتائب حزب الله', id: 'kataib-hezbollah' }],
    [['Pages', 'Background'], { collection: 'pages', name: 'Background', id: 'background' }],
  ])('%j → %j', (argv, expected) => {
    expect(parseNewArgs(argv)).toEqual({ ok: true, value: expected });
  });
});

describe('npm run new: the template', () => {
  it.each(NEW_COLLECTIONS)('%s: mentions every field of the schema (written or as a comment)', (collection) => {
    const text = entryTemplate(collection, 'Some Name', '2026-11-25');
    for (const key of keysAt(schemas[collection] as z.ZodType, [])) {
      expect(text, `field "${key}"`).toMatch(new RegExp(`^(# )?${key}:`, 'm'));
    }
  });

  it.each(NEW_COLLECTIONS)('%s: is valid YAML with the name, updated today, and nothing else filled in', (collection) => {
    const data = frontmatterOf(entryTemplate(collection, 'Al Qaim: the "border" #2', '2026-11-25'));
    expect(data[NAME_FIELD[collection]]).toBe('Al Qaim: the "border" #2');
    expect(data.updated).toBe('2026-11-25');
    const filled = Object.entries(data).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)).map(([k]) => k).sort();
    expect(filled).toEqual([NAME_FIELD[collection], 'updated'].sort());
  });

  it.each([
    ['Kataib Hezbollah', 'Kataib Hezbollah'],
    ['Al-Qaim: the border', '"Al-Qaim: the border"'],
    ['#1 town', '"#1 town"'],
    ['2017', '"2017"'],
    ['true', '"true"'],
    ['- dash', '"- dash"'],
    ['كتائب حزب الله', 'كتائب حزب الله'],
    ["Kata'ib Hezbollah", "Kata'ib Hezbollah"],
  ])('yamlString(%j) = %s', (input, expected) => {
    expect(yamlString(input)).toBe(expected);
  });
});

describe('npm run new: optional fields uncommented but not filled in', () => {
  // True defaults, valid as written; everything else must be reported until filled in.
  const VALID_AS_WRITTEN = new Set(['status']);
  it.each(NEW_COLLECTIONS)('%s: every one is reported by check, so no example value slips in', async (collection) => {
    const text = entryTemplate(collection, 'Some Name', '2026-11-25').replace(/^# (?=\s*(- )?[a-zA-Z]+:)/gm, '');
    const uncommented = Object.keys(frontmatterOf(text)).filter((k) => !['sources', 'updated', 'kind', 'date', NAME_FIELD[collection]].includes(k));
    expect(uncommented.length).toBeGreaterThan(collection === 'pages' ? 1 : 5);
    const root = makeDossier({ [`${collection}/some-name.md`]: text });
    const fields = (await checkDossier(root)).errors.filter((p) => p.file === `${collection}/some-name.md`).map((p) => p.field ?? '');
    for (const key of uncommented.filter((k) => !VALID_AS_WRITTEN.has(k))) {
      expect(fields.some((f) => f === key || f.startsWith(`${key}.`) || f.startsWith(`${key}[`)), `${key} is reported (got: ${fields.join(', ')})`).toBe(true);
    }
  });
});
