/**
 * `Promise.all` that waits for every step to finish before it rejects: a step still running
 * (`add` in a worktree) must not outlive the serial step that started it.
 */
export async function settleAll<T extends readonly unknown[]>(
  steps: { [K in keyof T]: Promise<T[K]> },
): Promise<{ [K in keyof T]: T[K] }> {
  const settled = await Promise.allSettled(steps);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as { [K in keyof T]: T[K] };
}
