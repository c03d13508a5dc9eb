import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { DEFAULT_CONFIG_PATH } from '../../core/config/config-path.js';
import { ModelError } from '../../core/errors.js';
import type { UsageLedger } from '../../core/usage/usage-ledger.js';
import type { Clock } from '../../ports/clock-port.js';
import type { Logger } from '../../ports/logger-port.js';
import type { ModelPort } from '../../ports/model-port.js';
import { AiSdkModel, type SdkLanguageModel } from './ai-sdk-model.js';

export type ProviderId = 'anthropic' | 'openai' | 'openai-compatible';

/** The `model:` section of .github/maestro.yml, after config parsing. */
export interface ModelSettings {
  provider: ProviderId;
  /** Model for planning, task generation, validation and handoff. */
  planner: string;
  /** Model for implementation. */
  executor: string;
  /** Overrides ANTHROPIC_BASE_URL / OPENAI_BASE_URL. */
  baseUrl?: string;
  /** The environment variable holding the key, instead of ANTHROPIC_API_KEY / OPENAI_API_KEY. */
  apiKeyEnv?: string;
  maxRetries: number;
  maxRetryWaitSeconds: number;
  budget: { maxCostUsd: number; maxTokens: number };
}

export interface ModelDeps {
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  logger: Logger;
  ledger: UsageLedger;
  fetch?: typeof fetch;
  /** Jitter source for backoff, in [0, 1); tests pin it. */
  random?: () => number;
}

/** Where a provider's settings come from — never the key itself, so it is safe to print. */
export interface ResolvedProvider {
  provider: ProviderId;
  /** For people: `Anthropic`, `OpenAI`, `OpenAI-compatible endpoint http://…`. */
  name: string;
  baseUrl: string;
  /** Which setting chose the base URL, for messages (`ANTHROPIC_BASE_URL`, `model.base_url`). */
  baseUrlSource: string;
  /** The variable the key is read from. */
  keyEnv: string;
  hasKey: boolean;
}

const CONFIG = DEFAULT_CONFIG_PATH;

const defaults = {
  anthropic: {
    name: 'Anthropic',
    keyEnv: 'ANTHROPIC_API_KEY',
    urlEnv: 'ANTHROPIC_BASE_URL',
    url: 'https://api.anthropic.com',
  },
  openai: {
    name: 'OpenAI',
    keyEnv: 'OPENAI_API_KEY',
    urlEnv: 'OPENAI_BASE_URL',
    url: 'https://api.openai.com/v1',
  },
  'openai-compatible': {
    name: 'OpenAI-compatible',
    keyEnv: 'OPENAI_API_KEY',
    urlEnv: 'OPENAI_BASE_URL',
    url: '',
  },
} as const;

/**
 * Check the model configuration without calling anything, so the CLI can fail before doing work.
 * Throws `ModelError('not-configured')` naming the exact variable or config key to set.
 */
export function resolveProvider(
  settings: Pick<ModelSettings, 'provider' | 'planner' | 'executor' | 'baseUrl' | 'apiKeyEnv'>,
  env: ModelDeps['env'],
): ResolvedProvider {
  const known = defaults[settings.provider];
  if (!known) {
    throw new ModelError(
      'not-configured',
      `Unknown model provider "${String(settings.provider)}"; set model.provider in ${CONFIG} to anthropic, openai or openai-compatible.`,
    );
  }
  for (const role of ['planner', 'executor'] as const) {
    if (!settings[role]?.trim()) {
      throw new ModelError('not-configured', `No ${role} model is set; set model.${role} in ${CONFIG}.`);
    }
  }
  const keyEnv = settings.apiKeyEnv ?? known.keyEnv;
  const hasKey = Boolean(env[keyEnv]?.trim());
  const fromEnv = env[known.urlEnv]?.trim();
  const baseUrlSource = settings.baseUrl ? 'model.base_url' : fromEnv ? known.urlEnv : 'the default URL';
  const rawUrl = settings.baseUrl ?? (fromEnv || known.url);

  if (settings.provider === 'openai-compatible') {
    if (!rawUrl) {
      throw new ModelError(
        'not-configured',
        `model.provider openai-compatible needs an endpoint; set model.base_url in ${CONFIG} (or OPENAI_BASE_URL), e.g. http://localhost:11434/v1.`,
      );
    }
    // Local servers (Ollama, vLLM) usually need no key, so a missing one is not an error here.
    const baseUrl = trimSlash(rawUrl);
    return {
      provider: settings.provider,
      name: `OpenAI-compatible endpoint ${baseUrl}`,
      baseUrl,
      baseUrlSource,
      keyEnv,
      hasKey,
    };
  }
  if (!hasKey)
    throw new ModelError('not-configured', missingKeyMessage(settings.provider, keyEnv, settings.apiKeyEnv));
  const baseUrl = settings.provider === 'anthropic' ? anthropicApiUrl(rawUrl) : trimSlash(rawUrl);
  return { provider: settings.provider, name: known.name, baseUrl, baseUrlSource, keyEnv, hasKey };
}

