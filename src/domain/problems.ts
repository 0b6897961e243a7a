/**
 * Problems a contributor can act on: file, line, field, plain-words reason and a
 * suggestion. Zod's issues are translated here, in one place.
 */
import { z } from 'zod';
import { closest } from './suggest.ts';

export interface Problem {
  /** Path relative to the content root, e.g. events/capture-of-al-qaim.md. */
  file: string;
  line?: number;
  column?: number;
  /** Field path, e.g. participants[0].actor. */
  field?: string;
  message: string;
  severity: 'error' | 'warning';
  /** How many problems this line stands for (a line that sums up several); 1 when absent. */
  count?: number;
}

/** How many problems a list holds, counting what summary lines stand for. */
export function problemCount(problems: readonly Problem[]): number {
  return problems.reduce((n, p) => n + (p.count ?? 1), 0);
}

export function fieldPath(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/**
 * Characters that must not reach a terminal or a CI log as they are: C0 controls (line
 * breaks and tabs too: a problem is one line), DEL, C1 controls, line and paragraph
 * separators, the byte-order mark, bidi controls, lone surrogates and noncharacters.
 * A newline from content could start a line GitHub reads as a workflow command
 * (`::error …`); ESC starts terminal escape sequences; bidi controls reorder what is shown.
 */
const UNSAFE = /[\p{Cc}\p{Bidi_Control}\p{Noncharacter_Code_Point}\u2028\u2029\ufeff]|\p{Cs}/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from content made inert for printing: each unsafe character (UNSAFE) becomes a
 * visible escape, `\n`, `\r` and `\t` for those three, `\u` and four hex digits otherwise
 * (ESC → `\u001b`, U+202E → `\u202e`; `\u{1fffe}` beyond U+FFFF). Everything else, a
 * backslash included, is printed as it is: the result is for reading, not for parsing back.
 */
export function inertText(s: string): string {
  return s.replace(UNSAFE, (c) => {
    if (NAMED[c]) return NAMED[c];
    const cp = c.codePointAt(0)!;
    return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

/**
 * One line per problem: `events/x.md:12:7  participants[0].actor: unknown actor "y". Did you mean "z"?`
 * File, field and message may hold anything a contributor wrote: all inert (inertText), so
 * each problem is one line and every line starts with the file's path.
 */
export function formatProblem(p: Problem, root = ''): string {
  const where = `${root}${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`;
  const tag = p.severity === 'warning' ? 'warning: ' : '';
  return inertText(`${where}  ${tag}${p.field ? `${p.field}: ` : ''}${p.message}`);
}

/** Escapes GitHub workflow-command text: the message, and (stricter) property values. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * One GitHub Actions annotation per problem, so a pull request shows it on the line:
 * `::error file=content/events/x.md,line=6,col=1,title=date::date: is empty…`
 * Content is made inert first (the same visible escapes as formatProblem), then escaped
 * for the workflow command, so that it can neither end the line nor a property.
 */
export function formatGithubAnnotation(p: Problem, root = ''): string {
  const field = p.field === undefined ? undefined : inertText(p.field);
  const props = [`file=${escapeProperty(inertText(root + p.file))}`];
  if (p.line) props.push(`line=${p.line}`);
  if (p.line && p.column) props.push(`col=${p.column}`);
  props.push(`title=${escapeProperty(field ? `Dossier check: ${field}` : 'Dossier check')}`);
  return `::${p.severity === 'warning' ? 'warning' : 'error'} ${props.join(',')}::${escapeData(`${field ? `${field}: ` : ''}${inertText(p.message)}`)}`;
}

/** The list without repeated lines (the same problem found by two readers of one file). */
export function uniqueProblems(list: Problem[]): Problem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const line = formatProblem(p);
    return !seen.has(line) && Boolean(seen.add(line));
  });
}

export function sortProblems(list: Problem[]): Problem[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text', number: 'a number', int: 'a whole number', integer: 'a whole number', boolean: 'true or false', array: 'a list',
  object: 'a group of fields', date: 'a date', null: 'nothing', undefined: 'nothing', nan: 'not a number',
};
const words = (t: string) => TYPE_WORDS[t] ?? t;

/** What a value is, in the words of TYPE_WORDS: "a number", "a list", "a group of fields". */
function received(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (input instanceof Date) return 'date';
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  return typeof input;
}

const isMissing = (input: unknown) => input === undefined;
const isEmpty = (input: unknown) => input === null;

/**
 * A schema's own wording for a value of the wrong type, e.g. `z.string({ error: mustBe('text') })`
 * gives "must be text, got a number". A missing or empty (`kind:` with nothing after it) field
 * is left to dossierErrorMap, which says so.
 */
export function mustBe(what: string): z.core.$ZodErrorMap {
  return (issue) => (issue.code === 'invalid_type' && !isMissing(issue.input) && !isEmpty(issue.input) ? `must be ${what}, got ${words(received(issue.input))}` : undefined);
}

/**
 * The one error map: Zod's issues in the dossier's plain words. Every schema parse whose
 * problems a contributor reads passes it (`schema.safeParse(data, { error: dossierErrorMap })`).
 * Messages written on a schema (`.min(1, 'is empty')`, `mustBe(…)`, `ctx.addIssue`) come first;
 * this map words the rest. Unknown fields are split into one problem each by explainIssue.
 */
export const dossierErrorMap: z.core.$ZodErrorMap = (issue) => {
  const field = issue.path?.at(-1);
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && isMissing(issue.input) && field !== undefined) {
    return `missing required field "${String(field)}"`;
  }
  switch (issue.code) {
    case 'invalid_type':
      // "updated:" with nothing after it (as `npm run new` leaves it): say what to write.
      if (isEmpty(issue.input)) return `is empty: write ${words(issue.expected)} or remove the field`;
      if (issue.expected === 'int' && typeof issue.input === 'number') return `must be a whole number, got ${issue.input}`;
      return `must be ${words(issue.expected)}, got ${words(received(issue.input))}`;
    case 'invalid_value': {
      const options = issue.values.map(String);
      // "kind:" with nothing after it: say what to choose.
      if (isEmpty(issue.input)) return `is empty: choose one of: ${options.join(', ')}`;
      const guess = closest(String(issue.input), options.map((o) => ({ key: o, value: o })));
      return `"${String(issue.input)}" is not allowed here; use one of: ${options.join(', ')}.${guess ? ` Did you mean "${guess}"?` : ''}`;
    }
    case 'invalid_union':
      return 'has the wrong form';
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item(s)`;
      if (issue.origin === 'string') return 'is empty';
      return issue.inclusive === false ? `must be more than ${issue.minimum}` : `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `has more than ${issue.maximum} item(s)`;
      return issue.inclusive === false ? `must be less than ${issue.maximum}` : `must be at most ${issue.maximum}`;
    default:
      return undefined;
  }
};

