import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  appendKeyValues
} from "./chunk-KZWC5CUE.js";

// src/action/temp-dir.ts
import { mkdtemp, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
var TEMP_DIR_STATE = "temp_dir";
var PREFIX = "maestro-";
async function createTempDir(runnerTemp, statePath) {
  const dir = await mkdtemp(join(runnerTemp, PREFIX));
  if (statePath) await appendKeyValues(statePath, { [TEMP_DIR_STATE]: dir });
  return dir;
}
async function removeTempDir(dir, runnerTemp) {
  const full = resolve(dir);
  if (dirname(full) !== resolve(runnerTemp) || !basename(full).startsWith(PREFIX)) return false;
  await rm(full, { recursive: true, force: true });
  return true;
}

export {
  TEMP_DIR_STATE,
  createTempDir,
  removeTempDir
};
