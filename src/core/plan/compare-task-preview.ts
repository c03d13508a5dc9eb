import { flattenTasks, type TaskPlan } from '../tasks/task-schema.js';
import type { Requirement, TaskPreview } from './plan-schema.js';

/** A task or an epic as a change names it: its id and its (model-written) title. */
export interface DriftItem {
  id: string;
  title: string;
}

/** One difference between the approved task preview and the generated task plan. */
export type DriftChange =
  /** A generated task that refines no previewed task. */
  | { kind: 'added'; task: DriftItem }
  /** A previewed task that no generated task refines. */
  | { kind: 'dropped'; task: DriftItem }
  /** Two or more previewed tasks refined by one generated task. */
  | { kind: 'merged'; from: DriftItem[]; into: DriftItem }
  /** One previewed task refined into several generated tasks (a refinement, not a replacement). */
  | { kind: 'split'; from: DriftItem; into: DriftItem[] }
  | { kind: 'epic-added'; epic: DriftItem }
  | { kind: 'epic-dropped'; epic: DriftItem };

/** How the generated task plan relates to the task preview the maintainer approved. */
export type PlanDrift =
  /** Every previewed task is refined by exactly one generated task, and nothing else was planned. */
  | { kind: 'same' }
  /** The plan differs from the preview, but every requirement the preview served is still served. */
  | { kind: 'refined'; changes: DriftChange[] }
  /** A requirement the preview served has no task any more: the run must stop for re-approval. */
  | { kind: 'needs-reapproval'; changes: DriftChange[]; droppedRequirements: string[]; why: string };

/** Token Jaccard similarity from which two titles name the same task. */
const TITLE_MATCH = 0.6;
/** Share of a previewed title's tokens a merged task's title must contain to mention that task. */
const MENTION = 0.6;

interface Entry {
  id: string;
  title: string;
  requirements: readonly string[];
  tokens: ReadonlySet<string>;
}
interface Previewed extends Entry {
  epic: string;
}

/**
 * Compares the generated task plan with the approved preview ("the plan you approve is the plan
 * that runs"). Pure and deterministic: every tie falls back on the order of the preview and plan.
 *
 *  1. A generated task refines the previewed task with its id, else the one its id refines
 *     (`T1.1`, `T1a`, `E1.T1` for `T1` in `E1`; the longest such id wins).
 *  2. A generated task without an id match refines the previewed task with the most similar
 *     title, when the similarity reaches `TITLE_MATCH` (a renamed or renumbered task).
 *  3. A previewed task still unmatched is merged into a generated task whose title is similar to
 *     its own, or whose requirements cover its requirements and whose title mentions it and every
 *     other task it refines.
 *  4. A requirement served by the preview and by no generated task is dropped, whatever the
 *     matching says: requirements, not titles, decide whether the run needs re-approval.
 */
export function comparePlanToPreview(
  preview: TaskPreview,
  plan: TaskPlan,
  requirements: readonly Requirement[],
): PlanDrift {
  const previewed: Previewed[] = preview.epics.flatMap((epic) =>
    epic.tasks.map((task) => ({ ...entry(task), epic: epic.id })),
  );
  const generated = flattenTasks(plan).map(entry);
  const links = matchTasks(previewed, generated);
  const changes = [...taskChanges(previewed, generated, links), ...epicChanges(preview, plan)];

  const droppedRequirements = unservedRequirements(previewed, generated, requirements);
  if (droppedRequirements.length > 0) {
    const why = explainDropped(droppedRequirements, previewed, generated, links);
    return { kind: 'needs-reapproval', changes, droppedRequirements, why };
  }
  return changes.length > 0 ? { kind: 'refined', changes } : { kind: 'same' };
}

/** Which generated tasks refine each previewed task, and the reverse; indices, in input order. */
interface Links {
  byPreviewed: number[][];
  byGenerated: number[][];
}

function matchTasks(previewed: readonly Previewed[], generated: readonly Entry[]): Links {
  const links: Links = { byPreviewed: previewed.map(() => []), byGenerated: generated.map(() => []) };
  const link = (g: number, p: number) => {
    links.byGenerated[g]!.push(p);
    links.byPreviewed[p]!.push(g);
  };
  const byId = generated.map((task) => idMatch(task.id, previewed));
  byId.forEach((p, g) => {
    if (p !== undefined) link(g, p);
  });
  generated.forEach((task, g) => {
    if (byId[g] !== undefined) return;
    const p = bestTitleMatch(task, previewed, (i) => links.byPreviewed[i]!.length === 0);
    if (p !== undefined) link(g, p);
  });
  previewed.forEach((task, p) => {
    if (links.byPreviewed[p]!.length > 0) return;
    const g = mergeTarget(task, generated, previewed, links);
    if (g !== undefined) link(g, p);
  });
  for (const list of [...links.byPreviewed, ...links.byGenerated]) list.sort((a, b) => a - b);
  return links;
}

