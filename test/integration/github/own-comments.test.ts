import { describe, expect, it } from 'vitest';
import { GitHubApiError, MaestroError } from '../../../src/core/errors.js';
import { GITHUB_BODY_LIMIT } from '../../../src/core/policy/outbound/truncate-body.js';
import { parseStateMarker, renderStateMarker } from '../../../src/core/state/state-marker.js';
import {
  ALICE,
  BOT,
  bodyRecorder,
  CONFIGURED_SECRET,
  commentJson,
  github,
  IMPOSTOR,
  PLANTED_PAT,
  REPO_PATH,
  TOKEN,
  testHost,
} from './github-test-kit.js';

const COMMENTS = `${REPO_PATH}/issues/7/comments`;
const planMarker = (revision: number) => renderStateMarker({ kind: 'plan', issue: 7, revision });

describe('finding Maestro’s own comments', () => {
  it('ignores a copied marker in a user’s comment and in an impostor bot’s comment', async () => {
    const scope = github()
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [
        commentJson(1, `Looks good\n\n${planMarker(9)}`, ALICE),
        commentJson(2, `Plan v1\n\n${planMarker(1)}`, BOT),
        commentJson(3, `Forged\n\n${planMarker(5)}`, IMPOSTOR),
      ]);
    const { host } = testHost();

    const found = await host.findOwnComment(7, { kind: 'plan' });

    expect(scope.isDone()).toBe(true);
    expect(found?.comment.id).toBe(2);
    expect(found?.state.revision).toBe(1);
    expect(found?.visible).toBe('Plan v1');
  });

  it('returns the last plan when there are several, and finds nothing when only others carry markers', async () => {
    const scope = github()
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [
        commentJson(2, `Plan v1\n\n${planMarker(1)}`, BOT),
        commentJson(4, `Plan v2\n\n${planMarker(2)}`, BOT),
      ])
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [commentJson(1, `x\n\n${planMarker(9)}`, ALICE)]);
    const { host } = testHost();

    expect((await host.findOwnComment(7, { kind: 'plan' }))?.comment.id).toBe(4);
    expect(await host.findOwnComment(7, { kind: 'plan' })).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it('follows pagination across pages', async () => {
    const page2 = `https://api.github.com${COMMENTS}?per_page=100&page=2`;
    const scope = github()
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [commentJson(1, 'hello', ALICE)], { link: `<${page2}>; rel="next"` })
      .get(COMMENTS)
      .query({ per_page: 100, page: 2 })
      .reply(200, [commentJson(2, `Tracking\n\n${renderStateMarker({ kind: 'tracking' })}`)]);
    const { host } = testHost();

    const comments = await host.listComments(7);
    expect(comments.map((c) => c.id)).toEqual([1, 2]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('upsertOwnComment', () => {
  it('edits the existing comment instead of posting a second one', async () => {
    const { bodies, record } = bodyRecorder();
    const scope = github()
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [commentJson(2, `Plan v1\n\n${planMarker(1)}`)])
      .patch(`${REPO_PATH}/issues/comments/2`, record)
      .reply(200, (_uri, body) => commentJson(2, (body as { body: string }).body));
    const { host } = testHost();

    const comment = await host.upsertOwnComment(7, { kind: 'plan', issue: 7, revision: 2 }, 'Plan v2');

    expect(scope.isDone()).toBe(true);
    expect(comment.id).toBe(2);
    const parsed = parseStateMarker(String(bodies[0]?.body));
    expect(parsed).toEqual({ kind: 'found', state: { kind: 'plan', issue: 7, revision: 2 } });
    expect(String(bodies[0]?.body)).toMatch(/^Plan v2\n\n<!-- maestro:state v1 /);
  });

  it('stores the key in the marker and creates when none matches', async () => {
    const { bodies, record } = bodyRecorder();
    const scope = github()
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [])
      .post(COMMENTS, record)
      .reply(201, (_uri, body) => commentJson(10, (body as { body: string }).body));
    const { host } = testHost();

    await host.upsertOwnComment(7, { kind: 'notice', key: 'config:abc' }, 'Config is invalid.');

    expect(scope.isDone()).toBe(true);
    expect(parseStateMarker(String(bodies[0]?.body))).toEqual({
      kind: 'found',
      state: { kind: 'notice', data: { key: 'config:abc' } },
    });
  });

  it('a POST that answers 502 but succeeded still leaves exactly one comment', async () => {
    const posted = bodyRecorder();
    let postedBody = '';
    const scope = github()
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [])
      .post(COMMENTS, (body: { body: string }) => {
        postedBody = body.body;
        return posted.record(body);
      })
      .reply(502, { message: 'Bad Gateway' })
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, () => [commentJson(11, postedBody)]);
    const { host, logger } = testHost();

    const comment = await host.upsertOwnComment(7, { kind: 'tracking', issue: 7 }, 'Running…');

    expect(scope.isDone()).toBe(true);
    expect(posted.bodies).toHaveLength(1);
    expect(comment.id).toBe(11);
    expect(logger.lines.join('\n')).toMatch(/failed ambiguously/);
  });

  it('a POST that times out and did not post is posted exactly once more', async () => {
    const posted = bodyRecorder();
    const scope = github()
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [])
      .post(COMMENTS, posted.record)
      .delay(1_000)
      .reply(201, {})
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [])
      .post(COMMENTS, posted.record)
      .reply(201, (_uri, body) => commentJson(12, (body as { body: string }).body));
    const { host } = testHost({ timeoutMs: 100 });

    const comment = await host.upsertOwnComment(7, { kind: 'tracking', issue: 7 }, 'Running…');

    expect(scope.isDone()).toBe(true);
    expect(posted.bodies).toHaveLength(2);
    expect(comment.id).toBe(12);
  });

  it('a definite refusal (403) is not retried and becomes a GitHubApiError naming the permission, without the token', async () => {
    const scope = github()
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [])
      .post(COMMENTS)
      .reply(403, { message: `Resource not accessible by integration (token ${TOKEN})` });
    const { host } = testHost();

    const error = await host.upsertOwnComment(7, { kind: 'tracking' }, 'x').catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).code).toBe('github.forbidden');
    expect((error as Error).message).toMatch(/Couldn't comment on issue #7 in acme\/widgets/);
    expect((error as Error).message).toMatch(/"Issues: write"/);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('sends a 200,000-character body under 65,536 characters with the marker intact', async () => {
    const { bodies, record } = bodyRecorder();
    const scope = github()
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [])
      .post(COMMENTS, record)
      .reply(201, (_uri, body) => commentJson(13, (body as { body: string }).body));
    const { host } = testHost();
    const state = { kind: 'plan' as const, issue: 7, revision: 3, hash: 'h'.repeat(64) };

    await host.upsertOwnComment(7, state, 'word '.repeat(40_000));

    expect(scope.isDone()).toBe(true);
    const body = String(bodies[0]?.body);
    expect(body.length).toBeLessThan(GITHUB_BODY_LIMIT);
    expect(body).toContain('…truncated');
    expect(body.endsWith(renderStateMarker(state))).toBe(true);
    expect(parseStateMarker(body)).toEqual({ kind: 'found', state });
  });

  it('refuses a marker over 40,000 characters before sending anything', async () => {
    const { host } = testHost();
    const state = { kind: 'plan' as const, data: { blob: 'x'.repeat(40_000) } };

    const error = await host.upsertOwnComment(7, state, 'text').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MaestroError);
    expect((error as Error).message).toMatch(/state marker .* over the 40000 allowed/);
  });
});

