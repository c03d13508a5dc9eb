import type { Logger } from '../ports/logger-port.js';

/*
 * The `Logger` as the runner's workflow commands, written directly. The post step uses this rather
 * than `@actions/core`, which would bundle ~800 KB (undici and its HTTP client) into dist/post.js to
 * print a few lines after three git commands. The format is the runner's documented one:
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */

/** A message as a command's data: `%`, CR and LF escaped, as the runner decodes them. */
export function escapeData(message: string): string {
  return message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function workflowCommandLogger(write: (text: string) => void): Logger {
  const command = (name: string) => (message: string) => write(`::${name}::${escapeData(message)}\n`);
  return {
    debug: command('debug'),
    info: (message) => write(`${message}\n`),
    warn: command('warning'),
    error: command('error'),
  };
}
