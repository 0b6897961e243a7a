import { describe, expect, it } from 'vitest';
import { processValue } from '../../src/pipeline/process-value.ts';

describe('processValue: one value per name in the process', () => {
  it('is shared by every holder of the same name (the integrations and the pages each load their own copy of a module)', () => {
    const a = processValue<number>('dossier.test.shared');
    const b = processValue<number>('dossier.test.shared');
    a.set(7);
    expect(b.get()).toBe(7);
    b.set(undefined);
    expect(a.get()).toBeUndefined();
  });

  it('once makes the value the first time only', () => {
    const v = processValue<{ n: number }>('dossier.test.once');
    let made = 0;
    const first = v.once(() => ({ n: ++made }));
    const second = processValue<{ n: number }>('dossier.test.once').once(() => ({ n: ++made }));
    expect(second).toBe(first);
    expect(made).toBe(1);
  });
});
