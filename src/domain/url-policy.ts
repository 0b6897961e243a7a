/**
 * Which URLs content may use. Links: http(s), mailto, or a path on this site.
 * Images: only files of the dossier (a remote image would make every reader's
 * browser contact another site). The check reports these; the build neutralises them.
 */

export type UrlUse = 'link' | 'image';

const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);

/** What a browser does before it reads a scheme: trims C0 controls and spaces, drops tabs and newlines. */
export function normaliseUrl(url: string): string {
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

/** The lowercased scheme (`javascript`), or undefined for a relative URL. */
export function urlScheme(url: string): string | undefined {
  return /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(normaliseUrl(url))?.[1].toLowerCase();
}

/** Why a URL may not be used (plain words for a contributor), or undefined when it may. */
export function urlProblem(url: string, use: UrlUse): string | undefined {
  const scheme = urlScheme(url);
  const shown = `"${url.length > 60 ? `${url.slice(0, 60)}…` : url}"`;
  if (scheme === 'javascript' || scheme === 'vbscript') {
    return `${shown}: ${scheme}: URLs run code in the reader's browser and are not allowed`;
  }
  if (scheme === 'data') {
    return use === 'image'
      ? `${shown}: data: images are not allowed; add the image as a file next to the entry and link to it`
      : `${shown}: data: URLs are not allowed in links`;
  }
  if (use === 'image') {
    if (scheme || /^[\\/]{2}/.test(normaliseUrl(url))) {
      return `${shown}: images must be files of the dossier; a remote image would make every reader's browser contact another site (download it, if its licence allows, and link the file)`;
    }
    try {
      decodeURI(url);
    } catch {
      return `${shown}: not a valid file path (a % must be followed by two hexadecimal digits; write %25 for a percent sign)`;
    }
    return undefined;
  }
  if (scheme && !LINK_SCHEMES.has(scheme)) {
    return `${shown}: "${scheme}:" links are not allowed; use https://, http://, mailto: or a path on this site`;
  }
  return undefined;
}

/**
 * A web link to another site (http:, https: or protocol-relative), not under the site's
 * own address when one is given: such links get rel="noopener noreferrer" and the
 * external mark. The one definition of "external" for links.
 */
export function isExternalUrl(url: string, siteUrl?: string): boolean {
  const n = normaliseUrl(url);
  if (!/^https?:/i.test(n) && !/^[\\/]{2}/.test(n)) return false;
  const own = siteUrl?.replace(/\/+$/, '');
  return !(own && (n === own || n.startsWith(`${own}/`)));
}
