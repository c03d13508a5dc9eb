import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { GitHubDeps } from '../engine/github/github-deps.js';
import type { Handled, IssueEvent } from '../engine/github/issue-events.js';
import type { Job } from './work-queue.js';

/**
 * What became of one delivery at the door: the queue's answer, or why it never got there. `shed`:
 * refused with a 503 (the process is stopping, or the queue is `full`).
 */
export type DeliveryOutcome = 'queued' | 'duplicate' | 'busy' | 'ignored' | 'shed';

/** The queue as the depth gauge reads it, at scrape time. */
export interface QueueDepth {
  readonly pending: number;
  readonly running: number;
}

/**
 * Maestro's Prometheus metrics, in a registry of its own (a test or a second App in one process
 * never shares counters), with Node's default process metrics beside them. Served at `/metrics`.
 */
export class AppMetrics {
  readonly registry = new Registry();
  readonly #deliveries: Counter<'event' | 'outcome'>;
  readonly #deliveryCounters = new Map<string, ReturnType<Counter<'event' | 'outcome'>['labels']>>();
  readonly #duration: Histogram<'outcome'>;
  readonly #plans: Counter;
  readonly #dispatches: Counter<'mode'>;
  readonly #failures: Counter<'stage'>;

  constructor(queue: () => QueueDepth | undefined) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.#deliveries = new Counter({
      name: 'maestro_deliveries_total',
      help: 'Webhook deliveries by event (name.action) and what became of them',
      labelNames: ['event', 'outcome'],
      registers,
    });
    new Gauge({
      name: 'maestro_queue_jobs',
      help: 'Jobs in the work queue by state (pending: waiting; running: started)',
      labelNames: ['state'],
      registers,
      // Read at scrape time: the queue stays the one source of truth.
      collect() {
        const depth = queue();
        this.set({ state: 'pending' }, depth?.pending ?? 0);
        this.set({ state: 'running' }, depth?.running ?? 0);
      },
    });
    this.#duration = new Histogram({
      name: 'maestro_job_duration_seconds',
      help: 'How long one queued job (an event handled by the engine, then its follow-up) took',
      labelNames: ['outcome'],
      // A reply takes a second, a plan minutes.
      buckets: [0.05, 0.25, 1, 5, 15, 60, 180, 600],
      registers,
    });
    this.#plans = new Counter({
      name: 'maestro_plans_total',
      help: 'Plan revisions posted by the App (planning.runs_in: app)',
      registers,
    });
    this.#dispatches = new Counter({
      name: 'maestro_dispatches_total',
      help: 'workflow_dispatch requests the engine asked for, by mode (plan, execute)',
      labelNames: ['mode'],
      registers,
    });
    this.#failures = new Counter({
      name: 'maestro_failures_total',
      help: 'Jobs that threw (logged; their dedupe ids are forgotten so a redelivery can retry)',
      labelNames: ['stage'],
      registers,
    });
  }

  delivery(event: string, outcome: DeliveryOutcome | 'full'): void {
    const label = outcome === 'full' ? 'shed' : outcome;
    // One child counter per pair, kept: prom-client hashes a label object on every `inc` otherwise.
    // The pairs are few (the subscribed events × outcomes), so the map stays small.
    const key = `${event}\n${label}`;
    let counter = this.#deliveryCounters.get(key);
    if (!counter) {
      counter = this.#deliveries.labels(event, label);
      this.#deliveryCounters.set(key, counter);
    }
    counter.inc();
  }

  /** The engine's use case, counting what it decided (plans posted, dispatches asked for). */
  observeHandle(
    handle: (event: IssueEvent, deps: GitHubDeps) => Promise<Handled>,
  ): (event: IssueEvent, deps: GitHubDeps) => Promise<Handled> {
    return async (event, deps) => {
      const handled = await handle(event, deps);
      this.handled(handled.kind);
      return handled;
    };
  }

  /** Counts what the engine decided (the job thread reports only the kind back). */
  handled(kind: Handled['kind']): void {
    if (kind === 'planned') this.#plans.inc();
    if (kind === 'plan-in-action') this.#dispatches.inc({ mode: 'plan' });
    if (kind === 'execute') this.#dispatches.inc({ mode: 'execute' });
  }

  /** The same job, timed, and counted as a failure when it throws (the queue still sees the throw). */
  timed(job: Job): Job {
    return {
      ...job,
      run: async () => {
        const end = this.#duration.startTimer();
        try {
          await job.run();
          end({ outcome: 'done' });
        } catch (error) {
          end({ outcome: 'failed' });
          this.#failures.inc({ stage: 'job' });
          throw error;
        }
      },
    };
  }

  /** The text exposition format, for `GET /metrics`. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
