import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RecordingModel } from '../../../src/adapters/model/recording-model.js';
import { type RecordedSession, ScriptedModel } from '../../../src/adapters/model/scripted-model.js';
import { MaestroError, ModelError, ValidationError } from '../../../src/core/errors.js';
import { UsageLedger } from '../../../src/core/usage/usage-ledger.js';

const planSchema = z.object({ title: z.string() });
const usage = { inputTokens: 2120, outputTokens: 40, cachedInputTokens: 2000, cacheWriteTokens: 0 };

const session: RecordedSession = {
  version: 1,
  label: 'demo-issue-7',
  entries: [
    { name: 'plan', phase: 'planning', object: { title: 'Add subtract' }, usage, model: 'claude-sonnet-4-5' },
    {
      name: 'implement-1',
      phase: 'implementation',
      toolTurn: {
        text: 'Reading.',
        toolCalls: [{ id: 't1', name: 'read_file', input: { path: 'src/a.ts' } }],
        finishReason: 'tool-calls',
      },
      usage: { ...usage, cachedInputTokens: 0 },
      model: 'claude-haiku-4-5',
    },
  ],
};

const layout = { system: 'sys', prompt: 'p' };

describe('ScriptedModel', () => {
  it('replays entries in order, validates objects and records the recorded usage', async () => {
    const ledger = new UsageLedger();
    const model = new ScriptedModel(session, { ledger });

    const plan = await model.generateObject({
      ...layout,
      name: 'plan',
      phase: 'planning',
      schema: planSchema,
    });
    const turn = await model.toolTurn({
      name: 'implement-1',
      phase: 'implementation',
      system: 'sys',
      messages: [],
      tools: [],
    });

    expect(plan).toMatchObject({
      object: { title: 'Add subtract' },
      repaired: false,
      usage: { ...usage, model: 'claude-sonnet-4-5' },
    });
    expect(turn).toMatchObject({ finishReason: 'tool-calls', toolCalls: [{ id: 't1', name: 'read_file' }] });
    expect(ledger.total()).toMatchObject({
      calls: 2,
      inputTokens: 4240,
      cachedInputTokens: 2000,
      outputTokens: 80,
    });
    expect(model.remaining).toBe(0);
    expect(model.describe('planning')).toBe('replay:demo-issue-7');
  });

  it('fails loudly, naming both requests, when the replay is out of step', async () => {
    const model = new ScriptedModel(session, { ledger: new UsageLedger() });

    const error = await model
      .generateObject({ ...layout, name: 'questions', phase: 'planning', schema: planSchema })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MaestroError);
    expect(error).toMatchObject({
      code: 'model.replay-desync',
      message:
        'Replay out of step at entry 1 of recorded session "demo-issue-7": generateObject("questions") was called but the recording has no unused "questions" entry (next unused: "plan"); the code and the recording disagree — re-record the session.',
    });
  });

  it('fails when the script is used up or the entry is of the other kind', async () => {
    const model = new ScriptedModel(session, { ledger: new UsageLedger() });
    await model.generateObject({ ...layout, name: 'plan', phase: 'planning', schema: planSchema });
    await expect(
      model.generateObject({ ...layout, name: 'implement-1', phase: 'implementation', schema: planSchema }),
    ).rejects.toThrow('entry "implement-1" has no object');
    await expect(
      model.toolTurn({ name: 'implement-2', phase: 'implementation', system: 's', messages: [], tools: [] }),
    ).rejects.toThrow('toolTurn("implement-2") was called but all 2 recorded entries are used up');
  });

  it('replays calls of different names in any order, and the same name in recorded order', async () => {
    const twice = {
      ...session,
      entries: [
        { ...session.entries[0]!, name: 'a', object: { title: 'a1', steps: ['x'] } },
        { ...session.entries[0]!, name: 'b', object: { title: 'b1', steps: ['x'] } },
        { ...session.entries[0]!, name: 'a', object: { title: 'a2', steps: ['x'] } },
      ],
    };
    const model = new ScriptedModel(twice, { ledger: new UsageLedger() });
    const ask = (name: string) =>
      model.generateObject({ ...layout, name, phase: 'planning', schema: planSchema });
    expect((await ask('b')).object.title).toBe('b1');
    expect((await ask('a')).object.title).toBe('a1');
    expect((await ask('a')).object.title).toBe('a2');
    expect(model.remaining).toBe(0);
  });

  it('rejects a recorded object that no longer matches the schema', async () => {
    const model = new ScriptedModel(session, { ledger: new UsageLedger() });
    await expect(
      model.generateObject({
        ...layout,
        name: 'plan',
        phase: 'planning',
        schema: z.object({ title: z.number() }),
      }),
    ).rejects.toBeInstanceOf(ModelError);
  });

  it('validates the session file and names it in errors', () => {
    expect(() =>
      ScriptedModel.fromValue({ version: 2, label: 'x', entries: [] }, 'demo.json', {
        ledger: new UsageLedger(),
      }),
    ).toThrow(ValidationError);
    expect(() =>
      ScriptedModel.fromValue({ version: 2, label: 'x', entries: [] }, 'demo.json', {
        ledger: new UsageLedger(),
      }),
    ).toThrow(/^demo\.json: version/);
  });
});

describe('RecordingModel', () => {
  it('records live answers in the format the scripted model replays', async () => {
    const live = new ScriptedModel(session, { ledger: new UsageLedger() });
    const recorder = new RecordingModel(live, 're-recorded');
    await recorder.generateObject({ ...layout, name: 'plan', phase: 'planning', schema: planSchema });
    await recorder.toolTurn({
      name: 'implement-1',
      phase: 'implementation',
      system: 's',
      messages: [],
      tools: [],
    });

    const dir = await mkdtemp(join(tmpdir(), 'maestro-recording-'));
    try {
      const path = join(dir, 'session.json');
      await recorder.save(path);
      const ledger = new UsageLedger();
      const replay = await ScriptedModel.fromFile(path, { ledger });
      await replay.generateObject({ ...layout, name: 'plan', phase: 'planning', schema: planSchema });
      await replay.toolTurn({
        name: 'implement-1',
        phase: 'implementation',
        system: 's',
        messages: [],
        tools: [],
      });
      expect(recorder.session()).toEqual({ ...session, label: 're-recorded' });
      expect(ledger.total().inputTokens).toBe(4240);
      expect(replay.describe('handoff')).toBe('replay:re-recorded');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
