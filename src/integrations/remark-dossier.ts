/**
 * Remark plugin: turns `[[wikilinks]]` into links and `[@citations]` into numbered
 * footnote markers. Numbers come from numberCitations(), which the page's source
 * list uses too, so the two always agree.
 */
import type { CollectionName } from '../schemas/index.ts';
import { citationKey, numberCitations, scanBody, type CitationItem } from '../domain/body.ts';
import { citationRefId, entryUrl, footnoteId } from '../domain/urls.ts';

export interface LinkTarget {
  collection: CollectionName;
  id: string;
  label: string;
}

export interface RemarkDossierOptions {
  /** Resolves an id as written (`id` or `collection/id`) to its entry. */
  resolve: (written: string) => LinkTarget | undefined;
}

type MdNode = { type: string; value?: string; children?: MdNode[]; url?: string; data?: Record<string, unknown> };
const SKIP = new Set(['link', 'linkReference', 'inlineCode', 'code', 'html', 'definition', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm']);

/**
 * A locator written `"Image: x"` or `paras 1--2` may reach this plugin with curly quotes
 * or a dash (if typography ever runs first; remarkTypography now runs after it), so
 * numbers are looked up ignoring that typography.
 */
export function typographyFreeKey(item: CitationItem): string {
  return citationKey({ ...item, locator: item.locator?.replace(/["'\u2018\u2019\u201c\u201d\u201e]/g, '').replace(/\u2026/g, '...').replace(/[\u2013\u2014]|-{2,3}/g, '-') });
}

export function remarkDossier(options: RemarkDossierOptions) {
  return (tree: MdNode, file: { value?: unknown }) => {
    const numbers = new Map(numberCitations(String(file.value ?? '')).map((c) => [typographyFreeKey(c), c.n]));
    const seen = new Map<number, number>();
    const walk = (node: MdNode) => {
      if (!node.children) return;
      const out: MdNode[] = [];
      for (const child of node.children) {
        if (child.type === 'text' && child.value && /\[\[|\[@/.test(child.value)) out.push(...expand(child.value));
        else {
          if (!SKIP.has(child.type)) walk(child);
          out.push(child);
        }
      }
      node.children = out;
    };
    const expand = (value: string): MdNode[] => {
      const nodes: MdNode[] = [];
      let last = 0;
      for (const t of scanBody(value)) {
        // A footnote marker hugs the word it follows: "group [@a]" renders as "group[1]".
        const before = value.slice(last, t.from);
        const text = t.type === 'citation' ? before.trimEnd() : before;
        if (text) nodes.push({ type: 'text', value: text });
        last = t.to;
        if (t.type === 'wikilink') {
          const target = options.resolve(t.target);
          nodes.push(target
            ? { type: 'link', url: entryUrl(target.collection, target.id), children: [{ type: 'text', value: t.label ?? target.label }], data: { hProperties: { className: ['wikilink'] } } }
            // Only reachable in `astro dev` (the build stops on unknown links first).
            : { type: 'emphasis', children: [{ type: 'text', value: t.label ?? t.target }], data: { hProperties: { className: ['broken-link'], title: `No entry "${t.target}"` } } });
        } else {
          const marks: MdNode[] = t.items.map((item) => {
            const n = numbers.get(typographyFreeKey(item)) ?? 0;
            const k = (seen.get(n) ?? 0) + 1;
            seen.set(n, k);
            return {
              type: 'link', url: `#${footnoteId(n)}`, children: [{ type: 'text', value: `[${n}]` }],
              data: { hProperties: { id: citationRefId(n, k), 'aria-label': `Source ${n}` } },
            };
          });
          nodes.push({ type: 'superscript', children: marks, data: { hName: 'sup', hProperties: { className: ['citation'] } } });
        }
      }
      if (last < value.length) nodes.push({ type: 'text', value: value.slice(last) });
      return nodes;
    };
    walk(tree);
  };
}
