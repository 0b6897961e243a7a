/**
 * The props of the visualisation components an .mdx entry may use, checked by
 * `npm run check` before any build: unknown props, values of the wrong kind, ids
 * that name no entry and dates that cannot be read. The components check their ids
 * again while rendering (src/data/viz.ts checkIds), with the same words.
 */
import type { CollectionName } from '../schemas/index.ts';
import { SINGULAR } from '../schemas/index.ts';
import { firstMoment, lastMoment, parsePartialDate } from './dates.ts';
import { attributeExpression, isLiteralValue, type EsNode, type MdNode } from './markup-rules.ts';
import { closest } from './suggest.ts';

type Linked = 'events' | 'actors' | 'places';
/** A number prop and the values its component can draw (whole: no fractions). */
export interface NumberRange { min: number; max: number; whole?: boolean; example: number }
export type PropKind = 'text' | { number: NumberRange } | 'date' | { one: Linked } | { list: Linked };

/** Keep in step with the Props of src/components/viz/*.astro (a test compares them). */
export const VIZ_PROPS: Record<string, Record<string, PropKind>> = {
  Timeline: { events: { list: 'events' }, from: 'date', to: 'date', title: 'text', actor: { one: 'actors' }, place: { one: 'places' } },
  // Bounds: a map shorter than 150 px shows nothing, taller than 2000 px is no longer
  // one view (and 1e308 would write Infinity into the SVG); past 4 hops a
  // neighbourhood is the whole graph, and each hop multiplies the layout's work.
  PlaceMap: { places: { list: 'places' }, focus: { one: 'places' }, title: 'text', height: { number: { min: 150, max: 2000, example: 400 } } },
  RelationGraph: { focus: { one: 'actors' }, depth: { number: { min: 1, max: 4, whole: true, example: 2 } }, title: 'text' },
};

/** What the check needs of the entry index. */
export interface IdLookup {
  get(collection: CollectionName, id: string): unknown;
  suggest(id: string, collection?: CollectionName): string | undefined;
}

export interface VizPropProblem {
  node: MdNode;
  message: string;
}

/** The message for an id that names no entry; shared with the components' own check. */
export function unknownIdMessage(component: string, prop: string, collection: Linked, id: string, suggestion: string | undefined): string {
  return `<${component} ${prop}>: there is no ${SINGULAR[collection]} "${id}"${suggestion ? `. Did you mean "${suggestion}"?` : ` (check the file names in ${collection}/)`}`;
}

/** The value of a plain literal (see isLiteralValue); undefined for anything else. */
export function literalValue(node: EsNode | undefined): unknown {
  if (!node || !isLiteralValue(node)) return undefined;
  switch (node.type) {
    case 'Literal': return node.value;
    case 'TemplateLiteral': return node.quasis.map((q: EsNode) => q.value.cooked).join('');
    case 'UnaryExpression': return node.operator === '-' ? -node.argument.value : node.argument.value;
    case 'ArrayExpression': return node.elements.map((e: EsNode) => literalValue(e));
    case 'ObjectExpression': return Object.fromEntries(node.properties.map((p: EsNode) => [p.key.name ?? p.key.value, literalValue(p.value)]));
    default: return undefined;
  }
}

/** An attribute's value as the component receives it: text, true for a bare name, or the literal. */
function attributeValue(attribute: MdNode): { ok: true; value: unknown } | { ok: false } {
  const value = attribute.value as MdNode | string | null | undefined;
  if (value === null || value === undefined) return { ok: true, value: true };
  if (typeof value === 'string') return { ok: true, value };
  const expression = attributeExpression(value.data?.estree);
  if (!isLiteralValue(expression)) return { ok: false }; // reported by the markup rules
  return { ok: true, value: literalValue(expression) };
}

const showValue = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

function kindProblem(component: string, prop: string, kind: PropKind, value: unknown, ids: IdLookup): string[] {
  const where = `<${component} ${prop}>`;
  if (kind === 'text') return typeof value === 'string' ? [] : [`${where}: write text in quotes, e.g. ${prop}="…"`];
  if (typeof kind === 'object' && 'number' in kind) {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (Number.isNaN(n)) return [`${where}: ${showValue(value)} is not a number: write e.g. ${prop}={${kind.number.example}}`];
    const { min, max, whole } = kind.number;
    const ok = Number.isFinite(n) && n >= min && n <= max && (!whole || Number.isInteger(n));
    return ok ? [] : [`${where}: must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`];
  }
  if (kind === 'date') {
    if (typeof value !== 'string' && typeof value !== 'number') return [`${where}: write a date in quotes: YYYY, YYYY-MM or YYYY-MM-DD`];
    const parsed = parsePartialDate(String(value));
    return parsed.ok ? [] : [`${where}: ${parsed.message}`];
  }
  if ('one' in kind) {
    if (typeof value !== 'string') return [`${where}: write one ${SINGULAR[kind.one]} id in quotes, e.g. ${prop}="some-id"`];
    return ids.get(kind.one, value) ? [] : [unknownIdMessage(component, prop, kind.one, value, ids.suggest(value, kind.one))];
  }
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    return [`${where}: write a list of ${SINGULAR[kind.list]} ids, e.g. ${prop}={["first-id", "second-id"]}`];
  }
  return (value as string[]).filter((id) => !ids.get(kind.list, id)).map((id) => unknownIdMessage(component, prop, kind.list, id, ids.suggest(id, kind.list)));
}

/** Every problem with the props of the visualisation components in a parsed .mdx body. */
export function vizPropProblems(tree: MdNode, ids: IdLookup): VizPropProblem[] {
  const out: VizPropProblem[] = [];
  const visit = (node: MdNode) => {
    const spec = (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name ? VIZ_PROPS[node.name] : undefined;
    if (spec) {
      const component = node.name!;
      const dates = new Map<string, { value: string; node: MdNode }>();
      for (const attribute of node.attributes ?? []) {
        if (attribute.type !== 'mdxJsxAttribute') continue; // spreads are refused by the markup rules
        const prop = String(attribute.name);
        const kind = spec[prop];
        if (!kind) {
          const names = Object.keys(spec);
          const guess = closest(prop, names.map((n) => ({ key: n, value: n })));
          out.push({ node: attribute.position ? attribute : node, message: `<${component}> has no prop "${prop}".${guess ? ` Did you mean "${guess}"?` : ''} (its props: ${names.join(', ')})` });
          continue;
        }
        const value = attributeValue(attribute);
        if (!value.ok) continue;
        const problems = kindProblem(component, prop, kind, value.value, ids);
        for (const message of problems) out.push({ node: attribute.position ? attribute : node, message });
        if (kind === 'date' && !problems.length) dates.set(prop, { value: String(value.value), node: attribute });
      }
      const from = dates.get('from');
      const to = dates.get('to');
      if (from && to) {
        const [a, b] = [parsePartialDate(from.value), parsePartialDate(to.value)];
        if (a.ok && b.ok && lastMoment(b.value) <= firstMoment(a.value)) {
          out.push({ node: to.node.position ? to.node : node, message: `<${component} to>: "${to.value}" must come after from="${from.value}"` });
        }
      }
    }
    node.children?.forEach(visit);
  };
  visit(tree);
  return out;
}
