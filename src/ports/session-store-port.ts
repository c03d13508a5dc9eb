import type { SessionMetadata } from '../core/state/session-metadata.js';

/**
 * Session state as the run goes (the seed's `.flow/maestro/sessions/<id>/`): metadata, decisions,
 * PRD, plan revisions, execution log. The CLI keeps it in `.maestro/sessions/` of the repository,
 * out of git; the Action keeps it in the runner's workspace and mirrors it to the tracking comment.
 */
export interface SessionStore {
  /** Where a human finds the session's files (shown in messages). */
  locate(sessionId: string): string;
  writeMetadata(metadata: SessionMetadata): Promise<void>;
  readMetadata(sessionId: string): Promise<SessionMetadata | undefined>;
  writeJson(sessionId: string, name: string, value: unknown): Promise<void>;
  readJson(sessionId: string, name: string): Promise<unknown | undefined>;
  writeText(sessionId: string, name: string, text: string): Promise<void>;
  /** Appends one line to `execution-log.md`. */
  appendLog(sessionId: string, line: string): Promise<void>;
  /** Session ids, newest first. */
  list(): Promise<string[]>;
}
