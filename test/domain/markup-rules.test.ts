import { describe, expect, it } from 'vitest';
import { isHtmlComment } from '../../src/domain/markup-rules.ts';
import { checkBody } from '../../src/pipeline/body-check.ts';

describe('isHtmlComment: comments as an HTML5 parser reads them', () => {
  it.each([
    ['<!-- ok -->', true],
    ['  <!-- a -->\n<!-- b -->\n', true],
    ['<!-- x -- y -->', true], // "--" inside a comment is fine in HTML5
    ['<!-- a --!><img src=x onerror=alert(1)>-->', false], // --!> ends a comment
    ['<!--><script>alert(1)</script>-->', false], // <!--> is a whole empty comment
    ['<!---><b>x</b>-->', false], // so is <!--->
    ['<!-- x', false], // unclosed: it would swallow the rest of the page
    ['<!-- x --><p id=main>', false],
    ['<!-- a --> text', false],
    ['<!-- <!-- nested -->', false],
    ['<b>x</b>', false],
  ])('%j → %s', (html, expected) => {
    expect(isHtmlComment(html)).toBe(expected);
  });
});

describe('raw HTML behind comment-ending tricks is reported', () => {
  const messages = (body: string) => checkBody(body, { mdx: false, firstLine: 1, components: [] }).map((i) => `${i.line}: ${i.message}`);
  it.each([
    ['<!-- a --!><img src=x onerror=alert(1)>-->', '1: raw HTML is not allowed: <!-- a --!><img src=x onerror=alert(1)>-…; use Markdown instead (e.g. **bold**, [text](https://…), ![alt](image.png))'],
    ['<!--><script>alert(1)</script>-->', '1: raw HTML is not allowed: <!--><script>alert(1)</script>-->; use Markdown instead (e.g. **bold**, [text](https://…), ![alt](image.png))'],
    ['<!---><b>x</b>-->', '1: raw HTML is not allowed: <!---><b>x</b>-->; use Markdown instead (e.g. **bold**, [text](https://…), ![alt](image.png))'],
    ['<!-- x --><p id=main>', '1: raw HTML is not allowed: <!-- x --><p id=main>; use Markdown instead (e.g. **bold**, [text](https://…), ![alt](image.png))'],
    ['Text.\n\n<!-- x', '3: raw HTML is not allowed: <!-- x; use Markdown instead (e.g. **bold**, [text](https://…), ![alt](image.png))'],
  ])('%j', (body, expected) => {
    expect(messages(body)).toEqual([expected]);
  });

  it('a plain comment passes', () => {
    expect(messages('Text.\n\n<!-- ok -->\n\n<!-- x -- y -->')).toEqual([]);
  });
});