function missingKeyMessage(
  provider: 'anthropic' | 'openai',
  keyEnv: string,
  overridden: string | undefined,
): string {
  const variable = overridden ? `${keyEnv} (named by model.api_key_env in ${CONFIG})` : keyEnv;
  const other =
    provider === 'anthropic'
      ? 'OPENAI_API_KEY with model.provider: openai'
      : 'ANTHROPIC_API_KEY with model.provider: anthropic';
  return `Set ${variable}, or choose another provider with model.provider in ${CONFIG} (or ${other}).`;
}

/** The port for the configured provider, with retries, repair, usage and budget built in. */
export function createModel(settings: ModelSettings, deps: ModelDeps): ModelPort {
  const resolved = resolveProvider(settings, deps.env);
  const apiKey = deps.env[resolved.keyEnv]?.trim() || undefined;
  const models = languageModels(settings, resolved, apiKey, deps.fetch);
  return new AiSdkModel({
    providerId: settings.provider,
    provider: {
      name: resolved.name,
      ...(apiKey || settings.provider !== 'openai-compatible' ? { keyEnv: resolved.keyEnv } : {}),
      baseUrlHint:
        resolved.baseUrlSource === 'the default URL'
          ? defaults[settings.provider].urlEnv
          : resolved.baseUrlSource,
      secrets: apiKey ? [apiKey] : [],
    },
    planner: models(settings.planner),
    executor: models(settings.executor),
    ledger: deps.ledger,
    budget: settings.budget,
    clock: deps.clock,
    logger: deps.logger,
    retry: {
      maxRetries: settings.maxRetries,
      maxWaitMs: settings.maxRetryWaitSeconds * 1000,
      ...(deps.random ? { random: deps.random } : {}),
    },
  });
}

function languageModels(
  settings: ModelSettings,
  resolved: ResolvedProvider,
  apiKey: string | undefined,
  fetchImpl: typeof fetch | undefined,
): (modelId: string) => SdkLanguageModel {
  const fetchOption = fetchImpl ? { fetch: fetchImpl } : {};
  switch (settings.provider) {
    case 'anthropic': {
      const anthropic = createAnthropic({ apiKey, baseURL: resolved.baseUrl, ...fetchOption });
      return (id) => anthropic(id);
    }
    case 'openai': {
      // Chat Completions rather than the SDK's default Responses API: it is the one wire format that
      // OpenAI, OPENAI_BASE_URL gateways (LiteLLM, proxies) and the openai-compatible path all share.
      const openai = createOpenAI({ apiKey, baseURL: resolved.baseUrl, ...fetchOption });
      return (id) => openai.chat(id);
    }
    case 'openai-compatible': {
      const compatible = createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: resolved.baseUrl,
        ...(apiKey ? { apiKey } : {}),
        // Send the JSON schema as `response_format` (vLLM, Ollama ≥ 0.5, LiteLLM accept it) and ask
        // for usage in streams, without which the ledger would see zero tokens.
        supportsStructuredOutputs: true,
        includeUsage: true,
        ...fetchOption,
      });
      return (id) => compatible.chatModel(id);
    }
  }
}

/** Anthropic's own SDKs take the base URL without `/v1` (ANTHROPIC_BASE_URL=https://api.anthropic.com). */
function anthropicApiUrl(url: string): string {
  const trimmed = trimSlash(url);
  return trimmed.endsWith('/v1') ? trimmed : `${trimmed}/v1`;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
