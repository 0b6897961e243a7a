/**
 * Splits a Markdown file into YAML frontmatter and body, and parses the YAML with
 * positions so every problem can name its line. Defends against alias bombs.
 */
import jsYaml from 'js-yaml';
import YAML, { isMap, isNode, isPair, isScalar, LineCounter, type Document, type Node } from 'yaml';

export const MAX_FILE_BYTES = 512 * 1024;
const MAX_ALIASES = 50;

export interface SplitFile {
  /** Frontmatter text without the --- lines. */
  yaml: string;
  /** 1-based line of the first frontmatter line in the file. */
  yamlFirstLine: number;
  body: string;
  /** 1-based line where the body starts. */
  bodyFirstLine: number;
}

export type SplitResult = { ok: true; value: SplitFile } | { ok: false; message: string; line?: number };

export function splitFrontmatter(text: string): SplitResult {
  if (text.trim() === '') return { ok: false, message: 'the file is empty: it needs frontmatter between two --- lines', line: 1 };
  const src = text.replace(/\r\n?/g, '\n');
  if (!/^---[ \t]*\n/.test(src)) {
    return { ok: false, line: 1, message: 'missing frontmatter: the file must start with a line "---", then its fields (name: …), then another "---"' };
  }
  const close = /\n---[ \t]*(?:\n|$)/.exec(src.slice(3));
  if (!close) return { ok: false, line: 1, message: 'the frontmatter is not closed: add a line "---" after the last field' };
  const yamlEnd = 3 + close.index;
  const yaml = src.slice(src.indexOf('\n') + 1, yamlEnd + 1);
  const bodyStart = 3 + close.index + close[0].length;
  let bodyFirstLine = 1;
  for (let i = src.indexOf('\n'); i !== -1 && i < bodyStart; i = src.indexOf('\n', i + 1)) bodyFirstLine++;
  return { ok: true, value: { yaml, yamlFirstLine: 2, body: src.slice(bodyStart), bodyFirstLine } };
}

export interface ParsedYaml {
  data: unknown;
  doc: Document;
  lineCounter: LineCounter;
}

export type YamlResult = { ok: true; value: ParsedYaml } | { ok: false; message: string; line?: number; column?: number };

/** Deeper than any real entry (relations → sources → locator is 4); parsers choke on thousands. */
export const MAX_YAML_DEPTH = 20;

/**
 * How deeply YAML nests (block indentation levels, "- - -" and flow brackets),
 * measured without parsing: the YAML parser can exhaust memory on a few hundred
 * kilobytes of "[[[[", so this runs first. Quoted text, comments and block
 * scalars (| and >) are skipped. Returns the first line that goes too deep.
 */
export function yamlTooDeep(yaml: string, limit = MAX_YAML_DEPTH): { line: number; depth: number } | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = '';
  let scalarIndent = -1; // inside a block scalar: lines indented more than this are text
  const lines = yaml.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const indent = /^ */.exec(line)![0].length;
    if (scalarIndent >= 0) {
      if (line.trim() === '' || indent > scalarIndent) continue;
      scalarIndent = -1;
    }
    if (!quote && flow === 0) {
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
    }
    let dashes = 0;
    if (!quote && flow === 0) dashes = (/^(?:-[ ]+)+/.exec(line.slice(indent))?.[0].match(/-/g) ?? []).length;
    for (let i = quote || flow ? 0 : indent; i < line.length; i++) {
      const ch = line[i];
      if (quote) {
        if (ch === quote && !(quote === '"' && line[i - 1] === '\\')) quote = '';
        continue;
      }
      if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
      if ((ch === '"' || ch === "'") && (i === 0 || /[\s\[{,:-]/.test(line[i - 1]))) quote = ch;
      else if (ch === '[' || ch === '{') flow++;
      else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      const depth = indents.length + dashes + flow;
      if (depth > limit) return { line: n + 1, depth };
    }
    if (!quote && flow === 0 && /[|>][-+0-9]*\s*(?:#.*)?$/.test(line) && /:\s+[|>]|^\s*-\s+[|>]/.test(line)) scalarIndent = indent;
  }
  return undefined;
}

export function parseYaml(yaml: string): YamlResult {
  const tooDeep = yamlTooDeep(yaml);
  if (tooDeep) return { ok: false, message: `${TOO_DEEP}: more than ${MAX_YAML_DEPTH} levels here`, line: tooDeep.line };
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(yaml, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    const plain = plainYamlError(e.message);
    return { ok: false, message: plain === TOO_DEEP ? plain : `the YAML cannot be read: ${plain}`, line: pos.line, column: pos.col };
  }
  // An unknown tag (!!js/function, !custom) is only a warning to the parser; here it is
  // an error: entries have no use for tags, and a reader of the file may think it runs.
  // A known tag (!!timestamp, !!binary, !!set, !!str…) gives no warning, yet it
  // changes what the value is (!!timestamp turns text into a Date past the date
  // rules): any tag the document carries is refused the same way.
  const tagAt = doc.warnings.find((w) => /tag/i.test(w.message))?.pos[0] ?? explicitTagAt(doc, yaml);
  if (tagAt !== undefined) {
    const pos = lineCounter.linePos(tagAt);
    return { ok: false, message: `the YAML uses a tag (${/![\w!/:.,<>%-]*/.exec(yaml.slice(tagAt))?.[0] ?? '!'}): tags are not used in entries; remove it and write the plain value`, line: pos.line, column: pos.col };
  }
  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
      return { ok: false, message: 'the frontmatter must be fields (name: value), not a single value or a list', line: 1 };
    }
    return { ok: true, value: { data: data ?? {}, doc, lineCounter } };
  } catch (err) {
    const message = String((err as Error).message);
    if (/alias/i.test(message)) return { ok: false, message: 'the YAML uses too many aliases (*name references); write the values out instead', line: 1 };
    if (/call stack/i.test(message)) return { ok: false, message: TOO_DEEP, line: 1 };
    return { ok: false, message: `the YAML cannot be read: ${message}`, line: 1 };
  }
}

