import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  external_exports
} from "./chunk-37637WGZ.js";

// src/core/chains/review-finding.ts
var reviewSeveritySchema = external_exports.enum(["critical", "high", "medium", "low", "info"]);
var reviewFindingSchema = external_exports.object({
  /** Repository-relative path. */
  file: external_exports.string().min(1).max(300),
  /** 1-based line the finding is about; absent for a whole-file finding. */
  line: external_exports.number().int().min(1).optional(),
  severity: reviewSeveritySchema,
  /** What is wrong, in one sentence. */
  what: external_exports.string().min(1).max(500),
  /** Why it matters (the consequence), and what to do about it. */
  why: external_exports.string().max(1e3).default("")
});

export {
  reviewSeveritySchema,
  reviewFindingSchema
};
