import { describe, expect, it } from 'vitest';
import { jsonForScript } from '../../src/domain/html.ts';

describe('jsonForScript', () => {
  it('cannot close its <script> element or open a comment, and parses back to the same value', () => {
    const value = { name: 'Evil </script><script>alert(1)</script> <!-- & \u2028' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
