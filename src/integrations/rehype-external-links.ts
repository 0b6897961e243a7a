/**
 * Rehype plugin: links to other sites in entry bodies get rel="noopener noreferrer",
 * the class "external", a visible arrow and a screen-reader note, like the site's own
 * external links (src/components/ExternalLink.astro).
 */
import type { Element, ElementContent, Root } from 'hast';
import { isExternalUrl } from '../domain/url-policy.ts';

export interface ExternalLinkOptions {
  /** The site's own address: links to it are not external. */
  siteUrl?: string;
}


export function rehypeExternalLinks(options: ExternalLinkOptions = {}) {
  return (tree: Root) => {
    const walk = (node: Root | Element) => {
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        const href = child.properties.href;
        if (child.tagName === 'a' && typeof href === 'string' && isExternalUrl(href, options.siteUrl)) {
          const classes = Array.isArray(child.properties.className) ? child.properties.className : [];
          child.properties.className = [...classes, 'external'];
          child.properties.rel = ['noopener', 'noreferrer'];
          child.children.push(...marks());
        }
        walk(child);
      }
    };
    walk(tree);
  };
}

function marks(): ElementContent[] {
  return [
    { type: 'element', tagName: 'span', properties: { className: ['external-mark'], ariaHidden: 'true' }, children: [{ type: 'text', value: '↗' }] },
    { type: 'element', tagName: 'span', properties: { className: ['visually-hidden'] }, children: [{ type: 'text', value: ' (external link)' }] },
  ];
}