/** The previewed task with this id, else the one whose id (or epic-qualified id) this id refines. */
function idMatch(id: string, previewed: readonly Previewed[]): number | undefined {
  const exact = previewed.findIndex((task) => task.id === id);
  if (exact >= 0) return exact;
  let best: { p: number; length: number } | undefined;
  previewed.forEach((task, p) => {
    for (const base of [task.id, `${task.epic}.${task.id}`]) {
      if (refinesId(id, base) && base.length > (best?.length ?? 0)) best = { p, length: base.length };
    }
  });
  return best?.p;
}

/** `T1.1`, `T1-2`, `T1_a`, `T1a`, `T1b.2` refine `T1`, and so does `T1` itself; `T10` and `T1ab` do not. */
function refinesId(id: string, base: string): boolean {
  if (id === base) return true;
  if (!id.startsWith(base)) return false;
  const rest = id.slice(base.length);
  if (/^[._-][A-Za-z0-9]/.test(rest)) return true;
  return /\d$/.test(base) && /^[A-Za-z](?:$|[._-][A-Za-z0-9])/.test(rest);
}

/** The most similar previewed title at or above `TITLE_MATCH`; ties prefer `preferred`, then order. */
function bestTitleMatch(
  task: Entry,
  previewed: readonly Previewed[],
  preferred: (p: number) => boolean,
): number | undefined {
  let best: { p: number; score: number; preferred: boolean } | undefined;
  previewed.forEach((candidate, p) => {
    const score = jaccard(task.tokens, candidate.tokens);
    if (score < TITLE_MATCH) return;
    const isPreferred = preferred(p);
    if (!best || score > best.score || (score === best.score && isPreferred && !best.preferred)) {
      best = { p, score, preferred: isPreferred };
    }
  });
  return best?.p;
}

/** The generated task an unmatched previewed task was merged into, if any (step 3). */
function mergeTarget(
  task: Previewed,
  generated: readonly Entry[],
  previewed: readonly Previewed[],
  links: Links,
): number | undefined {
  const bySimilarTitle = bestBy(generated, (candidate) => {
    const score = jaccard(task.tokens, candidate.tokens);
    return score >= TITLE_MATCH ? score : undefined;
  });
  if (bySimilarTitle !== undefined) return bySimilarTitle;
  if (task.requirements.length === 0) return undefined;
  return bestBy(generated, (candidate, g) => {
    const others = links.byGenerated[g]!;
    if (others.length === 0) return undefined;
    if (!task.requirements.every((id) => candidate.requirements.includes(id))) return undefined;
    const score = containment(task.tokens, candidate.tokens);
    if (score < MENTION) return undefined;
    const mentionsOthers = others.every(
      (p) => containment(previewed[p]!.tokens, candidate.tokens) >= MENTION,
    );
    return mentionsOthers ? score : undefined;
  });
}

/** The index with the highest defined score; the first one on a tie. */
function bestBy<T>(items: readonly T[], score: (item: T, index: number) => number | undefined) {
  let best: { index: number; score: number } | undefined;
  items.forEach((item, index) => {
    const s = score(item, index);
    if (s !== undefined && s > (best?.score ?? Number.NEGATIVE_INFINITY)) best = { index, score: s };
  });
  return best?.index;
}

function taskChanges(previewed: readonly Previewed[], generated: readonly Entry[], links: Links) {
  const changes: DriftChange[] = [];
  previewed.forEach((task, p) => {
    if (links.byPreviewed[p]!.length === 0) changes.push({ kind: 'dropped', task: item(task) });
  });
  generated.forEach((task, g) => {
    const from = links.byGenerated[g]!;
    if (from.length > 1)
      changes.push({ kind: 'merged', from: from.map((p) => item(previewed[p]!)), into: item(task) });
  });
  previewed.forEach((task, p) => {
    const into = links.byPreviewed[p]!;
    if (into.length > 1)
      changes.push({ kind: 'split', from: item(task), into: into.map((g) => item(generated[g]!)) });
  });
  generated.forEach((task, g) => {
    if (links.byGenerated[g]!.length === 0) changes.push({ kind: 'added', task: item(task) });
  });
  return changes;
}

