import { describe, expect, it } from 'vitest';
import { flattenTasks, taskPlanSchema, taskSchema } from '../../../src/core/tasks/task-schema.js';

const minimalTask = {
  id: 'E1.T2',
  title: 'Add the toggle',
  description: 'A switch in the header.',
  category: 'frontend',
  acceptance: ['the toggle switches the theme'],
};

describe('taskSchema', () => {
  it('fills in empty dependencies, files and requirements', () => {
    expect(taskSchema.parse(minimalTask)).toEqual({
      ...minimalTask,
      dependsOn: [],
      files: [],
      requirements: [],
    });
  });

  it.each([
    ['an id with a space', { id: 'T 1' }],
    ['an id with a quote', { id: 'T1"' }],
    ['an unknown category', { category: 'wizardry' }],
    ['a zero estimate', { estimate: 0 }],
  ])('rejects %s', (_, change) => {
    expect(taskSchema.safeParse({ ...minimalTask, ...change }).success).toBe(false);
  });
});

describe('taskPlanSchema', () => {
  it.each([
    ['a plan without epics', { epics: [] }],
    ['an epic without tasks', { epics: [{ id: 'E1', title: 'Empty', tasks: [] }] }],
  ])('rejects %s', (_, plan) => {
    expect(taskPlanSchema.safeParse(plan).success).toBe(false);
  });
});

describe('flattenTasks', () => {
  it('lists the tasks epic by epic in input order', () => {
    const plan = taskPlanSchema.parse({
      epics: [
        {
          id: 'E1',
          title: 'One',
          tasks: [
            { ...minimalTask, id: 'B' },
            { ...minimalTask, id: 'A' },
          ],
        },
        { id: 'E2', title: 'Two', tasks: [{ ...minimalTask, id: 'C' }] },
      ],
    });
    expect(flattenTasks(plan).map((t) => t.id)).toEqual(['B', 'A', 'C']);
  });
});
