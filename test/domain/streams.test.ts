import { describe, expect, it } from 'vitest';
import { bytesStream, jsonPieces, readBytes, textRuns, textStream } from '../../src/domain/streams.ts';

const fn = () => 1;
const sym = Symbol('s');
const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays

describe('jsonPieces', () => {
  // Each value's pieces, joined, are JSON.stringify's output, at every depth of splitting.
  it.each([
    ['a string', 'al-Qa’im “quoted” \u2028 \\ </script>'],
    ['a number, true, null', [1.5, true, null]],
    ['an empty object and array', { a: {}, b: [] }],
    ['members JSON leaves out', { a: undefined, b: fn, c: sym, d: 1, e: undefined }],
    ['only members JSON leaves out', { a: undefined }],
    ['array items JSON writes as null', [undefined, fn, sym, 2]],
    ['a hole in an array', sparse],
    ['a date (toJSON)', { when: new Date(Date.UTC(2017, 10, 3)), list: [new Date(0)] }],
    ['an object with its own toJSON', { x: { toJSON: () => 'mine' } }],
    ['non-ASCII keys', { 'كتائب': [{ 'ā': 1 }], '"quoted"': 2 }],
    ['a dossier-shaped value', { format: 'dossier-json/1', site: { title: 'T' }, actors: [{ id: 'a', name: 'A', aliases: [{ name: 'Ā', kind: 'transliteration' }] }], events: [], sources: [{ id: 's', url: undefined }] }],
  ])('%s', (_, value) => {
    for (const depth of [0, 1, 2, 3, 8]) expect([...jsonPieces(value, depth)].join('')).toBe(JSON.stringify(value));
  });

  it('splits a collection entry by entry', () => {
    const pieces = [...jsonPieces({ actors: [{ id: 'a' }, { id: 'b' }] })];
    expect(pieces).toEqual(['{', '"actors":', '[', '{"id":"a"}', ',', '{"id":"b"}', ']', '}']);
  });
});

describe('textRuns', () => {
  it.each([
    [['ab', 'cd', 'e'], 3, ['abcd', 'e']],
    [['abc', 'd'], 3, ['abc', 'd']],
    [['a', 'b'], 10, ['ab']],
    [[], 3, []],
    [['', ''], 3, []],
  ])('%j in runs of %i', (pieces, size, runs) => {
    expect([...textRuns(pieces, size)]).toEqual(runs);
  });
});

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder().decode(await new Response(stream).arrayBuffer());
}

describe('textStream and bytesStream', () => {
  it('gives the text as UTF-8, read as it is consumed', async () => {
    const value = { title: 'Kataib al-Karama ١ — كتائب', list: Array.from({ length: 5000 }, (_, i) => ({ i, s: 'x'.repeat(30) })) };
    let made = 0;
    function* counted() { for (const p of jsonPieces(value)) { made++; yield p; } }
    const stream = textStream(counted());
    // Nothing is made before the body is read.
    expect(made).toBe(0);
    expect(await read(stream)).toBe(JSON.stringify(value));
  });

  it('hands bytes over as they are, and an empty body as empty', async () => {
    const bytes = new TextEncoder().encode('{"a":1}\n');
    const reader = bytesStream(bytes).getReader();
    const first = await reader.read();
    expect(first.value).toBe(bytes);
    expect((await reader.read()).done).toBe(true);
    expect(await read(bytesStream(new Uint8Array(0)))).toBe('');
  });
});

describe('readBytes', () => {
  it('joins the chunks of a body into one array of its own', async () => {
    const text = 'كتائب — '.repeat(20000);
    const bytes = await readBytes(textStream(text.match(/.{1,7}/gsu)!));
    expect(new TextDecoder().decode(bytes)).toBe(text);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });

  it('reads an empty body as no bytes', async () => {
    expect((await readBytes(bytesStream(new Uint8Array(0)))).length).toBe(0);
  });
});
