import { describe, expect, it } from 'vitest';
import { locate, parseFrontmatter, parseYaml } from '../../src/pipeline/frontmatter.ts';

describe('parseFrontmatter: the fast path gives the same data and messages as parseYaml', () => {
  it.each([
    ['fields, lists and flow maps', 'title: A\ndate: 2017-11-03\nplaces: [a, b]\nparticipants:\n  - { actor: x, role: attacker }\n'],
    ['dates of every precision stay text, numbers stay numbers', 'a: 2017\nb: 2017-11\nc: 2017-11-03\nd: { on: 2015, circa: true }\ne: 34.45\n'],
    ['Arabic and quoted text', 'name: "Kata’ib Hezbollah"\nnativeName: { text: كتائب حزب الله, lang: ar }\nnote: "a: b"\n'],
    ['empty frontmatter', ''],
  ])('%s', (_name, yaml) => {
    const fast = parseFrontmatter(yaml);
    const slow = parseYaml(yaml);
    expect(fast.ok && slow.ok).toBe(true);
    if (fast.ok && slow.ok) expect(fast.data).toEqual(slow.value.data ?? {});
  });

  it('computes line numbers only when asked, and they are right', () => {
    const fast = parseFrontmatter('title: A\nplaces:\n  - a\n  - b\n');
    expect(fast.ok).toBe(true);
    if (fast.ok) expect(locate(fast.positions(), ['places', 1], 2)).toEqual({ line: 5, column: 5 });
  });

  it.each([
    ['a syntax error', 'title: A: b\n', 'Nested mappings are not allowed in compact mappings'],
    ['a field written twice', 'title: A\ntitle: B\n', 'a field appears twice'],
    ['a list instead of fields', '- a\n- b\n', 'the frontmatter must be fields'],
    ['an alias bomb', `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n`, 'too many aliases'],
    ['a tag js-yaml would refuse', 'run: !!js/function "x"\n', 'the YAML uses a tag (!!js/function): tags are not used in entries'],
    ['a tag inside a list', 'aliases: [a, !custom b]\n', 'the YAML uses a tag (!custom)'],
    ['deep flow nesting', `a: ${'['.repeat(25)}${']'.repeat(25)}\n`, 'nested too deeply to read (fields need only a few levels): more than 20 levels'],
    ['deep block nesting', `${Array.from({ length: 25 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} 1\n`, 'nested too deeply to read'],
  ])('%s is refused with parseYaml\'s message', (_name, yaml, message) => {
    const fast = parseFrontmatter(yaml);
    expect(fast.ok).toBe(false);
    if (!fast.ok) expect(fast.message).toContain(message);
    // The very same problem, line and column as the guarded parser gives.
    expect(fast).toEqual(parseYaml(yaml));
  });

  it.each([
    ['name: !!str 2017\n', 1, 7, '!!str'],
    ['date: !!timestamp 2017-11-03\n', 1, 7, '!!timestamp'],
    ['a: 1\nlist: [x, !!binary aGk=]\n', 2, 11, '!!binary'],
    ['a: !!set {x}\n', 1, 4, '!!set'],
    ['a: !<tag:yaml.org,2002:timestamp> 2017-11-03\n', 1, 4, '!<tag:yaml.org,2002:timestamp>'],
  ])('a known tag is refused like an unknown one: %j', (yaml, line, column, tag) => {
    const expected = { ok: false, message: `the YAML uses a tag (${tag}): tags are not used in entries; remove it and write the plain value`, line, column };
    expect(parseYaml(yaml)).toEqual(expected);
    expect(parseFrontmatter(yaml)).toEqual(expected);
  });

  it('reads 0b101 as text, as parseYaml does (js-yaml would read the number 5)', () => {
    const fast = parseFrontmatter('code: 0b101\n');
    expect(fast.ok && fast.data).toEqual({ code: '0b101' });
  });
});
