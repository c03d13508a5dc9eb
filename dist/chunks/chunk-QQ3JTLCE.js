import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);

// src/action/outcome.ts
function statusOf(outcome) {
  switch (outcome.kind) {
    case "nothing":
      return "ignored";
    case "handled":
      return outcome.handled.kind === "execute" ? "approved" : outcome.handled.kind;
    case "executed":
      return outcome.result.status;
    case "error":
      return "error";
  }
}
function failureOf(outcome) {
  switch (outcome.kind) {
    case "error":
      return outcome.message;
    case "handled":
      return outcome.handled.kind === "config-invalid" ? `.github/maestro.yml is invalid: ${outcome.handled.problem}` : void 0;
    case "executed": {
      const { status, reasons } = outcome.result;
      if (status !== "failed" && status !== "refused") return void 0;
      return `Maestro run ${status}${reasons.length > 0 ? `: ${reasons.join("; ")}` : ""}`;
    }
    case "nothing":
      return void 0;
  }
}

export {
  statusOf,
  failureOf
};
