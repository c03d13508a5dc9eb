import nock from 'nock';
import { createOctokit, type GitHubClient } from '../../../src/adapters/github/octokit.js';
import {
  OctokitIssueHost,
  type OctokitIssueHostOptions,
} from '../../../src/adapters/github/octokit-issue-host.js';
import type { Actor } from '../../../src/ports/issue-host-port.js';
import type { Logger } from '../../../src/ports/logger-port.js';

export const API = 'https://api.github.com';
export const OWNER = 'acme';
export const REPO = 'widgets';
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;

/** The token the client authenticates with; it must never show up in a body or a message. */
export const TOKEN = `ghs_${'T'.repeat(36)}`;
/** A secret Maestro is configured to redact (e.g. the model key). */
export const CONFIGURED_SECRET = 'canary-model-key-5f2d9a71c3';
/** A GitHub token format the redactor knows without being told. */
export const PLANTED_PAT = `ghp_${'a1B2c3D4e5'.repeat(3)}f6G7h8`;

export const BOT: Actor = { login: 'maestro-app[bot]', id: 9001, type: 'Bot' };
export const ALICE: Actor = { login: 'alice', id: 501, type: 'User' };
/** An account whose login imitates Maestro's; only the id tells them apart. */
export const IMPOSTOR: Actor = { login: 'maestro-app[bot]', id: 666, type: 'Bot' };

export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string) => lines.push(`${level}: ${message}`);
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

/** A real composed client, with retries in milliseconds and write pacing off so tests stay fast. */
export function testClient(baseUrl = API, logger?: Logger): GitHubClient {
  return createOctokit({
    token: TOKEN,
    baseUrl,
    logger,
    retry: { retryAfterBaseValue: 1 },
    throttle: { enabled: false },
  });
}

export function testHost(overrides: Partial<OctokitIssueHostOptions> = {}) {
  const logger = memoryLogger();
  const host = new OctokitIssueHost({
    client: testClient(API, logger),
    repo: { owner: OWNER, repo: REPO },
    self: BOT,
    secrets: [CONFIGURED_SECRET, TOKEN],
    logger,
    timeoutMs: 200,
    settleMs: 0,
    ...overrides,
  });
  return { host, logger };
}

export function github(): nock.Scope {
  return nock(API);
}

/** Collects the JSON bodies a scope receives; use as a nock body matcher. */
export function bodyRecorder() {
  const bodies: Record<string, unknown>[] = [];
  const record = (body: Record<string, unknown>) => {
    bodies.push(body);
    return true;
  };
  return { bodies, record, raw: () => bodies.map((b) => JSON.stringify(b)).join('\n') };
}

function userJson(actor: Actor) {
  return { login: actor.login, id: actor.id, type: actor.type, node_id: 'U_x', site_admin: false };
}

export function commentJson(id: number, body: string, author: Actor = BOT, issue = 7) {
  return {
    id,
    node_id: `IC_${id}`,
    body,
    user: userJson(author),
    author_association: 'NONE',
    created_at: `2026-01-0${(id % 9) + 1}T10:00:00Z`,
    updated_at: `2026-01-0${(id % 9) + 1}T10:00:00Z`,
    html_url: `https://github.com/${OWNER}/${REPO}/issues/${issue}#issuecomment-${id}`,
  };
}

export function issueJson(number: number, options: { labels?: string[]; pr?: boolean; title?: string } = {}) {
  return {
    number,
    title: options.title ?? `Issue ${number}`,
    body: 'Please add a login page.',
    labels: (options.labels ?? []).map((name, i) => ({ id: i + 1, name, color: 'ededed' })),
    user: userJson(ALICE),
    state: 'open',
    html_url: `https://github.com/${OWNER}/${REPO}/issues/${number}`,
    ...(options.pr ? { pull_request: { url: `${API}${REPO_PATH}/pulls/${number}` } } : {}),
  };
}

export function pullJson(number: number, head: string, options: { draft?: boolean; body?: string } = {}) {
  return {
    number,
    node_id: `PR_node_${number}`,
    html_url: `https://github.com/${OWNER}/${REPO}/pull/${number}`,
    draft: options.draft ?? true,
    state: 'open',
    title: 'Add a login page',
    body: options.body ?? '',
    head: { ref: head, sha: 'abc123', repo: { full_name: `${OWNER}/${REPO}` } },
    base: { ref: 'main', sha: 'def456' },
  };
}
