// The bot's one comment per pull request, edited in place on every later push. A comment counts as the bot's
// only when the bot itself wrote it and it carries the marker: a student who pastes the marker into their own
// comment never gets that comment edited (bot.md #6b).
import type { GitHub } from './github-client.js';
import type { Store } from './store.js';
import { COMMENT_MARKER } from './render-comment.js';

export interface CommentTarget {
  repository: string;
  owner: string;
  repo: string;
  prNumber: number;
}

const status = (error: unknown) => (error as { status?: number }).status;

/** Creates or edits the bot's comment on the PR; returns its id. */
export async function upsertComment(gh: GitHub, store: Store, target: CommentTarget, body: string, botLogin: string): Promise<number> {
  const { owner, repo, prNumber } = target;
  let id = store.getPullRequest(target.repository, prNumber)?.commentId ?? null;
  if (id === null) id = await findOwnComment(gh, target, botLogin);
  if (id !== null) {
    try {
      await gh.rest.issues.updateComment({ owner, repo, comment_id: id, body });
      store.setCommentId(target.repository, prNumber, id);
      return id;
    } catch (error) {
      // Deleted by someone since: write a new one.
      if (status(error) !== 404) throw error;
      store.setCommentId(target.repository, prNumber, null);
    }
  }
  const created = await gh.rest.issues.createComment({ owner, repo, issue_number: prNumber, body });
  store.setCommentId(target.repository, prNumber, created.data.id);
  return created.data.id;
}

/** The id of the bot's own marked comment on the PR, if it wrote one before (e.g. before a restart). */
export async function findOwnComment(gh: GitHub, target: CommentTarget, botLogin: string): Promise<number | null> {
  const comments = await gh.paginate(gh.rest.issues.listComments, {
    owner: target.owner, repo: target.repo, issue_number: target.prNumber, per_page: 100,
  });
  const own = comments.find((c) => c.user?.login?.toLowerCase() === botLogin.toLowerCase() && (c.body ?? '').startsWith(COMMENT_MARKER));
  return own?.id ?? null;
}
