/**
 * Renders an entry's body to HTML: the build's one Markdown/MDX pipeline.
 *
 * It starts from the same reading as `npm run check` (readBody in body-check.ts: the
 * same bytes, the same budgets, the same parser and the same content rules) and
 * refuses, with the check's messages, whatever the rules refuse: the build never
 * relies on the check having run. It then renders the very tree the rules judged.
 *
 * Content is data, never code: an .mdx body is parsed, not compiled. Its content
 * components become entries of a list ({ name, props } with literal props) that the
 * page renders with the project's own components; nothing of the file is imported or
 * evaluated. Images are files of the dossier whose bytes are a raster format; they are
 * published by the build under /media/<hash>.<ext> (src/pages/media/), never imported.
 */
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import type { Root as MdastRoot } from 'mdast';
import type { MdNode } from '../domain/markup-rules.ts';
import { literalValue, type IdLookup } from '../domain/viz-props.ts';
import { attributeExpression } from '../domain/markup-rules.ts';
import { COMPONENT_MARK, type BodyComponent } from '../domain/body-parts.ts';
import { mediaUrl } from '../domain/urls.ts';
import { textDirection } from '../domain/labels.ts';
import { rehypeBidi } from '../integrations/rehype-bidi.ts';
import { rehypeExternalLinks } from '../integrations/rehype-external-links.ts';
import { rehypeSafe } from '../integrations/rehype-safe.ts';
import { remarkDossier, type LinkTarget } from '../integrations/remark-dossier.ts';
import { remarkTypography } from '../integrations/remark-typography.ts';
import { readBody, type BodyIssue, type ImageResolver, type PublishedImage } from './body-check.ts';

export interface RenderContext {
  /** Names of the content components an .mdx body may use. */
  components: readonly string[];
  /** Resolves a wikilink target as written to its entry. */
  resolve: (written: string) => LinkTarget | undefined;
  /** Resolves an image path as written in the entry (the same resolver as the check's). */
  images: ImageResolver;
  /** The dossier's entries, for the ids in visualisation props. */
  ids?: IdLookup;
  /** The site's own address: links to it are not external. */
  siteUrl?: string;
  /** The dossier's language (dossier.yml): in a right-to-left one, Arabic runs need no isolating. */
  language?: string;
}

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface RenderedBody {
  /** The body's HTML; each content component stands as a comment, COMPONENT_MARK(i). */
  html: string;
  headings: Heading[];
  components: BodyComponent[];
  /** The image files this body shows, to publish. */
  images: PublishedImage[];
}

export type RenderResult = { ok: true; value: RenderedBody } | { ok: false; issues: BodyIssue[] };

/**
 * Every heading id of a body starts with this, and no id of the layout or of our own
 * markup does (a test holds src/ to that): whatever a contributor titles a section, its
 * id cannot clash with the page's own (`main`, a chart's, a footnote's).
 */
export const HEADING_ID_PREFIX = 'section-';

const MDX_ELEMENT = 'mdxJsxFlowElement';
const MDX_HIDDEN = new Set(['mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression']);

function dropMdxCode(node: MdNode): void {
  if (!node.children) return;
  node.children = node.children.filter((child) => !MDX_HIDDEN.has(child.type));
  node.children.forEach(dropMdxCode);
}

export function renderBody(body: string, options: { mdx: boolean; firstLine: number; entryFile: string }, context: RenderContext): RenderResult {
  const read = readBody(body, { ...options, components: context.components, images: context.images, ids: context.ids, needTree: true });
  if (read.issues.length || !read.tree) return { ok: false, issues: read.issues };
  const tree = read.tree;

  // Our Markdown syntax and typography, on the judged tree.
  remarkDossier({ resolve: context.resolve })(tree as never, { value: body });
  remarkTypography()(tree as never);

  // Images: the published file's address and its size (no layout shift).
  for (const node of walk(tree)) {
    if (node.type !== 'image' && node.type !== 'definition') continue;
    const image = node.url ? read.images.get(node.url) : undefined;
    if (!image) continue;
    node.url = mediaUrl(image.name);
    if (node.type === 'image' && image.width && image.height) {
      node.data = { ...node.data, hProperties: { width: image.width, height: image.height, loading: 'lazy', decoding: 'async' } };
    }
  }

  // Content components: taken out of the tree as data; the page renders them. Imports
  // (of content components only) and {/* comments */} are all the rest of MDX the rules let
  // through: neither is shown.
  const components: BodyComponent[] = [];
  for (const child of tree.children ?? []) {
    if (child.type === MDX_ELEMENT) components.push({ name: String(child.name), props: componentProps(child) });
  }
  dropMdxCode(tree);

  // No raw HTML reaches the page: the rules refused all but comments, and those are dropped.
  const hast = toHast(tree as MdastRoot, { allowDangerousHtml: false, passThrough: [MDX_ELEMENT] }) as HastRoot;
  const cleaned = rehypeSafe()(hast);
  rehypeExternalLinks({ siteUrl: context.siteUrl })(cleaned);
  if (textDirection(context.language) !== 'rtl') rehypeBidi()(cleaned);
  const headings = headingIds(cleaned);
  const html = toHtml(componentMarks(cleaned));
  // One per file, however many ways the body wrote its path.
  const images = [...new Map([...read.images.values()].map((i) => [i.name, i])).values()];
  return { ok: true, value: { html, headings, components, images } };
}

/** The literal props of a component, as the page will pass them. */
function componentProps(node: MdNode): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const attribute of node.attributes ?? []) {
    const value = attribute.value as MdNode | string | null | undefined;
    props[String(attribute.name)] = value === null || value === undefined ? true
      : typeof value === 'string' ? value : literalValue(attributeExpression(value.data?.estree));
  }
  return props;
}

/**
 * Each content component (top level only: the rules refuse them elsewhere) becomes its
 * mark, a comment: rehype-safe has dropped every comment of the content by now.
 */
function componentMarks(tree: HastRoot): HastRoot {
  let i = 0;
  tree.children = tree.children.map((child) => ((child.type as string) === MDX_ELEMENT
    ? { type: 'comment', value: COMPONENT_MARK(i++) } : child)) as RootContent[];
  return tree;
}

/** Heading ids from their text (as GitHub and Astro make them), in the headings' own namespace. */
function headingIds(tree: HastRoot): Heading[] {
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  const visit = (node: HastRoot | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      const m = /^h([1-6])$/.exec(child.tagName);
      if (m && typeof child.properties.id === 'string') continue; // ours (the footnotes' label)
      if (m) {
        const text = textOf(child);
        const slug = `${HEADING_ID_PREFIX}${slugger.slug(text).replace(/-$/, '') || 'untitled'}`;
        child.properties.id = slug;
        headings.push({ depth: Number(m[1]), slug, text });
      } else visit(child);
    }
  };
  visit(tree);
  return headings;
}

function textOf(node: ElementContent | Element): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

function* walk(node: MdNode): Generator<MdNode> {
  yield node;
  for (const child of node.children ?? []) yield* walk(child);
}
