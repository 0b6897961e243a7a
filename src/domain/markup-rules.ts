/**
 * What an entry's body may contain, as rules over its Markdown syntax tree (mdast,
 * as remark and remark-mdx produce it). Content arrives from strangers, so:
 * - no raw HTML (HTML comments are allowed and dropped);
 * - links only http(s), mailto or site-relative; images only files of the dossier;
 * - MDX is code: an .mdx body may use only the project's content components
 *   (src/components/content/; pages pass them in, or an entry imports one as
 *   `~/components/content/Name.astro`), may not export anything, and may contain no
 *   JavaScript expression except literal attribute values of those components
 *   (see isLiteralValue).
 * The check reports every violation, and the build's renderer (src/pipeline/render-body.ts)
 * refuses the same body with the same messages: nothing reaches a page either way.
 * Pure: works on a tree it is given; parsing lives in src/pipeline/body-check.ts.
 */
import { parseFragment } from 'parse5';
import { urlProblem, type UrlUse } from './url-policy.ts';

/** The import path prefix of content components (a tsconfig path alias). */
export const CONTENT_COMPONENTS_PREFIX = '~/components/content/';
const COMPONENT_IMPORT_RE = /^~\/components\/content\/([A-Z][A-Za-z0-9]*)\.astro$/;

/** The subset of mdast / mdast-util-mdx node shapes these rules read. */
export interface MdNode {
  type: string;
  value?: unknown;
  url?: string;
  identifier?: string;
  name?: string | null;
  attributes?: MdNode[];
  children?: MdNode[];
  data?: { estree?: EsNode | null; [key: string]: unknown };
  position?: { start: { line: number; column: number; offset?: number } };
}

/** The subset of ESTree node shapes these rules read. */
export interface EsNode {
  type: string;
  [key: string]: any;
}

export interface MarkupViolation {
  message: string;
  /** The offending node; for an attribute violation, the element that carries it. */
  node: MdNode;
  parent?: MdNode;
  /** The offending attribute, when only it must go. */
  attribute?: MdNode;
  /** True when the node should be replaced by its children rather than removed. */
  unwrap?: boolean;
  /** The offending statement of an import/export block, when only it must go. */
  statement?: EsNode;
  /** Where, when more precise than the node (one statement of several). */
  at?: { line: number; column: number };
}

export interface MarkupRuleOptions {
  /** Names of the available content components (file names without .astro). */
  components: readonly string[];
}

const MDX_EXPRESSIONS = new Set(['mdxFlowExpression', 'mdxTextExpression']);
const MDX_ELEMENTS = new Set(['mdxJsxFlowElement', 'mdxJsxTextElement']);
const MAX_LITERAL_DEPTH = 20;

const preview = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
};

/**
 * An HTML node that holds only comments and whitespace as a browser reads it
 * (harmless; dropped from the output). A pattern cannot tell: HTML5 also ends a
 * comment at `--!>`, and `<!-->` and `<!--->` are whole empty comments, so
 * `<!-- a --!><img onerror=…> -->` holds an element. So the HTML5 parser decides,
 * and any parse error (an unclosed or oddly closed comment) refuses it too.
 */
export function isHtmlComment(value: string): boolean {
  if (!value.includes('<!--')) return false;
  let errors = 0;
  const fragment = parseFragment(value, { onParseError: () => { errors++; } });
  return errors === 0 && fragment.childNodes.every((node) =>
    node.nodeName === '#comment' || (node.nodeName === '#text' && 'value' in node && /^[ \t\n\f\r]*$/.test(node.value)));
}

/**
 * A plain attribute value: a string, number, boolean or null literal, a template
 * string without ${…}, a negative number, or arrays and objects (plain keys, no
 * spread, no computed keys, no methods, no shorthand) of those. Nothing that can
 * refer to a variable or call a function.
 */
export function isLiteralValue(node: EsNode | null | undefined, depth = 0): boolean {
  if (!node || depth > MAX_LITERAL_DEPTH) return false;
  switch (node.type) {
    case 'Literal':
      return !node.regex && node.bigint === undefined;
    case 'TemplateLiteral':
      return node.expressions.length === 0;
    case 'UnaryExpression':
      return (node.operator === '-' || node.operator === '+') && node.argument?.type === 'Literal' && typeof node.argument.value === 'number';
    case 'ArrayExpression':
      return node.elements.every((e: EsNode | null) => e !== null && isLiteralValue(e, depth + 1));
    case 'ObjectExpression':
      return node.properties.every((p: EsNode) =>
        p.type === 'Property' && p.kind === 'init' && !p.method && !p.shorthand && !p.computed
        && (p.key.type === 'Identifier' || (p.key.type === 'Literal' && typeof p.key.value === 'string'))
        && (p.key.name ?? p.key.value) !== '__proto__'
        && isLiteralValue(p.value, depth + 1));
    default:
      return false;
  }
}

/** The single expression of an attribute value `{…}`, or undefined when it is not exactly one. */
export function attributeExpression(estree: EsNode | null | undefined): EsNode | undefined {
  const body = estree?.body;
  if (!Array.isArray(body) || body.length !== 1 || body[0].type !== 'ExpressionStatement') return undefined;
  return body[0].expression;
}

