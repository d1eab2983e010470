// A local stand-in for api.github.com on 127.0.0.1: repositories with git commits, trees and blobs, pull
// requests, comments, check runs and statuses, app JWTs and installation tokens. Every request is first checked
// against GitHub's OpenAPI description; anything that does not match is recorded as a violation and refused.
// Faults (5xx, rate limits, outages) are scripted per request.
import { createHash, generateKeyPairSync, randomBytes, verify as verifySig, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { githubValidator } from './openapi-validator.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
  operationId: string | null;
  status: number;
  auth: string | null;
}

export interface FakeResponse { status: number; headers?: Record<string, string>; body?: unknown }

export interface Fault {
  /** Which requests it hits, e.g. `r => r.operationId === 'issues/create-comment'`. */
  match: (request: { method: string; path: string; operationId: string | null }) => boolean;
  /** How many matching requests get the fault response (Infinity for an outage). */
  times: number;
  respond: FakeResponse;
}

export interface FakeComment { id: number; issueNumber: number; body: string; login: string; userType: 'User' | 'Bot'; edits: number }
export interface FakeCheckRun {
  id: number; name: string; headSha: string; status: string; conclusion: string | null; externalId: string | null;
  output: { title?: string; summary?: string; text?: string }; annotations: any[]; history: any[];
}
export interface FakeStatus { sha: string; state: string; context: string; description: string | null }
export interface FakePull { number: number; state: 'open' | 'closed'; author: string; headSha: string; changedFiles: { filename: string; status: string; previous_filename?: string }[] }
interface TreeEntry { path: string; mode: string; type: 'blob' | 'tree'; sha: string; size?: number }

export interface FakeRepo {
  fullName: string;
  id: number;
  commits: Map<string, { tree: string; parent: string | null }>;
  trees: Map<string, TreeEntry[]>;
  blobs: Map<string, Buffer>;
  pulls: Map<number, FakePull>;
  comments: FakeComment[];
  checkRuns: FakeCheckRun[];
  statuses: FakeStatus[];
}

export const INSTALLATION_TOKEN_PREFIX = 'ghs_';

export interface FakeGitHubOptions {
  /** App mode: the app's id and slug; a key pair is generated. */
  appId?: number;
  appSlug?: string;
  /** Token mode: the accepted personal token and the user it belongs to. */
  token?: string;
  tokenLogin?: string;
  /** Lifetime of issued installation tokens (default one hour). */
  tokenLifetimeMs?: number;
}

// One App key pair per process (generating a 2048-bit key costs a noticeable fraction of a second).
let keys: { privateKey: KeyObject; publicKey: KeyObject } | null = null;

