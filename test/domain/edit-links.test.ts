import { describe, expect, it } from 'vitest';
import { editLinks } from '../../src/domain/edit-links.ts';

const repo = { repoUrl: 'https://github.com/owner/dossier', branch: 'main', contentPath: 'content' };

describe('edit and correction links', () => {
  it('none without a repoUrl', () => {
    expect(editLinks({ branch: 'main', contentPath: 'content' }, 'actors/x.md', 'X')).toBeUndefined();
  });

  it('GitHub edit and new-issue URLs for an entry', () => {
    expect(editLinks(repo, 'actors/kataib-hezbollah.md', 'Kataib Hezbollah')).toEqual({
      edit: 'https://github.com/owner/dossier/edit/main/content/actors/kataib-hezbollah.md',
      correction: 'https://github.com/owner/dossier/issues/new?template=correction.md&title=Correction%3A%20Kataib%20Hezbollah%20(content%2Factors%2Fkataib-hezbollah.md)',
    });
  });

  it.each<[string, Partial<typeof repo>, string, string]>([
    ['an .mdx entry keeps its extension', {}, 'events/e.mdx', 'https://github.com/owner/dossier/edit/main/content/events/e.mdx'],
    ['a trailing slash and .git on repoUrl', { repoUrl: 'https://github.com/owner/dossier.git/' }, 'actors/x.md', 'https://github.com/owner/dossier/edit/main/content/actors/x.md'],
    ['a branch with a slash', { branch: 'release/2017' }, 'actors/x.md', 'https://github.com/owner/dossier/edit/release/2017/content/actors/x.md'],
    ['content at the repository root', { contentPath: '.' }, 'actors/x.md', 'https://github.com/owner/dossier/edit/main/actors/x.md'],
    ['a nested content path with slashes around it', { contentPath: '/dossiers/kh/' }, 'actors/x.md', 'https://github.com/owner/dossier/edit/main/dossiers/kh/actors/x.md'],
    ['characters that need encoding', { branch: 'fix#1' }, 'actors/x.md', 'https://github.com/owner/dossier/edit/fix%231/content/actors/x.md'],
  ])('%s', (_name, change, file, expected) => {
    expect(editLinks({ ...repo, ...change }, file, 'X')?.edit).toBe(expected);
  });

  it('the correction title is encoded (quotes, ampersands, Arabic)', () => {
    const url = new URL(editLinks(repo, 'places/al-bukamal.md', 'Al Bukamal & "البوكمال"')!.correction);
    expect(url.searchParams.get('template')).toBe('correction.md');
    expect(url.searchParams.get('title')).toBe('Correction: Al Bukamal & "البوكمال" (content/places/al-bukamal.md)');
  });
});
