/**
 * A rendered body as the page shows it: HTML, with the content components of an .mdx
 * body in their places. The renderer (src/pipeline/render-body.ts) leaves a comment
 * where each component stands; the page (src/components/Body.astro) renders the
 * project's own component there with the props the body gave (plain values only).
 */

/** A content component of an .mdx body, to be rendered by the page. */
export interface BodyComponent {
  name: string;
  props: Record<string, unknown>;
}

export type BodyPart = { html: string } | { component: BodyComponent };

/** The text of the comment that stands for component i (content can write no comment). */
export const COMPONENT_MARK = (i: number) => `dossier-component:${i}`;
const MARK_RE = /<!--dossier-component:(\d+)-->/;

/** Splits a rendered body at its components: HTML, then component 0, HTML, … */
export function bodyParts(html: string, components: readonly BodyComponent[]): BodyPart[] {
  const pieces = html.split(MARK_RE);
  const out: BodyPart[] = [];
  pieces.forEach((piece, i) => {
    if (i % 2 === 0) {
      if (piece) out.push({ html: piece });
    } else if (components[Number(piece)]) {
      out.push({ component: components[Number(piece)] });
    }
  });
  return out;
}

/** True when a body shows nothing: no component and no HTML but white space (its page then gives it no column). */
export function isEmptyBody(parts: readonly BodyPart[]): boolean {
  return parts.every((p) => 'html' in p && !p.html.trim());
}
