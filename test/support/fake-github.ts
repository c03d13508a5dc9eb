import nock from 'nock';

/**
 * GitHub's REST API for one repository, faked at the HTTP edge with nock: an in-memory issue
 * tracker (issues, comments, labels, reactions, permissions, contents, pull requests, workflow
 * dispatches) that answers the real endpoints with GitHub's response shapes. Whoever sends a
 * request is known by its token, so comments get the right author — the App's installation token
 * writes as the App's bot, a user's token as that user. Tests drive people's actions directly
 * (`comment`, `label`) and the code under test through its real Octokit client.
 */

export interface FakeActor {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: FakeActor;
  created_at: string;
  updated_at: string;
}

interface FakeIssue {
  number: number;
  title: string;
  body: string;
  user: FakeActor;
  labels: string[];
  state: 'open' | 'closed';
  pull?: {
    head: string;
    base: string;
    draft: boolean;
    requested: string[];
    headSha?: string;
    baseSha?: string;
  };
  events: Array<{
    event: string;
    label?: string;
    rename?: { from: string; to: string };
    actor: FakeActor;
    created_at: string;
  }>;
  /** GraphQL `userContentEdits` of the body: the creation, then each edit (empty until edited). */
  bodyEdits: Array<{ editedAt: string; editor: FakeActor | null }>;
  created_at: string;
  /** Bumped by comments, labels and reviews, as GitHub does (the sweep's search filters on it). */
  updated_at: string;
  reactions: string[];
}

