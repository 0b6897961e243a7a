import { describe, expect, it } from 'vitest';
import { parseDateSpan, type DateSpan } from '../../src/domain/dates.ts';
import { csvColumns, csvRows, DossierExport, spanJson, toCsv } from '../../src/domain/export.ts';
import { indexed, md } from '../helpers/graph.ts';

const span = (v: unknown) => (parseDateSpan(v) as { ok: true; value: DateSpan }).value;

describe('dates in the data files', () => {
  it.each([
    ['2017-11-03', { iso: '2017-11-03', display: '3 Nov 2017', from: '2017-11-03', to: '2017-11-03' }],
    ['2017-11', { iso: '2017-11', display: 'Nov 2017', from: '2017-11-01', to: '2017-11-30' }],
    [{ on: 2015, circa: true }, { iso: '~2015', display: 'c. 2015', from: '2015-01-01', to: '2015-12-31' }],
    [{ start: 2009, end: 2011 }, { iso: '2009/2011', display: '2009–2011', from: '2009-01-01', to: '2011-12-31' }],
    [{ end: 2011 }, { iso: '../2011', display: 'until 2011', from: '2011-01-01', to: '2011-12-31' }],
  ])('%j has machine and reader forms', (input, expected) => {
    expect(spanJson(span(input))).toMatchObject(expected);
  });
});

describe('toCsv', () => {
  it('quotes commas, quotes and newlines, and defuses spreadsheet formulas', () => {
    expect(toCsv([{ a: 'x, y', b: 'say "hi"', c: 'two\nlines', d: '=HYPERLINK("x")', e: -3.5, f: undefined }]))
      .toBe('a,b,c,d,e,f\r\n"x, y","say ""hi""","two\nlines","\'=HYPERLINK(""x"")",-3.5,\r\n');
  });

  it('writes the header of a collection with no entries (a dossier without explainer pages)', () => {
    expect(toCsv(csvRows('pages', { pages: [] } as any), csvColumns('pages'))).toBe('id,page,title,summary,order,updated\r\n');
    expect(csvColumns('relations')).toEqual(['actor', 'type', 'target', 'note', 'unit', 'start', 'end', 'circa', 'display', 'sources']);
  });
});

describe('DossierExport', () => {
  it('resolves references to labelled links and keeps locators', async () => {
    const d = await indexed({
      'actors/kh.md': md('name: KH\nkind: armed-group\nrelations: [{ type: backed-by, target: group-a, start: 2007, sources: [{ source: report-a, locator: para 2 }] }]\nsources: [report-a]', 'See [[group-a]] and [[group-a|again]].'),
    });
    const json = new DossierExport(d.index, d.graph, d.site).json(d.all);
    const kh = json.actors.find((a) => a.id === 'kh') as any;
    expect(kh.page).toBe('/actors/kh/');
    expect(kh.relations[0]).toEqual({
      type: 'backed-by', target: { collection: 'actors', id: 'group-a', label: 'Group A', page: '/actors/group-a/' },
      start: { year: 2007, precision: 'year', iso: '2007', display: '2007' }, circa: false, display: 'from 2007',
      sources: [{ collection: 'sources', id: 'report-a', label: 'Report A', page: '/sources/report-a/', locator: 'para 2' }],
    });
    expect(kh.mentions.map((m: any) => m.id)).toEqual(['group-a']);
    const rows = csvRows('relations', json);
    expect(Object.keys(rows[0])).toEqual(csvColumns('relations'));
    expect(rows).toEqual([{ actor: 'kh', type: 'backed-by', target: 'group-a', note: undefined, start: '2007', end: undefined, circa: false, display: 'from 2007', sources: 'report-a (para 2)' }]);
  });
});
