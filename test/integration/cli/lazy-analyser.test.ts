import { afterEach, describe, expect, it } from 'vitest';
import { GitRepositoryReader } from '../../../src/adapters/git/git-repository-reader.js';
import { fsCacheStore } from '../../../src/adapters/local/fs-cache-store.js';
import { lazyAnalyser } from '../../../src/cli/commands/context.js';
import { type FileAnalysis, inProcessAnalyser } from '../../../src/discovery/analyse-file.js';
import { discover } from '../../../src/discovery/discover.js';
import { tempDir, tempRepo } from '../../support/temp-repo.js';

/**
 * `maestro context` makes its analysis pool on the first batch (a warm run never loads it). The
 * wrapper must still pass on what discovery says: `release` when the run has nothing more to
 * analyse (the pool ends its threads before the index is built, the cold run's peak), and `close`.
 */
function recording() {
  const calls: string[] = [];
  const made = {
    analyse: async (jobs: readonly { path: string; content: Uint8Array }[], total: number) => {
      calls.push(`analyse ${jobs.length}`);
      return inProcessAnalyser.analyse(jobs, total) as Promise<FileAnalysis[]>;
    },
    release: () => {
      calls.push('release');
    },
    close: async () => {
      calls.push('close');
    },
  };
  let makes = 0;
  const analyser = lazyAnalyser(async () => {
    makes++;
    return made;
  });
  return { analyser, calls, makes: () => makes };
}

const disposers: Array<() => void> = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
});

describe('lazyAnalyser', () => {
  it('makes nothing until a batch comes, then passes release and close on', async () => {
    const { analyser, calls, makes } = recording();
    analyser.release?.();
    await analyser.close();
    expect(makes()).toBe(0);
    expect(calls).toEqual([]);

    await analyser.analyse([{ path: 'a.py', content: Buffer.from('def f(): pass\n') }], 1);
    await analyser.analyse([{ path: 'b.py', content: Buffer.from('def g(): pass\n') }], 1);
    analyser.release?.();
    await analyser.close();
    expect(makes()).toBe(1);
    expect(calls).toEqual(['analyse 1', 'analyse 1', 'release', 'close']);
  });

  it('is released by discovery once a cold run has analysed every file, and never made when warm', async () => {
    const repo = tempRepo({ 'billing/invoice.py': 'def compute_invoice_total():\n    return 1\n' });
    const cache = tempDir();
    disposers.push(repo.dispose, cache.dispose);
    const run = async () => {
      const r = recording();
      await discover({
        repo: await GitRepositoryReader.open(repo.root),
        cache: fsCacheStore(cache.path),
        issue: { title: 'compute_invoice_total is wrong', body: '' },
        budgetTokens: 2000,
        analyser: r.analyser,
      });
      return r;
    };
    const cold = await run();
    expect(cold.calls).toEqual(['analyse 1', 'release']);
    const warm = await run();
    expect(warm.makes()).toBe(0);
    expect(warm.calls).toEqual([]);
  });
});
