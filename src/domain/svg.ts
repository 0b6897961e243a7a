/** Small helpers for writing SVG/HTML markup as strings: every text is escaped here. */

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and double-quoted attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ESC[c]);
}

/** Rounds to one decimal: enough for screen pixels, and keeps the markup small. */
export function r1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Serialises data for a `<script type="application/json">` block: no `<` can end it early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
