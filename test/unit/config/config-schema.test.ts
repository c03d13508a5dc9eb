import { describe, expect, it } from 'vitest';
import {
  configSchema,
  defaultConfig,
  type MaestroConfig,
  workflowEditsAcknowledgement,
} from '../../../src/core/config/config-schema.js';
import { unprotectedPathsAcknowledgement } from '../../../src/core/config/sections/paths.js';

const expectedDefaults: MaestroConfig = {
  trigger: { label: 'maestro', approvers: 'write' },
  orchestrator: {
    max_iterations: 3,
    max_task_duration: 1800,
    checkpoint_frequency: 'task',
    parallel_execution: true,
    max_parallel: 3,
    context_refresh_interval: 5,
  },
  decision_engine: { prefer_existing: true, maturity_threshold: 0.7, confidence_threshold: 0.6 },
  error_recovery: {
    max_retry_attempts: 3,
    backoff_multiplier: 2,
    enable_rollback: true,
    request_human_on_ambiguous: false,
  },
  validation: {
    run_tests: true,
    validate_prd: true,
    quality_gates: ['test', 'lint', 'typecheck'],
    commands: {},
    fail_on_gate_violation: true,
    gate_timeout_seconds: 600,
  },
  chains: { test: {} },
  model: {
    provider: 'anthropic',
    planner: 'claude-sonnet-4-5',
    executor: 'claude-sonnet-4-5',
    max_retries: 4,
    max_retry_wait_seconds: 120,
    prices: {},
  },
  executor: { kind: 'builtin', max_turns: 60 },
  budget: { max_cost_usd: 10, max_tokens: 2_000_000, max_wall_minutes: 60, max_files_changed: 50 },
  pull_request: { draft: 'auto', request_review_from_approver: true },
  paths: {
    protected: [
      '.github/workflows/**',
      '.github/actions/**',
      'AGENTS.md',
      'CLAUDE.md',
      '.claude/**',
      '.cursor/**',
      '.vscode/**',
      '.husky/**',
      '.github/maestro.yml',
      '.github/CODEOWNERS',
      'CODEOWNERS',
      'docs/CODEOWNERS',
      '.gitattributes',
      '.gitmodules',
      '**/.npmrc',
      '**/.yarnrc.yml',
    ],
    allow_workflow_edits: false,
    [workflowEditsAcknowledgement]: false,
    [unprotectedPathsAcknowledgement]: false,
  },
  ci: { max_fix_iterations: 2, review_threads: true },

  sandbox: {
    mode: 'auto',
    network: 'none',
    hide: [],
    i_understand_untrusted_code_runs_with_my_secrets: false,
  },
  planning: { runs_in: 'app', context_budget_tokens: 27_000 },
  github: { workflow: 'maestro.yml' },
  logging: { level: 'info', include_rationale: true, log_to_file: true },
};