/**
 * Fields that pick one of several schemas themselves (readable() in src/schemas/shared.ts:
 * a plain value or a group of readings), by their schema's definition: keysAt looks into each.
 */
export const ALTERNATIVES = new WeakMap<object, z.ZodType[]>();

/** The object keys a schema accepts at a path (for "did you mean" on unknown fields). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  // Through optional, default, transform (pipe) and union wrappers, by their public accessors.
  // Of several options, the one with a field named next on the path; else the first group of fields.
  const unwrap = (t: z.ZodType, next?: PropertyKey): z.ZodType => {
    if (t instanceof z.ZodOptional || t instanceof z.ZodDefault || t instanceof z.ZodNullable || t instanceof z.ZodPrefault) return unwrap(t.unwrap() as z.ZodType, next);
    const alternatives = ALTERNATIVES.get(t.def) ?? (t instanceof z.ZodUnion ? (t.options as z.ZodType[]) : undefined);
    if (alternatives) {
      const objects = alternatives.map((o) => unwrap(o, next)).filter((o): o is z.ZodObject => o instanceof z.ZodObject);
      return objects.find((o) => typeof next === 'string' && next in o.shape) ?? objects[0] ?? unwrap(alternatives[0], next);
    }
    if (t instanceof z.ZodPipe) return unwrap(t.in as z.ZodType, next);
    return t;
  };
  let s: z.ZodType | undefined = schema;
  for (const p of path) {
    if (!s) return [];
    s = unwrap(s, p);
    if (typeof p === 'number' && s instanceof z.ZodArray) s = s.element as z.ZodType;
    else if (typeof p === 'string' && s instanceof z.ZodObject) s = s.shape[p] as z.ZodType | undefined;
    else return [];
  }
  if (!s) return [];
  s = unwrap(s);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

export interface IssueMessage {
  path: (string | number)[];
  message: string;
}

/**
 * One problem per issue of a parse made with dossierErrorMap (which words them), and one per
 * unknown key: "unknown field "colour". Did you mean …?".
 */
export function explainIssue(issue: z.core.$ZodIssue, schema: z.ZodType): IssueMessage[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(schema, path);
    return issue.keys.map((key) => {
      const guess = closest(key, known.map((k) => ({ key: k, value: k })));
      const hint = guess ? ` Did you mean "${guess}"?` : known.length ? ` Known fields here: ${known.join(', ')}.` : '';
      return { path: [...path, key], message: `unknown field "${key}".${hint}` };
    });
  }
  // A group of fields where text or a list was written: show the group's shape.
  if (issue.code === 'invalid_type' && issue.expected === 'object' && issue.message.startsWith('must be a group of fields')) {
    const keys = keysAt(schema, path);
    if (keys.length) return [{ path, message: issue.message.replace('must be a group of fields', `must be a group of fields { ${keys.join(', ')} }`) }];
  }
  return [{ path, message: issue.message }];
}
