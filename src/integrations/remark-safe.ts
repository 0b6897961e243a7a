/**
 * Remark plugin (build-time defence in depth for .mdx): removes what the check
 * refuses in MDX before it is compiled, so that no import, export, expression or
 * unknown element of a body ever runs, even in `astro dev` (where problems are only
 * warnings) or if the check was skipped. Same rules as the check: markup-rules.ts.
 * Raw HTML and URLs in plain Markdown are handled after conversion by rehype-safe.ts.
 */
import { markupViolations, type EsNode, type MdNode } from '../domain/markup-rules.ts';

export interface RemarkSafeOptions {
  /** Names of the content components (src/components/content/*.astro). */
  components: readonly string[];
}

const MDX_TYPES = new Set(['mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement']);

export function remarkSafe(options: RemarkSafeOptions) {
  return (tree: MdNode) => {
    if (!hasMdx(tree)) return;
    // Reverse document order: children are handled before the elements around them.
    for (const v of markupViolations(tree, { components: options.components }).reverse()) {
      if (!MDX_TYPES.has(v.node.type)) continue;
      if (v.attribute) {
        v.node.attributes = (v.node.attributes ?? []).filter((a) => a !== v.attribute);
      } else if (v.statement) {
        const estree = v.node.data?.estree;
        if (estree) estree.body = (estree.body as EsNode[]).filter((s) => s !== v.statement);
      } else if (v.parent?.children) {
        const i = v.parent.children.indexOf(v.node);
        if (i >= 0) v.parent.children.splice(i, 1, ...(v.unwrap ? v.node.children ?? [] : []));
      }
    }
  };
}

function hasMdx(node: MdNode): boolean {
  return MDX_TYPES.has(node.type) || (node.children ?? []).some(hasMdx);
}
