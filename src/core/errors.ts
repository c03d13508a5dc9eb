/**
 * The small error hierarchy every layer throws. Each message says what went wrong and what to do
 * next; `cause` keeps the original error for logs. Adapters translate outside failures into these
 * at the boundary so the engine and the front doors only ever see `MaestroError`s.
 */
export class MaestroError extends Error {
  override readonly name: string = 'MaestroError';
  /** A stable machine-readable code (e.g. the seed's E001..E005, or `config.invalid`). */
  readonly code: string;

  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'maestro.error';
  }
}

/** A problem in `.github/maestro.yml` or another config source; `issues` lists each one. */
export class ConfigError extends MaestroError {
  override readonly name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(message: string, issues: readonly ConfigIssue[] = [], options: { cause?: unknown } = {}) {
    super(message, { code: 'config.invalid', ...options });
    this.issues = issues;
  }
}

export interface ConfigIssue {
  /** Dotted key path, e.g. `orchestrator.max_parallel`; empty for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the source file, when the YAML parser knows it. */
  line?: number;
}

/** An outside value (file, event, model output) that does not match its schema. */
export class ValidationError extends MaestroError {
  override readonly name = 'ValidationError';
  readonly source: string;

  constructor(source: string, message: string, options: { cause?: unknown } = {}) {
    super(`${source}: ${message}`, { code: 'input.invalid', ...options });
    this.source = source;
  }
}

export class PermissionDeniedError extends MaestroError {
  override readonly name = 'PermissionDeniedError';
}

export class GitHubApiError extends MaestroError {
  override readonly name = 'GitHubApiError';
}

export type ModelErrorKind =
  | 'auth' // 401/403: bad or missing key
  | 'bad-request' // 400: the request itself is wrong
  | 'not-found' // 404: unknown model or endpoint
  | 'spend-limit' // billing / quota exhausted
  | 'rate-limited' // 429/529 retries exhausted or the wait is longer than allowed
  | 'server' // 5xx retries exhausted
  | 'network' // connection failures retries exhausted
  | 'malformed-output' // structured output invalid after the repair turn
  | 'not-configured'; // no provider, key or model

export class ModelError extends MaestroError {
  override readonly name = 'ModelError';
  readonly kind: ModelErrorKind;
  /** True when a later `maestro resume` can continue (rate limits, outages), false for fix-first errors. */
  readonly resumable: boolean;
  readonly status?: number;

  constructor(
    kind: ModelErrorKind,
    message: string,
    options: { cause?: unknown; status?: number; resumable?: boolean } = {},
  ) {
    super(message, { code: `model.${kind}`, cause: options.cause });
    this.kind = kind;
    this.status = options.status;
    this.resumable =
      options.resumable ?? (kind === 'rate-limited' || kind === 'server' || kind === 'network');
  }
}

export class BudgetExceededError extends MaestroError {
  override readonly name = 'BudgetExceededError';
  readonly limit: 'cost' | 'tokens' | 'wall-clock' | 'iterations' | 'files';

  constructor(limit: BudgetExceededError['limit'], message: string) {
    super(message, { code: `budget.${limit}` });
    this.limit = limit;
  }
}

/** A DAG, schema or plan that is internally inconsistent (unknown dependency, cycle, …). */
export class PlanError extends MaestroError {
  override readonly name = 'PlanError';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
