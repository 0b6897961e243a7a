/**
 * "Edit this page" and "Suggest a correction" links for an entry, from dossier.yml's
 * repoUrl, branch and contentPath. GitHub's URL scheme; none without a repoUrl.
 */

export interface RepoSettings {
  /** The repository's web address, e.g. https://github.com/owner/dossier. */
  repoUrl?: string;
  /** The branch edits are proposed against. */
  branch: string;
  /** The content folder inside the repository ("content"; "" or "." for the root). */
  contentPath: string;
}

export interface EditLinks {
  /** Opens the entry's file in the repository's web editor (a fork and pull request for outsiders). */
  edit: string;
  /** A new issue from .github/ISSUE_TEMPLATE/correction.md, titled after the entry. */
  correction: string;
}

/** Each path segment percent-encoded, the slashes kept. */
const encodePath = (p: string) => p.split('/').filter((s) => s && s !== '.').map(encodeURIComponent).join('/');

/** `file` is the entry's path inside the content folder, e.g. actors/kataib-hezbollah.md. */
export function editLinks(repo: RepoSettings, file: string, title: string): EditLinks | undefined {
  if (!repo.repoUrl) return undefined;
  const base = repo.repoUrl.replace(/\/+$/, '').replace(/\.git$/, '');
  const repoPath = encodePath([repo.contentPath, file].join('/'));
  const issueTitle = `Correction: ${title} (${decodeURIComponent(repoPath)})`;
  return {
    edit: `${base}/edit/${encodePath(repo.branch)}/${repoPath}`,
    correction: `${base}/issues/new?template=correction.md&title=${encodeURIComponent(issueTitle)}`,
  };
}
