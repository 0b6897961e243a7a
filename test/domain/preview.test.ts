import { describe, expect, it } from 'vitest';
import { entryPageOf, previewErrorPage, previewProblems, problemsSummary } from '../../src/domain/preview.ts';
import type { Problem } from '../../src/domain/problems.ts';

const problems: Problem[] = [
  { file: 'actors/x.md', line: 3, column: 1, field: 'kind', severity: 'error', message: '"<script>alert(1)</script>" is not allowed here' },
  { file: 'sources/s.md', line: 1, severity: 'warning', message: 'source "s" is not cited by any entry' },
  { file: 'dossier.yml', line: 2, severity: 'error', message: 'the YAML cannot be read: a field appears twice' },
];

describe('the preview’s problems', () => {
  it('knows the page of an entry file, and that dossier.yml or media have none', () => {
    expect(entryPageOf('actors/x.md')).toBe('/actors/x/');
    expect(entryPageOf('pages/overview.md')).toBe('/');
    expect(entryPageOf('events/y.mdx')).toBe('/events/y/');
    expect(entryPageOf('dossier.yml')).toBeUndefined();
    expect(entryPageOf('media/a.png')).toBeUndefined();
    expect(entryPageOf('elsewhere/z.md')).toBeUndefined();
  });

  it('carries the check’s lines, with counts and each entry’s page', () => {
    const p = previewProblems(problems, 'content/', 7);
    expect(p).toMatchObject({ version: 7, errors: 2, warnings: 1 });
    expect(p.lines[0]).toEqual({ text: 'content/actors/x.md:3:1  kind: "<script>alert(1)</script>" is not allowed here', severity: 'error', file: 'actors/x.md', url: '/actors/x/' });
    expect(p.lines[2].url).toBeUndefined();
  });

  it('says what the build will do', () => {
    expect(problemsSummary(2, 1)).toBe('The dossier has 2 error(s) and 1 warning(s): npm run build refuses it until the errors are fixed.');
    expect(problemsSummary(0, 1)).toBe('The dossier has 1 warning(s).');
    expect(problemsSummary(0, 0)).toBe('The dossier has no problems now.');
  });

  it('writes an error page with the file’s own lines first, every text escaped', () => {
    const html = previewErrorPage('actors/x.md', previewProblems(problems, 'content/', 7));
    expect(html).toContain('<h1>This entry cannot be shown: actors/x.md has 1 error(s)</h1>');
    expect(html).toContain('<code>content/actors/x.md:3:1  kind: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; is not allowed here</code>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html.indexOf('actors/x.md:3:1')).toBeLessThan(html.indexOf('Other files'));
    expect(html.indexOf('Other files')).toBeLessThan(html.indexOf('dossier.yml:2'));
    expect(html).toContain('const seen = 7;');
  });
});
