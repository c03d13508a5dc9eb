import { APICallError } from 'ai';
import { ModelError } from '../../core/errors.js';
import type { Clock } from '../../ports/clock-port.js';
import type { Logger } from '../../ports/logger-port.js';

/**
 * One retry policy for every provider call (security.md "Faults"): transient failures (429, 529,
 * 5xx, dropped connections, a stream that broke after its 200) are retried with the server's
 * requested wait or exponential backoff with jitter; a wait longer than the cap fails at once as a
 * resumable error instead of sleeping for hours; everything else fails at once with one sentence
 * that says what to check — and never contains the key.
 */

/** Who is being called, for messages: `name` is shown to people, `secrets` are masked out of them. */
export interface ProviderContext {
  name: string;
  /** The environment variable holding the key, e.g. `ANTHROPIC_API_KEY`; absent for keyless endpoints. */
  keyEnv?: string;
  /** Where the base URL comes from, e.g. `ANTHROPIC_BASE_URL`, for 404 and network hints. */
  baseUrlHint?: string;
  secrets: readonly string[];
}

export interface RetryOptions {
  maxRetries: number;
  /** The longest single wait allowed; a server asking for more fails immediately (resumable). */
  maxWaitMs: number;
  baseDelayMs?: number;
  multiplier?: number;
  clock: Clock;
  signal?: AbortSignal;
  logger: Logger;
  provider: ProviderContext;
  /** Source of jitter in [0, 1); injected so tests are deterministic. */
  random?: () => number;
}

type TransientReason = 'rate-limited' | 'server' | 'network';

export type FailureVerdict =
  | { kind: 'transient'; reason: TransientReason; status?: number; detail: string; requested?: RequestedWait }
  | { kind: 'fatal'; error: unknown };

export interface RequestedWait {
  ms: number;
  source: string;
}

const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504, 529]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const NETWORK_MESSAGE = /fetch failed|terminated|socket hang up|other side closed|network/i;
// Out of credit is not a rate limit: OpenAI reports `insufficient_quota` with a 429, Anthropic a
// `billing_error` or "credit balance is too low" with a 400. Retrying cannot help.
const SPEND_LIMIT =
  /billing_error|insufficient_quota|credit balance|exceeded your current quota|spend(ing)? limit|billing hard limit|specified API usage limits/i;

/** Run `fn` (which makes one HTTP call per attempt) under the policy. */
export async function withRetries<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const base = options.baseDelayMs ?? 1000;
  const multiplier = options.multiplier ?? 2;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const verdict = classifyFailure(error, options.provider, options.clock.now());
      if (verdict.kind === 'fatal') throw verdict.error;
      const name = options.provider.name;
      if (verdict.requested && verdict.requested.ms > options.maxWaitMs) {
        throw new ModelError(
          'rate-limited',
          `${name} asked to wait ${formatDuration(verdict.requested.ms)} before retrying (${verdict.requested.source}), longer than the ${formatDuration(options.maxWaitMs)} allowed by model.max_retry_wait_seconds; run \`maestro resume\` after that.`,
          { status: verdict.status, resumable: true, cause: error },
        );
      }
      if (attempt >= options.maxRetries) throw exhausted(verdict, options, error);
      const backoff = Math.min(options.maxWaitMs, base * multiplier ** attempt);
      const waitMs = verdict.requested?.ms ?? Math.round(backoff / 2 + (random() * backoff) / 2);
      options.logger.warn(
        `${name}: ${verdict.detail}; retrying in ${formatDuration(waitMs)} (retry ${attempt + 1} of ${options.maxRetries}).`,
      );
      await options.clock.sleep(waitMs, options.signal);
    }
  }
}

