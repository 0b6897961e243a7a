/**
 * `npm run new`: the starting file for a new entry, and the parsing of the command
 * line. Pure (no file system): scripts/new.ts does the writing.
 *
 * A template writes every required field with an empty value, so that `npm run check`
 * names exactly what is left to fill ("kind: is empty", "sources: needs at least one
 * source"); optional fields are comments to uncomment. The lists of allowed values come
 * from the schemas, so a template cannot drift from them (a test checks every field).
 */
import YAML from 'yaml';
import { inertText } from '../domain/problems.ts';
import { closest, slugify } from '../domain/suggest.ts';
import { ACTOR_KINDS, RELATION_TYPES } from '../schemas/actors.ts';
import { EVENT_STATUSES } from '../schemas/events.ts';
import type { CollectionName } from '../schemas/index.ts';
import { PLACE_KINDS } from '../schemas/places.ts';
import { ALIAS_KINDS, ID_PATTERN } from '../schemas/shared.ts';
import { SOURCE_KINDS } from '../schemas/sources.ts';

/** The collections `npm run new` can create entries in. */
export const NEW_COLLECTIONS = ['actors', 'places', 'events', 'sources', 'pages'] as const satisfies readonly CollectionName[];
export type NewCollection = (typeof NEW_COLLECTIONS)[number];

/** The field that holds the display name: `name` for actors and places, `title` otherwise. */
export const NAME_FIELD: Record<NewCollection, 'name' | 'title'> = {
  actors: 'name', places: 'name', events: 'title', sources: 'title', pages: 'title',
};

export const NEW_USAGE = [
  'usage: npm run new -- <collection> "Display Name" [--id file-name]',
  `  collection: one of ${NEW_COLLECTIONS.join(', ')}`,
  '  e.g. npm run new -- events "Government forces retake the border crossing"',
  '       npm run new -- actors "وزارة الدفاع" --id ministry-of-defence',
].join('\n');

export interface NewRequest {
  collection: NewCollection;
  name: string;
  id: string;
}

export type NewArgs = { ok: true; value: NewRequest } | { ok: false; message: string };

/** Reads `<collection> "Display Name" [--id id]`; every mistake gets a plain message. */
export function parseNewArgs(argv: string[]): NewArgs {
  const rest: string[] = [];
  let id: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--id' || arg.startsWith('--id=')) {
      id = arg === '--id' ? argv[++i] : arg.slice('--id='.length);
      if (!id) return { ok: false, message: `--id needs a value, e.g. --id ministry-of-defence\n${NEW_USAGE}` };
    } else if (arg === '--help' || arg === '-h') {
      return { ok: false, message: NEW_USAGE };
    } else if (arg.startsWith('--')) {
      return { ok: false, message: `unknown option "${inertText(arg)}"\n${NEW_USAGE}` };
    } else {
      rest.push(arg);
    }
  }
  const [collectionArg, ...nameParts] = rest;
  if (!collectionArg) return { ok: false, message: `which collection? name one of ${NEW_COLLECTIONS.join(', ')}\n${NEW_USAGE}` };
  const collection = NEW_COLLECTIONS.find((c) => c === collectionArg.toLowerCase());
  if (!collection) {
    const guess = closest(collectionArg, NEW_COLLECTIONS.map((c) => ({ key: c, value: c })));
    return { ok: false, message: `unknown collection "${inertText(collectionArg)}": use one of ${NEW_COLLECTIONS.join(', ')}.${guess ? ` Did you mean "${guess}"?` : ''}\n${NEW_USAGE}` };
  }
  // Several words without quotes are one name: npm run new -- actors Kataib Hezbollah
  const name = nameParts.join(' ').trim();
  if (!name) return { ok: false, message: `the new entry needs a name in quotes, e.g. npm run new -- ${collection} "${EXAMPLE_NAME[collection]}"` };
  if (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(name)) {
    return { ok: false, message: 'the name must be one line of plain text (it contains a line break or an invisible control character)' };
  }
  if (id !== undefined) {
    if (!ID_PATTERN.test(id)) {
      const slug = slugify(id);
      return { ok: false, message: `--id "${inertText(id)}" is not a valid file name: use lowercase a-z, 0-9 and single hyphens.${ID_PATTERN.test(slug) ? ` Did you mean "${slug}"?` : ''}` };
    }
  } else {
    id = slugify(name);
    if (!id) return { ok: false, message: `the name "${inertText(name)}" gives an empty file name (it has no letters or digits): use a name with letters, or give one with --id` };
    if (!ID_PATTERN.test(id)) {
      return { ok: false, message: `the name "${inertText(name)}" cannot become a file name (file names use only a-z, 0-9 and hyphens): give one with --id, e.g. the usual Latin transliteration or translation (--id ministry-of-defence), and put the name in its own script in nativeName` };
    }
  }
  return { ok: true, value: { collection, name, id } };
}

