import type { MaestroConfig } from '../../core/config/config-schema.js';
import { priceTable, UsageLedger } from '../../core/usage/usage-ledger.js';
import type { Clock } from '../../ports/clock-port.js';
import type { Logger } from '../../ports/logger-port.js';
import type { ModelPort } from '../../ports/model-port.js';
import { createModel, type ModelSettings, resolveProvider } from './create-model.js';

/** The `model` and `budget` sections of the config as the model adapters take them. */
export function modelSettings(config: MaestroConfig): ModelSettings {
  return {
    provider: config.model.provider,
    planner: config.model.planner,
    executor: config.model.executor,
    baseUrl: config.model.base_url,
    apiKeyEnv: config.model.api_key_env,
    maxRetries: config.model.max_retries,
    maxRetryWaitSeconds: config.model.max_retry_wait_seconds,
    budget: { maxCostUsd: config.budget.max_cost_usd, maxTokens: config.budget.max_tokens },
  };
}

export interface ConfiguredModel {
  model: ModelPort;
  ledger: UsageLedger;
  /** `anthropic · claude-…`, shown in banners and comments. */
  label: string;
}

/**
 * The configured provider with a fresh usage ledger, shared by the CLI, the App and the Action.
 * Resolving the provider first means a missing key fails here, before any work, with a message
 * naming the variable to set.
 */
export function openConfiguredModel(
  config: MaestroConfig,
  deps: { env: Record<string, string | undefined>; clock: Clock; logger: Logger; fetch?: typeof fetch },
): ConfiguredModel {
  const ledger = new UsageLedger(priceTable(config.model.prices));
  const settings = modelSettings(config);
  const provider = resolveProvider(settings, deps.env);
  const model = createModel(settings, { ...deps, ledger });
  return { model, ledger, label: `${provider.name} · ${settings.planner}` };
}
