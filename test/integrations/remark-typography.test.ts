import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDossier } from '../../bench/generate.ts';
import { charClass, curlQuotes, remarkTypography } from '../../src/integrations/remark-typography.ts';
import { ROOT } from '../helpers/build.ts';

type Processor = Awaited<ReturnType<typeof createMarkdownProcessor>>;
let astro: Processor;
let ours: Processor;
beforeAll(async () => {
  astro = await createMarkdownProcessor({ syntaxHighlight: false, smartypants: true });
  ours = await createMarkdownProcessor({ syntaxHighlight: false, smartypants: false, remarkPlugins: [remarkTypography] });
});

const bodyOf = (file: string) => file.split('\n---\n').slice(1).join('\n---\n');

/** Every text where our output differs from Astro's smartypants (should be none). */
async function differences(texts: string[]): Promise<{ text: string; astro: string; ours: string }[]> {
  const out = [];
  for (const text of texts) {
    const a = (await astro.render(text)).code;
    const b = (await ours.render(text)).code;
    if (a !== b) out.push({ text, astro: a, ours: b });
  }
  return out;
}

describe('typography (smart quotes, dashes, ellipses)', () => {
  it('curls quotes and apostrophes the way readers expect', async () => {
    const html = (await ours.render(`The group's spokesperson said "we will enter" -- and left... 'Soon,' he added.`)).code;
    expect(html).toContain('The group’s spokesperson said “we will enter” — and left… ‘Soon,’ he added.');
  });

  it('gives exactly the output of Astro\'s smartypants on the first dossier', async () => {
    const texts: string[] = [];
    for (const collection of ['actors', 'places', 'events', 'sources', 'pages']) {
      const dir = path.join(ROOT, 'content', collection);
      for (const f of readdirSync(dir)) texts.push(bodyOf(readFileSync(path.join(dir, f), 'utf8')));
    }
    expect(await differences(texts)).toEqual([]);
  });

  it('gives exactly the output of Astro\'s smartypants on a generated dossier', async () => {
    const texts = [...generateDossier(60, 3).files.values()].map(bodyOf);
    expect(await differences(texts)).toEqual([]);
  });

  it('gives exactly the output of Astro\'s smartypants on awkward and random text', async () => {
    const tricky = [
      `"Hello," she said. "It's the '80s." Then: 'quoted' words`, `He said "'Quoted' words in a larger quote."`,
      `U.S.'s position; U.S.'x; a:'s; rock'n'roll`, `the "quote".Next and "end".\n\n"Start of a paragraph"`,
      `''double single'' and \`\`backticks'' -- and --- and ... and . . . end`, `("parenthesised") ["bracketed"] — "dash" – 'en'`,
      `*"emphasis"* and **'strong'** and [a "link"](https://example.org) and \`code "quote"\``,
      `> "A block quote"\n\n- "a list item"\n- it's\n\n| "cell" | 'x' |\n|---|---|\n| a"b | c'd |`,
      `قال "المتحدث" إن 'القوات' تقدمت`, `"" and '' and "'" and '"' alone: " ' "`, `x"y'z "1990s" '90s 'tis`,
    ];
    // Deterministic fuzz over the characters the quote rules care about.
    const alphabet = [`"`, `'`, ' ', '\n', 'a', 'b', 'S', '8', '0', 's', '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '-', '—', '–', '…', '&', '/', '*', '`', '’', 'ش', '٨', '\u00a0', '_'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const fuzz = Array.from({ length: 400 }, () => Array.from({ length: 4 + Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    expect(await differences([...tricky, ...fuzz])).toEqual([]);
  });

  it('decides common quotes without retext and leaves unusual ones to it', () => {
    expect(curlQuotes(` the group's "limited" offensive.' `)).toBe(' the group’s “limited” offensive.’ ');
    expect(curlQuotes(` a "'double'" set`)).toBeUndefined();
  });

  it('classifies characters as parse-latin does, wherever it claims to know', async () => {
    const expressions = await import(pathToFileURL(path.join(ROOT, 'node_modules/parse-latin/lib/expressions.js')).href);
    const disagreements: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCharCode(code);
      const mine = charClass(ch);
      if (mine === 'unknown') continue;
      const theirs = expressions.whiteSpace.test(ch) ? 'space' : expressions.word.test(ch) && !expressions.punctuation.test(ch) ? 'word' : 'other';
      if (mine !== theirs) disagreements.push(`U+${code.toString(16)}: ${mine} vs ${theirs}`);
    }
    expect(disagreements).toEqual([]);
  });
});
