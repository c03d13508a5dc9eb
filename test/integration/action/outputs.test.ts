import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ActionOutcome } from '../../../src/action/outcome.js';
import { outputNames, outputsFor, writeOutputs } from '../../../src/action/outputs.js';
import { appendKeyValues } from '../../../src/action/workflow-files.js';
import type { RunResult } from '../../../src/engine/github/github-deps.js';
import { tempDir } from '../../support/temp-repo.js';
import { parseKeyValues } from './action-env.js';

const request = { issue: 12, approvalCommentId: 4567, prdHash: 'a1b2c3d4', reason: 'approve' as const };
const result: RunResult = {
  status: 'pr-open',
  branch: 'maestro/issue-12-add-login',
  pr: { number: 34, url: 'https://github.com/o/r/pull/34' },
  iterations: 2,
  usage: { inputTokens: 12000, outputTokens: 3400, costUsd: 0.12345 },
  summary: '# Report',
  reasons: [],
};

describe('outputs', () => {
  const dirs: Array<{ dispose(): void }> = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) dir.dispose();
  });

  it('declares in action.yml exactly the outputs it sets', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as {
      outputs: Record<string, { description: string }>;
    };
    expect(Object.keys(action.outputs).sort()).toEqual([...outputNames].sort());
    for (const output of Object.values(action.outputs)) expect(output.description.length).toBeGreaterThan(10);
  });

  it('writes every output of an execution in the heredoc format', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir.path, 'output');
    await writeOutputs(file, { kind: 'executed', request, result });
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^status<<ghadelimiter_[0-9a-f-]{36}\npr-open\nghadelimiter_[0-9a-f-]{36}\n/);
    expect(parseKeyValues(text)).toEqual({
      status: 'pr-open',
      branch: 'maestro/issue-12-add-login',
      'pr-number': '34',
      'pr-url': 'https://github.com/o/r/pull/34',
      iterations: '2',
      'input-tokens': '12000',
      'output-tokens': '3400',
      'cost-usd': '0.1235',
      issue: '12',
      'approval-comment-id': '4567',
      'prd-hash': 'a1b2c3d4',
      reason: 'approve',
      fix: '',
      'head-sha': '',
      'review-id': '',
    });
  });

  it('reports an approval in plan mode as status approved with the approval to execute', () => {
    const outputs = outputsFor({ kind: 'handled', handled: { kind: 'execute', request } });
    expect(outputs).toMatchObject({
      status: 'approved',
      issue: '12',
      'approval-comment-id': '4567',
      'prd-hash': 'a1b2c3d4',
      reason: 'approve',
      fix: '',
      'pr-number': '',
    });
  });

  it('hands a fix iteration on with its text (capped like a dispatch) and the PR to update', () => {
    const fix = { ...request, reason: 'fix' as const, fix: `make it pass\n${'x'.repeat(2000)}`, pr: 34 };
    const outputs = outputsFor({ kind: 'handled', handled: { kind: 'execute', request: fix } });
    expect(outputs).toMatchObject({ status: 'approved', reason: 'fix', 'pr-number': '34' });
    expect(outputs.fix).toHaveLength(1000);
    expect(outputs.fix.startsWith('make it pass\n')).toBe(true);
  });

  it('sets every output, empty when it does not apply', () => {
    const outcomes: ActionOutcome[] = [
      { kind: 'nothing', reason: 'nothing to do for event push' },
      { kind: 'error', message: 'bad input' },
      { kind: 'handled', handled: { kind: 'planned', revision: 2, hash: 'abcdef1', ready: true } },
    ];
    expect(outcomes.map((o) => outputsFor(o).status)).toEqual(['ignored', 'error', 'planned']);
    for (const outcome of outcomes) {
      const outputs = outputsFor(outcome);
      expect(Object.keys(outputs)).toEqual([...outputNames]);
      expect(outputs.issue).toBe('');
    }
  });

  it('keeps multi-line values intact and refuses names that would break the file', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir.path, 'output');
    await appendKeyValues(file, { report: 'line 1\nline 2\n\nstatus<<EOF' });
    expect(parseKeyValues(readFileSync(file, 'utf8'))).toEqual({ report: 'line 1\nline 2\n\nstatus<<EOF' });
    await expect(appendKeyValues(file, { 'a\nb': 'x' })).rejects.toThrow(/bad name/);
  });
});
