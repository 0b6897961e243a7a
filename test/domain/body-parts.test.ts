import { describe, expect, it } from 'vitest';
import { bodyParts, COMPONENT_MARK, isEmptyBody } from '../../src/domain/body-parts.ts';

describe('body parts', () => {
  it('splits a body at its components', () => {
    const timeline = { name: 'Timeline', props: { from: '2017' } };
    expect(bodyParts(`<p>a</p><!--${COMPONENT_MARK(0)}--><p>b</p>`, [timeline])).toEqual([{ html: '<p>a</p>' }, { component: timeline }, { html: '<p>b</p>' }]);
  });

  it.each([
    [[], true],
    [[{ html: '\n  \n' }], true],
    [[{ html: '<p>a</p>' }], false],
    [[{ component: { name: 'Timeline', props: {} } }], false],
  ] as const)('%j is empty: %s', (parts, empty) => expect(isEmptyBody(parts as any)).toBe(empty));
});
