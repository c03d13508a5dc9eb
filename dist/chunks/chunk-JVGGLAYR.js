import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  MaestroError
} from "./chunk-2HGUGDQM.js";

// src/ports/clock-port.ts
var systemClock = {
  now: () => /* @__PURE__ */ new Date(),
  sleep: (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true }
    );
  })
};

// src/core/policy/commit-scan/commit-refused-error.ts
var CommitRefusedError = class extends MaestroError {
  name = "CommitRefusedError";
  findings;
  constructor(message, findings, options = {}) {
    super(message, { code: options.code ?? "git.commit-refused", cause: options.cause });
    this.findings = findings;
  }
};
function refusalReason(doing, findings) {
  return `Security stop: refused to ${doing}: ${findings.map((f) => f.what).join("; ")}`;
}

// src/ports/logger-port.ts
var silentLogger = {
  debug() {
  },
  info() {
  },
  warn() {
  },
  error() {
  }
};

export {
  CommitRefusedError,
  refusalReason,
  silentLogger,
  systemClock
};
