import { parseConfigText } from '../core/config/load-config.js';
import type { IssueHost } from '../ports/issue-host-port.js';

/**
 * The configured trigger label, for a `mode: plan` dispatch that plans as if the label had been
 * added. When the file is missing or invalid this returns the default label: the engine then
 * loads the same file itself and reports an invalid config on the issue, once.
 */
export async function triggerLabel(host: IssueHost, configPath: string, fallback: string): Promise<string> {
  try {
    const file = await host.readFile(configPath);
    return file ? parseConfigText(file.text, configPath).trigger.label : fallback;
  } catch {
    return fallback;
  }
}
