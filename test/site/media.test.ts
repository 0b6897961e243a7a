/**
 * Images entries show are published by the build under /media/<hash>.<ext>, the same
 * bytes as the file in the dossier, with their size on the page (no layout shift), and
 * in the offline edition too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { distOf, FIXTURES } from '../helpers/build.ts';

const dist = distOf('mini');
const source = readFileSync(path.join(FIXTURES.mini, 'media/town-c-sketch.png'));

describe('images of the dossier', () => {
  const html = readFileSync(path.join(dist, 'events/clash-in-town-c/index.html'), 'utf8');
  const img = /<img src="\/media\/([0-9a-f]{16}\.png)" alt="A sketch of Town C" width="40" height="30" loading="lazy" decoding="async">/.exec(html);

  it('are shown with their size, from /media/', () => {
    expect(img, html.slice(html.indexOf('entry-body'), html.indexOf('entry-body') + 800)).not.toBeNull();
  });

  it('are published with the bytes of the file in the dossier', () => {
    expect(readFileSync(path.join(dist, 'media', img![1]))).toEqual(source);
  });

  it('are in the offline edition, linked relative to the page', () => {
    const zip = unzipSync(readFileSync(path.join(dist, 'dossier-offline.zip')));
    expect(Buffer.from(zip[`dossier-offline/media/${img![1]}`])).toEqual(source);
    expect(new TextDecoder().decode(zip['dossier-offline/events/clash-in-town-c/index.html'])).toContain(`<img src="../../media/${img![1]}"`);
  });
});
