/**
 * Finds live markup in HTML by parsing it as a browser would (not by grepping, which
 * both misses tricks and flags harmless text inside attribute values): elements that
 * run or load things, event-handler attributes, script-running URLs, style attributes.
 */
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';

const RUNS_OR_LOADS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'applet', 'form', 'style', 'svg', 'math', 'base', 'meta', 'link', 'template', 'noscript', 'portal']);
const URL_PROPS = ['href', 'src', 'action', 'formAction', 'poster', 'data', 'xLinkHref', 'srcSet'];

export interface LiveMarkupOptions {
  /** Elements the page template itself legitimately has (checked elsewhere), e.g. head's meta/link. */
  allowElement?: (el: Element, ancestors: Element[]) => boolean;
}

export function liveMarkup(html: string, options: LiveMarkupOptions = {}): string[] {
  const found: string[] = [];
  const visit = (node: Root | RootContent, ancestors: Element[]) => {
    if (node.type === 'element') {
      const describe = `<${node.tagName}${Object.keys(node.properties ?? {}).map((k) => ` ${k}`).join('')}>`;
      if (RUNS_OR_LOADS.has(node.tagName) && !options.allowElement?.(node, ancestors)) found.push(describe);
      for (const [name, value] of Object.entries(node.properties ?? {})) {
        if (/^on/i.test(name)) found.push(`${describe}: event handler ${name}`);
        if (name === 'style') found.push(`${describe}: style attribute`);
        if (URL_PROPS.includes(name) && /^\s*(?:javascript|vbscript|data):/i.test(String(value).replace(/[\t\n\r]/g, ''))) found.push(`${describe}: ${name}=${String(value).slice(0, 40)}`);
      }
      for (const child of node.children) visit(child, [...ancestors, node]);
      if (node.tagName === 'template' && node.content) visit(node.content, [...ancestors, node]);
    } else if ('children' in node) {
      for (const child of node.children) visit(child, ancestors);
    }
  };
  visit(fromHtml(html), []);
  return found;
}
