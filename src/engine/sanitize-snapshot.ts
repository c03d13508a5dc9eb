import type { Answer, IssueSnapshot } from '../core/plan/plan-revision.js';
import { sanitizeInbound } from '../core/policy/sanitize-inbound.js';

export interface SanitizedInput {
  snapshot: IssueSnapshot;
  answers: Record<string, Answer>;
  feedback: string[];
  /** Count of removals per sanitiser pass over all the text (never the removed text itself). */
  removed: Record<string, number>;
}

/**
 * Every piece of user text passes the inbound sanitiser before it can reach a model (security.md
 * rule 5): hidden HTML comments, invisible Unicode, alt text, link titles and hidden attributes
 * are dropped, and what was dropped is counted so it can be reported.
 */
export function sanitizeSnapshot(
  snapshot: IssueSnapshot,
  answers: Record<string, Answer> = {},
  feedback: string[] = [],
): SanitizedInput {
  const removed: Record<string, number> = {};
  const clean = (text: string): string => {
    const result = sanitizeInbound(text);
    for (const [pass, count] of Object.entries(result.removed)) {
      if (count > 0) removed[pass] = (removed[pass] ?? 0) + count;
    }
    return result.text;
  };
  return {
    snapshot: {
      title: clean(snapshot.title),
      body: clean(snapshot.body),
      labels: snapshot.labels,
      comments: snapshot.comments.map((c) => ({ author: c.author, body: clean(c.body) })),
    },
    answers: Object.fromEntries(
      Object.entries(answers).map(([id, a]) => [id, { by: a.by, answer: clean(a.answer) }]),
    ),
    feedback: feedback.map(clean),
    removed,
  };
}
