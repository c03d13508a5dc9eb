/**
 * An instant model for the task-cycle bench: a local HTTP server speaking Anthropic's Messages API
 * (what the CLI's real model adapter talks to through `ANTHROPIC_BASE_URL`), answering at once.
 * Unlike the tests' scripted wire (test/support/anthropic-wire.ts), which answers in a fixed order,
 * this one answers by what is asked, because the run's tasks call it in parallel, in any order:
 *
 *   the planner's system prompt        → a plan of `tasks` independent tasks (no questions);
 *   the task planner's system prompt   → the same tasks, each naming the one file it writes;
 *   an agent turn (the request has tools) for `Task Tn` → `write_file` of that task's file, and on
 *                                         the next turn (a tool result is in the messages) `finish`;
 *   the reviewer's system prompt       → every requirement met.
 *
 * Anything else is answered with a 500 naming what was not recognised, so a changed prompt fails
 * the bench loudly instead of measuring a run that went another way.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PLANNING_INSTRUCTIONS } from '../../src/engine/prompts/planning-prompt.js';
import { TASK_GENERATION_INSTRUCTIONS } from '../../src/engine/prompts/task-prompt.js';
import { REQUIREMENT_CHECK_INSTRUCTIONS } from '../../src/engine/prompts/validation-prompt.js';

export interface InstantModel {
  /** The base URL to give as ANTHROPIC_BASE_URL. */
  url: string;
  /** Requests answered, by kind (a bench checks the run made the calls it expected). */
  counts: Record<'plan' | 'tasks' | 'write' | 'finish' | 'review' | 'unknown', number>;
  close(): Promise<void>;
}

/** The file task `n` (1-based) writes, and its content: the same on the plain-git side. */
export function taskFile(n: number): { path: string; content: string } {
  const id = String(n).padStart(2, '0');
  return {
    path: `sympy/bench_cycle/task_${id}.py`,
    content: `"""Written by task T${n} of the task-cycle bench."""\n\n\ndef task_${id}():\n    return ${n}\n`,
  };
}

const usage = { input_tokens: 900, output_tokens: 120 };

export async function instantModel(tasks: number): Promise<InstantModel> {
  const counts: InstantModel['counts'] = { plan: 0, tasks: 0, write: 0, finish: 0, review: 0, unknown: 0 };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as RequestBody;
      const reply = replyFor(body, tasks);
      counts[reply.kind] += 1;
      if (reply.kind === 'unknown') {
        process.stderr.write(`${reply.why}\n`);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: reply.why } }));
        return;
      }
      respond(res, reply.content, body.stream === true);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface RequestBody {
  system?: string | { type: string; text?: string }[];
  messages?: { role: string; content: string | { type: string; text?: string }[] }[];
  tools?: unknown[];
  stream?: boolean;
}

type Block =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };
type Reply =
  | { kind: Exclude<keyof InstantModel['counts'], 'unknown'>; content: Block[] }
  | { kind: 'unknown'; why: string };

let toolUseIds = 0;

function replyFor(body: RequestBody, tasks: number): Reply {
  const system = textOf(body.system);
  const use = (name: string, input: Record<string, unknown>): Block => ({
    type: 'tool_use',
    id: `toolu_bench_${++toolUseIds}`,
    name,
    input,
  });
  // A structured answer: through the forced `json` tool when the AI SDK asks for one, else as text.
  const toolNames = (body.tools ?? []).map((t) => (t as { name?: string }).name);
  if (toolNames.length === 0 || (toolNames.length === 1 && toolNames[0] === 'json')) {
    const object = (value: Record<string, unknown>): Block[] =>
      toolNames.length ? [use('json', value)] : [{ type: 'text', text: JSON.stringify(value) }];
    if (system.startsWith(PLANNING_INSTRUCTIONS.slice(0, 200)))
      return { kind: 'plan', content: object(plan(tasks)) };
    if (system.startsWith(TASK_GENERATION_INSTRUCTIONS.slice(0, 200)))
      return { kind: 'tasks', content: object(taskPlan(tasks)) };
    if (system.startsWith(REQUIREMENT_CHECK_INSTRUCTIONS.slice(0, 200)))
      return { kind: 'review', content: object(allMet) };
    return { kind: 'unknown', why: `instant model: unrecognised structured call: ${system.slice(0, 120)}` };
  }
  const messages = body.messages ?? [];
  const asked = messages.map((m) => textOf(m.content)).join('\n');
  const task = /^Task T(\d+): /m.exec(asked);
  if (!task)
    return {
      kind: 'unknown',
      why: `instant model: a tool turn without a "Task Tn:" line (tools ${JSON.stringify(toolNames)}; system: ${system.slice(0, 160)})`,
    };
  const answered = messages.some(
    (m) => Array.isArray(m.content) && m.content.some((b) => b.type === 'tool_result'),
  );
  if (answered)
    return {
      kind: 'finish',
      content: [use('finish', { summary: `T${task[1]} done`, quality_score: 8, hints_for_next: 'none' })],
    };
  const file = taskFile(Number(task[1]));
  return { kind: 'write', content: [use('write_file', { path: file.path, content: file.content })] };
}

function textOf(value: RequestBody['system']): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value.map((b) => b.text ?? '').join('\n');
}

const ids = (tasks: number) => Array.from({ length: tasks }, (_, i) => i + 1);

function plan(tasks: number) {
  return {
    understanding: 'Add one small module per task under sympy/bench_cycle.',
    prd: {
      title: 'Bench cycle modules',
      goal: 'Each task adds its own module.',
      requirements: [{ id: 'R1', title: 'Every module exists', acceptance: ['each task_NN.py is present'] }],
      nonGoals: [],
      affectedAreas: [{ path: 'sympy/bench_cycle', why: 'new modules' }],
      risks: [],
    },
    questions: [],
    decisions: [],
    taskPreview: {
      epics: [
        {
          id: 'E1',
          title: 'Modules',
          tasks: ids(tasks).map((n) => ({
            id: `T${n}`,
            title: `Add module ${n}`,
            category: 'backend',
            requirements: ['R1'],
          })),
        },
      ],
    },
  };
}

function taskPlan(tasks: number) {
  return {
    epics: [
      {
        id: 'E1',
        title: 'Modules',
        tasks: ids(tasks).map((n) => ({
          id: `T${n}`,
          title: `Add module ${n}`,
          description: `Write ${taskFile(n).path}.`,
          category: 'backend',
          dependsOn: [],
          files: [taskFile(n).path],
          acceptance: [`${taskFile(n).path} exists`],
          requirements: ['R1'],
        })),
      },
    ],
  };
}

const allMet = {
  checks: [{ requirement: 'R1', status: 'met', evidence: 'every module was added', gaps: '' }],
};

function respond(res: ServerResponse, content: Block[], stream: boolean): void {
  const toolTurn = content.some((b) => b.type === 'tool_use');
  const stopReason = toolTurn ? 'tool_use' : 'end_turn';
  const message = {
    id: `msg_bench_${toolUseIds}`,
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
  };
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...message, content, stop_reason: stopReason, stop_sequence: null, usage }));
    return;
  }
  const events: Record<string, unknown>[] = [
    {
      type: 'message_start',
      message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage },
    },
  ];
  content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: block.text } });
    } else {
      const { input, ...start } = block;
      events.push({ type: 'content_block_start', index, content_block: { ...start, input: {} } });
      events.push({
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(input) },
      });
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push({
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  events.push({ type: 'message_stop' });
  res.end(events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join(''));
}
