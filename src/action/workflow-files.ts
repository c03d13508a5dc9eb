import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';

/*
 * The runner's file commands (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_STEP_SUMMARY), written to the
 * paths named in the `env` runAction was given. `@actions/core`'s setOutput/saveState/summary look
 * the paths up in `process.env` themselves; temporarily rewriting `process.env` around them would
 * work, but it is global state that the signal handlers, git's child processes and any concurrent
 * test would see. Writing the documented format ourselves keeps `runAction(env)` a function of its
 * argument, at the cost of these few lines.
 */

/**
 * Appends `name<<DELIMITER\nvalue\nDELIMITER` per entry — the multiline-safe form the runner
 * documents for GITHUB_OUTPUT and GITHUB_STATE — with a random delimiter that no value may contain.
 */
export async function appendKeyValues(path: string, values: Record<string, string>): Promise<void> {
  let text = '';
  for (const [name, value] of Object.entries(values)) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    if (name.includes(delimiter) || value.includes(delimiter) || /[\r\n]/.test(name) || name === '') {
      throw new Error(`cannot write workflow value "${name}": bad name or value`);
    }
    text += `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
  }
  if (text !== '') await appendFile(path, text, 'utf8');
}

/** Appends markdown to the job summary file (`GITHUB_STEP_SUMMARY`). */
export async function appendSummary(path: string, markdown: string): Promise<void> {
  await appendFile(path, markdown.endsWith(EOL) ? markdown : `${markdown}${EOL}`, 'utf8');
}
