import { z } from 'zod';
import type { Prd } from '../plan/plan-schema.js';

/** How far a requirement is met, as judged against the diff and the gate results. */
export const requirementStatusSchema = z.enum(['met', 'partial', 'unmet']);
export type RequirementStatus = z.infer<typeof requirementStatusSchema>;

/** What the validation model returns: one verdict per PRD requirement (phase 4's last step). */
export const requirementCheckSchema = z.object({
  checks: z.array(
    z.object({
      /** The PRD requirement id, `R1`, `R2`, … */
      requirement: z.string().min(1),
      /** The model's verdict; the rules in `reconcileRequirementChecks` may lower it. */
      status: requirementStatusSchema,
      /** The files, tests and gate results that show it, so a reviewer can check the claim. */
      evidence: z.string().default(''),
      /** What is still missing; empty when nothing is. */
      gaps: z.string().default(''),
    }),
  ),
});
export type RequirementCheck = z.infer<typeof requirementCheckSchema>;

/** Gate statuses of the baseline comparison (before vs after the change). */
export type GateComparisonStatus =
  | 'passing'
  | 'fixed'
  | 'broken-by-change'
  | 'still-failing (pre-existing)'
  | 'new-failures';

/** A task as traceability needs it: which requirements it serves and which files it changed. */
export interface TraceTask {
  readonly id: string;
  readonly requirements: readonly string[];
  /** Files the task changed (from its checkpoint), or the files it planned to touch. */
  readonly files: readonly string[];
}

/** One row of the report's traceability table. */
export interface RequirementTrace {
  id: string;
  title: string;
  status: RequirementStatus;
  evidence: string;
  gaps: string;
  /** Ids of the tasks serving the requirement, in plan order. */
  tasks: string[];
  /** Changed files of those tasks, sorted, without duplicates. */
  files: string[];
}

export interface TraceOptions {
  tasks?: readonly TraceTask[];
  /** Paths changed by the whole run; when given, task files that were not really changed are left out. */
  changedPaths?: readonly string[];
}

const rank: Readonly<Record<RequirementStatus, number>> = { met: 2, partial: 1, unmet: 0 };
const MENTIONS_TESTS = /\b(?:tests?|tested|testing|specs?|coverage)\b/i;
/** A gate in one of these states fails because of the change, not before it. */
const BROKEN: ReadonlySet<GateComparisonStatus> = new Set(['broken-by-change', 'new-failures']);

/**
 * The model's verdicts, made consistent with facts Maestro measured itself (architecture decision 6:
 * gates are run by Maestro, the model does not judge them):
 *
 *  1. Every PRD requirement gets a row, in PRD order; one the model skipped is `unmet`, "not assessed".
 *  2. Ids the PRD does not have are dropped; for a repeated id the least favourable verdict wins.
 *  3. `met` with no evidence at all becomes `partial`: a claim nobody can check is not a result.
 *  4. `met` while a gate is broken by the change, for a requirement whose acceptance mentions tests,
 *     becomes `partial` with a note naming the gates.
 */
export function reconcileRequirementChecks(
  prd: Pick<Prd, 'requirements'>,
  checks: RequirementCheck['checks'],
  gates: readonly { readonly name: string; readonly status: GateComparisonStatus }[],
  options: TraceOptions = {},
): RequirementTrace[] {
  const verdicts = new Map<string, RequirementCheck['checks'][number]>();
  for (const check of checks) {
    const seen = verdicts.get(check.requirement);
    if (seen === undefined || rank[check.status] < rank[seen.status]) verdicts.set(check.requirement, check);
  }
  const broken = gates.filter((gate) => BROKEN.has(gate.status)).map((gate) => gate.name);
  return prd.requirements.map((requirement): RequirementTrace => {
    const { tasks, files } = tracedWork(requirement.id, options);
    const base = { id: requirement.id, title: requirement.title, tasks, files };
    const verdict = verdicts.get(requirement.id);
    if (verdict === undefined) return { ...base, status: 'unmet', evidence: 'not assessed', gaps: '' };
    const row: RequirementTrace = {
      ...base,
      status: verdict.status,
      evidence: verdict.evidence,
      gaps: verdict.gaps,
    };
    if (row.status !== 'met') return row;
    if (row.evidence.trim() === '') {
      return {
        ...row,
        status: 'partial',
        gaps: withNote(row.gaps, 'Downgraded from met: no evidence given.'),
      };
    }
    if (broken.length > 0 && requirement.acceptance.some((criterion) => MENTIONS_TESTS.test(criterion))) {
      const names = broken.join(', ');
      const note = `Downgraded from met: gate(s) ${names} broken by the change, and the acceptance needs tests.`;
      return { ...row, status: 'partial', gaps: withNote(row.gaps, note) };
    }
    return row;
  });
}

function tracedWork(requirementId: string, options: TraceOptions): { tasks: string[]; files: string[] } {
  const changed = options.changedPaths === undefined ? undefined : new Set(options.changedPaths);
  const serving = (options.tasks ?? []).filter((task) => task.requirements.includes(requirementId));
  const files = new Set(serving.flatMap((task) => task.files).filter((file) => changed?.has(file) ?? true));
  return { tasks: serving.map((task) => task.id), files: [...files].sort() };
}

function withNote(gaps: string, note: string): string {
  return gaps.trim() === '' ? note : `${gaps.trim()} ${note}`;
}
