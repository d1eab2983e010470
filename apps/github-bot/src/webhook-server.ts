// The HTTP side: `GET /healthz` and `POST /api/github/webhooks`. A delivery is verified over its raw bytes,
// recorded with its job in one transaction and answered at once; grading happens later, off this event loop.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from './logger.js';
import type { DeliveryOutcome, NewJob, Store } from './store.js';
import { verifySignature } from './signature.js';
import { decideDelivery, type IntakeContext } from './delivery-intake.js';

export interface WebhookServerOptions {
  store: Store;
  logger: Logger;
  webhookSecret: string;
  intake: IntakeContext;
  /** Called after a job was queued, with the ids of gradings it superseded. */
  onQueued: (supersededRunning: number[]) => void;
  /** Whether the bot is ready (health check answers 503 before). */
  ready: () => boolean;
}

/** GitHub caps deliveries at 25 MB. */
const MAX_BODY = 25 * 1024 * 1024;
export const WEBHOOK_PATH = '/api/github/webhooks';

function reply(res: ServerResponse, status: number, body: Record<string, unknown>) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

type Entry = { delivery: { id: string; event: string; action: string | null; outcome: string }; job: NewJob | null };

/**
 * Group commit: deliveries whose bodies arrive in the same turn of the event loop are recorded in one
 * transaction, so a burst costs one disk sync instead of one per delivery, and each is still on disk before
 * it is acknowledged.
 */
function deliveryRecorder(store: Store): (entry: Entry) => Promise<DeliveryOutcome> {
  let pending: { entry: Entry; resolve: (o: DeliveryOutcome) => void; reject: (e: unknown) => void }[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    try {
      const outcomes = store.recordDeliveries(batch.map((b) => b.entry));
      batch.forEach((b, k) => b.resolve(outcomes[k]!));
    } catch (error) {
      batch.forEach((b) => b.reject(error));
    }
  };
  return (entry) => new Promise((resolve, reject) => {
    pending.push({ entry, resolve, reject });
    if (pending.length === 1) setImmediate(flush);
  });
}

export function createWebhookServer(options: WebhookServerOptions): Server {
  const { store, logger } = options;
  const record = deliveryRecorder(store);
  const handleDelivery = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    if (body === null) return reply(res, 413, { error: 'payload too large' });
    const deliveryId = header(req, 'x-github-delivery');
    if (!verifySignature(options.webhookSecret, body, header(req, 'x-hub-signature-256'))) {
      logger.warn('delivery rejected: missing or wrong signature', { delivery: deliveryId ?? '(none)', bytes: body.length });
      return reply(res, 401, { error: 'missing or invalid X-Hub-Signature-256' });
    }
    const event = header(req, 'x-github-event');
    if (!deliveryId || !event) return reply(res, 400, { error: 'X-GitHub-Event and X-GitHub-Delivery are required' });
    const contentType = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/json') {
      return reply(res, 415, { error: 'content type must be application/json (set the webhook to send JSON)' });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return reply(res, 400, { error: 'body is not JSON' });
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return reply(res, 400, { error: 'body is not a JSON object' });
    const fields = payload as Record<string, unknown>;
    const action = typeof fields.action === 'string' ? fields.action : null;
    const decision = decideDelivery(event, fields, options.intake);
    const outcome = await record({
      delivery: { id: deliveryId, event, action, outcome: decision.kind === 'grade' ? 'queued' : `ignored: ${decision.reason}` },
      job: decision.kind === 'grade' ? decision.job : null,
    });
    if (outcome.duplicate) {
      logger.info('delivery already handled', { delivery: deliveryId, event });
      return reply(res, 200, { status: 'duplicate' });
    }
    if (decision.kind === 'ignore' || outcome.jobId === null) {
      const reason = decision.kind === 'ignore' ? decision.reason : 'an older push than one already received';
      logger.info('delivery ignored', { delivery: deliveryId, event, action, reason });
      return reply(res, 200, { status: 'ignored', reason });
    }
    reply(res, 202, { status: 'queued', job: outcome.jobId });
    logger.info('delivery queued', { delivery: deliveryId, event, action, job: outcome.jobId, repository: decision.job.repository, pr: decision.job.prNumber ?? decision.job.prHint, sha: decision.job.headSha.slice(0, 7) });
    options.onQueued(outcome.supersededRunning);
  };

  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      return options.ready() ? reply(res, 200, { status: 'ok' }) : reply(res, 503, { status: 'starting' });
    }
    if (path === WEBHOOK_PATH) {
      if (req.method !== 'POST') return reply(res, 405, { error: 'use POST' });
      handleDelivery(req, res).catch((error: unknown) => {
        logger.error('delivery could not be handled', { error: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) reply(res, 500, { error: 'internal error' });
      });
      return;
    }
    reply(res, 404, { error: 'not found' });
  });
}
