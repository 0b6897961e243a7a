import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/domain/problems.ts';
import { readBody } from '../../src/pipeline/body-check.ts';
import { imageResolver } from '../../src/pipeline/images.ts';
import { checkDossier } from '../../src/pipeline/check.ts';
import { inventoryContent, resolveImage, unusedImages, type ContentInventory } from '../../src/pipeline/content-files.ts';
import { EVENT, makeDossier } from '../helpers/dossier.ts';
import { png } from '../helpers/images.ts';

const LINK = 'symbolic link: the content folder may not hold links (copy the file in instead)';
const HIDDEN = 'hidden file: the content folder holds only entries, dossier.yml and images; remove it';
const STRAY = 'not part of a dossier: the top of the content folder holds only dossier.yml and the folders actors/, places/, events/, sources/, pages/ and media/; move it into one of them or remove it';
const SVG = 'SVG images are not published: an SVG file can carry script that runs when it is opened; export it as PNG or WebP instead';
const NOT_RASTER = 'is not a PNG, JPEG, GIF, WebP or AVIF file (its bytes say otherwise, whatever its name): export it as PNG or WebP';
const UNUSED = 'image not used by any entry: show it with ![description](path) or remove it';

const temp: string[] = [];
afterEach(() => {
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A dossier with the given files and links ({ path: target }), plus a folder outside it with a secret. */
function dossier(files: Record<string, string | Uint8Array>, links: Record<string, string> = {}) {
  const root = makeDossier(files);
  const outside = mkdtempSync(path.join(tmpdir(), 'dossier-outside-'));
  temp.push(root, outside);
  writeFileSync(path.join(outside, 'secret.txt'), 'SECRET');
  writeFileSync(path.join(outside, 'secret.png'), png());
  for (const [at, target] of Object.entries(links)) {
    mkdirSync(path.dirname(path.join(root, at)), { recursive: true });
    symlinkSync(target.replace('{{outside}}', outside), path.join(root, at));
  }
  return { root, outside };
}

const lines = (inv: ContentInventory) => inv.problems.map((p) => formatProblem(p));

describe('inventoryContent: every file is accounted for', () => {
  it('sorts entries, dossier.yml and images, with root-relative paths', () => {
    const { root } = dossier({ 'dossier.yml': 'title: T\n', 'events/e.mdx': EVENT(), 'events/maps/e.png': png(), 'media/a/b.webp': 'x', 'pages/about.md': '---\ntitle: A\n---\n' });
    const inv = inventoryContent(root);
    expect(inv.problems).toEqual([]);
    expect(inv.realRoot).toBe(realpathSync(root));
    expect(inv.site).toBe(path.join(inv.realRoot, 'dossier.yml'));
    expect(inv.entries.map((e) => [e.collection, e.rel, e.file, e.full])).toEqual([
      ['actors', 'group-a.md', 'actors/group-a.md', path.join(inv.realRoot, 'actors/group-a.md')],
      ['events', 'e.mdx', 'events/e.mdx', path.join(inv.realRoot, 'events/e.mdx')],
      ['sources', 'report-a.md', 'sources/report-a.md', path.join(inv.realRoot, 'sources/report-a.md')],
      ['pages', 'about.md', 'pages/about.md', path.join(inv.realRoot, 'pages/about.md')],
    ]);
    expect([...inv.images].map(([file, i]) => [file, i.full, i.bytes])).toEqual([
      ['events/maps/e.png', path.join(inv.realRoot, 'events/maps/e.png'), png().length],
      ['media/a/b.webp', path.join(inv.realRoot, 'media/a/b.webp'), 1],
    ]);
  });

  it('works under the real root when the root is given through a link', () => {
    const { root, outside } = dossier({});
    const via = path.join(outside, 'via');
    symlinkSync(root, via);
    const inv = inventoryContent(via);
    expect(inv.realRoot).toBe(realpathSync(root));
    expect(inv.problems).toEqual([]);
    expect(inv.entries.map((e) => e.full)).toEqual([path.join(realpathSync(root), 'actors/group-a.md'), path.join(realpathSync(root), 'sources/report-a.md')]);
  });

  it('reports every link and follows none: files in and out, folders, loops', () => {
    const { root } = dossier({ 'media/x.png': png(), 'events/e.md': EVENT('', '![x](../media/x.png)') }, {
      'events/in.md': '../actors/group-a.md',
      'events/out.md': '{{outside}}/secret.txt',
      'events/out.png': '{{outside}}/secret.png',
      'places': '{{outside}}',
      'media/up': '..',
      'media/self': 'self',
      'pages/a.md': 'b.md',
      'pages/b.md': 'a.md',
      'dossier.yml': '{{outside}}/secret.txt',
      'events/dangling.md': 'nowhere.md',
    });
    const inv = inventoryContent(root);
    expect(lines(inv)).toEqual([
      `dossier.yml  ${LINK}`,
      `events/dangling.md  ${LINK}`,
      `events/in.md  ${LINK}`,
      `events/out.md  ${LINK}`,
      `events/out.png  ${LINK}`,
      `media/self  ${LINK}`,
      `media/up  ${LINK}`,
      `pages/a.md  ${LINK}`,
      `pages/b.md  ${LINK}`,
      `places  ${LINK}`,
    ]);
    expect(inv.site).toBeUndefined();
    expect(inv.entries.map((e) => e.file)).toEqual(['actors/group-a.md', 'events/e.md', 'sources/report-a.md']);
    expect([...inv.images.keys()]).toEqual(['media/x.png']);
  });

  it('a linked dossier.yml is never read', async () => {
    const { root, outside } = dossier({}, { 'dossier.yml': '{{outside}}/site.yml' });
    writeFileSync(path.join(outside, 'site.yml'), 'title: SECRET\n');
    const result = await checkDossier(root);
    expect(result.site.title).not.toBe('SECRET');
    expect(result.errors.map((p) => formatProblem(p))).toEqual([`dossier.yml  ${LINK}`]);
  });

  it('reports hidden files, and a hidden folder once, without looking inside', () => {
    const { root } = dossier({ 'pages/.chart.mjs': 'export default 1', '.assets/map.png': png(), '.assets/deep/x.md': 'x', 'media/.DS_Store': 'x', 'events/.hidden/e.md': EVENT(), '.env': 'TOKEN=1' });
    expect(lines(inventoryContent(root))).toEqual([
      `.assets/  ${HIDDEN}`,
      `.env  ${HIDDEN}`,
      `events/.hidden/  ${HIDDEN}`,
      `media/.DS_Store  ${HIDDEN}`,
      `pages/.chart.mjs  ${HIDDEN}`,
    ]);
  });

  it('reports files at the root other than dossier.yml, and unknown folders', () => {
    const { root } = dossier({ 'build.mjs': 'x', 'README.md': '# hi', 'package.json': '{}', 'medias/x.png': png(), 'actor/x.md': 'x' });
    expect(lines(inventoryContent(root))).toEqual([
      `README.md  ${STRAY}`,
      'actor/  unknown folder "actor": entries go in actors/, places/, events/, sources/, pages/, images also in media/. Did you mean "actors"?',
      `build.mjs  ${STRAY}`,
      'medias/  unknown folder "medias": entries go in actors/, places/, events/, sources/, pages/, images also in media/. Did you mean "media"?',
      `package.json  ${STRAY}`,
    ]);
  });

  it('refuses SVG anywhere, and anything in media/ that is not an image', () => {
    const { root } = dossier({ 'logo.svg': '<svg/>', 'events/map.SVG': '<svg/>', 'media/a/b.svgz': 'x', 'media/notes.md': 'x', 'media/run.js': 'x', 'actors/notes.txt': 'x' });
    expect(lines(inventoryContent(root))).toEqual([
      'actors/notes.txt  not an entry: entries are .md (or .mdx) files; rename it or move it out of actors/',
      `events/map.SVG  ${SVG}`,
      `logo.svg  ${SVG}`,
      `media/a/b.svgz  ${SVG}`,
      'media/notes.md  not an image: media/ holds only images (.png .jpg .jpeg .gif .webp .avif files); move it or remove it',
      'media/run.js  not an image: media/ holds only images (.png .jpg .jpeg .gif .webp .avif files); move it or remove it',
    ]);
  });

  it('refuses an image over 5 MB', () => {
    const { root } = dossier({ 'media/big.png': new Uint8Array(5 * 1024 * 1024 + 1), 'media/ok.png': new Uint8Array(5 * 1024 * 1024) });
    const inv = inventoryContent(root);
    expect(lines(inv)).toEqual(['media/big.png  the image is 5.0 MB; images may be at most 5 MB (export it smaller, e.g. as WebP)']);
    expect([...inv.images.keys()]).toEqual(['media/ok.png']);
  });

  it('reports a hard link (a file that is also elsewhere on the disk) and never reads it', async () => {
    const { root, outside } = dossier({});
    linkSync(path.join(outside, 'secret.png'), path.join(root, 'media-secret.png'));
    mkdirSync(path.join(root, 'media'));
    linkSync(path.join(outside, 'secret.png'), path.join(root, 'media/secret.png'));
    linkSync(path.join(root, 'actors/group-a.md'), path.join(root, 'actors/group-b.md'));
    const hard = 'hard link: this file is also elsewhere on the disk, perhaps outside the dossier; the content folder may not hold links (copy the file in instead)';
    const inv = inventoryContent(root);
    expect(lines(inv)).toEqual([`actors/group-a.md  ${hard}`, `actors/group-b.md  ${hard}`, `media/secret.png  ${hard}`, `media-secret.png  ${hard}`]);
    expect([...inv.images.keys()]).toEqual([]);
    expect(inv.entries.map((e) => e.file)).toEqual(['sources/report-a.md']);
  });

  it('refuses an image that declares more pixels than a browser should decode', async () => {
    const { root } = dossier({ 'media/big.png': png(10_001, 1), 'media/ok.png': png(2_000, 1_000), 'events/e.md': EVENT('', '![a](../media/big.png)\n\n![b](../media/ok.png)') });
    const result = await checkDossier(root);
    expect(result.errors.map((p) => formatProblem(p))).toEqual(['events/e.md:6:1  body: image "../media/big.png" is 10,001 × 1 pixels; images may be at most 10,000 pixels on a side and 40 megapixels (a reader\'s browser must decode every pixel): export it smaller']);
  });

  it('reports a pipe (which would hang a reader) without opening it', () => {
    const { root } = dossier({});
    try {
      execFileSync('mkfifo', [path.join(root, 'events-pipe')]);
    } catch {
      return; // no mkfifo here
    }
    expect(lines(inventoryContent(root))).toEqual(['events-pipe  not a file or folder (a device, pipe or socket): the content folder holds only files and folders; remove it']);
  });
});

describe('resolveImage: relative paths to raster files of the dossier', () => {
  const files = {
    'media/map.png': png(3, 2), 'media/map large.png': png(), 'media/fake.png': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    'media/text.jpg': 'just text', 'events/e.md': EVENT(), 'events/here.gif': Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'media/logo.svg': '<svg/>',
  };
  const inv = () => inventoryContent(dossier(files).root);

  it('resolves, sniffs and hashes a real PNG', () => {
    const i = inv();
    const r = resolveImage('../media/map.png?v=2#top', 'events/e.md', i);
    expect(r).toEqual({ ok: true, image: {
      file: 'media/map.png', full: path.join(i.realRoot, 'media/map.png'), format: 'png', ext: '.png', width: 3, height: 2,
      sha256: createHash('sha256').update(png(3, 2)).digest('hex'),
    } });
    expect(resolveImage('./here.gif', 'events/e.md', i)).toMatchObject({ ok: true, image: { file: 'events/here.gif', format: 'gif', width: 1, height: 1 } });
    expect(resolveImage('../media/map%20large.png', 'events/e.md', i)).toMatchObject({ ok: true, image: { file: 'media/map large.png' } });
    expect(resolveImage('../events/../media/./map.png', 'events/e.md', i)).toMatchObject({ ok: true, image: { file: 'media/map.png' } });
  });

  it.each([
    ['../media/fake.png', `image "../media/fake.png" ${NOT_RASTER}`],
    ['../media/text.jpg', `image "../media/text.jpg" ${NOT_RASTER}`],
    ['../media/logo.svg', `image "../media/logo.svg": ${SVG}`],
    ['../media/gone.svg', `image "../media/gone.svg": ${SVG}`],
    ['../../secret.png', 'image "../../secret.png" is outside the dossier folder: keep images inside it'],
    ['%2e%2e/%2E%2E/secret.png', 'image "%2e%2e/%2E%2E/secret.png" is outside the dossier folder: keep images inside it'],
    ['..%2F..%2Fsecret.png', 'image "..%2F..%2Fsecret.png": the path may not hold an encoded slash (%2F), backslash (%5C) or NUL (%00)'],
    ['..%5cmedia%5cmap.png', 'image "..%5cmedia%5cmap.png": the path may not hold an encoded slash (%2F), backslash (%5C) or NUL (%00)'],
    ['../media/map.png%00.txt', 'image "../media/map.png%00.txt": the path may not hold an encoded slash (%2F), backslash (%5C) or NUL (%00)'],
    ['..\\media\\map.png', 'image "..\\media\\map.png": write the path with forward slashes (/), not backslashes'],
    ['../media/100%.png', 'image "../media/100%.png": not a valid file path (a % must be followed by two hexadecimal digits; write %25 for a percent sign)'],
    ['/media/map.png', 'image "/media/map.png": write the path relative to the entry (e.g. ../media/map.png)'],
    ['#top', 'image "#top": not a file path'],
    ['..', 'image "..": there is no file .'],
    ['../media/', 'image "../media/": there is no file media/'],
    ['./map.png', 'image "./map.png": there is no file events/map.png'],
    ['../media/MAP.png', 'image "../media/MAP.png": there is no file media/MAP.png'],
    ['./e.md', 'image "./e.md": events/e.md is not an image; images are .png .jpg .jpeg .gif .webp .avif files'],
    ['../dossier.yml', 'image "../dossier.yml": there is no file dossier.yml'],
    ['./.chart.png', 'image "./.chart.png": hidden files are not published; keep images in media/ or next to the entry, with names that do not start with "."'],
  ])('%s', (url, message) => {
    const r = resolveImage(url, 'events/e.md', inv());
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBe(message);
  });

  it('tells a refused file from a missing one', () => {
    const { root } = dossier({ 'media/big.png': new Uint8Array(5 * 1024 * 1024 + 1), 'dossier.yml': 'title: T\n' }, { 'media/leak.png': '{{outside}}/secret.png' });
    const i = inventoryContent(root);
    expect(resolveImage('../dossier.yml', 'events/e.md', i)).toEqual({ ok: false, file: 'dossier.yml', message: 'image "../dossier.yml": dossier.yml is not an image; images are .png .jpg .jpeg .gif .webp .avif files' });
    expect(resolveImage('../media/leak.png', 'events/e.md', i)).toEqual({ ok: false, file: 'media/leak.png', message: 'image "../media/leak.png": media/leak.png cannot be published (see the problem reported for that file)' });
    expect(resolveImage('../media/big.png', 'events/e.md', i)).toEqual({ ok: false, file: 'media/big.png', message: 'image "../media/big.png": media/big.png cannot be published (see the problem reported for that file)' });
  });

  it('never reads through a link swapped in after the inventory', () => {
    const { root, outside } = dossier({ 'media/map.png': png() });
    const i = inventoryContent(root);
    rmSync(path.join(root, 'media/map.png'));
    symlinkSync(path.join(outside, 'secret.png'), path.join(root, 'media/map.png'));
    expect(resolveImage('../media/map.png', 'events/e.md', i)).toEqual({ ok: false, file: 'media/map.png', message: 'image "../media/map.png": media/map.png cannot be read as a plain file' });
  });
});

describe('unusedImages', () => {
  it('reports the images no entry shows', () => {
    const inv = inventoryContent(dossier({ 'media/a.png': png(), 'media/b.png': png(), 'events/c.png': png() }).root);
    expect(unusedImages(inv, new Set(['media/a.png'])).map((p) => formatProblem(p))).toEqual([`events/c.png  ${UNUSED}`, `media/b.png  ${UNUSED}`]);
  });
});

describe('images in the whole check', () => {
  it('a shown PNG passes; an unused one, a PNG made of SVG and an SVG are reported', async () => {
    const { root } = dossier({
      'events/e.md': EVENT('', '![map](../media/map.png)\n\n![fake](../media/fake.png)\n\n![logo][l]\n\n[l]: ../media/logo.svg'),
      'media/map.png': png(), 'media/spare.png': png(), 'media/fake.png': '<svg onload="alert(1)"/>', 'media/logo.svg': '<svg/>',
    });
    expect((await checkDossier(root)).errors.map((p) => formatProblem(p))).toEqual([
      `events/e.md:8:1  body: image "../media/fake.png" ${NOT_RASTER}`,
      `events/e.md:10:1  body: image "../media/logo.svg": ${SVG}`,
      `media/logo.svg  ${SVG}`,
      `media/spare.png  ${UNUSED}`,
    ]);
  });

  it('an image reference uses the first definition of its label, as the renderer does', () => {
    const { root } = dossier({ 'media/map.png': png(), 'media/evil.png': '<script>alert(1)</script>' });
    const inv = inventoryContent(root);
    const problems = (body: string) => {
      const used = new Set<string>();
      const read = readBody(body, { mdx: false, firstLine: 1, components: [], images: imageResolver(inv, 'events/e.md', used) });
      return { messages: read.issues.map((p) => p.message), used: [...used] };
    };
    expect(problems('![m][x]\n\n[x]: ../media/map.png\n[X]: ../media/evil.png')).toEqual({ messages: [], used: ['media/map.png'] });
    expect(problems('![m][x]\n\n[X]: ../media/evil.png\n[x]: ../media/map.png')).toEqual({ messages: [`image "../media/evil.png" ${NOT_RASTER}`], used: ['media/evil.png'] });
    expect(problems('![m][nothing]')).toEqual({ messages: [], used: [] });
  });
});