// Examples of no dossier in particular: the engine builds any of them.
const EXAMPLE_NAME: Record<NewCollection, string> = {
  actors: 'Ministry of Defence', places: 'Border crossing', events: 'Government forces retake the border crossing',
  sources: 'News agency, 4 November 2017', pages: 'Background',
};

/** A YAML value for a one-line string: plain when YAML reads it back unchanged, else double-quoted. */
export function yamlString(value: string): string {
  try {
    const back = YAML.parse(`v: ${value}`) as { v?: unknown } | null;
    if (back && back.v === value && !value.includes('#')) return value;
  } catch {
    // fall through to quoting
  }
  return JSON.stringify(value);
}

const COMMENT_COLUMN = 28;
/** A line of code with its help comment aligned in one column. */
function pad(code: string, comment: string): string {
  return `${code.padEnd(COMMENT_COLUMN - 1)} # ${comment}`;
}

/** Comment lines listing allowed values, wrapped to stay readable. */
function options(values: readonly string[], indent = ''): string {
  const lines: string[] = [];
  const start = `#${indent}   `;
  let line = start;
  for (const [i, v] of values.entries()) {
    const piece = v + (i < values.length - 1 ? ' | ' : '');
    if (line.length + piece.length > 88) {
      lines.push(line.trimEnd());
      line = start;
    }
    line += piece;
  }
  lines.push(line.trimEnd());
  return lines.join('\n');
}

// Optional fields are comments. Uncommented as they stand, each one is either empty or
// names a placeholder id (actor-id, place-id, source-id), so `npm run check` flags it
// until it is filled in: no example value can slip into the dossier unnoticed. Only a
// few true defaults (status: confirmed, precision: approximate) are valid as written.
const COMMON_OPTIONAL = [
  pad('# nativeName: { text: , lang: }', 'the name in its own script, e.g. { text: كتائب حزب الله, lang: ar }'),
  pad('# aliases:', 'other names and spellings readers search for; kind is one of:'),
  options(ALIAS_KINDS, '  '),
  pad('#   - { name: , kind: transliteration, source: source-id }', 'e.g. { name: KH, kind: abbreviation }'),
];

const BODY_HELP = [
  '# Below the closing --- line, write the text in plain Markdown. Cite every statement:',
  '#   [@source-id] or [@source-id, para 3]; link other entries with [[entry-id]].',
];

const SOURCES_LINE = (what: string) => pad(`sources: []`, `${what}, e.g. [defense-post-2017-11-04]`);

