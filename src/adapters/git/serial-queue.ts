/**
 * A promise-chain mutex: tasks finish concurrently, but the main checkout has one index and one
 * HEAD, so everything that changes it runs one at a time, in call order. A failed step does not
 * block the ones after it.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(step: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(step, step);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
