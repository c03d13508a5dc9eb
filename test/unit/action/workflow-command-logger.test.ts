import { describe, expect, it } from 'vitest';
import { workflowCommandLogger } from '../../../src/action/workflow-command-logger.js';

describe('workflowCommandLogger (the post step’s output, without @actions/core)', () => {
  const logged = (use: (logger: ReturnType<typeof workflowCommandLogger>) => void) => {
    const chunks: string[] = [];
    use(workflowCommandLogger((chunk) => chunks.push(chunk)));
    return chunks.join('');
  };

  it('writes warnings, errors and debug lines as workflow commands, info as plain lines', () => {
    expect(
      logged((l) => {
        l.info('post step: removed http.extraheader');
        l.warn('could not prune');
        l.error('boom');
        l.debug('detail');
      }),
    ).toBe(
      'post step: removed http.extraheader\n::warning::could not prune\n::error::boom\n::debug::detail\n',
    );
  });

  it('escapes %, CR and LF so a message cannot end its command and start another', () => {
    expect(logged((l) => l.warn('100% done\r\n::error::forged'))).toBe(
      '::warning::100%25 done%0D%0A::error::forged\n',
    );
  });
});
