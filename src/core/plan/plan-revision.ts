import { z } from 'zod';
import { shortHash } from './canonical-hash.js';
import { type Decision, decisionSchema } from './decision.js';
import { type PlanDraft, planDraftSchema } from './plan-schema.js';

/** What the plan was built from; hashed so an approval is void when the issue changes. */
export const issueSnapshotSchema = z.object({
  title: z.string(),
  body: z.string(),
  labels: z.array(z.string()).default([]),
  /** Trusted comments only (writers and the issue author, before the trigger), already sanitised. */
  comments: z.array(z.object({ author: z.string(), body: z.string() })).default([]),
});
export type IssueSnapshot = z.infer<typeof issueSnapshotSchema>;

export const answerSchema = z.object({
  answer: z.string(),
  /** Who answered: a GitHub login, `local user`, or `default` when the assumed answer was taken. */
  by: z.string(),
});
export type Answer = z.infer<typeof answerSchema>;

/** One revision of the plan: the model's draft plus everything that shaped it. */
export const planRevisionSchema = z.object({
  number: z.number().int().min(1),
  /** Short content hash; `/maestro approve <hash>` binds to it. */
  hash: z.string(),
  issueSnapshotHash: z.string(),
  chain: z.string(),
  createdAt: z.string(),
  draft: planDraftSchema,
  /** Repository-derived decisions followed by the planner's, as shown to people. */
  decisions: z.array(decisionSchema),
  answers: z.record(z.string(), answerSchema).default({}),
  /** `/maestro revise` feedback that produced this revision, oldest first. */
  feedback: z.array(z.string()).default([]),
});
export type PlanRevision = z.infer<typeof planRevisionSchema>;

export function issueSnapshotHash(snapshot: IssueSnapshot): string {
  return shortHash(snapshot);
}

export interface NewRevisionInput {
  number: number;
  chain: string;
  snapshot: IssueSnapshot;
  draft: PlanDraft;
  decisions: Decision[];
  answers?: Record<string, Answer>;
  feedback?: string[];
  createdAt: Date;
}

/**
 * Builds a revision and its hash. The hash covers what a reviewer approves — chain, draft,
 * decisions, answers, feedback and the issue snapshot — and not the revision number or the time,
 * so re-rendering the same plan never changes what an approval points at.
 */
export function createRevision(input: NewRevisionInput): PlanRevision {
  const snapshotHash = issueSnapshotHash(input.snapshot);
  const answers = input.answers ?? {};
  const feedback = input.feedback ?? [];
  const hash = revisionHash({
    chain: input.chain,
    draft: input.draft,
    decisions: input.decisions,
    answers,
    feedback,
    issueSnapshotHash: snapshotHash,
  });
  return {
    number: input.number,
    hash,
    issueSnapshotHash: snapshotHash,
    chain: input.chain,
    createdAt: input.createdAt.toISOString(),
    draft: input.draft,
    decisions: input.decisions,
    answers,
    feedback,
  };
}

export function revisionHash(content: Omit<PlanRevision, 'number' | 'hash' | 'createdAt'>): string {
  return shortHash(content);
}

/** Recomputes the hash from the content: a stored revision whose hash no longer matches was tampered with. */
export function verifyRevisionHash(revision: PlanRevision): boolean {
  const { number: _n, hash, createdAt: _c, ...content } = revision;
  return revisionHash(content) === hash;
}

/** Questions still open: no answer recorded in this revision. */
export function openQuestions(revision: PlanRevision) {
  return revision.draft.questions.filter((q) => revision.answers[q.id] === undefined);
}
