/**
 * Rehype plugin: reduces a rendered body to an allowlist of elements, attributes,
 * classes and URLs (defence in depth: the check already refuses raw HTML and unsafe
 * URLs, but nothing dangerous may reach a page even if it was skipped, as in
 * `astro dev`). External links get rel="noopener noreferrer".
 *
 * Raw HTML (which the content rules refuse) is parsed here as a browser would, then
 * cleaned like everything else. Of MDX, only a content component standing at the top
 * of the body passes (the renderer hands it to the page as data, with plain props);
 * its children and any other MDX node are dropped.
 *
 * Our own markup survives: wikilinks (a.wikilink, em.broken-link), citations
 * (sup.citation > a with id and aria-label), GFM footnotes, task lists, tables,
 * code blocks' language classes. A new class or attribute that a remark plugin of
 * ours adds must be listed here.
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';
import { find, html } from 'property-information';
import { isExternalUrl, urlProblem } from '../domain/url-policy.ts';

const MDX_TYPES = ['mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement'] as const;
const COMPONENT = 'mdxJsxFlowElement';

/** Elements dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button',
  'textarea', 'select', 'option', 'svg', 'math', 'template', 'noscript', 'noembed', 'noframes', 'title',
  'link', 'meta', 'base', 'head', 'video', 'audio', 'source', 'track', 'picture', 'canvas', 'portal', 'xmp', 'plaintext',
]);

/** Attributes (hast property names) allowed on every kept element. */
const GLOBAL_PROPS = ['id', 'className', 'title', 'lang', 'dir', 'ariaLabel', 'ariaHidden', 'ariaDescribedBy'];

/** Kept elements and the attributes each may have beyond the global ones. */
const ELEMENTS: Record<string, string[]> = {
  a: ['href', 'dataFootnoteRef', 'dataFootnoteBackref'],
  abbr: [], b: [], blockquote: [], br: [], caption: [], cite: [], code: [], dd: [], del: [], dfn: [], div: [], dl: [], dt: [],
  em: [], figcaption: [], figure: [], h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], hr: [], i: [],
  img: ['src', 'alt', 'width', 'height', 'loading', 'decoding'], kbd: [], li: ['value'], mark: [], ol: ['start', 'reversed'], p: [], pre: [],
  q: [], s: [], samp: [], section: ['dataFootnotes'], small: [], span: [], strong: [], sub: [], sup: [],
  table: [], tbody: [], td: ['align', 'colSpan', 'rowSpan'], tfoot: [], th: ['align', 'colSpan', 'rowSpan', 'scope'],
  thead: [], time: ['dateTime'], tr: [], u: [], ul: [], var: [], wbr: [],
};

/** GFM task-list checkboxes: the one input kept, always disabled. */
const TASK_CHECKBOX = 'input';

/** Classes our own pipeline gives: remark-dossier, GFM footnotes and task lists, code languages. */
const CLASS_RE = /^(?:wikilink|broken-link|citation|footnotes|sr-only|data-footnote-backref|contains-task-list|task-list-item|language-[A-Za-z0-9_+-]+)$/;
const ID_RE = /^[A-Za-z][A-Za-z0-9_:.-]*$/;

export function rehypeSafe() {
  return (tree: Root): Root => {
    const parsed = hasRaw(tree) ? (raw(tree, { passThrough: [...MDX_TYPES] }) as Root) : tree;
    parsed.children = cleanChildren(parsed.children, true) as Root['children'];
    return parsed;
  };
}

function hasRaw(node: Root | RootContent): boolean {
  return node.type === 'raw' || ('children' in node && (node.children as RootContent[]).some(hasRaw));
}

function cleanChildren(children: RootContent[], atRoot = false): RootContent[] {
  const out: RootContent[] = [];
  for (const child of children) {
    if (child.type === 'text') out.push(child);
    else if (child.type === 'element') out.push(...cleanElement(child));
    else if (atRoot && child.type === COMPONENT) out.push({ ...child, children: [] } as RootContent);
    // Comments, doctypes, any raw HTML left over and any other MDX node are dropped.
  }
  return out;
}

function cleanElement(node: Element): RootContent[] {
  const tag = node.tagName.toLowerCase();
  const isCheckbox = tag === TASK_CHECKBOX && node.properties?.type === 'checkbox';
  if (DROP_WITH_CONTENT.has(tag) && !isCheckbox) return [];
  if (!isCheckbox && !(tag in ELEMENTS)) return cleanChildren(node.children); // unknown: keep its text
  node.tagName = tag;
  node.properties = isCheckbox
    ? { type: 'checkbox', checked: Boolean(node.properties?.checked), disabled: true }
    : cleanProperties(tag, node.properties ?? {});
  if (tag === 'img' && node.properties.src === undefined) {
    const alt = node.properties.alt;
    return typeof alt === 'string' && alt ? [{ type: 'text', value: alt }] : [];
  }
  node.children = cleanChildren(node.children) as ElementContent[];
  return [node];
}

function cleanProperties(tag: string, props: Properties): Properties {
  const out: Properties = {};
  const allowed = new Set([...GLOBAL_PROPS, ...ELEMENTS[tag]]);
  for (const [written, value] of Object.entries(props)) {
    // Plugins may set attribute names ('aria-label') rather than property names.
    const name = find(html, written).property;
    if (!allowed.has(name) || value === undefined || value === null) continue;
    if (name === 'className') {
      const classes = (Array.isArray(value) ? value : String(value).split(/\s+/)).map(String).filter((c) => CLASS_RE.test(c));
      if (classes.length) out.className = classes;
    } else if (name === 'id') {
      if (ID_RE.test(String(value))) out.id = String(value);
    } else if (name === 'href') {
      const href = String(value);
      if (urlProblem(href, 'link')) continue;
      out.href = href;
      if (isExternalUrl(href)) out.rel = ['noopener', 'noreferrer'];
    } else if (name === 'src') {
      if (!urlProblem(String(value), 'image')) out.src = String(value);
    } else {
      out[name] = value;
    }
  }
  return out;
}
