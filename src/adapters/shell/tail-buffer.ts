/**
 * Keeps the last `maxBytes` of a stream: the end of a test run's output is where the failure is.
 */
export class TailBuffer {
  readonly #maxBytes: number;
  #chunks: Buffer[] = [];
  #bytes = 0;
  #truncated = false;

  constructor(maxBytes: number) {
    this.#maxBytes = Math.max(0, maxBytes);
  }

  get truncated(): boolean {
    return this.#truncated;
  }

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
    while (this.#bytes > this.#maxBytes && this.#chunks.length > 0) {
      const first = this.#chunks[0]!;
      const excess = this.#bytes - this.#maxBytes;
      this.#truncated = true;
      if (first.length <= excess) {
        this.#chunks.shift();
        this.#bytes -= first.length;
      } else {
        this.#chunks[0] = first.subarray(excess);
        this.#bytes -= excess;
      }
    }
  }

  text(): string {
    let buffer = Buffer.concat(this.#chunks);
    // A cut in the middle of a UTF-8 character would decode as U+FFFD; skip continuation bytes.
    if (this.#truncated) {
      let start = 0;
      while (start < buffer.length && start < 3 && ((buffer[start] ?? 0) & 0xc0) === 0x80) start++;
      buffer = buffer.subarray(start);
    }
    return buffer.toString('utf8');
  }
}