function exhausted(
  verdict: Extract<FailureVerdict, { kind: 'transient' }>,
  options: RetryOptions,
  cause: unknown,
): ModelError {
  const { name, baseUrlHint } = options.provider;
  const tries = `after ${options.maxRetries} ${options.maxRetries === 1 ? 'retry' : 'retries'}`;
  const message = {
    'rate-limited': `${name} is still rate-limiting or overloaded (${verdict.detail}) ${tries}; run \`maestro resume\` later.`,
    server: `${name} kept failing with a server error (${verdict.detail}) ${tries}; run \`maestro resume\` later.`,
    network: `Could not reach ${name} (${verdict.detail}) ${tries}; check the network${baseUrlHint ? ` and ${baseUrlHint}` : ''}, then run \`maestro resume\`.`,
  }[verdict.reason];
  return new ModelError(verdict.reason, message, { status: verdict.status, cause });
}

/** Decide what a failed call means. Unknown errors (bugs, schema failures) are passed through untouched. */
export function classifyFailure(error: unknown, provider: ProviderContext, now: Date): FailureVerdict {
  if (error instanceof ModelError) return { kind: 'fatal', error };
  if (APICallError.isInstance(error)) return classifyApiCall(error, provider, now);
  const streamed = classifyStreamError(error, provider);
  if (streamed) return streamed;
  if (isNetworkError(error)) return { kind: 'transient', reason: 'network', detail: networkDetail(error) };
  return { kind: 'fatal', error };
}

function classifyApiCall(error: APICallError, provider: ProviderContext, now: Date): FailureVerdict {
  const status = error.statusCode;
  const providerMessage = redactSecrets(providerErrorMessage(error), provider.secrets);
  // No status, or a 200 whose body broke off mid-stream: a transport failure, not a verdict on the request.
  if (status === undefined || status < 300) {
    return error.isRetryable || isNetworkError(error)
      ? { kind: 'transient', reason: 'network', detail: networkDetail(error) }
      : { kind: 'fatal', error: fatalError('bad-request', undefined, providerMessage, provider, error) };
  }
  if (SPEND_LIMIT.test(`${error.responseBody ?? ''} ${error.message}`)) {
    return { kind: 'fatal', error: fatalError('spend-limit', status, providerMessage, provider, error) };
  }
  if (RETRYABLE_STATUS.has(status)) {
    const requested = serverRequestedWait(error.responseHeaders ?? {}, now, status);
    const reason: TransientReason = status === 429 || status === 529 ? 'rate-limited' : 'server';
    const label = status === 529 ? '529 overloaded' : String(status);
    return { kind: 'transient', reason, status, detail: label, ...(requested ? { requested } : {}) };
  }
  const kind = status === 401 || status === 403 ? 'auth' : status === 404 ? 'not-found' : 'bad-request';
  return { kind: 'fatal', error: fatalError(kind, status, providerMessage, provider, error) };
}

/**
 * An error event inside a stream that already answered 200 (Anthropic `event: error`, an OpenAI
 * `{"error": …}` chunk). The half-received turn is discarded and the whole turn re-requested.
 */
function classifyStreamError(error: unknown, provider: ProviderContext): FailureVerdict | undefined {
  if (typeof error !== 'object' || error === null || error instanceof Error) return undefined;
  const record = error as { type?: unknown; code?: unknown; message?: unknown };
  const type = String(record.type ?? record.code ?? '');
  const message = redactSecrets(String(record.message ?? type), provider.secrets);
  if (/overloaded|rate_limit/.test(type)) {
    return { kind: 'transient', reason: 'rate-limited', detail: `stream error ${type}` };
  }
  if (type === '' || /api_error|server_error|timeout/.test(type)) {
    return { kind: 'transient', reason: 'server', detail: `stream error ${type || message}` };
  }
  return { kind: 'fatal', error: fatalError('bad-request', undefined, message, provider, error) };
}