describe('reply', () => {
  it('posts once per key: the second call finds the first and posts nothing', async () => {
    let posted = '';
    const scope = github()
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [])
      .post(COMMENTS, (body: { body: string }) => {
        posted = body.body;
        return true;
      })
      .reply(201, () => commentJson(20, posted))
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, () => [commentJson(20, posted)]);
    const { host } = testHost();

    const first = await host.reply(7, 'reply:555', 'Only writers can approve.');
    const second = await host.reply(7, 'reply:555', 'Only writers can approve.');

    expect(scope.isDone()).toBe(true);
    expect(second.id).toBe(first.id);
    expect(parseStateMarker(posted)).toEqual({
      kind: 'found',
      state: { kind: 'notice', issue: 7, data: { key: 'reply:555' } },
    });
  });

  it('does not count a user’s comment with a copied notice marker as the reply', async () => {
    const copied = renderStateMarker({ kind: 'notice', issue: 7, data: { key: 'reply:555' } });
    const scope = github()
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [commentJson(3, `me too\n\n${copied}`, ALICE)])
      .post(COMMENTS)
      .reply(201, (_uri, body) => commentJson(21, (body as { body: string }).body));
    const { host } = testHost();

    expect((await host.reply(7, 'reply:555', 'Noted.')).id).toBe(21);
    expect(scope.isDone()).toBe(true);
  });
});

describe('outbound redaction', () => {
  it('never sends a planted token, a configured secret or a forged marker in any body', async () => {
    const recorder = bodyRecorder();
    const forged = renderStateMarker({ kind: 'plan', issue: 7, revision: 99 });
    const scope = github()
      .get(COMMENTS)
      .query({ per_page: 100 })
      .times(2)
      .reply(200, [])
      .post(COMMENTS, recorder.record)
      .times(2)
      .reply(201, (_uri, body) => commentJson(30, (body as { body: string }).body));
    const { host } = testHost();
    const text = `Token ${PLANTED_PAT}, key ${CONFIGURED_SECRET}, b64 ${Buffer.from(CONFIGURED_SECRET).toString('base64')}\n${forged}`;

    await host.upsertOwnComment(7, { kind: 'tracking', issue: 7 }, text);
    await host.reply(7, 'reply:1', text);

    expect(scope.isDone()).toBe(true);
    const raw = recorder.raw();
    expect(raw).not.toContain(PLANTED_PAT);
    expect(raw).not.toContain(CONFIGURED_SECRET);
    expect(raw).not.toContain(Buffer.from(CONFIGURED_SECRET).toString('base64'));
    expect(raw).toContain('[REDACTED]');
    // The only live marker is Maestro's own, at the end; the forged one is escaped.
    const states = recorder.bodies.map((b) => parseStateMarker(String(b.body)));
    expect(states.map((s) => (s.kind === 'found' ? s.state.kind : s.kind))).toEqual(['tracking', 'notice']);
    for (const body of recorder.bodies)
      expect(String(body.body).match(/<!-- maestro:state/g)).toHaveLength(1);
  });
});
