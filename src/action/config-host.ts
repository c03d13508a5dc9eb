import { parseConfigText } from '../core/config/load-config.js';
import type { IssueHost } from '../ports/issue-host-port.js';
import { DEFAULT_CONFIG_PATH } from './inputs.js';

/**
 * The `config-path` input without a new engine parameter: the engine reads its config with
 * `host.readFile('.github/maestro.yml')` from the default branch, so the Action hands it a host
 * whose `readFile` answers that path from `configPath` instead. The ref is passed through
 * unchanged, so the config still comes from the default branch only (security.md rule 10).
 */
export function withConfigPath(host: IssueHost, configPath: string): IssueHost {
  if (configPath === DEFAULT_CONFIG_PATH) return host;
  return new Proxy(host, {
    get(target, property) {
      if (property === 'readFile') {
        return (path: string, ref?: string) =>
          target.readFile(path === DEFAULT_CONFIG_PATH ? configPath : path, ref);
      }
      const value: unknown = Reflect.get(target, property, target);
      // Bound to the real host: its methods use private fields, which a proxy receiver lacks.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The configured trigger label, for a `mode: plan` dispatch that plans as if the label had been
 * added. When the file is missing or invalid this returns the default label: the engine then
 * loads the same file itself and reports an invalid config on the issue, once.
 */
export async function triggerLabel(host: IssueHost, fallback: string): Promise<string> {
  try {
    const file = await host.readFile(DEFAULT_CONFIG_PATH);
    return file ? parseConfigText(file.text, DEFAULT_CONFIG_PATH).trigger.label : fallback;
  } catch {
    return fallback;
  }
}
