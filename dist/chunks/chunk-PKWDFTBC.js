import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  ValidationError
} from "./chunk-2HGUGDQM.js";

// src/core/parse.ts
function parseOrThrow(schema, value, source) {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(source, formatZodIssues(result.error.issues));
}
function formatZodIssues(issues) {
  return issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return path ? `${path}: ${issue.message}` : issue.message;
  }).join("; ");
}

export {
  parseOrThrow,
  formatZodIssues
};