function issuesOf(input: unknown): { path: string; code: string; message: string }[] {
  const result = configSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

describe('configSchema', () => {
  it('gives the complete default config for an empty object', () => {
    expect(configSchema.parse({})).toEqual(expectedDefaults);
    expect(defaultConfig()).toEqual(expectedDefaults);
  });

  it('fills a section that is only partly written', () => {
    const config = configSchema.parse({ orchestrator: { max_parallel: 8 } });
    expect(config.orchestrator).toEqual({ ...expectedDefaults.orchestrator, max_parallel: 8 });
    expect(config.trigger).toEqual(expectedDefaults.trigger);
  });

  it('returns a fresh default object each time', () => {
    const first = defaultConfig();
    first.paths.protected.push('mutated');
    expect(defaultConfig().paths.protected).not.toContain('mutated');
  });

  it('accepts its own output unchanged', () => {
    expect(configSchema.parse(defaultConfig())).toEqual(expectedDefaults);
  });

  const customSections: Partial<MaestroConfig> = {
    trigger: { label: 'ai', approvers: 'admin' },
    orchestrator: {
      max_iterations: 10,
      max_task_duration: 60,
      checkpoint_frequency: 'group',
      parallel_execution: false,
      max_parallel: 16,
      context_refresh_interval: 1,
    },
    decision_engine: { prefer_existing: false, maturity_threshold: 0, confidence_threshold: 1 },
    error_recovery: {
      max_retry_attempts: 0,
      backoff_multiplier: 1.5,
      enable_rollback: false,
      request_human_on_ambiguous: true,
    },
    validation: {
      run_tests: false,
      validate_prd: false,
      quality_gates: ['build', 'security'],
      commands: { build: ['make', 'all'], security: ['npm', 'audit'] },
      fail_on_gate_violation: false,
      gate_timeout_seconds: 30,
    },
    model: {
      provider: 'openai-compatible',
      planner: 'qwen-coder',
      executor: 'qwen-coder-small',
      base_url: 'http://localhost:11434/v1',
      api_key_env: 'LOCAL_LLM_API_KEY',
      max_retries: 0,
      max_retry_wait_seconds: 5,
      prices: {
        'qwen-coder': {
          input_per_mtok: 0.1,
          output_per_mtok: 0.4,
          cached_input_per_mtok: 0.01,
          cache_write_per_mtok: 0.2,
        },
      },
    },
    executor: { kind: 'command', command: ['claude', '-p'], max_turns: 5 },
    budget: { max_cost_usd: 0.5, max_tokens: 1000, max_wall_minutes: 5, max_files_changed: 1 },
    pull_request: { draft: 'never', request_review_from_approver: false },
    paths: {
      protected: ['secrets/**'],
      allow_workflow_edits: true,
      [workflowEditsAcknowledgement]: true,
      [unprotectedPathsAcknowledgement]: false,
    },
    planning: { runs_in: 'action', context_budget_tokens: 2000 },
    github: { workflow: 'maestro-run.yaml' },
    logging: { level: 'debug', include_rationale: false, log_to_file: false },
  };

  it.each(Object.entries(customSections))('round-trips a fully written `%s` section', (name, section) => {
    const parsed = configSchema.parse({ [name]: section });
    expect(parsed[name as keyof MaestroConfig]).toEqual(section);
    expect(configSchema.parse(parsed)).toEqual(parsed);
  });

  it.each([
    [{ orchestrator: { max_parallel: 17 } }, 'orchestrator.max_parallel', 'too_big'],
    [{ orchestrator: { max_parallel: 0 } }, 'orchestrator.max_parallel', 'too_small'],
    [{ orchestrator: { max_iterations: 2.5 } }, 'orchestrator.max_iterations', 'invalid_type'],
    [
      { orchestrator: { checkpoint_frequency: 'hourly' } },
      'orchestrator.checkpoint_frequency',
      'invalid_value',
    ],
    [{ decision_engine: { maturity_threshold: 1.1 } }, 'decision_engine.maturity_threshold', 'too_big'],
    [{ trigger: { approvers: 'triage' } }, 'trigger.approvers', 'invalid_value'],
    [{ trigger: { label: '' } }, 'trigger.label', 'too_small'],
    [{ validation: { quality_gates: ['test', 'coverage'] } }, 'validation.quality_gates.1', 'invalid_value'],
    [{ validation: { run_tests: 'yes' } }, 'validation.run_tests', 'invalid_type'],
    [{ model: { provider: 'gemini' } }, 'model.provider', 'invalid_value'],
    [{ model: { base_url: 'not a url' } }, 'model.base_url', 'invalid_format'],
    [{ model: { base_url: 'file:///etc/passwd' } }, 'model.base_url', 'invalid_format'],
    [{ model: { api_key_env: 'sk-ant-api03-abc' } }, 'model.api_key_env', 'invalid_format'],
    [{ model: { prices: { m: { input_per_mtok: 1 } } } }, 'model.prices.m.output_per_mtok', 'invalid_type'],
    [{ budget: { max_cost_usd: 0 } }, 'budget.max_cost_usd', 'too_small'],
    [{ planning: { context_budget_tokens: 1999 } }, 'planning.context_budget_tokens', 'too_small'],
    [{ planning: { context_budget_tokens: 200_001 } }, 'planning.context_budget_tokens', 'too_big'],
    [{ logging: { level: 'trace' } }, 'logging.level', 'invalid_value'],
    [{ pull_request: { draft: true } }, 'pull_request.draft', 'invalid_value'],
  ])('rejects %j at %s (%s)', (input, path, code) => {
    expect(issuesOf(input)).toContainEqual(expect.objectContaining({ path, code }));
  });

  it.each([
    [{ budget: { max_dollars: 5 } }, 'budget'],
    [{ unknown_section: {} }, ''],
    [
      { model: { prices: { m: { input_per_mtok: 1, output_per_mtok: 2, per_request: 1 } } } },
      'model.prices.m',
    ],
    [{ validation: { commands: { coverage: 'npm run cov' } } }, 'validation.commands'],
  ])('rejects the unknown key in %j', (input, path) => {
    expect(issuesOf(input)).toContainEqual(expect.objectContaining({ path, code: 'unrecognized_keys' }));
  });

  describe('checkpoint_frequency', () => {
    it("accepts the seed's `phase_complete` as `phase`", () => {
      expect(
        configSchema.parse({ orchestrator: { checkpoint_frequency: 'phase_complete' } }).orchestrator,
      ).toMatchObject({
        checkpoint_frequency: 'phase',
      });
    });
  });

  describe('validation.commands', () => {
    it('splits a command string on whitespace into argv', () => {
      const config = configSchema.parse({
        validation: { commands: { test: '  npm   run test:unit ', lint: ['biome', 'check'] } },
      });
      expect(config.validation.commands).toEqual({
        test: ['npm', 'run', 'test:unit'],
        lint: ['biome', 'check'],
      });
    });

    it.each([
      'npm test && npm run lint',
      'npm test | tee out',
      'echo "$HOME"',
      'npm test > log',
      "eslint 'src'",
    ])('rejects shell syntax in %j', (command) => {
      const result = configSchema.safeParse({ validation: { commands: { test: command } } });
      expect(result.error?.issues).toHaveLength(1);
      expect(result.error?.issues[0]?.path).toEqual(['validation', 'commands', 'test']);
      expect(JSON.stringify(result.error?.issues)).toContain('without a shell');
    });

    it('rejects an empty argv', () => {
      expect(issuesOf({ validation: { commands: { test: [] } } })).toHaveLength(1);
    });
  });

  describe('executor.command', () => {
    it('is required when kind is `command`', () => {
      expect(issuesOf({ executor: { kind: 'command' } })).toEqual([
        expect.objectContaining({
          path: 'executor.command',
          code: 'custom',
          message: expect.stringContaining('is required when `executor.kind` is `command`'),
        }),
      ]);
    });

    it('may be left out for the builtin executor', () => {
      expect(configSchema.parse({ executor: { kind: 'builtin' } }).executor.command).toBeUndefined();
    });
  });

  describe('paths.allow_workflow_edits (security rule 10)', () => {
    it('is refused without the acknowledgement, naming the key to add', () => {
      const issues = issuesOf({ paths: { allow_workflow_edits: true } });
      expect(issues).toEqual([expect.objectContaining({ path: 'paths.allow_workflow_edits' })]);
      expect(issues[0]?.message).toContain(`\`${workflowEditsAcknowledgement}: true\``);
    });

    it('is refused when the acknowledgement is false', () => {
      expect(
        issuesOf({ paths: { allow_workflow_edits: true, [workflowEditsAcknowledgement]: false } }),
      ).toHaveLength(1);
    });

    it('is accepted with the acknowledgement in the same section', () => {
      const config = configSchema.parse({
        paths: { allow_workflow_edits: true, [workflowEditsAcknowledgement]: true },
      });
      expect(config.paths.allow_workflow_edits).toBe(true);
    });

    it('does not count an acknowledgement written in another section', () => {
      expect(
        issuesOf({
          paths: { allow_workflow_edits: true },
          trigger: { [workflowEditsAcknowledgement]: true },
        }),
      ).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'paths.allow_workflow_edits' }),
          expect.objectContaining({ path: 'trigger', code: 'unrecognized_keys' }),
        ]),
      );
    });
  });

  describe('paths.protected', () => {
    it('refuses an empty list without the acknowledgement, naming the key to add', () => {
      const issues = issuesOf({ paths: { protected: [] } });
      expect(issues).toEqual([expect.objectContaining({ path: 'paths.protected' })]);
      expect(issues[0]?.message).toContain(`\`${unprotectedPathsAcknowledgement}: true\``);
    });

    it('accepts an empty list with the acknowledgement', () => {
      const config = configSchema.parse({
        paths: { protected: [], [unprotectedPathsAcknowledgement]: true },
      });
      expect(config.paths.protected).toEqual([]);
    });

    it.each([
      ['secrets/*.{pem,key', 'never closed'],
      ['secrets/[ab.pem', 'Missing closing'],
      ['secrets/{pem}', 'offers no choice'],
      ['a}b', 'without a `{`'],
      ['!secrets/**', 'starts with `!`'],
      ['/etc/passwd', 'is absolute'],
      ['C:/repo/x', 'is absolute'],
      ['../outside/**', 'contains `..`'],
      ['secrets\\x.pem', 'escapes nothing'],
    ])('refuses the glob %s, naming it', (glob, reason) => {
      const issues = issuesOf({ paths: { protected: ['AGENTS.md', glob] } });
      expect(issues).toEqual([expect.objectContaining({ path: 'paths.protected.1' })]);
      expect(issues[0]?.message).toContain(`\`${glob}\``);
      expect(issues[0]?.message).toContain(reason);
    });

    it.each([
      'secrets/*.{pem,key}',
      '[ab].txt',
      '**/.npmrc',
      'x/{1..3}/**',
      'a\\[b\\].txt',
    ])('accepts the glob %s', (glob) => {
      expect(issuesOf({ paths: { protected: [glob] } })).toEqual([]);
    });
  });
});
