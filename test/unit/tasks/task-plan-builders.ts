import fc from 'fast-check';
import type { Task, TaskPlan } from '../../../src/core/tasks/task-schema.js';

/** A task with every field filled in; only what a test cares about needs saying. */
export function task(id: string, dependsOn: string[] = [], extra: Partial<Task> = {}): Task {
  return {
    id,
    title: `Do ${id}`,
    description: `Everything ${id} needs.`,
    category: 'general',
    dependsOn,
    files: [],
    acceptance: [`${id} works`],
    requirements: [],
    ...extra,
  };
}

/** One epic holding all the tasks. */
export function planOf(...tasks: Task[]): TaskPlan {
  return { epics: [{ id: 'E1', title: 'Everything', tasks }] };
}

export interface RandomDag {
  plan: TaskPlan;
  durations: Map<string, number>;
}

/**
 * A random DAG: task `Ti` depends only on lower-numbered tasks (so it is acyclic), listed in a
 * shuffled order across a few epics (so input order is not a topological order).
 */
export const randomDag = (maxTasks = 25): fc.Arbitrary<RandomDag> =>
  fc.integer({ min: 1, max: maxTasks }).chain((n) =>
    fc
      .record({
        deps: fc.tuple(
          ...Array.from({ length: n }, (_, i) =>
            fc.uniqueArray(fc.nat({ max: Math.max(0, i - 1) }), { maxLength: Math.min(i, 3) }),
          ),
        ),
        durations: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
        listing: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
        epicSize: fc.integer({ min: 1, max: 6 }),
      })
      .map(({ deps, durations, listing, epicSize }) => {
        const tasks = listing.map((i) =>
          task(
            `T${i}`,
            (deps[i] ?? []).map((d) => `T${d}`),
          ),
        );
        const epics = [];
        for (let start = 0; start < tasks.length; start += epicSize) {
          epics.push({
            id: `E${start}`,
            title: `Epic ${start}`,
            tasks: tasks.slice(start, start + epicSize),
          });
        }
        const durationMap = new Map(durations.map((value, i) => [`T${i}`, value]));
        return { plan: { epics }, durations: durationMap };
      }),
  );
