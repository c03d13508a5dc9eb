import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);

// src/core/errors.ts
var MaestroError = class extends Error {
  name = "MaestroError";
  /** A stable machine-readable code (e.g. the seed's E001..E005, or `config.invalid`). */
  code;
  constructor(message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.code = options.code ?? "maestro.error";
  }
};
var ConfigError = class extends MaestroError {
  name = "ConfigError";
  issues;
  constructor(message, issues = [], options = {}) {
    super(message, { code: "config.invalid", ...options });
    this.issues = issues;
  }
};
var ValidationError = class extends MaestroError {
  name = "ValidationError";
  source;
  constructor(source, message, options = {}) {
    super(`${source}: ${message}`, { code: "input.invalid", ...options });
    this.source = source;
  }
};
var GitHubApiError = class extends MaestroError {
  name = "GitHubApiError";
};
var ModelError = class extends MaestroError {
  name = "ModelError";
  kind;
  /** True when a later `maestro resume` can continue (rate limits, outages), false for fix-first errors. */
  resumable;
  status;
  constructor(kind, message, options = {}) {
    super(message, { code: `model.${kind}`, cause: options.cause });
    this.kind = kind;
    this.status = options.status;
    this.resumable = options.resumable ?? (kind === "rate-limited" || kind === "server" || kind === "network");
  }
};
var BudgetExceededError = class extends MaestroError {
  name = "BudgetExceededError";
  limit;
  constructor(limit, message) {
    super(message, { code: `budget.${limit}` });
    this.limit = limit;
  }
};
var PlanError = class extends MaestroError {
  name = "PlanError";
};
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}

export {
  MaestroError,
  ConfigError,
  ValidationError,
  GitHubApiError,
  ModelError,
  BudgetExceededError,
  PlanError,
  errorMessage
};
