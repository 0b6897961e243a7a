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
  string: 'text', number: 'a number', integer: 'a whole number', boolean: 'true or false', array: 'a list',
  object: 'a group of fields', date: 'a date', null: 'nothing', undefined: 'nothing', nan: 'not a number',
};
const words = (t: string) => TYPE_WORDS[t] ?? t;

/** The options of an enum as Zod names them in `expected` ("'a' | 'b'"), else undefined. */
function enumChoices(expected: string): string[] | undefined {
  const parts = expected.split(' | ');
  return parts.every((p) => /^'[^']*'$/.test(p)) ? parts.map((p) => p.slice(1, -1)) : undefined;
}

/** The object keys a schema accepts at a path (for "did you mean" on unknown fields). */
export function keysAt(schema: z.ZodTypeAny, path: (string | number)[]): string[] {
  let s: z.ZodTypeAny | undefined = schema;
  const unwrap = (t: z.ZodTypeAny): z.ZodTypeAny => {
    const def: any = t._def;
    if (def.innerType) return unwrap(def.innerType);
    if (def.schema) return unwrap(def.schema);
    if (def.typeName === 'ZodUnion') return unwrap(def.options.find((o: any) => unwrap(o) instanceof z.ZodObject) ?? def.options[0]);
    return t;
  };
  for (const p of path) {
    if (!s) return [];
    s = unwrap(s);
    if (typeof p === 'number' && s instanceof z.ZodArray) s = s.element;
    else if (typeof p === 'string' && s instanceof z.ZodObject) s = s.shape[p];
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

/** Translates one Zod issue into plain words (and splits unknown keys into one each). */
export function explainIssue(issue: z.ZodIssue, schema: z.ZodTypeAny): IssueMessage[] {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return [{ path: issue.path, message: `missing required field "${issue.path.at(-1)}"` }];
      // "kind:" with nothing after it (as `npm run new` leaves it): say what to write.
      if (issue.received === 'null') {
        const choices = enumChoices(issue.expected);
        return [{ path: issue.path, message: choices ? `is empty: choose one of: ${choices.join(', ')}` : `is empty: write ${words(issue.expected)} or remove the field` }];
      }
      if (issue.message && !issue.message.startsWith('Expected') && issue.message !== 'Required') return [{ path: issue.path, message: `${issue.message}, got ${words(issue.received)}` }];
      return [{ path: issue.path, message: `must be ${words(issue.expected)}, got ${words(issue.received)}` }];
    case 'unrecognized_keys': {
      const known = keysAt(schema, issue.path);
      return issue.keys.map((key) => {
        const guess = closest(key, known.map((k) => ({ key: k, value: k })));
        const hint = guess ? ` Did you mean "${guess}"?` : known.length ? ` Known fields here: ${known.join(', ')}.` : '';
        return { path: [...issue.path, key], message: `unknown field "${key}".${hint}` };
      });
    }
    case 'invalid_enum_value': {
      const options = issue.options.map(String);
      const guess = closest(String(issue.received), options.map((o) => ({ key: o, value: o })));
      return [{ path: issue.path, message: `"${issue.received}" is not allowed here; use one of: ${options.join(', ')}.${guess ? ` Did you mean "${guess}"?` : ''}` }];
    }
    case 'invalid_union':
      return [{ path: issue.path, message: issue.message === 'Invalid input' ? 'has the wrong form' : issue.message }];
    case 'too_small':
      if (issue.type === 'array') return [{ path: issue.path, message: issue.message.startsWith('Array must') ? `needs at least ${issue.minimum} item(s)` : issue.message }];
      if (issue.type === 'string') return [{ path: issue.path, message: issue.message.startsWith('String must') ? 'is empty' : issue.message }];
      return [{ path: issue.path, message: issue.message.startsWith('Number must') ? `must be at least ${issue.minimum}` : issue.message }];
    case 'too_big':
      return [{ path: issue.path, message: issue.message.startsWith('Number must') ? `must be at most ${issue.maximum}` : issue.message }];
    default:
      return [{ path: issue.path, message: issue.message }];
  }
}