/** Every violation in a body's tree, in document order. */
export function markupViolations(tree: MdNode, options: MarkupRuleOptions): MarkupViolation[] {
  const out: MarkupViolation[] = [];
  const imageDefinitions = new Set<string>();
  const imported = new Set<string>();
  const available = new Set(options.components);

  const visitAll = (node: MdNode, fn: (n: MdNode, parent?: MdNode) => void, parent?: MdNode) => {
    fn(node, parent);
    for (const child of node.children ?? []) visitAll(child, fn, node);
  };

  const checkUrl = (node: MdNode, parent: MdNode | undefined, use: UrlUse) => {
    const problem = urlProblem(String(node.url ?? ''), use);
    if (problem) out.push({ node, parent, message: `${use === 'image' ? 'image' : 'link'} ${problem}` });
  };

  const checkEsm = (node: MdNode, parent: MdNode | undefined) => {
    const body: EsNode[] = node.data?.estree?.body ?? [];
    if (!body.length) {
      out.push({ node, parent, message: `"${preview(String(node.value))}" is not allowed in MDX: only imports of content components (${CONTENT_COMPONENTS_PREFIX}Name.astro)` });
      return;
    }
    for (const statement of body) {
      const start = statement.loc?.start;
      const at = start ? { line: start.line, column: start.column + 1 } : undefined;
      const push = (message: string) => out.push({ node, parent, statement, at, message });
      const base = node.position?.start.offset;
      const code = base !== undefined && typeof statement.start === 'number'
        ? String(node.value).slice(statement.start - base, statement.end - base) : String(node.value);
      if (statement.type !== 'ImportDeclaration') {
        push(`exports are not allowed in MDX ("${preview(code)}"): an entry holds content, not code; write the value out in the text or the frontmatter`);
        continue;
      }
      const from = String(statement.source?.value ?? '');
      const match = COMPONENT_IMPORT_RE.exec(from);
      const specifiers: EsNode[] = statement.specifiers ?? [];
      if (!match) {
        push(`import from "${from}" is not allowed in MDX: an .mdx entry may only import the project's content components, e.g. import Timeline from '${CONTENT_COMPONENTS_PREFIX}Timeline.astro'`);
      } else if (!available.has(match[1])) {
        const list = [...available].sort().join(', ') || 'none yet';
        push(`there is no content component "${match[1]}" in src/components/content/ (available: ${list})`);
      } else if (specifiers.length !== 1 || specifiers[0].type !== 'ImportDefaultSpecifier' || statement.attributes?.length) {
        push(`write the import as import ${match[1]} from '${from}' (one default import, nothing else)`);
      } else {
        imported.add(specifiers[0].local.name);
      }
    }
  };

  const checkElement = (node: MdNode, parent: MdNode | undefined) => {
    const name = node.name ?? '';
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
      out.push({ node, parent, unwrap: true, message: name
        ? `raw HTML is not allowed: <${name}>; use Markdown instead (e.g. **bold**, [text](https://…))`
        : 'fragments (<>…</>) are not allowed: write the content without them' });
      return;
    }
    // Pages pass every content component to MDX, so they work without an import too.
    if (!imported.has(name) && !available.has(name)) {
      const list = [...available].sort().join(', ') || 'none yet';
      out.push({ node, parent, message: `<${name}> is not a content component: only the components in src/components/content/ may be used (${list})` });
      return;
    }
    // A component is a block of the page of its own: the page renders it between the
    // body's parts (src/components/Body.astro), with nothing inside it.
    if (node.type !== 'mdxJsxFlowElement' || parent?.type !== 'root') {
      out.push({ node, parent, message: `<${name}> must stand on lines of its own, between blank lines, not inside a paragraph, list, quote or table` });
    } else if (node.children?.length) {
      out.push({ node, parent, message: `<${name}> takes nothing between its tags: write <${name} … />` });
    }
    for (const attribute of node.attributes ?? []) {
      const bad = (message: string) => out.push({ node, parent, attribute, message: `<${name}> ${message}` });
      if (attribute.type !== 'mdxJsxAttribute') {
        bad(`{…} spread attributes are not allowed: write each attribute out (name="value")`);
        continue;
      }
      const attr = String(attribute.name);
      if (attr.includes(':')) bad(`attribute "${attr}": Astro directives are not allowed in content`);
      else if (/^on/i.test(attr)) bad(`attribute "${attr}": event-handler attributes are not allowed`);
      else if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(attr)) bad(`attribute "${attr}" is not a plain name`);
      const value = attribute.value as MdNode | string | null | undefined;
      if (value && typeof value === 'object' && !isLiteralValue(attributeExpression(value.data?.estree))) {
        bad(`attribute ${attr}={${preview(String(value.value))}}: only plain values are allowed in {…} (text, numbers, true/false, and lists or { key: value } groups of those), no variables or code`);
      }
    }
  };

  // First: imports (hoisted, so they count wherever they are) and the definitions
  // that image references use (held to the image rules).
  visitAll(tree, (node, parent) => {
    if (node.type === 'imageReference' && node.identifier) imageDefinitions.add(node.identifier);
    else if (node.type === 'mdxjsEsm') checkEsm(node, parent);
  });
  visitAll(tree, (node, parent) => {
    switch (node.type) {
      case 'html':
        if (!isHtmlComment(String(node.value ?? ''))) {
          out.push({ node, parent, message: `raw HTML is not allowed: ${preview(String(node.value))}; use Markdown instead (e.g. **bold**, [text](https://…), ![alt](image.png))` });
        }
        return;
      case 'link':
        return checkUrl(node, parent, 'link');
      case 'image':
        return checkUrl(node, parent, 'image');
      case 'definition':
        return checkUrl(node, parent, node.identifier && imageDefinitions.has(node.identifier) ? 'image' : 'link');
    }
    if (MDX_EXPRESSIONS.has(node.type)) {
      // {/* a comment */} is an expression with no code: harmless, allowed.
      if ((node.data?.estree?.body ?? [undefined]).length === 0) return;
      out.push({ node, parent, message: `JavaScript expressions are not allowed in MDX: {${preview(String(node.value))}}; write the text out (to show a brace, write \\{)` });
    } else if (MDX_ELEMENTS.has(node.type)) {
      checkElement(node, parent);
    }
  });
  return out;
}
