import type { RecordedEntry } from '../../../src/adapters/model/scripted-model.js';
import { ScriptedModel } from '../../../src/adapters/model/scripted-model.js';
import type { Task } from '../../../src/core/tasks/task-schema.js';
import { UsageLedger } from '../../../src/core/usage/usage-ledger.js';
import type { Clock } from '../../../src/ports/clock-port.js';
import type { ExecutorRequest } from '../../../src/ports/executor-port.js';

export const task: Task = {
  id: 'T1',
  title: 'Add a greeting',
  description: 'Make greet() say hello.',
  category: 'backend',
  dependsOn: [],
  files: ['src/greet.js'],
  acceptance: ['greet() returns "hello"'],
  requirements: [],
};

let callId = 0;
/** One scripted assistant turn calling the given tools in order (an obedient model). */
export function turn(...calls: [name: string, input: unknown][]): RecordedEntry {
  return {
    name: `implement:${task.id}`,
    phase: 'implementation',
    toolTurn: {
      text: '',
      toolCalls: calls.map(([name, input]) => ({ id: `c${++callId}`, name, input })),
      finishReason: calls.length > 0 ? 'tool-calls' : 'stop',
    },
    usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, cacheWriteTokens: 0 },
    model: 'scripted',
  };
}

export function textTurn(text: string): RecordedEntry {
  return { ...turn(), toolTurn: { text, toolCalls: [], finishReason: 'stop' } };
}

export function scripted(entries: RecordedEntry[]): ScriptedModel {
  return new ScriptedModel({ version: 1, label: 'executor-test', entries }, { ledger: new UsageLedger() });
}

export function request(workdir: string, overrides: Partial<ExecutorRequest> = {}): ExecutorRequest {
  return {
    workdir,
    task,
    instructions: 'You are the backend-architect.',
    context: 'PRD excerpt',
    allowedCommands: [
      ['node', '--test'],
      ['git', 'diff'],
      ['git', 'status'],
    ],
    protectedPaths: ['.github/workflows/**', 'AGENTS.md', '.npmrc'],
    timeoutMs: 60_000,
    maxTurns: 10,
    ...overrides,
  };
}

/** A clock that jumps forward by `stepMs` every time it is read, to reach deadlines without waiting. */
export function steppingClock(stepMs: number): Clock {
  let now = Date.parse('2025-01-01T00:00:00Z');
  return {
    now: () => {
      now += stepMs;
      return new Date(now);
    },
    sleep: async () => {},
  };
}

export const realClock: Clock = { now: () => new Date(), sleep: async () => {} };
