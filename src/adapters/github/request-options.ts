/**
 * Per-request Octokit options. `retries: 0` turns plugin-retry off for one request: creating a
 * comment or a PR is not idempotent, so after an ambiguous failure the caller looks for the result
 * instead of posting blindly again (security.md rule 8).
 */
export function requestOptions(options: { timeoutMs: number; retries?: number }): {
  request: { fetch: typeof fetch; retries?: number };
} {
  const request: { fetch: typeof fetch; retries?: number } = { fetch: timeoutFetch(options.timeoutMs) };
  if (options.retries !== undefined) request.retries = options.retries;
  return { request };
}

/**
 * `fetch` with a fresh timeout per attempt (a signal shared by all retries would make every retry
 * after the first timeout fail at once). Resolves `globalThis.fetch` at call time so test
 * interceptors installed later still apply. A timed-out request surfaces from Octokit as a
 * RequestError with status 500, i.e. as ambiguous.
 */
export function timeoutFetch(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return globalThis.fetch(input, { ...init, signal });
  };
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
