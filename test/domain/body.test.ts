import { describe, expect, it } from 'vitest';
import { bodySyntaxProblems, numberCitations, scanBody } from '../../src/domain/body.ts';

describe('scanBody', () => {
  it('finds wikilinks with labels and collections, and citations with locators', () => {
    const tokens = scanBody('See [[kataib-hezbollah]] and [[places/iraq|Iraq]].\nThen [@a; @b, para 3].');
    expect(tokens).toMatchObject([
      { type: 'wikilink', target: 'kataib-hezbollah', line: 1, column: 5 },
      { type: 'wikilink', target: 'places/iraq', label: 'Iraq', line: 1 },
      { type: 'citation', items: [{ source: 'a' }, { source: 'b', locator: 'para 3' }], line: 2, column: 6 },
    ]);
  });

  it('ignores syntax inside code and plain brackets', () => {
    const text = 'Use `[[not-a-link]]` here.\n```\n[@not-a-cite]\n```\n[not a cite] and [@real]';
    expect(scanBody(text).map((t) => t.type === 'citation' ? t.items[0].source : t.target)).toEqual(['real']);
  });

  it('reports lines relative to where the body starts in the file', () => {
    expect(scanBody('x\n[[a]]', 10)[0]).toMatchObject({ line: 11, column: 1 });
  });

  it('reads a citation or wikilink that an editor wrapped onto the next line', () => {
    expect(scanBody('As said [@a;\n@b, para\n3] and [[group-a|Group\nA]].')).toMatchObject([
      { type: 'citation', items: [{ source: 'a' }, { source: 'b', locator: 'para 3' }], line: 1, column: 9 },
      { type: 'wikilink', target: 'group-a', label: 'Group A', line: 3 },
    ]);
  });

  it('never joins brackets across a blank line (a new paragraph)', () => {
    expect(scanBody('[@a;\n\n@b]')).toEqual([]);
  });

  it('treats [@handle](url) as a link, not a citation', () => {
    expect(scanBody('[@KataibHezbollah](https://example.com/kh)')).toEqual([]);
  });
});

describe('bodySyntaxProblems', () => {
  it.each([
    ['See [[group-a for details.', 1, 5, 'unclosed wikilink "[[group-a for details.": close it with ]]'],
    ['As reported [@report-a.\n\nNext.', 1, 13, 'unclosed citation "[@report-a.": close it with ]'],
    ['Split [@a;\n\n@b] by a paragraph.', 1, 7, 'unclosed citation "[@a;"'],
    ['Once [@ report-a] with a space.', 1, 6, '"[@ report-a]" is not a citation: write [@source-id], [@a; @b] or [@source-id, para 3]'],
    ['x\ny [[a', 2, 3, 'unclosed wikilink "[[a"'],
  ])('%j', (text, line, column, message) => {
    const [problem] = bodySyntaxProblems(text);
    expect(problem).toMatchObject({ line, column });
    expect(problem.message).toContain(message);
  });

  it('has nothing to say about well-formed syntax, code, or plain brackets', () => {
    expect(bodySyntaxProblems('[[a]] [[b|B]] [@c] [@d; @e, p 2] `[[code` [plain] [@x](https://x)\n```\n[[fenced\n```')).toEqual([]);
  });
});

describe('numberCitations', () => {
  it('numbers each source+locator once, in order of first use, then uncited frontmatter sources', () => {
    const list = numberCitations('One [@a]. Two [@b, p 2]. Again [@a].', [{ source: 'a' }, { source: 'c' }, { source: 'b', locator: 'p 2' }]);
    expect(list).toEqual([
      { n: 1, source: 'a' },
      { n: 2, source: 'b', locator: 'p 2' },
      { n: 3, source: 'c' },
    ]);
  });
});
