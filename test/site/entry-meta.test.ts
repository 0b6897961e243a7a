import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distOf, FIXTURES } from '../helpers/build.ts';
import { searchRecords } from '../helpers/search-records.ts';

const page = (dossier: string, url: string) => readFileSync(path.join(distOf(dossier), url, 'index.html'), 'utf8');
// Without Astro's scoped-style attributes, to compare markup.
const metaOf = (html: string) => /<footer class="entry-meta[^>]*>([\s\S]*?)<\/footer>/.exec(html)?.[1]?.replace(/ data-astro-cid-\w+/g, '');
const hrefs = (html = '') => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
const text = (html = '') => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('entry pages: last updated, edit and correction links', () => {
  it('shows "Last updated" and both links when dossier.yml has a repoUrl', () => {
    const meta = metaOf(page('mini', 'actors/group-a'));
    // Links to the repository are external links: marked with ↗ and "(external link)" for screen readers.
    expect(text(meta)).toBe('Last updated 25 Nov 2017 Edit this page ↗ (external link) · Suggest a correction ↗ (external link)');
    expect(meta).toContain('<time datetime="2017-11-25">25 Nov 2017</time>');
    expect(hrefs(meta)).toEqual([
      'https://github.example/dossier/mini/edit/main/test/fixtures/mini/actors/group-a.md',
      'https://github.example/dossier/mini/issues/new?template=correction.md&title=Correction%3A%20Group%20A%20(test%2Ffixtures%2Fmini%2Factors%2Fgroup-a.md)',
    ]);
  });

  it('links to the real file (an .mdx here) and shows the links without an updated date', () => {
    const meta = metaOf(page('mini', 'events/year-of-fighting'));
    expect(text(meta)).toBe('Edit this page ↗ (external link) · Suggest a correction ↗ (external link)');
    expect(hrefs(meta)[0]).toBe('https://github.example/dossier/mini/edit/main/test/fixtures/mini/events/year-of-fighting.mdx');
  });

  it('omits the links when repoUrl is unset (the first dossier), keeping "Last updated"', () => {
    const meta = metaOf(page('content', 'actors/kataib-hezbollah'));
    // The date the entry itself gives, as the site shows dates ("25 Nov 2026").
    const updated = /^updated: (\d{4})-(\d{2})-(\d{2})$/m.exec(readFileSync(path.join(FIXTURES.content, 'actors/kataib-hezbollah.md'), 'utf8'))!;
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(updated[2]) - 1];
    expect(text(meta)).toBe(`Last updated ${Number(updated[3])} ${month} ${updated[1]}`);
    expect(hrefs(meta)).toEqual([]);
  });

  it('is left out of the search index (the record holds the entry, not the page around it)', () => {
    const groupA = searchRecords(distOf('mini')).find((r) => r.url === '/actors/group-a/');
    expect(groupA?.content).toBeTruthy();
    expect(groupA!.content).not.toMatch(/Last updated|Edit this page|Suggest a correction/);
  });
});
