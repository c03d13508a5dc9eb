import { describe, expect, it } from 'vitest';
import { readInput, readInputs, secretValues } from '../../../src/action/inputs.js';
import { ValidationError } from '../../../src/core/errors.js';

const base = { 'INPUT_GITHUB-TOKEN': 'ghs_abc', INPUT_MODE: 'auto', 'INPUT_DRY-RUN': 'false' };

describe('action inputs', () => {
  it('reads inputs the way the runner names them (INPUT_ + upper case, hyphens kept)', () => {
    expect(readInput({ 'INPUT_CONFIG-PATH': '  x.yml \n' }, 'config-path')).toBe('x.yml');
    expect(readInput({ INPUT_MY_INPUT: 'v' }, 'my input')).toBe('v');
    expect(readInput({}, 'missing')).toBe('');
  });

  it('applies defaults for empty inputs and keeps absent keys undefined', () => {
    const inputs = readInputs({ 'INPUT_GITHUB-TOKEN': 'ghs_abc' });
    expect(inputs).toEqual({
      githubToken: 'ghs_abc',
      anthropicApiKey: undefined,
      openaiApiKey: undefined,
      model: undefined,
      mode: 'auto',
      configPath: '.github/maestro.yml',
      dryRun: false,
    });
  });

  it('reads every input', () => {
    const inputs = readInputs({
      ...base,
      'INPUT_ANTHROPIC-API-KEY': 'sk-ant-1',
      'INPUT_OPENAI-API-KEY': 'sk-2',
      INPUT_MODEL: 'claude-opus-4-1',
      INPUT_MODE: 'execute',
      'INPUT_CONFIG-PATH': 'config/maestro.yaml',
      'INPUT_DRY-RUN': 'True',
    });
    expect(inputs).toMatchObject({
      anthropicApiKey: 'sk-ant-1',
      openaiApiKey: 'sk-2',
      model: 'claude-opus-4-1',
      mode: 'execute',
      configPath: 'config/maestro.yaml',
      dryRun: true,
    });
    expect(secretValues(inputs)).toEqual(['ghs_abc', 'sk-ant-1', 'sk-2']);
  });

  it('rejects a bad mode with a message naming the input and the allowed values', () => {
    expect(() => readInputs({ ...base, INPUT_MODE: 'deploy' })).toThrow(
      'action inputs: mode: must be auto, plan, execute or ci-fix, got "deploy"',
    );
  });

  it('rejects a dry-run that is not a YAML boolean', () => {
    for (const value of ['yes', '1', 'on', 'tru']) {
      expect(() => readInputs({ ...base, 'INPUT_DRY-RUN': value })).toThrow(
        `action inputs: dry-run: must be true or false, got "${value}"`,
      );
    }
  });

  it('rejects an empty token, config paths outside the repository and odd model ids', () => {
    expect(() => readInputs({ INPUT_MODE: 'auto' })).toThrow(
      /github-token is empty: pass a token .*or app-id and app-private-key/,
    );
    expect(() => readInputs({ ...base, 'INPUT_CONFIG-PATH': '../secrets.yml' })).toThrow(/config-path/);
    expect(() => readInputs({ ...base, 'INPUT_CONFIG-PATH': '/etc/maestro.yml' })).toThrow(/config-path/);
    expect(() => readInputs({ ...base, 'INPUT_CONFIG-PATH': 'maestro.json' })).toThrow(/config-path/);
    expect(() => readInputs({ ...base, INPUT_MODEL: 'claude; rm -rf /' })).toThrow(
      /model: must be a model id/,
    );
  });

  it('reports every bad input at once as a ValidationError', () => {
    let error: unknown;
    try {
      readInputs({ ...base, INPUT_MODE: 'x', 'INPUT_DRY-RUN': 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/mode: .*; dry-run: /);
  });

  it('reads an approval handed from a plan job in mode execute', () => {
    const inputs = readInputs({
      ...base,
      INPUT_MODE: 'execute',
      INPUT_ISSUE: '12',
      'INPUT_APPROVAL-COMMENT-ID': '4567890123',
      'INPUT_PRD-HASH': 'a1b2c3d4',
      INPUT_REASON: 'fix',
      INPUT_FIX: 'make the test pass',
      'INPUT_PR-NUMBER': '34',
    });
    expect(inputs.request).toEqual({
      issue: 12,
      approvalCommentId: 4567890123,
      prdHash: 'a1b2c3d4',
      reason: 'fix',
      fix: 'make the test pass',
      pr: 34,
    });
  });

  it('has no request when those inputs are empty (a dispatch: its own inputs are used)', () => {
    const inputs = readInputs({
      ...base,
      INPUT_MODE: 'execute',
      INPUT_ISSUE: '',
      INPUT_REASON: '',
      INPUT_PR: '',
    });
    expect(inputs.request).toBeUndefined();
  });

  it('rejects a handed-over approval outside mode execute, or with bad values, naming the inputs', () => {
    const approval = { INPUT_ISSUE: '12', 'INPUT_APPROVAL-COMMENT-ID': '5', 'INPUT_PRD-HASH': 'a1b2c3d4' };
    expect(() => readInputs({ ...base, ...approval, INPUT_MODE: 'plan' })).toThrow(
      'action inputs: issue, approval-comment-id and prd-hash are for mode execute',
    );
    expect(() =>
      readInputs({ ...base, ...approval, INPUT_MODE: 'execute', 'INPUT_PRD-HASH': 'xyz; id' }),
    ).toThrow(/action inputs: prd-hash must be 7 to 64 lowercase hex characters/);
    expect(() => readInputs({ ...base, INPUT_MODE: 'execute', INPUT_ISSUE: '12' })).toThrow(
      /approval-comment-id is missing; prd-hash is missing/,
    );
  });
});
