// Decides what a verified delivery asks for (bot.md #4): grade a pull request's head commit, or nothing.
// Pure: the HTTP layer records the answer and the queue does the work.
import type { NewJob } from './store.js';

export const CHECK_NAME = 'gatecheck';

export type IntakeDecision =
  | { kind: 'grade'; job: NewJob }
  | { kind: 'ignore'; reason: string };

export interface IntakeContext {
  /** Lower-cased `owner/repo` names, or null for every repository. */
  allowedRepos: string[] | null;
  /** App mode: a delivery must name its installation, whose token the bot then uses. */
  requireInstallation?: boolean;
}

const GRADED_PR_ACTIONS = new Set(['opened', 'synchronize', 'reopened']);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null);

export function decideDelivery(event: string, payload: Json, context: IntakeContext): IntakeDecision {
  const ignore = (reason: string): IntakeDecision => ({ kind: 'ignore', reason });
  const action = str(payload.action);
  if (event !== 'pull_request' && event !== 'check_run') return ignore(`event ${event} is not graded`);

  // The bot's own posts (and every other bot's) come back as deliveries; answering them would loop.
  if (str(obj(payload.sender)?.type) === 'Bot') return ignore('sent by a bot');

  const repository = str(obj(payload.repository)?.full_name);
  if (repository === null) return ignore('no repository in the payload');
  if (context.allowedRepos !== null && !context.allowedRepos.includes(repository.toLowerCase())) {
    return ignore(`repository ${repository} is not in GATECHECK_REPOS`);
  }
  const installationId = int(obj(payload.installation)?.id);
  if (context.requireInstallation && installationId === null) return ignore('no installation in the payload (not sent to a GitHub App)');

  if (event === 'pull_request') {
    if (action === null || !GRADED_PR_ACTIONS.has(action)) return ignore(`pull_request action ${action ?? '(none)'} is not graded`);
    const pr = obj(payload.pull_request);
    const number = int(pr?.number) ?? int(payload.number);
    const headSha = str(obj(pr?.head)?.sha);
    const author = str(obj(pr?.user)?.login);
    if (pr === null || number === null || headSha === null || author === null) return ignore('pull_request payload lacks number, head sha or author');
    return {
      kind: 'grade',
      job: { repository, installationId, prNumber: number, prHint: null, author, headSha, trigger: `pull_request.${action}`, prUpdatedAt: str(pr.updated_at) },
    };
  }

  if (action !== 'rerequested') return ignore(`check_run action ${action ?? '(none)'} is not graded`);
  const run = obj(payload.check_run);
  if (run === null || str(run.name) !== CHECK_NAME) return ignore('check run is not gatecheck\'s');
  const headSha = str(run.head_sha);
  if (headSha === null) return ignore('check_run payload lacks head_sha');
  // A fork's PR is not listed in the payload; the queue looks it up from the SHA.
  const listed = Array.isArray(run.pull_requests) ? run.pull_requests.map(obj).filter((p) => p !== null) : [];
  const match = listed.find((p) => str(obj(p.head)?.sha) === headSha) ?? listed[0] ?? null;
  return {
    kind: 'grade',
    job: { repository, installationId, prNumber: null, prHint: int(match?.number), author: null, headSha, trigger: 'check_run.rerequested', prUpdatedAt: null },
  };
}
