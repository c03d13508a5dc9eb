import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitRepositoryReader } from '../../../src/adapters/git/git-repository-reader.js';
import { discover } from '../../../src/discovery/discover.js';
import { type CacheStore, memoryCacheStore } from '../../../src/ports/cache-port.js';
import { tempRepo } from '../../support/temp-repo.js';

const ISSUE = {
  title: 'Refund totals ignore the tax rate',
  body: '`compute_refund` in billing/refund.py never calls `TaxTable.rate`; "no tax rate for region" is logged.',
};

const FILES = {
  'billing/__init__.py': '',
  'billing/refund.py':
    'from billing.tax import TaxTable\n\ndef compute_refund(lines):\n    return sum(lines)\n',
  'billing/tax.py':
    'class TaxTable:\n    def rate(self, region):\n        raise KeyError("no tax rate for region %s" % region)\n',
  'billing/report.py':
    'from billing.refund import compute_refund\n\ndef report():\n    return compute_refund([])\n',
  'docs/refunds.md': '# Refunds\nHow refund totals and the tax rate are computed.\n',
  'README.md': '# Shop\n',
};

/** The store, recording which documents each run loads. */
function recording(): CacheStore & { loaded: string[] } {
  const inner = memoryCacheStore();
  const loaded: string[] = [];
  return {
    loaded,
    load: async (key) => {
      loaded.push(key);
      return inner.load(key);
    },
    save: (key, data) => inner.save(key, data),
  };
}

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());

describe('discover with the rank index of the tree', () => {
  it('ranks a second run on the same tree from the saved index alone, with the same result', async () => {
    const repo = tempRepo(FILES);
    dispose = repo.dispose;
    const cache = recording();
    const run = async () =>
      discover({ repo: await GitRepositoryReader.open(repo.root), cache, issue: ISSUE, budgetTokens: 2000 });
    const cold = await run();
    expect(cache.loaded).toContain('analyses-v2');
    cache.loaded.length = 0;
    const warm = await run();
    // The per-blob analyses are not even read: ranking needs only the index of this tree.
    expect(cache.loaded).toContain('rank-index-v1');
    expect(cache.loaded).not.toContain('analyses-v2');
    expect(warm.ranked).toEqual(cold.ranked);
    expect(warm.context).toEqual(cold.context);
    expect(warm.inventory).toEqual(cold.inventory);
    expect(cold.ranked.slice(0, 2).map((f) => f.path)).toEqual(['billing/tax.py', 'billing/refund.py']);
    expect(cold.ranked.find((f) => f.path === 'billing/report.py')?.reasons).toContain(
      'imports billing/refund.py',
    );
  });

  it('rebuilds the index when a file changes, and ranks what the working tree holds now', async () => {
    const repo = tempRepo(FILES);
    dispose = repo.dispose;
    const cache = recording();
    const run = async () =>
      discover({ repo: await GitRepositoryReader.open(repo.root), cache, issue: ISSUE, budgetTokens: 2000 });
    await run();
    writeFileSync(
      join(repo.root, 'billing/audit.py'),
      'def audit_refund():\n    raise ValueError("no tax rate for region in audit")\n',
    );
    writeFileSync(join(repo.root, 'billing/report.py'), 'def report():\n    return []\n');
    cache.loaded.length = 0;
    const edited = await run();
    expect(cache.loaded).toContain('analyses-v2');
    expect(edited.timings.cacheMisses).toBe(2);
    expect(edited.ranked.find((f) => f.path === 'billing/report.py')?.reasons ?? []).not.toContain(
      'imports billing/refund.py',
    );
    expect(edited.ranked.map((f) => f.path)).toContain('billing/audit.py');
  });
});
