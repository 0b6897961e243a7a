/**
 * Entry of the offline edition's Pagefind bundle: Pagefind's own pagefind.js, bundled
 * as a classic script (esbuild, with the fetch of ./pagefind-fetch.ts and no Worker,
 * which file:// refuses), exposed as window.dossierPagefind for src/client/search.ts.
 * Pagefind's base path stays its default /pagefind/ and result URLs stay root-relative;
 * the search page turns them into page-relative links.
 */
// @ts-expect-error: resolved by the offline build to the site's own pagefind/pagefind.js
import * as pagefind from 'dossier:pagefind';

window.dossierPagefind = pagefind;
