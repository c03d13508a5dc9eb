import { redactSecrets } from '../core/policy/outbound/redact-secrets.js';
import type { CliIo } from './io.js';

/** Names whose values are credentials: the model key variables and any token in the environment. */
const SECRET_NAME = /^(GITHUB_TOKEN|GH_TOKEN)$|_API_KEY$|_TOKEN$/;

/**
 * The run's secrets in the CLI: the values of GITHUB_TOKEN, GH_TOKEN and every `*_API_KEY` /
 * `*_TOKEN` variable. That covers the model key whatever `model.api_key_env` names, since the
 * config schema only accepts `*_API_KEY` names there.
 */
export function cliSecretValues(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.trim() !== '')
    .map(([, value]) => value as string);
}

/** Text redaction with the CLI's secrets (every encoding) and the well-known token shapes. */
export function cliRedactor(env: Record<string, string | undefined>): (text: string) => string {
  const redact = redactSecrets(cliSecretValues(env));
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
