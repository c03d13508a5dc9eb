import { describe, expect, it } from 'vitest';
import { parseStateMarker, renderStateMarker } from '../../../src/core/state/state-marker.js';

describe('state markers', () => {
  it('round-trips state through a hidden comment', () => {
    const marker = renderStateMarker({ kind: 'plan', issue: 7, revision: 2, hash: 'abc123abc123' });
    expect(marker).toMatch(/^<!-- maestro:state v1 [A-Za-z0-9_-]+ -->$/);
    expect(parseStateMarker(`text\n${marker}\n`)).toEqual({
      kind: 'found',
      state: { kind: 'plan', issue: 7, revision: 2, hash: 'abc123abc123' },
    });
  });

  it('keeps payload text that looks like the end of a comment inside the marker', () => {
    const marker = renderStateMarker({ kind: 'notice', status: '--> <script>' });
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
  });

  it.each([
    ['no marker', 'just text', 'absent'],
    ['garbage payload', '<!-- maestro:state v1 !!!! -->', 'absent'],
    ['not JSON', `<!-- maestro:state v1 ${Buffer.from('nope').toString('base64url')} -->`, 'corrupt'],
    [
      'wrong shape',
      `<!-- maestro:state v1 ${Buffer.from('{"kind":"x"}').toString('base64url')} -->`,
      'corrupt',
    ],
  ])('reports %s', (_name, body, kind) => {
    expect(parseStateMarker(body).kind).toBe(kind);
  });
});