/** The file `npm run new` writes. `today` is YYYY-MM-DD. */
export function entryTemplate(collection: NewCollection, name: string, today: string): string {
  const head = (noun: string) => [
    `# A new ${noun}. Fill in the empty fields, then run "npm run check": it lists what is`,
    '# still missing. Lines starting with # are help: to use an optional field, remove the',
    '# "# " in front of it and fill it in; delete the help you no longer need.',
    '# Every field is described in CONTRIBUTING.md.',
  ];
  const nameLine = `${NAME_FIELD[collection]}: ${yamlString(name)}`;
  let lines: string[];
  switch (collection) {
    case 'actors':
      lines = [
        ...head('actor'),
        nameLine,
        pad('kind:', 'what sort of actor, one of:'),
        options(ACTOR_KINDS),
        pad('# summary:', 'one or two plain sentences: what this actor is'),
        ...COMMON_OPTIONAL,
        pad('# relations:', 'typed, sourced links to other actors; type is one of:'),
        options(RELATION_TYPES, '  '),
        pad('#   - type:', 'e.g. unit-of'),
        '#     target: actor-id',
        pad('#     note:', 'optional, e.g. the 45th Brigade; so are start:, end:, circa: true'),
        '#     sources: [source-id]',
        pad('# designations:', 'listings by a government or body'),
        pad('#   - { by: actor-id, list: , date: , sources: [source-id] }', 'e.g. list: Foreign Terrorist Organization, date: 2009-06'),
        pad('# sizeEstimates:', 'a value, or min: and max:; unit: e.g. fighters'),
        pad('#   - { value: , date: , note: , sources: [source-id] }', 'e.g. value: 400, date: 2016, note: "400-strong"'),
        SOURCES_LINE('the sources this entry rests on'),
        ...BODY_HELP,
      ];
      break;
    case 'places':
      lines = [
        ...head('place'),
        nameLine,
        pad('kind:', 'what sort of place, one of:'),
        options(PLACE_KINDS),
        pad('# summary:', 'one or two plain sentences: what and where this place is'),
        ...COMMON_OPTIONAL,
        pad('# parent: place-id', 'the country or region it lies in, e.g. syria'),
        pad('# countries: [place-id]', 'for places in several countries (rivers, borders)'),
        pad('# coordinates:', 'only from a gazetteer you can cite'),
        pad('#   lat:', 'degrees north, e.g. 34.45'),
        pad('#   lon:', 'degrees east, e.g. 40.9167'),
        pad('#   precision: approximate', 'exact | approximate'),
        '#   source: source-id',
        SOURCES_LINE('the sources this entry rests on'),
        ...BODY_HELP,
      ];
      break;
    case 'events':
      lines = [
        ...head('event'),
        nameLine,
        pad('date:', 'when, at the precision you know: 2017-11-03, 2017-11 or 2017;'),
        pad('', 'roughly: { on: 2015, circa: true }; a period: { start: 2009, end: 2011 }'),
        pad('# dateNote:', 'how the date was derived, e.g. "On Friday" in an article dated 4 Nov 2017'),
        pad(`# status: confirmed`, `${EVENT_STATUSES.join(' | ')} (see CONTRIBUTING.md)`),
        pad('# places: [place-id]', 'where it happened'),
        pad('# participants:', 'who took part, and in what role (in plain words)'),
        pad('#   - { actor: actor-id, role: }', 'e.g. { actor: iraqi-forces, role: attacker }'),
        pad('# summary:', 'one or two plain sentences: what happened'),
        ...COMMON_OPTIONAL,
        SOURCES_LINE('at least one source id: every event is cited'),
        '#   with a locator:  sources: [{ source: source-id, locator: para 3 }]',
        ...BODY_HELP,
      ];
      break;
    case 'sources':
      lines = [
        ...head('source'),
        nameLine,
        pad('kind:', 'what sort of source, one of:'),
        options(SOURCE_KINDS),
        pad('# subtitle:', 'the subtitle or standfirst, as printed'),
        pad('# publisher:', 'the outlet or agency, e.g. The Defense Post'),
        pad('# publisherActor: actor-id', 'when the publisher is an actor in this dossier'),
        pad('# author:', 'only when printed; leave out when unknown'),
        pad('# published:', 'any date form: 2017-11-04, 2017-11 or 2017'),
        pad('# dateNote:', 'how the date was derived, when it is not printed'),
        pad('# url:', 'https://… ONLY an address you opened and read; never a guess'),
        pad('# accessed:', `the day you read it, e.g. ${today}`),
        pad('# language:', 'its language: en, ar, fa, ku …'),
        pad('# notes:', 'anything a reader should know about it'),
        pad('# sources: [source-id]', 'where this source is itself reported'),
        '# Below the closing --- line you may describe the source (e.g. how paragraphs are numbered).',
      ];
      break;
    case 'pages':
      lines = [
        ...head('page'),
        nameLine,
        pad('# summary:', 'one or two sentences for previews and search'),
        pad('# order:', 'position in the navigation, lower first (default 100)'),
        ...BODY_HELP,
      ];
      break;
  }
  return ['---', ...lines, pad(`updated: ${today}`, 'the day you last changed this entry'), '---', ''].join('\n');
}

/** Today as YYYY-MM-DD (UTC), for `updated:`. */
export function isoToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
