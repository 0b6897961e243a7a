/** Names in the offline edition, apart from the code that makes it (the render-time work needs only these). */
import { PAGEFIND_DIR } from './search-index.ts';

/** The zip's name in the output, and the folder it unzips to. */
export const OFFLINE_ZIP = 'dossier-offline.zip';
export const OFFLINE_FOLDER = 'dossier-offline';
/** The offline Pagefind bundle, in the offline edition. */
export const OFFLINE_PAGEFIND = `${PAGEFIND_DIR}/pagefind.offline.js`;
