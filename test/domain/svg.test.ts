import { describe, expect, it } from 'vitest';
import { esc, jsonForScript, r1 } from '../../src/domain/svg.ts';

describe('markup helpers', () => {
  it('escapes text and attribute values', () => {
    expect(esc(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  });
  it('keeps content from closing the JSON data block early', () => {
    const json = jsonForScript({ title: '</script><script>alert(1)</script>', s: '\u2028' });
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ title: '</script><script>alert(1)</script>', s: '\u2028' });
  });
  it('rounds to one decimal', () => {
    expect(r1(12.345)).toBe(12.3);
  });
});
