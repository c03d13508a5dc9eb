/**
 * One run of `work` at a time; a call made while a run is going shares the next run with every
 * other call made meanwhile. Each caller still gets a run that started after its call (so what it
 * changed is saved), but N parallel tasks finishing together cost two runs instead of N, and two
 * runs never write the same file at the same moment (a plain write interleaved with another can
 * leave a torn JSON document).
 */
export function coalesced(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const run: Promise<void> = work().finally(() => {
      if (running === run) running = undefined;
    });
    running = run;
    return run;
  };
  return () => {
    if (!running) return start();
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
}
