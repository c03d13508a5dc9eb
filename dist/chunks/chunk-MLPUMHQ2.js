import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  MaestroError
} from "./chunk-2HGUGDQM.js";
import {
  external_exports
} from "./chunk-37637WGZ.js";

// src/core/state/checkpoint-trailers.ts
var TRAILER_KEYS = {
  session: "Maestro-Session",
  task: "Maestro-Task",
  checkpoint: "Maestro-Checkpoint"
};
var TRAILER_VALUE_RE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
function assertCheckpointTrailers(trailers) {
  for (const key of ["session", "task"]) {
    if (!TRAILER_VALUE_RE.test(trailers[key])) {
      throw new MaestroError(
        `Invalid checkpoint ${key} ${JSON.stringify(trailers[key])}: use letters, digits and . _ : / - only (no spaces), at most 128 characters.`,
        { code: "checkpoint.invalid-trailer" }
      );
    }
  }
  if (!Number.isSafeInteger(trailers.checkpoint) || trailers.checkpoint < 0) {
    throw new MaestroError(
      `Invalid checkpoint number ${trailers.checkpoint}: it must be a whole number ≥ 0 (checkpoints count completed tasks).`,
      { code: "checkpoint.invalid-trailer" }
    );
  }
}
function formatCheckpointMessage(message, trailers) {
  assertCheckpointTrailers(trailers);
  const text = message.replaceAll("\0", "").replace(/\r\n?/g, "\n").trim();
  const subject = text || `Checkpoint ${trailers.checkpoint} (${trailers.task})`;
  return `${subject}

${formatTrailerBlock(trailers)}
`;
}
function formatTrailerBlock(trailers) {
  return [
    `${TRAILER_KEYS.session}: ${trailers.session}`,
    `${TRAILER_KEYS.task}: ${trailers.task}`,
    `${TRAILER_KEYS.checkpoint}: ${trailers.checkpoint}`
  ].join("\n");
}
function parseCheckpointTrailers(message) {
  const paragraphs = message.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/).map((p) => p.trim()).filter((p) => p !== "");
  const last = paragraphs.at(-1);
  if (last === void 0 || paragraphs.length < 2) return void 0;
  const values = /* @__PURE__ */ new Map();
  for (const line of last.split("\n")) {
    const match = /^([A-Za-z0-9-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!match) continue;
    const key = match[1].toLowerCase();
    if (values.has(key)) return void 0;
    values.set(key, match[2]);
  }
  const session = values.get(TRAILER_KEYS.session.toLowerCase());
  const task = values.get(TRAILER_KEYS.task.toLowerCase());
  const checkpoint = values.get(TRAILER_KEYS.checkpoint.toLowerCase());
  if (session === void 0 || task === void 0 || checkpoint === void 0) return void 0;
  if (!/^\d{1,15}$/.test(checkpoint)) return void 0;
  if (!TRAILER_VALUE_RE.test(session) || !TRAILER_VALUE_RE.test(task)) return void 0;
  return { session, task, checkpoint: Number(checkpoint) };
}
function messageSubject(message) {
  const first = message.replace(/\r\n?/g, "\n").trim().split(/\n[ \t]*\n/)[0] ?? "";
  return first.split("\n").map((line) => line.trim()).join(" ");
}

// src/core/state/session-metadata.ts
var sessionStatusSchema = external_exports.enum([
  "planning",
  "awaiting-answers",
  "awaiting-approval",
  "approved",
  "implementing",
  "validating",
  "completed",
  "failed",
  "cancelled",
  "dry-run",
  "declined"
]);
var sessionMetadataSchema = external_exports.object({
  session_id: external_exports.string(),
  feature_request: external_exports.string(),
  status: sessionStatusSchema,
  current_phase: external_exports.enum(["planning", "task-generation", "implementation", "validation", "handoff"]),
  chain: external_exports.string(),
  start_time: external_exports.string(),
  updated_time: external_exports.string(),
  /** True when the plan was made by replaying a recorded model session (demo/tests), never a live model. */
  replay: external_exports.boolean().default(false),
  git_context: external_exports.object({
    repo_root: external_exports.string(),
    head: external_exports.string().optional(),
    branch: external_exports.string().optional()
  }),
  statistics: external_exports.object({
    tasks_completed: external_exports.number().int().default(0),
    tasks_remaining: external_exports.number().int().default(0),
    checkpoints_created: external_exports.number().int().default(0),
    errors_recovered: external_exports.number().int().default(0)
  }),
  plan: external_exports.object({ revision: external_exports.number().int(), hash: external_exports.string(), approved_hash: external_exports.string().optional() }).optional()
});
function newSessionId(now, random = Math.random) {
  const iso = now.toISOString();
  const date = iso.slice(0, 10).replaceAll("-", "");
  const time = iso.slice(11, 19).replaceAll(":", "");
  const suffix = Math.floor(random() * 65536).toString(16).padStart(4, "0");
  return `mae-${date}-${time}-${suffix}`;
}
var SESSION_ID_RE = /^mae-\d{8}-\d{6}-[0-9a-f]{4}$/;

export {
  TRAILER_KEYS,
  formatCheckpointMessage,
  parseCheckpointTrailers,
  messageSubject,
  sessionMetadataSchema,
  newSessionId,
  SESSION_ID_RE
};