const sha1 = (data: Buffer | string) => createHash('sha1').update(data).digest('hex');

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly faults: Fault[] = [];
  readonly repos = new Map<string, FakeRepo>();
  readonly appId: number;
  readonly appSlug: string;
  readonly privateKeyPem: string;
  readonly privateKeyPkcs1Pem: string;
  readonly token: string;
  readonly tokenLogin: string;
  readonly issuedTokens = new Map<string, { installationId: number; expiresAt: number }>();
  private readonly publicKey: KeyObject;
  private readonly validator = githubValidator();
  private server: Server | null = null;
  private nextId = 1000;
  url = '';

  constructor(private readonly options: FakeGitHubOptions = {}) {
    this.appId = options.appId ?? 4242;
    this.appSlug = options.appSlug ?? 'gatecheck-course';
    keys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { privateKey, publicKey } = keys;
    this.privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    this.privateKeyPkcs1Pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    this.publicKey = publicKey;
    this.token = options.token ?? `ghp_${randomBytes(18).toString('hex')}`;
    this.tokenLogin = options.tokenLogin ?? 'course-staff-bot';
  }

  /** The login of comments the bot writes: `<slug>[bot]` with app auth, the token's user otherwise. */
  botLoginFor(auth: string | null): { login: string; type: 'User' | 'Bot' } {
    if (auth?.startsWith(`token ${INSTALLATION_TOKEN_PREFIX}`)) return { login: `${this.appSlug}[bot]`, type: 'Bot' };
    return { login: this.tokenLogin, type: 'User' };
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violations.push(`fake GitHub crashed: ${error instanceof Error ? error.stack : String(error)}`);
        if (!res.headersSent) this.send(res, { status: 500, body: { message: 'fake crashed' } });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop() {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  repo(fullName: string): FakeRepo {
    const key = fullName.toLowerCase();
    let repo = this.repos.get(key);
    if (!repo) {
      repo = { fullName, id: this.nextId++, commits: new Map(), trees: new Map(), blobs: new Map(), pulls: new Map(), comments: [], checkRuns: [], statuses: [] };
      this.repos.set(key, repo);
    }
    return repo;
  }

  /** Stores a commit whose tree holds exactly `files` (path → content); returns its SHA. */
  commit(fullName: string, files: Record<string, string | Buffer>, parent: string | null = null): string {
    const repo = this.repo(fullName);
    const root: Map<string, any> = new Map();
    for (const [path, content] of Object.entries(files)) {
      const parts = path.split('/');
      let dir = root;
      for (const part of parts.slice(0, -1)) {
        if (!dir.has(part)) dir.set(part, new Map());
        dir = dir.get(part);
      }
      dir.set(parts[parts.length - 1]!, Buffer.isBuffer(content) ? content : Buffer.from(content));
    }
    const writeTree = (dir: Map<string, any>): string => {
      const entries: TreeEntry[] = [];
      for (const [name, value] of [...dir.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        if (Buffer.isBuffer(value)) {
          const sha = sha1(Buffer.concat([Buffer.from(`blob ${value.length}\0`), value]));
          repo.blobs.set(sha, value);
          entries.push({ path: name, mode: '100644', type: 'blob', sha, size: value.length });
        } else {
          entries.push({ path: name, mode: '040000', type: 'tree', sha: writeTree(value) });
        }
      }
      const sha = sha1(`tree ${JSON.stringify(entries)}`);
      repo.trees.set(sha, entries);
      return sha;
    };
    const tree = writeTree(root);
    const sha = sha1(`commit ${tree} ${parent ?? ''} ${this.nextId++}`);
    repo.commits.set(sha, { tree, parent });
    return sha;
  }

  /** Opens (or moves the head of) a pull request. */
  setPull(fullName: string, pull: FakePull) {
    this.repo(fullName).pulls.set(pull.number, pull);
  }

  /** A comment written by someone else, e.g. a student pasting the bot's marker. */
  addComment(fullName: string, issueNumber: number, login: string, body: string): FakeComment {
    const comment = { id: this.nextId++, issueNumber, body, login, userType: 'User' as const, edits: 0 };
    this.repo(fullName).comments.push(comment);
    return comment;
  }

  /** Responds to the next `times` matching requests with `respond` instead of handling them. */
  fail(match: Fault['match'], times: number, respond: FakeResponse) {
    this.faults.push({ match, times, respond });
  }

  clearFaults() {
    this.faults.length = 0;
  }

  private send(res: ServerResponse, response: FakeResponse) {
    const text = response.body === undefined ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', ...response.headers });
    res.end(text);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    let body: any;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        this.violations.push(`${method} ${url.pathname}: body is not JSON`);
        return this.send(res, { status: 400, body: { message: 'Problems parsing JSON' } });
      }
    }
    const auth = typeof req.headers.authorization === 'string' ? req.headers.authorization : null;
    const validation = this.validator.validate(method, `${url.pathname}${url.search}`, body);
    const record: RecordedRequest = { method, path: url.pathname, query: url.searchParams, body, operationId: validation.operationId, status: 0, auth };
    this.requests.push(record);
    const respond = (response: FakeResponse) => {
      record.status = response.status;
      this.send(res, response);
    };
    if (validation.errors.length > 0) {
      this.violations.push(...validation.errors);
      return respond({ status: validation.operationId === null ? 404 : 422, body: { message: 'Validation Failed', errors: validation.errors } });
    }
    const fault = this.faults.find((f) => f.times > 0 && f.match({ method, path: url.pathname, operationId: validation.operationId }));
    if (fault) {
      fault.times--;
      return respond(fault.respond);
    }
    const authError = this.authenticate(validation.operationId!, auth);
    if (authError) return respond(authError);
    return respond(this.route(validation.operationId!, method, url, body, auth));
  }

  private authenticate(operationId: string, auth: string | null): FakeResponse | null {
    const unauthorized = { status: 401, body: { message: 'Bad credentials' } };
    if (auth === null) return unauthorized;
    if (operationId === 'apps/get-authenticated' || operationId === 'apps/create-installation-access-token') {
      const jwt = /^bearer (.+)$/i.exec(auth)?.[1];
      return jwt && this.verifyJwt(jwt) ? null : { status: 401, body: { message: 'A JSON web token could not be decoded' } };
    }
    const token = /^(?:token|bearer) (.+)$/i.exec(auth)?.[1];
    if (token === undefined) return unauthorized;
    if (token === this.token) return null;
    const issued = this.issuedTokens.get(token);
    if (issued && issued.expiresAt > Date.now()) return null;
    return unauthorized;
  }

  private verifyJwt(jwt: string): boolean {
    const [header, payload, signature] = jwt.split('.');
    if (!header || !payload || !signature) return false;
    const ok = verifySig('RSA-SHA256', Buffer.from(`${header}.${payload}`), this.publicKey, Buffer.from(signature, 'base64url'));
    if (!ok) return false;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown; exp?: number; iat?: number };
    const now = Math.floor(Date.now() / 1000);
    return String(claims.iss) === String(this.appId) && (claims.exp ?? 0) > now && (claims.exp ?? 0) - (claims.iat ?? 0) <= 660;
  }

  private repoFrom(url: URL): FakeRepo | null {
    const m = /^\/repos\/([^/]+)\/([^/]+)/.exec(url.pathname);
    return m ? this.repos.get(`${m[1]}/${m[2]}`.toLowerCase()) ?? null : null;
  }

  private page<T>(url: URL, items: T[]): FakeResponse {
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url.href);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return { status: 200, headers, body: slice };
  }

  private pullJson(repo: FakeRepo, pull: FakePull) {
    return {
      number: pull.number, state: pull.state, title: `PR ${pull.number}`, user: { login: pull.author, id: 1, type: 'User' },
      head: { sha: pull.headSha, ref: `student-${pull.number}`, repo: { full_name: repo.fullName } }, base: { ref: 'main', repo: { full_name: repo.fullName } },
    };
  }

  private route(operationId: string, method: string, url: URL, body: any, auth: string | null): FakeResponse {
    const notFound: FakeResponse = { status: 404, body: { message: 'Not Found' } };
    const segments = url.pathname.split('/');
    const repo = this.repoFrom(url);
    const now = new Date().toISOString();
    switch (operationId) {
      case 'apps/get-authenticated':
        return { status: 200, body: { id: this.appId, slug: this.appSlug, name: 'gatecheck (course)', owner: { login: 'course' } } };
      case 'apps/create-installation-access-token': {
        const installationId = Number(segments[3]);
        const token = `${INSTALLATION_TOKEN_PREFIX}${randomBytes(18).toString('hex')}`;
        const expiresAt = Date.now() + (this.options.tokenLifetimeMs ?? 3_600_000);
        this.issuedTokens.set(token, { installationId, expiresAt });
        return { status: 201, body: { token, expires_at: new Date(expiresAt).toISOString().replace(/\.\d+Z$/, 'Z'), permissions: { checks: 'write' }, repository_selection: 'all' } };
      }
      case 'users/get-authenticated':
        return { status: 200, body: { login: this.tokenLogin, id: 7, type: 'User' } };
    }
    if (repo === null) return notFound;
    switch (operationId) {
      case 'git/get-commit': {
        const commit = repo.commits.get(segments[6]!);
        return commit ? { status: 200, body: { sha: segments[6], tree: { sha: commit.tree, url: '' }, parents: commit.parent ? [{ sha: commit.parent }] : [], message: 'work' } } : notFound;
      }
      case 'git/get-tree': {
        const sha = decodeURIComponent(segments.slice(6).join('/'));
        const entries = repo.trees.get(sha);
        if (!entries) return notFound;
        if (!url.searchParams.has('recursive')) return { status: 200, body: { sha, tree: entries, truncated: false } };
        const flat: TreeEntry[] = [];
        const walk = (list: TreeEntry[], prefix: string) => {
          for (const e of list) {
            flat.push({ ...e, path: `${prefix}${e.path}` });
            if (e.type === 'tree') walk(repo.trees.get(e.sha)!, `${prefix}${e.path}/`);
          }
        };
        walk(entries, '');
        return { status: 200, body: { sha, tree: flat, truncated: false } };
      }
      case 'git/get-blob': {
        const blob = repo.blobs.get(segments[6]!);
        return blob ? { status: 200, body: { sha: segments[6], size: blob.length, content: blob.toString('base64'), encoding: 'base64' } } : notFound;
      }
      case 'pulls/get': {
        const pull = repo.pulls.get(Number(segments[5]));
        return pull ? { status: 200, body: this.pullJson(repo, pull) } : notFound;
      }
      case 'pulls/list-files': {
        const pull = repo.pulls.get(Number(segments[5]));
        return pull ? this.page(url, pull.changedFiles) : notFound;
      }
      case 'repos/list-pull-requests-associated-with-commit': {
        const sha = segments[5];
        return { status: 200, body: [...repo.pulls.values()].filter((p) => p.headSha === sha).map((p) => this.pullJson(repo, p)) };
      }
      case 'checks/create': {
        if (!auth?.startsWith(`token ${INSTALLATION_TOKEN_PREFIX}`)) return { status: 403, body: { message: 'Resource not accessible by personal access token' } };
        if (!repo.commits.has(body.head_sha)) return { status: 422, body: { message: 'No commit found for SHA' } };
        const run: FakeCheckRun = {
          id: this.nextId++, name: body.name, headSha: body.head_sha, status: body.conclusion ? 'completed' : body.status ?? 'queued',
          conclusion: body.conclusion ?? null, externalId: body.external_id ?? null, output: { ...body.output, annotations: undefined },
          annotations: [...(body.output?.annotations ?? [])], history: [body],
        };
        repo.checkRuns.push(run);
        return { status: 201, body: { id: run.id, head_sha: run.headSha, name: run.name, status: run.status, conclusion: run.conclusion } };
      }
      case 'checks/update': {
        const run = repo.checkRuns.find((r) => r.id === Number(segments[5]));
        if (!run) return notFound;
        run.history.push(body);
        if (body.status) run.status = body.status;
        if (body.conclusion) { run.conclusion = body.conclusion; run.status = 'completed'; }
        if (body.output) {
          run.annotations.push(...(body.output.annotations ?? []));
          run.output = { ...run.output, ...body.output, annotations: undefined };
        }
        return { status: 200, body: { id: run.id, head_sha: run.headSha, name: run.name, status: run.status, conclusion: run.conclusion } };
      }
      case 'issues/list-comments': {
        const n = Number(segments[5]);
        return this.page(url, repo.comments.filter((c) => c.issueNumber === n).map((c) => this.commentJson(repo, c)));
      }
      case 'issues/create-comment': {
        const n = Number(segments[5]);
        if (!repo.pulls.has(n)) return notFound;
        const who = this.botLoginFor(auth);
        const comment: FakeComment = { id: this.nextId++, issueNumber: n, body: body.body, login: who.login, userType: who.type, edits: 0 };
        repo.comments.push(comment);
        return { status: 201, body: this.commentJson(repo, comment) };
      }
      case 'issues/update-comment': {
        const comment = repo.comments.find((c) => c.id === Number(segments[6]));
        if (!comment) return notFound;
        comment.body = body.body;
        comment.edits++;
        return { status: 200, body: this.commentJson(repo, comment) };
      }
      case 'repos/create-commit-status': {
        const sha = decodeURIComponent(segments.slice(5).join('/'));
        if (!repo.commits.has(sha)) return { status: 422, body: { message: 'No commit found for SHA' } };
        repo.statuses.push({ sha, state: body.state, context: body.context ?? 'default', description: body.description ?? null });
        return { status: 201, body: { id: this.nextId++, state: body.state, context: body.context, created_at: now } };
      }
    }
    this.violations.push(`fake GitHub does not implement ${operationId}`);
    return { status: 501, body: { message: `not implemented: ${operationId}` } };
  }

  private commentJson(repo: FakeRepo, c: FakeComment) {
    return {
      id: c.id, body: c.body, user: { login: c.login, id: 1, type: c.userType },
      html_url: `https://github.com/${repo.fullName}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    };
  }

  /** Requests for an operation, e.g. `issues/create-comment`. */
  calls(operationId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operationId === operationId);
  }
}
