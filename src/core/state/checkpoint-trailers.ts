import { MaestroError } from '../errors.js';

/**
 * Checkpoint commits carry three git trailers in their last paragraph:
 *
 *   Maestro-Session: mae-20261120-223000-7f3a
 *   Maestro-Task: T3
 *   Maestro-Checkpoint: 3
 *
 * The run branch's history is the source of truth for which tasks are done, so `resume` reads these
 * back. Only the LAST paragraph is read: a task title or summary (model text) that contains a
 * `Maestro-Session:` line earlier in the message can never forge a checkpoint.
 *
 * Same shape as the port's `CheckpointTrailers`; declared here because core imports nothing outside core.
 */
export interface CheckpointTrailers {
  session: string;
  /** The task id, or `wip` / `rollback` / `fix-<n>` for commits that are not a planned task. */
  task: string;
  checkpoint: number;
}

export const TRAILER_KEYS = {
  session: 'Maestro-Session',
  task: 'Maestro-Task',
  checkpoint: 'Maestro-Checkpoint',
} as const;

/** Ids are single tokens: no spaces or newlines that could end the trailer or start another. */
const TRAILER_VALUE_RE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;

export function assertCheckpointTrailers(trailers: CheckpointTrailers): void {
  for (const key of ['session', 'task'] as const) {
    if (!TRAILER_VALUE_RE.test(trailers[key])) {
      throw new MaestroError(
        `Invalid checkpoint ${key} ${JSON.stringify(trailers[key])}: use letters, digits and . _ : / - only (no spaces), at most 128 characters.`,
        { code: 'checkpoint.invalid-trailer' },
      );
    }
  }
  if (!Number.isSafeInteger(trailers.checkpoint) || trailers.checkpoint < 0) {
    throw new MaestroError(
      `Invalid checkpoint number ${trailers.checkpoint}: it must be a whole number ≥ 0 (checkpoints count completed tasks).`,
      { code: 'checkpoint.invalid-trailer' },
    );
  }
}

/**
 * The full commit message: `message` (line endings normalised, surrounding blank space trimmed,
 * NULs dropped since git refuses them), a blank line, the trailer block and a final newline.
 * Everything else is kept verbatim — quotes, `$(…)`, backticks — because it never meets a shell.
 */
export function formatCheckpointMessage(message: string, trailers: CheckpointTrailers): string {
  assertCheckpointTrailers(trailers);
  const text = message.replaceAll('\0', '').replace(/\r\n?/g, '\n').trim();
  const subject = text || `Checkpoint ${trailers.checkpoint} (${trailers.task})`;
  return `${subject}\n\n${formatTrailerBlock(trailers)}\n`;
}

export function formatTrailerBlock(trailers: CheckpointTrailers): string {
  return [
    `${TRAILER_KEYS.session}: ${trailers.session}`,
    `${TRAILER_KEYS.task}: ${trailers.task}`,
    `${TRAILER_KEYS.checkpoint}: ${trailers.checkpoint}`,
  ].join('\n');
}

/** The trailers of a full commit message, or `undefined` when its last paragraph is not a checkpoint block. */
export function parseCheckpointTrailers(message: string): CheckpointTrailers | undefined {
  const paragraphs = message
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const last = paragraphs.at(-1);
  if (last === undefined || paragraphs.length < 2) return undefined;
  const values = new Map<string, string>();
  for (const line of last.split('\n')) {
    const match = /^([A-Za-z0-9-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!match) continue;
    const key = match[1]!.toLowerCase();
    // A repeated key is ambiguous: refuse the block rather than guess which one is real.
    if (values.has(key)) return undefined;
    values.set(key, match[2]!);
  }
  const session = values.get(TRAILER_KEYS.session.toLowerCase());
  const task = values.get(TRAILER_KEYS.task.toLowerCase());
  const checkpoint = values.get(TRAILER_KEYS.checkpoint.toLowerCase());
  if (session === undefined || task === undefined || checkpoint === undefined) return undefined;
  if (!/^\d{1,15}$/.test(checkpoint)) return undefined;
  if (!TRAILER_VALUE_RE.test(session) || !TRAILER_VALUE_RE.test(task)) return undefined;
  return { session, task, checkpoint: Number(checkpoint) };
}

/** Git's `%s`: the first paragraph of a message with its lines joined by spaces. */
export function messageSubject(message: string): string {
  const first =
    message
      .replace(/\r\n?/g, '\n')
      .trim()
      .split(/\n[ \t]*\n/)[0] ?? '';
  return first
    .split('\n')
    .map((line) => line.trim())
    .join(' ');
}
