import { describe, expect, it } from 'vitest';
import { numberCitations } from '../../src/domain/body.ts';
import { buildCitations, entryClaims } from '../../src/domain/citations.ts';

const body = 'A [@a, para 1]. B [@b; @a, para 1]. C [@a].';

describe('buildCitations: footnotes for the body and the infobox', () => {
  it('numbers the body exactly as the remark plugin does (numberCitations)', () => {
    const { footnotes } = buildCitations(body, []);
    expect(footnotes.map(({ n, source, locator }) => ({ n, source, locator }))).toEqual(
      numberCitations(body).map(({ n, source, locator }) => ({ n, source, locator })),
    );
  });

  it('gives each footnote the anchor of every marker that cites it, in order', () => {
    const { footnotes } = buildCitations(body, []);
    expect(footnotes.map((f) => f.refs)).toEqual([['cite-1-1', 'cite-1-2'], ['cite-2-1'], ['cite-3-1']]);
  });

  it('numbers infobox claims after the body, reusing footnotes already there', () => {
    const { footnotes, marks } = buildCitations(body, [
      { key: 'relations.0', items: [{ source: 'b' }, { source: 'c', locator: 'p. 4' }] },
      { key: 'entry', items: [{ source: 'a', locator: 'para 1' }, { source: 'd' }] },
    ]);
    expect(marks.get('relations.0')).toEqual([{ n: 2, refId: 'cite-2-2' }, { n: 4, refId: 'cite-4-1' }]);
    expect(marks.get('entry')).toEqual([{ n: 1, refId: 'cite-1-3' }, { n: 5, refId: 'cite-5-1' }]);
    expect(footnotes.slice(3).map(({ n, source, locator }) => ({ n, source, locator }))).toEqual([
      { n: 4, source: 'c', locator: 'p. 4' },
      { n: 5, source: 'd', locator: undefined },
    ]);
  });

  it('a bare source already cited with a locator reuses that footnote; a new locator gets its own', () => {
    const { footnotes, marks } = buildCitations('X [@a, para 9].', [{ key: 'entry', items: [{ source: 'a' }, { source: 'a', locator: 'para 10' }] }]);
    expect(marks.get('entry')!.map((m) => m.n)).toEqual([1, 2]);
    expect(footnotes).toHaveLength(2);
  });

  it('a claim citing the same footnote twice gets one marker', () => {
    const { marks } = buildCitations('', [{ key: 'entry', items: [{ source: 'a' }, { source: 'a' }] }]);
    expect(marks.get('entry')).toEqual([{ n: 1, refId: 'cite-1-1' }]);
  });
});

describe('entryClaims', () => {
  it('lists the cited statements of an actor in reading order', () => {
    const claims = entryClaims('actors', {
      sources: [{ source: 's1' }],
      aliases: [{ name: 'KH', kind: 'abbreviation' }, { name: 'Kh', kind: 'misspelling', source: 's2' }],
      relations: [{ sources: [{ source: 's3' }] }],
      designations: [{ sources: [{ source: 's4', locator: 'x' }] }],
      sizeEstimates: [{ sources: [{ source: 's5' }] }],
    });
    expect(claims.map((c) => c.key)).toEqual(['entry', 'aliases.1', 'relations.0', 'designations.0', 'sizeEstimates.0']);
  });

  it('includes a place\'s coordinates source, and nothing for pages', () => {
    expect(entryClaims('places', { sources: [], aliases: [], coordinates: { source: 'gaz' } })).toEqual([{ key: 'coordinates', items: [{ source: 'gaz' }] }]);
    expect(entryClaims('pages', { title: 'x' })).toEqual([]);
  });
});