/** Epics match by id, else by a similar title; the rest were added or dropped. */
function epicChanges(preview: TaskPreview, plan: TaskPlan): DriftChange[] {
  const before = preview.epics.map((epic) => ({
    id: epic.id,
    title: epic.title,
    tokens: tokens(epic.title),
  }));
  const after = plan.epics.map((epic) => ({ id: epic.id, title: epic.title, tokens: tokens(epic.title) }));
  const matchedBefore = new Set<number>();
  const matchedAfter = new Set<number>();
  after.forEach((epic, a) => {
    const b = before.findIndex((candidate) => candidate.id === epic.id);
    if (b >= 0 && !matchedBefore.has(b)) {
      matchedBefore.add(b);
      matchedAfter.add(a);
    }
  });
  after.forEach((epic, a) => {
    if (matchedAfter.has(a)) return;
    const b = bestBy(before, (candidate, i) => {
      if (matchedBefore.has(i)) return undefined;
      const score = jaccard(epic.tokens, candidate.tokens);
      return score >= TITLE_MATCH ? score : undefined;
    });
    if (b === undefined) return;
    matchedBefore.add(b);
    matchedAfter.add(a);
  });
  return [
    ...before.flatMap((epic, b) =>
      matchedBefore.has(b) ? [] : [{ kind: 'epic-dropped' as const, epic: item(epic) }],
    ),
    ...after.flatMap((epic, a) =>
      matchedAfter.has(a) ? [] : [{ kind: 'epic-added' as const, epic: item(epic) }],
    ),
  ];
}

/** PRD requirements (any priority) the preview served and no generated task serves, in PRD order. */
function unservedRequirements(
  previewed: readonly Entry[],
  generated: readonly Entry[],
  requirements: readonly Requirement[],
): string[] {
  const before = new Set(previewed.flatMap((task) => task.requirements));
  const after = new Set(generated.flatMap((task) => task.requirements));
  return [...new Set(requirements.map((r) => r.id))].filter((id) => before.has(id) && !after.has(id));
}

/** `R2 is no longer served by any task: the approved preview served it with T3 (dropped).` per requirement. */
function explainDropped(
  ids: readonly string[],
  previewed: readonly Previewed[],
  generated: readonly Entry[],
  links: Links,
): string {
  const fate = (p: number): string => {
    const into = links.byPreviewed[p]!;
    const names = into.map((g) => generated[g]!.id).join(', ');
    if (into.length === 0) return `${previewed[p]!.id} (dropped)`;
    if (into.length > 1) return `${previewed[p]!.id} (split into ${names}, none of which serves it)`;
    if (links.byGenerated[into[0]!]!.length > 1)
      return `${previewed[p]!.id} (merged into ${names}, which does not serve it)`;
    if (names === previewed[p]!.id) return `${names} (kept, but no longer serving it)`;
    return `${previewed[p]!.id} (kept as ${names}, which does not serve it)`;
  };
  return ids
    .map((id) => {
      const servedBy = previewed.flatMap((task, p) => (task.requirements.includes(id) ? [fate(p)] : []));
      return `${id} is no longer served by any task: the approved preview served it with ${joinWords(servedBy, 'and')}.`;
    })
    .join(' ');
}

function joinWords(parts: readonly string[], word: string): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${word} ${parts.at(-1)}`;
}

function entry(task: { id: string; title: string; requirements: readonly string[] }): Entry {
  return { id: task.id, title: task.title, requirements: task.requirements, tokens: tokens(task.title) };
}

function item(source: { id: string; title: string }): DriftItem {
  return { id: source.id, title: source.title };
}

const STOPWORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'it',
  'its',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);

/** A title's words, case- and width-folded, without stop words and with a plain plural `s` cut. */
function tokens(title: string): Set<string> {
  const words = title
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !STOPWORDS.has(word));
  return new Set(words.map((word) => (word.length > 3 && /[^s]s$/.test(word) ? word.slice(0, -1) : word)));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shared = [...a].filter((word) => b.has(word)).length;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** Share of `part`'s words that `whole` contains. */
function containment(part: ReadonlySet<string>, whole: ReadonlySet<string>): number {
  if (part.size === 0) return 0;
  return [...part].filter((word) => whole.has(word)).length / part.size;
}
