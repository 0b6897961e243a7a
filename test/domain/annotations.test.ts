import { describe, expect, it } from 'vitest';
import { formatGithubAnnotation, type Problem } from '../../src/domain/problems.ts';

describe('GitHub annotations for check problems', () => {
  it.each<[string, Problem, string]>([
    ['an error on a field, with line and column',
      { file: 'events/e.md', line: 6, column: 1, field: 'date', message: 'is empty: write a date like 2017-11-03', severity: 'error' },
      '::error file=content/events/e.md,line=6,col=1,title=Dossier check%3A date::date: is empty: write a date like 2017-11-03'],
    ['a warning with a line only',
      { file: 'sources/s.md', line: 1, message: 'source "s" is not cited by any entry', severity: 'warning' },
      '::warning file=content/sources/s.md,line=1,title=Dossier check::source "s" is not cited by any entry'],
    ['a problem with no line (a folder)',
      { file: 'actor/', message: 'unknown folder "actor"', severity: 'error' },
      '::error file=content/actor/,title=Dossier check::unknown folder "actor"'],
    ['special characters escaped: %, and , : in properties; a newline is shown as \\n (inertText), never ends the line',
      { file: 'events/a,b:c.md', line: 2, field: 'participants[0].actor', message: '100% wrong\nsecond line', severity: 'error' },
      '::error file=content/events/a%2Cb%3Ac.md,line=2,title=Dossier check%3A participants[0].actor::participants[0].actor: 100%25 wrong\\nsecond line'],
  ])('%s', (_name, problem, expected) => {
    expect(formatGithubAnnotation(problem, 'content/')).toBe(expected);
  });
});
