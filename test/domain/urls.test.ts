import { describe, expect, it } from 'vitest';
import { absoluteUrl, csvUrl, entryUrl, indexUrl } from '../../src/domain/urls.ts';

describe('urls', () => {
  it('places entries, indexes and data files', () => {
    expect(entryUrl('actors', 'kataib-hezbollah')).toBe('/actors/kataib-hezbollah/');
    expect(entryUrl('pages', 'overview')).toBe('/');
    expect(indexUrl('events')).toBe('/events/');
    expect(csvUrl('relations')).toBe('/data/relations.csv');
  });

  it('makes absolute URLs only when a siteUrl is configured', () => {
    expect(absoluteUrl('/actors/x/', undefined)).toBeUndefined();
    expect(absoluteUrl('/actors/x/', 'https://example.org')).toBe('https://example.org/actors/x/');
    expect(absoluteUrl('/actors/x/', 'https://example.org/')).toBe('https://example.org/actors/x/');
  });
});
