// Webhook deliveries for tests and the load bench: real example payloads from @octokit/webhooks-examples with
// the repository, pull request and commit fields set, signed with @octokit/webhooks-methods' `sign` (an
// implementation independent of the bot's own verifier).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';

type Json = Record<string, any>;
interface Definition { name: string; examples: Json[] }

let definitions: Definition[] | null = null;

/** A deep copy of the first example payload of `event` with `action` (none for events without actions, like push). */
export function examplePayload(event: string, action?: string): Json {
  if (definitions === null) {
    const require = createRequire(import.meta.url);
    definitions = JSON.parse(readFileSync(require.resolve('@octokit/webhooks-examples'), 'utf8')) as Definition[];
  }
  const example = definitions.find((d) => d.name === event)?.examples.find((e) => e.action === action && e.installation);
  if (!example) throw new Error(`no ${event}.${action} example with an installation`);
  return structuredClone(example);
}

export interface PullRequestFields {
  action: 'opened' | 'synchronize' | 'reopened' | 'closed' | 'labeled';
  repository: string;
  number: number;
  headSha: string;
  author: string;
  installationId?: number;
  /** Ordering of pushes (GitHub's `pull_request.updated_at`). */
  updatedAt?: string;
  senderType?: 'User' | 'Bot';
}

function setRepository(payload: Json, fullName: string) {
  const [owner, name] = fullName.split('/') as [string, string];
  payload.repository.full_name = fullName;
  payload.repository.name = name;
  payload.repository.owner.login = owner;
}

export function pullRequestPayload(f: PullRequestFields): Json {
  const payload = examplePayload('pull_request', f.action);
  setRepository(payload, f.repository);
  payload.number = f.number;
  payload.pull_request.number = f.number;
  payload.pull_request.head.sha = f.headSha;
  payload.pull_request.user.login = f.author;
  payload.pull_request.updated_at = f.updatedAt ?? new Date().toISOString();
  payload.sender.login = f.senderType === 'Bot' ? 'dependabot[bot]' : f.author;
  payload.sender.type = f.senderType ?? 'User';
  payload.installation.id = f.installationId ?? 77;
  return payload;
}

export function checkRunRerequestedPayload(f: { repository: string; headSha: string; prNumbers: number[]; installationId?: number }): Json {
  const payload = examplePayload('check_run', 'rerequested');
  setRepository(payload, f.repository);
  payload.check_run.name = 'gatecheck';
  payload.check_run.head_sha = f.headSha;
  payload.check_run.pull_requests = f.prNumbers.map((number) => ({ number, id: number, url: '', head: { sha: f.headSha, ref: 'x', repo: { id: 1, url: '', name: 'x' } }, base: { sha: '0', ref: 'main', repo: { id: 1, url: '', name: 'x' } } }));
  payload.installation.id = f.installationId ?? 77;
  payload.sender.type = 'User';
  return payload;
}

export interface SendOptions {
  event: string;
  payload: Json | string;
  secret: string;
  deliveryId?: string;
  /** Overrides the signature header (`null` leaves it out). */
  signature?: string | null;
  contentType?: string;
}

export interface SendResult { status: number; body: any; ms: number; deliveryId: string }

/** POSTs a signed delivery to the bot like GitHub does. */
export async function sendDelivery(botUrl: string, o: SendOptions): Promise<SendResult> {
  const text = typeof o.payload === 'string' ? o.payload : JSON.stringify(o.payload);
  const deliveryId = o.deliveryId ?? randomUUID();
  const headers: Record<string, string> = {
    'content-type': o.contentType ?? 'application/json',
    'x-github-event': o.event,
    'x-github-delivery': deliveryId,
    'user-agent': 'GitHub-Hookshot/test',
  };
  const signature = o.signature === undefined ? await sign(o.secret, text) : o.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const started = performance.now();
  const response = await fetch(`${botUrl}/api/github/webhooks`, { method: 'POST', headers, body: text });
  const raw = await response.text();
  const ms = performance.now() - started;
  let body: any = raw;
  try { body = JSON.parse(raw); } catch { /* not JSON */ }
  return { status: response.status, body, ms, deliveryId };
}
