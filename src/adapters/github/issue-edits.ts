import { z } from 'zod';
import { parseOrThrow } from '../../core/parse.js';
import type { IssueEdit, IssueEdits } from '../../ports/issue-host-port.js';
import type { GitHubContext } from './github-client.js';
import { toGitHubApiError } from './github-errors.js';
import { labelEvents } from './github-schemas.js';
import { issueEvents } from './issues.js';

/*
 * Who changed an issue's text since it was opened. Body edits come from GraphQL
 * (`userContentEdits`, newest 100; REST has no edit history); title changes are the `renamed`
 * events of the REST events API, which also gives the actor.
 */

const ISSUES_READ = 'Issues: read';

const BODY_EDITS_QUERY = `query($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      userContentEdits(last: 100) {
        pageInfo { hasPreviousPage }
        nodes { editedAt editor { login } }
      }
    }
  }
}`;

const bodyEditsSchema = z.object({
  repository: z.object({
    issue: z.object({
      userContentEdits: z.object({
        pageInfo: z.object({ hasPreviousPage: z.boolean() }),
        nodes: z.array(
          z.object({ editedAt: z.string(), editor: z.object({ login: z.string() }).nullish() }).nullable(),
        ),
      }),
    }),
  }),
});

export async function issueEdits(ctx: GitHubContext, issue: number): Promise<IssueEdits> {
  const [body, renames] = await Promise.all([bodyEdits(ctx, issue), titleEdits(ctx, issue)]);
  const edits = [...body.edits, ...renames].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return body.olderThan === undefined ? { edits } : { edits, olderThan: body.olderThan };
}

async function bodyEdits(ctx: GitHubContext, issue: number): Promise<IssueEdits> {
  let data: unknown;
  try {
    data = await ctx.client.graphql(BODY_EDITS_QUERY, { ...ctx.repo, number: issue });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `read the edit history of issue #${issue}`, ISSUES_READ);
  }
  const history = parseOrThrow(bodyEditsSchema, data, `GitHub edit history of issue #${issue}`).repository
    .issue.userContentEdits;
  const edits: IssueEdit[] = history.nodes
    .filter((node) => node !== null)
    .map((node) => ({ part: 'body', editor: node.editor?.login, at: node.editedAt }));
  const oldest = edits.map((e) => e.at).sort()[0];
  return history.pageInfo.hasPreviousPage && oldest !== undefined ? { edits, olderThan: oldest } : { edits };
}

async function titleEdits(ctx: GitHubContext, issue: number): Promise<IssueEdit[]> {
  const items = await issueEvents(ctx, issue);
  return labelEvents(items, `GitHub events of issue #${issue}`)
    .filter((e) => e.event === 'renamed')
    .map((e) => ({ part: 'title', editor: e.actor?.login, at: e.created_at }));
}
