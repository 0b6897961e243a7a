/** Safe ways to put content-derived text into HTML where Astro's escaping does not reach. */

/**
 * JSON for the inside of a <script> element (JSON-LD, data read by a script). `<`,
 * `>` and `&` become \u003c etc., so no text (a name holding "</script>") can close
 * the element or open a comment; U+2028/2029 are escaped for older parsers. Use as
 * `<script type="application/ld+json" set:html={jsonForScript(data)} />`.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
