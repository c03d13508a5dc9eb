import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import { parseOrThrow } from '../../core/parse.js';
import { redactSecrets } from '../../core/policy/outbound/redact-secrets.js';
import {
  SESSION_ID_RE,
  type SessionMetadata,
  sessionMetadataSchema,
} from '../../core/state/session-metadata.js';
import type { SessionStore } from '../../ports/session-store-port.js';

const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Sessions under `<repo>/.maestro/sessions/<id>/`, excluded from git through `.git/info/exclude`.
 * Everything written passes the secret redactor — the run's `secrets` in every encoding and the
 * well-known token shapes — because plans, summaries and logs hold model-written text, and a
 * session directory is exactly what a user zips up and attaches to a bug report.
 */
export class FsSessionStore implements SessionStore {
  readonly #root: string;
  readonly #redact: (text: string) => string;

  constructor(repoRoot: string, options: { secrets?: readonly string[] } = {}) {
    this.#root = join(repoRoot, '.maestro', 'sessions');
    const redact = redactSecrets(options.secrets ?? []);
    this.#redact = (text) => redact(text).text;
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
    // Strings are redacted one by one first, so a redaction never cuts across JSON syntax.
    const text = JSON.stringify(
      value,
      (_key, v: unknown) => (typeof v === 'string' ? this.#redact(v) : v),
      2,
    );
    await this.writeText(sessionId, name, `${text}\n`);
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
    await writeFile(this.#file(sessionId, name), this.#redact(text));
  }

  async appendLog(sessionId: string, line: string): Promise<void> {
    await mkdir(this.#dir(sessionId), { recursive: true });
    await appendFile(this.#file(sessionId, 'execution-log.md'), `${this.#redact(line)}\n`);
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
