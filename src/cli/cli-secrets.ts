import { secretsFromEnvironment } from '../core/policy/commit-scan/secrets-from-environment.js';
import { redactSecrets } from '../core/policy/outbound/redact-secrets.js';
import type { CliIo } from './io.js';

/**
 * Text redaction with the CLI's secrets — the same environment values the commit scan uses
 * (`secretsFromEnvironment`) — in every encoding, and the well-known token shapes. */
export function cliRedactor(env: Record<string, string | undefined>): (text: string) => string {
  const redact = redactSecrets(secretsFromEnvironment(env));
  return (text) => redact(text).text;
}

/**
 * The CLI's output with every line the user sees redacted: the final report, progress lines,
 * prompts and error messages can all carry text a model wrote, and an obedient model may have
 * been told to print the key.
 */
export function redactingIo(io: CliIo): CliIo {
  const redact = cliRedactor(io.env);
  const readLine = io.readLine;
  return {
    ...io,
    stdout: (text) => io.stdout(redact(text)),
    stderr: (text) => io.stderr(redact(text)),
    ...(readLine ? { readLine: (prompt: string) => readLine(redact(prompt)) } : {}),
  };
}
