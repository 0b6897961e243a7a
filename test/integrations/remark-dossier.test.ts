import { describe, expect, it } from 'vitest';
import { typographyFreeKey } from '../../src/integrations/remark-dossier.ts';

describe('citation numbers survive smartypants', () => {
  it.each([
    ['"Image: @X/Twitter"', '“Image: @X/Twitter”'],
    ["the group's", 'the group’s'],
    ['paras 1--2', 'paras 1–2'],
    ['p. 3...', 'p. 3…'],
  ])('%s in the file matches %s in the rendered tree', (raw, typeset) => {
    expect(typographyFreeKey({ source: 's', locator: typeset })).toBe(typographyFreeKey({ source: 's', locator: raw }));
  });

  it('still tells different locators apart', () => {
    expect(typographyFreeKey({ source: 's', locator: 'para 1' })).not.toBe(typographyFreeKey({ source: 's', locator: 'para 2' }));
  });
});
