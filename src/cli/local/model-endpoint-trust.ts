import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MaestroConfig } from '../../core/config/config-schema.js';
import { parseConfigText } from '../../core/config/load-config.js';
import { ConfigError } from '../../core/errors.js';
import type { CliIo } from '../io.js';

/** Where the model endpoint came from, for the banner and tests. */
export type EndpointSource = 'repository (confirmed)' | 'config file' | 'user config' | 'default';

/**
 * The user's own config: `$XDG_CONFIG_HOME/maestro/config.yml`, else `~/.config/maestro/config.yml`.
 * Read from the CLI's environment only (undefined when neither variable is set), so a test never
 * picks up the developer's file.
 */
export function userConfigPath(env: Record<string, string | undefined>): string | undefined {
  const xdg = env.XDG_CONFIG_HOME?.trim();
  if (xdg) return join(xdg, 'maestro', 'config.yml');
  const home = env.HOME?.trim();
  return home ? join(home, '.config', 'maestro', 'config.yml') : undefined;
}

interface Endpoint {
  base_url?: string;
  api_key_env?: string;
}

/**
 * security.md rule 10: a cloned repository's `.github/maestro.yml` never redirects the user's
 * model key. `model.base_url` (where the key is sent) and `model.api_key_env` (which of the
 * user's secrets is sent) are taken, in this order, from:
 *  1. `--config <file>` — the user named the file;
 *  2. the user config (`~/.config/maestro/config.yml`) — only those two keys are read from it;
 *  3. the repository's file, only when the user confirms them at an interactive terminal prompt
 *     (`-y` does not confirm them: it answers plan questions, not trust questions).
 * Otherwise they are dropped with a warning naming the URL and the variable, and the provider's
 * usual endpoint and variable apply (the App does the same, `operatorModelConfig`).
 */
export async function trustModelEndpoint(
  config: MaestroConfig,
  input: { source: string; explicit: boolean; io: CliIo },
): Promise<{ config: MaestroConfig; endpoint: EndpointSource }> {
  const { io } = input;
  const user = await readUserEndpoint(io.env);
  const { base_url, api_key_env, ...rest } = config.model;
  const asked: Endpoint = {
    ...(base_url !== undefined ? { base_url } : {}),
    ...(api_key_env !== undefined ? { api_key_env } : {}),
  };
  const withEndpoint = (endpoint: Endpoint) => ({ ...config, model: { ...rest, ...endpoint } });

  if (input.explicit) return { config: withEndpoint({ ...user, ...asked }), endpoint: 'config file' };
  const wanted = Object.entries(asked).filter(([key, value]) => user[key as keyof Endpoint] !== value);
  if (wanted.length === 0) {
    const endpoint = Object.keys(user).length > 0 ? 'user config' : 'default';
    return { config: withEndpoint({ ...asked, ...user }), endpoint };
  }
  const what = describe(asked);
  if (await confirmed(io, `[Maestro] ${input.source} asks to ${what}. Allow it for this run? [y/N] `))
    return { config: withEndpoint({ ...user, ...asked }), endpoint: 'repository (confirmed)' };
  io.stderr(
    `[Maestro] ⚠ Ignoring ${describeKeys(asked)} from ${input.source}: a repository's config cannot ${what} without your confirmation. Confirm at the prompt in a terminal, or set them with --config <file> or in ${userConfigPath(io.env) ?? '~/.config/maestro/config.yml'}.\n`,
  );
  return { config: withEndpoint(user), endpoint: Object.keys(user).length > 0 ? 'user config' : 'default' };
}

async function readUserEndpoint(env: Record<string, string | undefined>): Promise<Endpoint> {
  const path = userConfigPath(env);
  if (!path) return {};
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`${path}: cannot read your Maestro config; check its permissions`, [], {
      cause: error,
    });
  }
  const { base_url, api_key_env } = parseConfigText(text, path).model;
  return {
    ...(base_url !== undefined ? { base_url } : {}),
    ...(api_key_env !== undefined ? { api_key_env } : {}),
  };
}

/** Only a person at a terminal can confirm; piped input and `-y` never do. */
async function confirmed(io: CliIo, prompt: string): Promise<boolean> {
  if (!io.isTTY || !io.readLine) return false;
  const answer = await io.readLine(prompt);
  return /^\s*y(es)?\s*$/i.test(answer ?? '');
}

function describe(endpoint: Endpoint): string {
  const parts = [
    endpoint.base_url !== undefined ? `send your model key to ${endpoint.base_url}` : undefined,
    endpoint.api_key_env !== undefined
      ? `send the value of ${endpoint.api_key_env} as the model key`
      : undefined,
  ].filter((p) => p !== undefined);
  return parts.join(' and ');
}

function describeKeys(endpoint: Endpoint): string {
  return [
    endpoint.base_url !== undefined ? `model.base_url (${endpoint.base_url})` : undefined,
    endpoint.api_key_env !== undefined ? `model.api_key_env (${endpoint.api_key_env})` : undefined,
  ]
    .filter((p) => p !== undefined)
    .join(' and ');
}
