import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  TEMP_DIR_STATE,
  removeTempDir
} from "./chunks/chunk-LTSYQBIB.js";
import "./chunks/chunk-KZWC5CUE.js";
import {
  errorMessage
} from "./chunks/chunk-2HGUGDQM.js";
import "./chunks/chunk-BCMLP5VT.js";

// src/action/cleanup.ts
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile);
var EXTRA_HEADER_KEYS = "^http\\.(.*\\.)?extraheader$";
async function runPost(env, logger) {
  const workspace = env.GITHUB_WORKSPACE?.trim();
  if (workspace) {
    await attempt(logger, "remove git credentials from the workspace", async () => {
      const removed = await removeExtraHeaders(workspace, env);
      if (removed.length > 0) logger.info(`post step: removed ${removed.join(", ")} from .git/config`);
    });
    await attempt(logger, "prune task worktrees", () => git(workspace, env, ["worktree", "prune"]));
  }
  const tempDir = env[`STATE_${TEMP_DIR_STATE}`]?.trim();
  const runnerTemp = env.RUNNER_TEMP?.trim();
  if (tempDir && runnerTemp) {
    await attempt(logger, "remove the temp directory", async () => {
      if (!await removeTempDir(tempDir, runnerTemp)) logger.warn(`not removing ${tempDir}: not Maestro's`);
    });
  }
}
async function removeExtraHeaders(workspace, env) {
  if (!existsSync(join(workspace, ".git"))) return [];
  let listed;
  try {
    listed = await git(workspace, env, [
      "config",
      "--local",
      "--name-only",
      "-z",
      "--get-regexp",
      EXTRA_HEADER_KEYS
    ]);
  } catch (error) {
    if (error.code === 1) return [];
    throw error;
  }
  const keys = [...new Set(listed.split("\0").filter((key) => key.length > 0))];
  for (const key of keys) await git(workspace, env, ["config", "--local", "--unset-all", key]);
  return keys;
}
async function git(cwd, env, args) {
  const { stdout } = await run("git", args, {
    cwd,
    env: { PATH: env.PATH, HOME: env.HOME, GIT_TERMINAL_PROMPT: "0" },
    encoding: "utf8"
  });
  return stdout;
}
async function attempt(logger, what, action) {
  try {
    await action();
  } catch (error) {
    logger.warn(`post step: could not ${what}: ${errorMessage(error)}`);
  }
}

// src/action/workflow-command-logger.ts
function escapeData(message) {
  return message.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function workflowCommandLogger(write) {
  const command = (name) => (message) => write(`::${name}::${escapeData(message)}
`);
  return {
    debug: command("debug"),
    info: (message) => write(`${message}
`),
    warn: command("warning"),
    error: command("error")
  };
}

// src/action/post.ts
await runPost(
  process.env,
  workflowCommandLogger((text) => process.stdout.write(text))
);
