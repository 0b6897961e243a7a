import { describe, expect, it } from 'vitest';
import { numberCitations, scanBody } from '../../src/domain/body.ts';

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