function fatalError(
  kind: 'auth' | 'bad-request' | 'not-found' | 'spend-limit',
  status: number | undefined,
  providerMessage: string,
  provider: ProviderContext,
  cause: unknown,
): ModelError {
  const code = status === undefined ? '' : ` (${status})`;
  const keyHint = provider.keyEnv ? `the key in ${provider.keyEnv}` : 'the endpoint';
  // The auth message leaves out the provider's text on purpose: OpenAI echoes part of a bad key.
  const message = {
    auth: `${provider.name} rejected the API key${code}; check ${provider.keyEnv ?? 'the key configured for this endpoint'}.`,
    'spend-limit': `${provider.name} refused the request because the account is out of credit or over its spend limit${code}; add credit or raise the limit for ${keyHint}, then run \`maestro resume\`.`,
    'not-found': `${provider.name} does not know this model or endpoint${code}: ${providerMessage}; check model.planner / model.executor in .github/maestro.yml${provider.baseUrlHint ? ` and ${provider.baseUrlHint}` : ''}.`,
    'bad-request': `${provider.name} rejected the request${code}: ${providerMessage}.`,
  }[kind];
  return new ModelError(kind, message, { status, cause, resumable: false });
}

function providerErrorMessage(error: APICallError): string {
  try {
    const body = JSON.parse(error.responseBody ?? '') as {
      error?: { message?: unknown } | string;
      message?: unknown;
    };
    const nested = typeof body.error === 'object' ? body.error?.message : body.error;
    const message = nested ?? body.message;
    if (typeof message === 'string' && message.length > 0) return message;
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall back to the SDK's message.
  }
  return error.message;
}

/**
 * The wait the server asked for: `retry-after-ms` (OpenAI), `retry-after` in seconds or as an HTTP
 * date (a past date means "now"), or, on a 429 without those, the reset time of whichever
 * `x-ratelimit-remaining-*` counter is exhausted.
 */
export function serverRequestedWait(
  headers: Record<string, string>,
  now: Date,
  status?: number,
): RequestedWait | undefined {
  const header = (name: string) => {
    for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value.trim();
    return undefined;
  };
  const retryAfterMs = Number.parseFloat(header('retry-after-ms') ?? '');
  if (Number.isFinite(retryAfterMs) && retryAfterMs >= 0)
    return { ms: retryAfterMs, source: 'retry-after-ms' };
  const retryAfter = header('retry-after');
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter))
      return { ms: Number.parseFloat(retryAfter) * 1000, source: 'retry-after' };
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return { ms: Math.max(0, date - now.getTime()), source: 'retry-after' };
  }
  if (status !== 429) return undefined;
  let reset: RequestedWait | undefined;
  for (const counter of ['requests', 'tokens']) {
    if (header(`x-ratelimit-remaining-${counter}`) !== '0') continue;
    const ms = parseResetDuration(header(`x-ratelimit-reset-${counter}`) ?? '');
    if (ms !== undefined && (reset === undefined || ms > reset.ms)) {
      reset = { ms, source: `x-ratelimit-reset-${counter}` };
    }
  }
  return reset;
}

/** OpenAI's reset format: `20ms`, `1s`, `6m0s`, `1h2m3.5s`. */
function parseResetDuration(value: string): number | undefined {
  const match = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+)ms)?$/.exec(value);
  if (!match || value === '') return undefined;
  const [, h = '0', m = '0', s = '0', ms = '0'] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);
}

function isNetworkError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (typeof message === 'string' && NETWORK_MESSAGE.test(message)) return true;
    current = cause;
  }
  return false;
}

function networkDetail(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    parts.push(typeof code === 'string' ? code : String(message ?? ''));
    current = cause;
  }
  return parts.filter(Boolean).join(': ') || 'network error';
}

/** Mask every configured secret and anything shaped like an API key. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join('***');
  return result.replace(/\b(sk-[A-Za-z0-9_-]{6,}|sk-ant-[A-Za-z0-9_-]{6,})/g, 'sk-***');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${Number((ms / 1000).toFixed(1))} s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h ? `${h} h` : '', m ? `${m} min` : '', s ? `${s} s` : ''].filter(Boolean).join(' ');
}
