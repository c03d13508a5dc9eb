import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { DEFAULT_CONFIG_PATH } from '../../core/config/config-path.js';
import { defaultConfig, type MaestroConfig } from '../../core/config/config-schema.js';
import { parseConfigText } from '../../core/config/load-config.js';
import { ConfigError } from '../../core/errors.js';
import type { CliIo } from '../io.js';
import { trustModelEndpoint } from './model-endpoint-trust.js';

/**
 * Local runs read `.github/maestro.yml` from the working tree (GitHub runs read it from the
 * default branch). No file means the defaults; an invalid file stops the run with every problem.
 * The model endpoint and key variable are then settled by `trustModelEndpoint`: the repository's
 * file alone cannot redirect the user's key.
 */
export async function loadLocalConfig(
  repoRoot: string,
  explicit: string | undefined,
  io: CliIo,
): Promise<{ config: MaestroConfig; source: string }> {
  const parsed = await parseLocalConfig(repoRoot, explicit, io.cwd);
  const trusted = await trustModelEndpoint(parsed.config, {
    source: parsed.source,
    explicit: explicit !== undefined,
    io,
  });
  return { config: trusted.config, source: parsed.source };
}

async function parseLocalConfig(
  repoRoot: string,
  explicit: string | undefined,
  cwd: string,
): Promise<{ config: MaestroConfig; source: string }> {
  const path = explicit ? resolve(cwd, explicit) : join(repoRoot, DEFAULT_CONFIG_PATH);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (explicit)
      throw new ConfigError(`${explicit}: cannot read the config file; check the path`, [], { cause: error });
    return { config: defaultConfig(), source: 'defaults (no .github/maestro.yml)' };
  }
  const source = relative(cwd, path) || path;
  try {
    return { config: parseConfigText(text, source), source };
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new ConfigError(
        `${error.message}\nFix the file, then run again (\`maestro config validate\` checks it).`,
        error.issues,
      );
    }
    throw error;
  }
}
