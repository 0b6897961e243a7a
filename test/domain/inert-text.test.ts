/**
 * Messages are inert text: whatever a contributor writes (a field name, a value, a file
 * name), a problem prints as one line that starts with the file's path, with control,
 * bidi and other invisible characters shown as escapes (src/domain/problems.ts, inertText).
 */
import { describe, expect, it } from 'vitest';
import { formatGithubAnnotation, formatProblem, inertText, type Problem } from '../../src/domain/problems.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { ACTOR, EVENT, makeDossier } from '../helpers/dossier.ts';

/** Characters inertText must never let through (besides the line breaks between lines). */
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufdd0-\ufdef\ufffe\uffff]/u;

describe('inertText', () => {
  it.each([
    ['newline, carriage return, tab', 'a\nb\rc\td', 'a\\nb\\rc\\td'],
    ['a workflow command after a newline', 'a\n::error file=x::pwned', 'a\\n::error file=x::pwned'],
    ['ESC (terminal colours)', '\u001b[31mred\u001b[0m', '\\u001b[31mred\\u001b[0m'],
    ['NUL, BEL, DEL', '\u0000\u0007\u007f', '\\u0000\\u0007\\u007f'],
    ['C1 controls (NEL, CSI)', '\u0085\u009b', '\\u0085\\u009b'],
    ['line and paragraph separators, byte-order mark', '\u2028\u2029\ufeff', '\\u2028\\u2029\\ufeff'],
    ['bidi controls', '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c', '\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c'],
    ['noncharacters', '\ufffe\uffff\ufdd0\ufdef\u{1fffe}', '\\ufffe\\uffff\\ufdd0\\ufdef\\u{1fffe}'],
    ['a lone surrogate', 'x\ud800y', 'x\\ud800y'],
    ['ordinary text unchanged: accents, Arabic, CJK, emoji, quotes, backslashes', 'café قائم 中文 🙂 "q" \\n', 'café قائم 中文 🙂 "q" \\n'],
    ['zero-width joiner and non-breaking space unchanged (they are text)', 'a\u200db\u00a0c', 'a\u200db\u00a0c'],
  ])('%s', (_name, input, expected) => {
    expect(inertText(input)).toBe(expected);
    expect(inertText(input)).not.toMatch(RAW);
  });
});

describe('formatProblem and formatGithubAnnotation make content inert', () => {
  const hostile: Problem = { file: 'actors/x\n::warning::y.md', line: 2, field: 'a\r\n::error file=x::pwned', message: 'bad "\u001b[31m\u202e"', severity: 'error' };

  it('formatProblem: file, field and message, one line', () => {
    expect(formatProblem(hostile, 'content/')).toBe('content/actors/x\\n::warning::y.md:2  a\\r\\n::error file=x::pwned: bad "\\u001b[31m\\u202e"');
  });

  it('formatGithubAnnotation: the same escapes, then the workflow command\'s own (%25, and %3A %2C in properties)', () => {
    expect(formatGithubAnnotation({ ...hostile, message: '100% "\u001b[31m"' }, 'content/'))
      .toBe('::error file=content/actors/x\\n%3A%3Awarning%3A%3Ay.md,line=2,title=Dossier check%3A a\\r\\n%3A%3Aerror file=x%3A%3Apwned::a\\r\\n::error file=x::pwned: 100%25 "\\u001b[31m"');
  });
});

describe('npm run check\'s problems for hostile content', () => {
  it('a YAML key with a newline, an enum value with ESC, a file name with a newline, a bidi override in a value: exact lines', async () => {
    const dir = makeDossier({
      'events/key.md': EVENT('"a\\n::error file=x::pwned": 1\n'),
      'actors/esc.md': '---\nname: E\nkind: "\\e[31m"\nsources: [report-a]\n---\nBody.\n',
      'actors/x\n::warning::y.md': ACTOR(),
      'events/bidi.md': EVENT('participants:\n  - actor: "group-a\u202egnp.exe"\n'),
    });
    const result = await checkDossier(dir);
    const lines = result.problems.map((p) => formatProblem(p, 'content/'));
    const kinds = 'armed-group, militia-umbrella, state, government-body, agency, armed-forces, coalition, political-party, person, media-outlet, other';
    const fields = 'title, date, dateNote, status, places, participants, summary, aliases, nativeName, sources, updated';
    expect(lines).toEqual(expect.arrayContaining([
      'content/events/key.md:5:1  a\\n::error file=x::pwned: unknown field "a\\n::error file=x::pwned". Known fields here: ' + fields + '.',
      `content/actors/esc.md:3:1  kind: "\\u001b[31m" is not allowed here; use one of: ${kinds}.`,
      'content/actors/x\\n::warning::y.md  the file name "x\\n::warning::y" is not a valid id: use lowercase a-z, 0-9 and single hyphens (found U+000A, ":"). Did you mean "x-warning-y"?',
      'content/events/bidi.md:6:5  participants[0].actor: unknown actor "group-a\\u202egnp.exe": there is no actors/group-a\\u202egnp.exe.md. Did you mean "group-a"?',
    ]));
    const annotations = result.problems.map((p) => formatGithubAnnotation(p, 'content/'));
    expect(annotations).toContain('::error file=content/events/key.md,line=5,col=1,title=Dossier check%3A a\\n%3A%3Aerror file=x%3A%3Apwned::a\\n::error file=x::pwned: unknown field "a\\n::error file=x::pwned". Known fields here: ' + fields + '.');
    expect(annotations).toContain('::error file=content/actors/x\\n%3A%3Awarning%3A%3Ay.md,title=Dossier check::the file name "x\\n::warning::y" is not a valid id: use lowercase a-z, 0-9 and single hyphens (found U+000A, ":"). Did you mean "x-warning-y"?');
    // The property: every problem is one line that starts with the file's path; no raw control or bidi character.
    for (const line of lines.join('\n').split('\n')) {
      expect(line.startsWith('content/')).toBe(true);
      expect(line).not.toMatch(RAW);
    }
    for (const line of annotations.join('\n').split('\n')) {
      expect(line).toMatch(/^::(error|warning) file=content\/[^,:]*(,line=\d+)?(,col=\d+)?,title=[^,:]*::/);
      expect(line).not.toMatch(RAW);
    }
  });
});