export const appBot: FakeActor = { login: 'maestro-app[bot]', id: 9000001, type: 'Bot' };

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  readonly api: string;
  readonly issues = new Map<number, FakeIssue>();
  readonly comments = new Map<number, FakeComment>();
  readonly permissions = new Map<string, string>();
  readonly files = new Map<string, string>();
  readonly dispatches: Array<{ workflow: string; ref: string; inputs: Record<string, string> }> = [];
  readonly cancelled: number[] = [];
  /**
   * Workflow runs whose state a test sets (`GET …/actions/runs/{id}`); any other id is a run in
   * progress, as the run a tracking comment names usually is. `gone` answers 404.
   */
  readonly workflowRuns = new Map<
    number,
    { status: 'queued' | 'in_progress' | 'completed' | 'gone'; conclusion?: string }
  >();
  /** Checks per commit sha (GitHub's check-run JSON), their annotations and job logs by run id. */
  readonly checkRuns = new Map<string, Array<Record<string, unknown>>>();
  readonly annotations = new Map<number, Array<Record<string, unknown>>>();
  readonly jobLogs = new Map<number, string>();
  /** Commit messages by sha (`GET /commits/{sha}`). */
  readonly commits = new Map<string, string>();
  /** Inline comments per review id, and the replies posted in their threads. */
  readonly reviewComments = new Map<
    number,
    Array<{ id: number; path: string; line: number; body: string; user: FakeActor }>
  >();
  readonly threadReplies: Array<{ pr: number; commentId: number; body: string; user: FakeActor }> = [];
  /** Submitted reviews (`review`), and what the search API reports as its remaining quota. */
  readonly reviews: Array<{
    pr: number;
    id: number;
    state: string;
    body: string;
    user: FakeActor;
    submitted_at: string;
  }> = [];
  searchRemaining = 30;
  /** The one installation `GET /app/installations` lists. */
  installationId = 4242;
  /** Reactions to comments, with who left them. */
  readonly commentReactions: Array<{ commentId: number; content: string; user: FakeActor }> = [];
  /** Every request, for assertions (method, path, body). */
  readonly log: Array<{ method: string; path: string; body: unknown; token?: string }> = [];
  /** Tokens → who sends the request. */
  readonly tokens = new Map<string, FakeActor>();
  /** Paths (`METHOD /path` regex) that fail with this status the next N times. */
  readonly failures: Array<{ match: RegExp; status: number; times: number; afterApplying?: boolean }> = [];
  defaultBranch = 'main';
  #nextId = 1000;
  #clock: () => Date;
  #scope: nock.Scope | undefined;

  constructor(options: { owner?: string; repo?: string; api?: string; clock?: () => Date } = {}) {
    this.owner = options.owner ?? 'octo-org';
    this.repo = options.repo ?? 'widgets';
    this.api = options.api ?? 'https://api.github.com';
    this.#clock = options.clock ?? (() => new Date());
  }

  get repoPath(): string {
    return `/repos/${this.owner}/${this.repo}`;
  }

  /** Starts answering requests (until `stop`). */
  start(): this {
    const scope = nock(this.api).persist();
    const fake = this;
    for (const method of ['get', 'post', 'patch', 'delete', 'put'] as const) {
      // A `function`, not an arrow: nock passes the intercepted request as `this.req`.
      scope[method](/.*/).reply(function (uri, body) {
        const auth = String(this.req.headers.authorization ?? '');
        fake.setToken(auth.replace(/^(token|bearer)\s+/i, '') || undefined);
        return fake.#handle(method.toUpperCase(), uri, body);
      });
    }
    this.#scope = scope;
    return this;
  }

  stop(): void {
    this.#scope?.persist(false);
    nock.cleanAll();
  }

  /**
   * One request answered as the API would, for a real HTTP server in front of this fake
   * (fake-github-server.ts: child processes, which nock cannot reach). `uri` is the path and query.
   */
  answer(
    method: string,
    uri: string,
    body: unknown,
    authorization: string | undefined,
  ): [number, unknown, Record<string, string>?] {
    this.setToken(String(authorization ?? '').replace(/^(token|bearer)\s+/i, '') || undefined);
    return this.#handle(method.toUpperCase(), uri, body);
  }

  // --- what people do -------------------------------------------------------------------------

  addIssue(input: { title: string; body: string; user: FakeActor; labels?: string[] }): FakeIssue {
    const number = this.issues.size + 1;
    const issue: FakeIssue = {
      number,
      title: input.title,
      body: input.body,
      user: input.user,
      labels: input.labels ?? [],
      state: 'open',
      events: [],
      bodyEdits: [],
      created_at: this.#now(),
      updated_at: this.#now(),
      reactions: [],
    };
    this.issues.set(number, issue);
    return issue;
  }

  /**
   * Someone edits the issue (GitHub's web UI or API): a body change lands in the GraphQL edit
   * history (with the creation as its first entry, as GitHub does), a title change is a `renamed`
   * event. `at` defaults to now.
   */
  editIssue(
    issue: number,
    change: { title?: string; body?: string },
    editor: FakeActor,
    at = this.#now(),
  ): void {
    this.#applyEdit(this.#issue(issue), change, editor, at);
  }

  #applyEdit(
    issue: FakeIssue,
    change: { title?: string; body?: string },
    editor: FakeActor,
    at: string,
  ): void {
    if (change.body !== undefined && change.body !== issue.body) {
      if (issue.bodyEdits.length === 0)
        issue.bodyEdits.push({ editedAt: issue.created_at, editor: issue.user });
      issue.bodyEdits.push({ editedAt: at, editor });
      issue.body = change.body;
    }
    if (change.title !== undefined && change.title !== issue.title) {
      issue.events.push({
        event: 'renamed',
        rename: { from: issue.title, to: change.title },
        actor: editor,
        created_at: at,
      });
      issue.title = change.title;
    }
  }

  label(issue: number, label: string, actor: FakeActor): string {
    const at = this.#now();
    const found = this.#issue(issue);
    if (!found.labels.includes(label)) found.labels.push(label);
    found.events.push({ event: 'labeled', label, actor, created_at: at });
    found.updated_at = at;
    return at;
  }

  /** Someone removes a label (an `unlabeled` event, as the web UI makes). */
  unlabel(issue: number, label: string, actor: FakeActor): string {
    const at = this.#now();
    const found = this.#issue(issue);
    found.labels = found.labels.filter((l) => l !== label);
    found.events.push({ event: 'unlabeled', label, actor, created_at: at });
    found.updated_at = at;
    return at;
  }

  /** Someone submits a review of a pull request. */
  review(pr: number, state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED', body: string, user: FakeActor) {
    const at = this.#now();
    const review = { id: this.#nextId++, state, body, user, submitted_at: at };
    this.reviews.push({ pr, ...review });
    this.#issue(pr).updated_at = at;
    return review;
  }

  comment(issue: number, body: string, user: FakeActor): FakeComment {
    const at = this.#now();
    const comment = { id: this.#nextId++, issue, body, user, created_at: at, updated_at: at };
    this.comments.set(comment.id, comment);
    const commented = this.issues.get(issue);
    if (commented) commented.updated_at = at;
    return comment;
  }

  editComment(id: number, body: string): void {
    const comment = this.comments.get(id);
    if (!comment) throw new Error(`no comment ${id}`);
    comment.body = body;
    comment.updated_at = new Date(Date.parse(this.#now()) + 1000).toISOString();
  }

  commentsOn(issue: number): FakeComment[] {
    return [...this.comments.values()].filter((c) => c.issue === issue).sort((a, b) => a.id - b.id);
  }

  pulls(): FakeIssue[] {
    return [...this.issues.values()].filter((i) => i.pull);
  }

  // --- the API --------------------------------------------------------------------------------

  #handle(method: string, uri: string, body: unknown): [number, unknown, Record<string, string>?] {
    const url = new URL(uri, this.api);
    const path = url.pathname.replace(/^\/api\/v3/, '');
    this.log.push({ method, path: `${path}${url.search}`, body, token: this.#currentToken });
    const failure = this.failures.find((f) => f.times > 0 && f.match.test(`${method} ${path}`));
    if (failure && !failure.afterApplying) {
      failure.times -= 1;
      return [failure.status, { message: 'injected failure' }];
    }
    const result = this.#route(method, path, url.searchParams, parseBody(body));
    if (failure?.afterApplying) {
      failure.times -= 1;
      return [failure.status, { message: 'injected failure after applying' }];
    }
    return result;
  }

  #route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
  ): [number, unknown, Record<string, string>?] {
    const base = this.repoPath;
    const sender = this.#sender();
    let m: RegExpExecArray | null;
    const is = (verb: string, re: RegExp): boolean => {
      if (method !== verb) return false;
      m = re.exec(path);
      return m !== null;
    };
    const n = (i: number) => Number(m?.[i]);

    if (is('GET', /^\/user$/))
      return sender.type === 'User'
        ? [200, sender]
        : [403, { message: 'Resource not accessible by integration' }];
    if (is('POST', /^\/graphql$/)) {
      const query = String(body.query ?? '');
      if (query.includes('userContentEdits')) {
        const number = Number((body.variables as { number?: unknown })?.number ?? body.number);
        const issue = this.issues.get(number);
        if (!issue) return [200, { data: { repository: { issue: null } }, errors: [{ type: 'NOT_FOUND' }] }];
        const nodes = issue.bodyEdits.slice(-100).map((e) => ({
          editedAt: e.editedAt,
          editor: e.editor ? { login: e.editor.login } : null,
        }));
        const hasPreviousPage = issue.bodyEdits.length > 100;
        return [
          200,
          { data: { repository: { issue: { userContentEdits: { pageInfo: { hasPreviousPage }, nodes } } } } },
        ];
      }
      if (query.includes('viewer'))
        return [200, { data: { viewer: { login: sender.login, databaseId: sender.id } } }];
      const pr = [...this.issues.values()].find(
        (i) => `PR_${i.number}` === (body.variables as { id?: string })?.id || `PR_${i.number}` === body.id,
      );
      if (pr?.pull) pr.pull.draft = query.includes('convertPullRequestToDraft');
      return [200, { data: {} }];
    }
    if (is('GET', new RegExp(`^${base}$`)))
      return [
        200,
        {
          name: this.repo,
          full_name: `${this.owner}/${this.repo}`,
          default_branch: this.defaultBranch,
          owner: { login: this.owner },
        },
      ];
    if (is('GET', new RegExp(`^${base}/collaborators/([^/]+)/permission$`))) {
      const login = decodeURIComponent(m![1]!);
      const role = this.permissions.get(login);
      if (!role) return [404, { message: 'Not Found' }];
      const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
      return [200, { permission, role_name: role, user: { login } }];
    }
    if (is('GET', new RegExp(`^${base}/contents/(.+)$`))) {
      const text = this.files.get(decodeURIComponent(m![1]!));
      if (text === undefined) return [404, { message: 'Not Found' }];
      return [
        200,
        {
          type: 'file',
          encoding: 'base64',
          content: Buffer.from(text).toString('base64'),
          sha: `blob${text.length}`,
        },
      ];
    }
    if (is('GET', new RegExp(`^${base}/issues$`))) {
      const label = query.get('labels');
      const list = [...this.issues.values()].filter(
        (i) => i.state === 'open' && (!label || i.labels.includes(label)),
      );
      return [200, list.map((i) => this.#issueJson(i))];
    }
    if (is('GET', new RegExp(`^${base}/issues/(\\d+)$`)))
      return this.#found(this.issues.get(n(1)), (i) => this.#issueJson(i));
    if (is('PATCH', new RegExp(`^${base}/issues/(\\d+)$`))) {
      const issue = this.#issue(n(1));
      this.#applyEdit(
        issue,
        {
          ...(typeof body.title === 'string' ? { title: body.title } : {}),
          ...(typeof body.body === 'string' ? { body: body.body } : {}),
        },
        sender,
        this.#now(),
      );
      return [200, this.#issueJson(issue)];
    }
    if (is('GET', new RegExp(`^${base}/issues/(\\d+)/events$`)))
      return [
        200,
        this.#issue(n(1)).events.map((e, i) => ({
          id: i + 1,
          event: e.event,
          ...(e.label !== undefined ? { label: { name: e.label } } : {}),
          ...(e.rename ? { rename: e.rename } : {}),
          actor: e.actor,
          created_at: e.created_at,
        })),
      ];
    if (is('GET', new RegExp(`^${base}/issues/(\\d+)/comments$`)))
      return [200, this.commentsOn(n(1)).map((c) => this.#commentJson(c))];
    if (is('POST', new RegExp(`^${base}/issues/(\\d+)/comments$`))) {
      const comment = this.comment(n(1), String(body.body), sender);
      return [201, this.#commentJson(comment)];
    }
    if (is('GET', new RegExp(`^${base}/issues/comments/(\\d+)$`)))
      return this.#found(this.comments.get(n(1)), (c) => this.#commentJson(c));
    if (is('PATCH', new RegExp(`^${base}/issues/comments/(\\d+)$`))) {
      const comment = this.comments.get(n(1));
      if (!comment) return [404, { message: 'Not Found' }];
      if (
        comment.user.id !== sender.id &&
        !['admin', 'maintain', 'write'].includes(this.permissions.get(sender.login) ?? '')
      )
        return [403, { message: "Must have write access to edit another user's comment" }];
      comment.body = String(body.body);
      comment.updated_at = this.#now();
      return [200, this.#commentJson(comment)];
    }
    if (is('POST', new RegExp(`^${base}/issues/comments/(\\d+)/reactions$`))) {
      this.commentReactions.push({ commentId: n(1), content: String(body.content), user: sender });
      return [201, { id: 1, content: body.content }];
    }
    if (is('GET', new RegExp(`^${base}/issues/comments/(\\d+)/reactions$`)))
      return [
        200,
        this.commentReactions
          .filter(
            (r) => r.commentId === n(1) && (!query.get('content') || r.content === query.get('content')),
          )
          .map((r, i) => ({ id: i + 1, content: r.content, user: r.user })),
      ];
    if (is('POST', new RegExp(`^${base}/issues/(\\d+)/reactions$`))) {
      this.#issue(n(1)).reactions.push(String(body.content));
      return [201, { id: 1, content: body.content }];
    }
    if (is('GET', new RegExp(`^${base}/issues/(\\d+)/labels$`)))
      return [200, this.#issue(n(1)).labels.map((name) => ({ name }))];
    if (is('POST', /^\/app\/installations\/(\d+)\/access_tokens$/)) {
      const token = [...this.tokens.entries()].find(([, actor]) => actor.id === appBot.id)?.[0];
      return [
        201,
        { token, expires_at: '2099-01-01T00:00:00Z', permissions: {}, repository_selection: 'all' },
      ];
    }
    // The App's installations and their repositories (the reconciliation sweep lists them).
    if (is('GET', /^\/app\/installations$/)) return [200, [{ id: this.installationId, suspended_at: null }]];
    if (is('GET', /^\/installation\/repositories$/))
      return [
        200,
        {
          total_count: 1,
          repositories: [{ name: this.repo, owner: { login: this.owner }, archived: false }],
        },
      ];
    if (is('GET', /^\/app$/))
      return [200, { id: 1, slug: appBot.login.replace('[bot]', ''), name: 'Maestro' }];
    if (is('GET', /^\/users\/([^/]+)$/)) {
      const login = decodeURIComponent(m![1]!);
      return login === appBot.login ? [200, appBot] : [404, { message: 'Not Found' }];
    }
    if (is('POST', new RegExp(`^${base}/issues/(\\d+)/labels$`))) {
      const issue = this.#issue(n(1));
      for (const l of (body.labels as string[]) ?? []) if (!issue.labels.includes(l)) issue.labels.push(l);
      return [200, issue.labels.map((name) => ({ name }))];
    }
    if (is('DELETE', new RegExp(`^${base}/issues/(\\d+)/labels/(.+)$`))) {
      const issue = this.#issue(n(1));
      const name = decodeURIComponent(m![2]!);
      if (!issue.labels.includes(name)) return [404, { message: 'Label does not exist' }];
      issue.labels = issue.labels.filter((l) => l !== name);
      return [200, issue.labels.map((l) => ({ name: l }))];
    }
    if (is('POST', new RegExp(`^${base}/actions/workflows/([^/]+)/dispatches$`))) {
      this.dispatches.push({
        workflow: decodeURIComponent(m![1]!),
        ref: String(body.ref),
        inputs: (body.inputs ?? {}) as Record<string, string>,
      });
      return [204, ''];
    }
    if (is('GET', new RegExp(`^${base}/actions/runs/(\\d+)$`))) {
      const run = this.workflowRuns.get(n(1)) ?? { status: 'in_progress' };
      return run.status === 'gone'
        ? [404, { message: 'Not Found' }]
        : [200, { id: n(1), status: run.status, conclusion: run.conclusion ?? null }];
    }
    if (is('POST', new RegExp(`^${base}/actions/runs/(\\d+)/cancel$`))) {
      this.cancelled.push(n(1));
      return [202, {}];
    }
    if (is('GET', new RegExp(`^${base}/commits/([0-9a-f]+)/check-runs$`))) {
      const runs = this.checkRuns.get(m![1]!) ?? [];
      return [200, { total_count: runs.length, check_runs: runs }];
    }
    if (is('GET', new RegExp(`^${base}/check-runs/(\\d+)/annotations$`)))
      return [200, this.annotations.get(n(1)) ?? []];
    // The real API answers with a redirect to a short-lived download URL.
    if (is('GET', new RegExp(`^${base}/actions/jobs/(\\d+)/logs$`)))
      return this.jobLogs.has(n(1))
        ? [302, '', { location: `${this.api}/_job-logs/${n(1)}` }]
        : [404, { message: 'Not Found' }];
    if (is('GET', /^\/_job-logs\/(\d+)$/))
      return [200, this.jobLogs.get(n(1)) ?? '', { 'content-type': 'text/plain' }];
    if (is('GET', new RegExp(`^${base}/commits/([0-9a-f]+)$`))) {
      const message = this.commits.get(m![1]!);
      return message === undefined
        ? [404, { message: 'Not Found' }]
        : [200, { sha: m![1], commit: { message } }];
    }
    if (is('GET', /^\/search\/issues$/)) return this.#search(query);
    if (is('GET', new RegExp(`^${base}/pulls/(\\d+)/reviews$`)))
      return [200, this.reviews.filter((r) => r.pr === n(1)).map(({ pr: _pr, ...r }) => r)];
    if (is('GET', new RegExp(`^${base}/pulls/(\\d+)/reviews/(\\d+)/comments$`)))
      return [
        200,
        (this.reviewComments.get(n(2)) ?? []).map((c) => ({
          ...c,
          original_line: c.line,
          pull_request_review_id: n(2),
        })),
      ];
    if (is('POST', new RegExp(`^${base}/pulls/(\\d+)/comments/(\\d+)/replies$`))) {
      this.threadReplies.push({ pr: n(1), commentId: n(2), body: String(body.body ?? ''), user: sender });
      return [201, { id: this.#nextId++, body: body.body, in_reply_to_id: n(2), user: sender }];
    }
    if (is('GET', new RegExp(`^${base}/pulls$`))) {
      const head = query.get('head')?.split(':')[1];
      return [
        200,
        this.pulls()
          .filter((p) => p.state === 'open' && (!head || p.pull?.head === head))
          .map((p) => this.#pullJson(p)),
      ];
    }
    if (is('POST', new RegExp(`^${base}/pulls$`))) {
      if (this.pulls().some((p) => p.state === 'open' && p.pull?.head === body.head))
        return [
          422,
          {
            message: 'Validation Failed',
            errors: [{ message: `A pull request already exists for ${this.owner}:${String(body.head)}.` }],
          },
        ];
      const pr = this.addIssue({ title: String(body.title), body: String(body.body ?? ''), user: sender });
      pr.pull = {
        head: String(body.head),
        base: String(body.base),
        draft: body.draft === true,
        requested: [],
      };
      return [201, this.#pullJson(pr)];
    }
    if (is('GET', new RegExp(`^${base}/pulls/(\\d+)$`)))
      return this.#found(this.issues.get(n(1))?.pull ? this.issues.get(n(1)) : undefined, (p) =>
        this.#pullJson(p),
      );
    if (is('PATCH', new RegExp(`^${base}/pulls/(\\d+)$`))) {
      const pr = this.#issue(n(1));
      if (typeof body.title === 'string') pr.title = body.title;
      if (typeof body.body === 'string') pr.body = body.body;
      return [200, this.#pullJson(pr)];
    }
    if (is('POST', new RegExp(`^${base}/pulls/(\\d+)/requested_reviewers$`))) {
      const pr = this.#issue(n(1));
      pr.pull?.requested.push(...((body.reviewers as string[]) ?? []));
      return [201, this.#pullJson(pr)];
    }
    return [404, { message: `FakeGitHub has no route for ${method} ${path}` }];
  }

  // --- helpers --------------------------------------------------------------------------------

  /** `GET /search/issues` for `repo:<this> updated:>=<time>`, sorted by update, paged. */
  #search(query: URLSearchParams): [number, unknown, Record<string, string>] {
    this.searchRemaining = Math.max(0, this.searchRemaining - 1);
    const q = query.get('q') ?? '';
    const since = /updated:>=(\S+)/.exec(q)?.[1];
    const perPage = Number(query.get('per_page') ?? 30);
    const page = Number(query.get('page') ?? 1);
    const all = [...this.issues.values()]
      .filter(() => q.includes(`repo:${this.owner}/${this.repo}`))
      .filter((i) => !since || i.updated_at >= since)
      .sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.number - b.number);
    const items = all.slice((page - 1) * perPage, page * perPage).map((i) => ({
      ...this.#issueJson(i),
      updated_at: i.updated_at,
    }));
    return [
      200,
      { total_count: all.length, incomplete_results: false, items },
      { 'x-ratelimit-remaining': String(this.searchRemaining), 'x-ratelimit-resource': 'search' },
    ];
  }

  #currentToken: string | undefined;

  #sender(): FakeActor {
    const token = this.#currentToken;
    return (token && this.tokens.get(token)) || { login: 'anonymous', id: 0, type: 'User' };
  }

  /** Called before each reply (see `start`): remembers who is asking. */
  setToken(token: string | undefined): void {
    this.#currentToken = token;
  }

  #issue(n: number): FakeIssue {
    const issue = this.issues.get(n);
    if (!issue) throw new Error(`FakeGitHub: no issue #${n}`);
    return issue;
  }

  #found<T>(value: T | undefined, json: (v: T) => unknown): [number, unknown] {
    return value === undefined ? [404, { message: 'Not Found' }] : [200, json(value)];
  }

  #now(): string {
    return this.#clock().toISOString();
  }

  #issueJson(i: FakeIssue) {
    return {
      number: i.number,
      title: i.title,
      body: i.body,
      user: i.user,
      labels: i.labels.map((name) => ({ name })),
      state: i.state,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${i.number}`,
      ...(i.pull ? { pull_request: { url: `${this.api}${this.repoPath}/pulls/${i.number}` } } : {}),
    };
  }

  #commentJson(c: FakeComment) {
    return {
      id: c.id,
      body: c.body,
      user: c.user,
      created_at: c.created_at,
      updated_at: c.updated_at,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${c.issue}#issuecomment-${c.id}`,
    };
  }

  #pullJson(p: FakeIssue) {
    return {
      number: p.number,
      node_id: `PR_${p.number}`,
      title: p.title,
      body: p.body,
      state: p.state,
      draft: p.pull?.draft ?? false,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${p.number}`,
      head: {
        ref: p.pull?.head,
        label: `${this.owner}:${p.pull?.head}`,
        repo: { full_name: `${this.owner}/${this.repo}` },
        ...(p.pull?.headSha ? { sha: p.pull.headSha } : {}),
      },
      base: { ref: p.pull?.base, ...(p.pull?.baseSha ? { sha: p.pull.baseSha } : {}) },
      user: p.user,
      requested_reviewers: (p.pull?.requested ?? []).map((login) => ({ login })),
    };
  }
}

function parseBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'string') return (body ?? {}) as Record<string, unknown>;
  try {
    return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
