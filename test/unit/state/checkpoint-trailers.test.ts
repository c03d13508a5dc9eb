import { describe, expect, it } from 'vitest';
import { MaestroError } from '../../../src/core/errors.js';
import {
  formatCheckpointMessage,
  messageSubject,
  parseCheckpointTrailers,
} from '../../../src/core/state/checkpoint-trailers.js';

const trailers = { session: 'mae-20261120-223000-7f3a', task: 'T3', checkpoint: 3 };

describe('checkpoint trailers', () => {
  it('appends the trailer block after a blank line and reads it back', () => {
    const message = formatCheckpointMessage('feat: add "x"\r\n\r\nbody $(id)\n\n', trailers);
    expect(message).toBe(
      'feat: add "x"\n\nbody $(id)\n\nMaestro-Session: mae-20261120-223000-7f3a\nMaestro-Task: T3\nMaestro-Checkpoint: 3\n',
    );
    expect(parseCheckpointTrailers(message)).toEqual(trailers);
    expect(messageSubject(message)).toBe('feat: add "x"');
  });

  it('uses a default subject for an empty message', () => {
    expect(formatCheckpointMessage('  ', { ...trailers, task: 'wip' })).toMatch(/^Checkpoint 3 \(wip\)\n\n/);
  });

  it.each([
    ['a session with a newline', { ...trailers, session: 'a\nMaestro-Task: x' }],
    ['a task with a space', { ...trailers, task: 'T 1' }],
    ['an empty task', { ...trailers, task: '' }],
    ['a negative checkpoint', { ...trailers, checkpoint: -1 }],
    ['a fractional checkpoint', { ...trailers, checkpoint: 1.5 }],
  ])('refuses %s', (_name, bad) => {
    expect(() => formatCheckpointMessage('m', bad)).toThrow(MaestroError);
  });

  it.each([
    ['no trailers', 'subject\n\nbody'],
    [
      'trailers only in an earlier paragraph',
      'subject\n\nMaestro-Session: s\nMaestro-Task: T\nMaestro-Checkpoint: 1\n\nSigned-off-by: x',
    ],
    ['a message that is only a trailer block', 'Maestro-Session: s\nMaestro-Task: T\nMaestro-Checkpoint: 1'],
    [
      'a repeated key',
      'subject\n\nMaestro-Session: s\nMaestro-Session: t\nMaestro-Task: T\nMaestro-Checkpoint: 1',
    ],
    ['a non-numeric checkpoint', 'subject\n\nMaestro-Session: s\nMaestro-Task: T\nMaestro-Checkpoint: one'],
    ['a missing task', 'subject\n\nMaestro-Session: s\nMaestro-Checkpoint: 1'],
  ])('reads no checkpoint from %s', (_name, message) => {
    expect(parseCheckpointTrailers(message)).toBeUndefined();
  });

  it('reads trailers among others in the last paragraph', () => {
    expect(
      parseCheckpointTrailers(
        's\n\nCo-authored-by: a <a@b>\nMaestro-Session: s\nMaestro-Task: fix-2\nMaestro-Checkpoint: 12\n',
      ),
    ).toEqual({ session: 's', task: 'fix-2', checkpoint: 12 });
  });
});
