import { z } from 'zod';

/*
 * `model`: which language models plan and execute; the rules every field follows are in
 * ../config-schema.ts.
 */

export const modelProviders = ['anthropic', 'openai', 'openai-compatible'] as const;

/** USD per million tokens for one model, used for the cost budget and the report. */
export const modelPriceSchema = z
  .object({
    /** USD per million input tokens. */
    input_per_mtok: z.number().min(0).describe('USD per million input tokens.'),
    /** USD per million output tokens. */
    output_per_mtok: z.number().min(0).describe('USD per million output tokens.'),
    /** USD per million input tokens read from the prompt cache. */
    cached_input_per_mtok: z
      .number()
      .min(0)
      .optional()
      .describe('USD per million input tokens read from the prompt cache.'),
    /** USD per million tokens written to the prompt cache. */
    cache_write_per_mtok: z
      .number()
      .min(0)
      .optional()
      .describe('USD per million tokens written to the prompt cache.'),
  })
  .strict()
  .describe('USD per million tokens for one model.');
export type ModelPrice = z.infer<typeof modelPriceSchema>;

export const modelSchema = z
  .object({
    /** Which API the models are called through. */
    provider: z
      .enum(modelProviders)
      .default('anthropic')
      .describe('Which API the models are called through.'),
    /** The model id that writes the PRD and the task plan. */
    planner: z
      .string()
      .min(1)
      .default('claude-sonnet-4-5')
      .describe('The model id that writes the PRD and the task plan.'),
    /** The model id that carries out the tasks (with the builtin executor). */
    executor: z
      .string()
      .min(1)
      .default('claude-sonnet-4-5')
      .describe('The model id that carries out the tasks (with the builtin executor).'),
    /** The API's base URL, for `openai-compatible` providers or a proxy. */
    base_url: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe("The API's base URL (http or https), for `openai-compatible` providers or a proxy."),
    /** The NAME of the environment variable holding the API key — never the key itself. */
    api_key_env: z
      .string()
      // Only names ending in _API_KEY: a repository's config must not be able to point the key
      // slot at another secret of the process (WEBHOOK_SECRET, PRIVATE_KEY, GITHUB_TOKEN, …).
      .regex(/^[A-Z][A-Z0-9_]*_API_KEY$/, {
        message:
          'must be the NAME of an environment variable ending in _API_KEY (capital letters, digits and _, e.g. MAESTRO_API_KEY), never the key itself',
      })
      .optional()
      .describe(
        "The NAME of the environment variable holding the API key (e.g. ANTHROPIC_API_KEY), never the key itself. Defaults to the provider's usual variable.",
      ),
    /** How many times a rate-limited or failed model call is retried. */
    max_retries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(4)
      .describe('How many times a rate-limited or failed model call is retried.'),
    /** The longest wait for a retry; a provider asking for longer fails the run with a resumable error. */
    max_retry_wait_seconds: z
      .number()
      .int()
      .min(0)
      .default(120)
      .describe(
        'The longest wait before a retry, in seconds; when the provider asks for a longer wait the run stops with an error that `maestro resume` can continue from.',
      ),
    /** Prices per model id, overriding or adding to the built-in price table. */
    prices: z
      .record(z.string().min(1), modelPriceSchema)
      .default({})
      .describe(
        'Prices in USD per million tokens by model id, adding to or overriding the built-in table; used for the cost budget and the report.',
      ),
  })
  .strict()
  .describe('Which language models plan and execute.');
export type ModelConfig = z.infer<typeof modelSchema>;
