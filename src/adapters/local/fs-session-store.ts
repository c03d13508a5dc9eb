import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import { parseOrThrow } from '../../core/parse.js';
import {
  SESSION_ID_RE,
  type SessionMetadata,
  sessionMetadataSchema,
} from '../../core/state/session-metadata.js';
import type { SessionStore } from '../../ports/session-store-port.js';

const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;

/** Sessions under `<repo>/.maestro/sessions/<id>/`, excluded from git through `.git/info/exclude`. */
export class FsSessionStore implements SessionStore {
  readonly #root: string;

  constructor(repoRoot: string) {
    this.#root = join(repoRoot, '.maestro', 'sessions');
  }

  /** Keeps `.maestro/` out of `git status` without touching the repository's own .gitignore. */
  static async excludeFromGit(gitDir: string): Promise<void> {
    const exclude = join(gitDir, 'info', 'exclude');
    const current = await readFile(exclude, 'utf8').catch(() => '');
    if (current.split('\n').some((line) => line.trim() === '/.maestro/')) return;
    await mkdir(join(gitDir, 'info'), { recursive: true });
    await appendFile(exclude, `${current && !current.endsWith('\n') ? '\n' : ''}/.maestro/\n`);
  }

  locate(sessionId: string): string {
    return this.#dir(sessionId);
  }

  async writeMetadata(metadata: SessionMetadata): Promise<void> {
    await this.writeJson(metadata.session_id, 'metadata.json', metadata);
  }

  async readMetadata(sessionId: string): Promise<SessionMetadata | undefined> {
    const raw = await this.readJson(sessionId, 'metadata.json');
    if (raw === undefined) return undefined;
    return parseOrThrow(sessionMetadataSchema, raw, join(this.#dir(sessionId), 'metadata.json'));
  }

  async writeJson(sessionId: string, name: string, value: unknown): Promise<void> {
    await this.writeText(sessionId, name, `${JSON.stringify(value, null, 2)}\n`);
  }

  async readJson(sessionId: string, name: string): Promise<unknown | undefined> {
    const path = this.#file(sessionId, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new MaestroError(`${path} is not valid JSON; fix or delete it`, { cause: error });
    }
  }

  async writeText(sessionId: string, name: string, text: string): Promise<void> {
    await mkdir(this.#dir(sessionId), { recursive: true });
    // Write-then-rename would be atomic; a torn write here only loses a log line, and the
    // metadata is rewritten on every transition, so a plain write is enough for the CLI.
    await writeFile(this.#file(sessionId, name), text);
  }

  async appendLog(sessionId: string, line: string): Promise<void> {
    await mkdir(this.#dir(sessionId), { recursive: true });
    await appendFile(this.#file(sessionId, 'execution-log.md'), `${line}\n`);
  }

  async list(): Promise<string[]> {
    const entries = await readdir(this.#root).catch(() => [] as string[]);
    return entries.filter((e) => SESSION_ID_RE.test(e)).sort((a, b) => b.localeCompare(a));
  }

  #dir(sessionId: string): string {
    if (!SESSION_ID_RE.test(sessionId)) {
      throw new MaestroError(`"${sessionId}" is not a session id; run \`maestro sessions\` to list them`);
    }
    return join(this.#root, sessionId);
  }

  #file(sessionId: string, name: string): string {
    if (!NAME_RE.test(name)) throw new MaestroError(`invalid session file name "${name}"`);
    return join(this.#dir(sessionId), name);
  }
}
