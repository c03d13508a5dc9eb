import { z } from 'zod';
import { MaestroError } from '../../core/errors.js';
import { parseOrThrow } from '../../core/parse.js';
import { type Approval, approvalSchema } from '../../core/plan/approval.js';
import { type PlanRevision, planRevisionSchema } from '../../core/plan/plan-revision.js';
import { type RunState, runStateSchema } from '../../core/state/run-state.js';
import type { SessionMetadata } from '../../core/state/session-metadata.js';
import type { SessionStore } from '../../ports/session-store-port.js';

export interface SavedSession {
  metadata: SessionMetadata;
  revision: PlanRevision;
  approval?: Approval;
  state?: RunState;
}

const planFileSchema = z.object({ revisions: z.array(planRevisionSchema).min(1) });

/** A session as saved in `.maestro/sessions/<id>/`, validated; the newest when no id is given. */
export async function loadSession(store: SessionStore, sessionId: string | undefined): Promise<SavedSession> {
  const id = sessionId ?? (await store.list())[0];
  if (!id)
    throw new MaestroError('No Maestro session in this repository (E005); start one with `maestro run`.', {
      code: 'E005',
    });
  const metadata = await store.readMetadata(id);
  if (!metadata) {
    const known = (await store.list()).slice(0, 5).join(', ') || 'none';
    throw new MaestroError(
      `Session ${id} was not found (E005); recent sessions: ${known}. Run \`maestro sessions\` to list them.`,
      { code: 'E005' },
    );
  }
  const where = store.locate(id);
  const planRaw = await store.readJson(id, 'plan.json');
  if (planRaw === undefined)
    throw new MaestroError(
      `Session ${id} stopped during planning (status: ${metadata.status}), before there was a plan to resume. Run \`maestro run\` again with the same request to plan it anew.`,
      { code: 'session.no-plan' },
    );
  const plan = parseOrThrow(planFileSchema, planRaw, `${where}/plan.json`);
  const approvalRaw = await store.readJson(id, 'approval.json');
  const stateRaw = await store.readJson(id, 'run-state.json');
  return {
    metadata,
    revision: plan.revisions.at(-1)!,
    approval:
      approvalRaw === undefined
        ? undefined
        : parseOrThrow(approvalSchema, approvalRaw, `${where}/approval.json`),
    state:
      stateRaw === undefined ? undefined : parseOrThrow(runStateSchema, stateRaw, `${where}/run-state.json`),
  };
}