/** Offset of the first explicit tag in a parsed document (the "!" before its node), if any. */
function explicitTagAt(doc: Document, yaml: string): number | undefined {
  let at: number | undefined;
  YAML.visit(doc, {
    Node(_key, node) {
      if (!isNode(node) || !node.tag || !node.range) return undefined;
      let bang = yaml.lastIndexOf('!', node.range[0]);
      while (bang > 0 && yaml[bang - 1] === '!') bang--; // !!timestamp
      at = bang >= 0 ? bang : node.range[0];
      return YAML.visit.BREAK;
    },
  });
  return at;
}

/** Frontmatter data, and its positions parsed only when a problem needs a line number. */
export type FrontmatterResult =
  | { ok: true; data: Record<string, unknown>; positions: () => ParsedYaml }
  | { ok: false; message: string; line?: number; column?: number };

/**
 * An anchor (&a), alias (*a) or tag (!x, !!x) where YAML allows one: those take
 * parseYaml, which limits aliases and refuses tags. So does 0b101, which js-yaml
 * reads as a number and parseYaml as text. A "!" after a space in plain text also
 * matches; that only costs the slower parser.
 */
const GUARDED_SYNTAX = /(?:^|[\s[{,])(?:[&*][^\s\]},]|!|[-+]?0b)/;
const FAILED = Symbol('failed');

/**
 * Parses frontmatter for the check. Most frontmatter is plain, valid YAML: js-yaml
 * reads it several times faster than parseYaml (and is what Astro's own loader
 * uses), with the same YAML 1.2 core schema (dates stay text). The nesting pre-scan
 * runs first, as in parseYaml; everything else (anchors, aliases, tags, syntax
 * errors, a value that is not fields) goes through parseYaml, so its limits and its
 * messages are unchanged. Positions are computed lazily: a dossier without problems
 * never needs them.
 */
export function parseFrontmatter(yaml: string): FrontmatterResult {
  let positions: ParsedYaml | undefined;
  const full = () => parseYaml(yaml);
  if (!GUARDED_SYNTAX.test(yaml) && !yamlTooDeep(yaml)) {
    let data: unknown = FAILED;
    try {
      data = jsYaml.load(yaml, { schema: jsYaml.CORE_SCHEMA });
    } catch { /* parseYaml explains it below */ }
    const fields = data === undefined || data === null || (typeof data === 'object' && !Array.isArray(data));
    if (data !== FAILED && fields) {
      return { ok: true, data: (data ?? {}) as Record<string, unknown>, positions: () => (positions ??= expectParsed(full())) };
    }
  }
  const parsed = full();
  if (!parsed.ok) return parsed;
  positions = parsed.value;
  return { ok: true, data: parsed.value.data as Record<string, unknown>, positions: () => positions! };
}

function expectParsed(r: YamlResult): ParsedYaml {
  // js-yaml accepted it; should parseYaml not, positions fall back to the first line.
  return r.ok ? r.value : { data: {}, doc: new YAML.Document({}), lineCounter: new LineCounter() };
}

const TOO_DEEP = 'the frontmatter is nested too deeply to read (fields need only a few levels)';

function plainYamlError(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (/call stack/i.test(first)) return TOO_DEEP;
  if (/Map keys must be unique/.test(first)) return 'a field appears twice (each field may be written once)';
  if (/Implicit map keys need to be followed by map values|Nested mappings are not allowed in compact mappings/.test(first)) {
    return `${first} (a value containing ": " must be put in quotes)`;
  }
  return first;
}

/** The 1-based line and column of a field path in the YAML, falling back to its parent. */
export function locate(parsed: ParsedYaml, path: (string | number)[], firstLine: number): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    let node: Node | undefined | null = sub.length ? (parsed.doc.getIn(sub, true) as Node | undefined) : (parsed.doc.contents as Node | null);
    // Point at the key for a missing or unknown field when we can find it.
    if (n === path.length && n > 0) {
      const parent = parsed.doc.getIn(path.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === path.at(-1));
        if (pair && isScalar(pair.key)) node = pair.key;
      }
    }
    // A field that is not there: point below the group's last field, where it would go
    // (for the top level, the closing ---), not at the group's first field.
    if (n === path.length - 1 && isMap(node) && node.range && !node.flow) {
      const end = parsed.lineCounter.linePos(node.range[2]);
      const last = parsed.lineCounter.linePos(Math.max(node.range[0], node.range[2] - 1));
      return { line: (end.line > last.line ? end.line : last.line + 1) + firstLine - 1, column: isMap(parsed.doc.contents) && node === parsed.doc.contents ? 1 : parsed.lineCounter.linePos(node.range[0]).col };
    }
    if (node && (node as any).range) {
      const pos = parsed.lineCounter.linePos((node as any).range[0]);
      return { line: pos.line + firstLine - 1, column: pos.col };
    }
  }
  return { line: firstLine, column: 1 };
}
