import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleConfig } from '../../../scripts/write-schema.js';
import { defaultConfig } from '../../../src/core/config/config-schema.js';
import { formatConfigIssues, parseConfigText } from '../../../src/core/config/load-config.js';
import { ConfigError } from '../../../src/core/errors.js';

const source = '.github/maestro.yml';

function configErrorOf(text: string): ConfigError {
  try {
    parseConfigText(text, source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

// The seed's `.flow/maestro/config.yaml`, as written in the seed.
const seedConfig = `orchestrator:
  max_iterations: 3
  max_task_duration: 1800  # 30 minutes per task
  checkpoint_frequency: "phase_complete"
  parallel_execution: true
  context_refresh_interval: 5  # tasks

decision_engine:
  prefer_existing: true
  maturity_threshold: 0.7
  confidence_threshold: 0.6

error_recovery:
  max_retry_attempts: 3
  backoff_multiplier: 2
  enable_rollback: true
  request_human_on_ambiguous: false  # Stay autonomous

logging:
  level: "info"  # debug, info, warn, error
  include_rationale: true
  log_to_file: true

validation:
  run_tests: true
  validate_prd: true
  quality_gates: ["lint", "typecheck", "security"]
  fail_on_gate_violation: true
`;

describe('parseConfigText', () => {
  it.each([
    ['an empty file', ''],
    ['only whitespace', '\n   \n'],
    ['only comments', '# Maestro config\n# nothing yet\n'],
    ['an explicit null document', '~\n'],
    ['an empty mapping', '{}\n'],
  ])('gives the defaults for %s', (_name, text) => {
    expect(parseConfigText(text, source)).toEqual(defaultConfig());
  });

  it("reads the seed's config.yaml, mapping `phase_complete` to `phase`", () => {
    const config = parseConfigText(seedConfig, source);
    expect(config.orchestrator.checkpoint_frequency).toBe('phase');
    expect(config.validation.quality_gates).toEqual(['lint', 'typecheck', 'security']);
    expect(config.model).toEqual(defaultConfig().model);
  });

  it('reads the example from the configuration docs', () => {
    const config = parseConfigText(exampleConfig, source);
    expect(config.validation.commands).toEqual({ test: ['npm', 'test'] });
    expect(config.paths.protected).toEqual(['.github/workflows/**']);
  });

  it('treats a section with every key commented out as the defaults', () => {
    expect(parseConfigText('trigger:\n  # label: ai\norchestrator:\n  max_parallel: 4\n', source)).toEqual({
      ...defaultConfig(),
      orchestrator: { ...defaultConfig().orchestrator, max_parallel: 4 },
    });
  });

  it.each([
    ['orchestrator:\n  max_parallel: 40\n', 'orchestrator.max_parallel', 2, 'must be at most 16 (got 40)'],
    ['orchestrator:\n  max_parallel: 0\n', 'orchestrator.max_parallel', 2, 'must be at least 1 (got 0)'],
    ['budget:\n  max_cost_usd: 0\n', 'budget.max_cost_usd', 2, 'must be greater than 0 (got 0)'],
    [
      '\n\ntrigger:\n  approvers: triage\n',
      'trigger.approvers',
      4,
      'must be one of `write`, `maintain`, `admin` (got "triage")',
    ],
    [
      'logging: { level: verbose }\n',
      'logging.level',
      1,
      'must be one of `debug`, `info`, `warn`, `error` (got "verbose")',
    ],
    ['validation:\n  run_tests: "yes"\n', 'validation.run_tests', 2, 'must be true or false (got "yes")'],
    ['executor:\n  max_turns: 2.5\n', 'executor.max_turns', 2, 'must be a whole number (got 2.5)'],
    ['model:\n  planner: 7\n', 'model.planner', 2, 'must be text (got 7)'],
    ['logging: verbose\n', 'logging', 1, 'must be a mapping (key: value) (got "verbose")'],
    [
      'validation:\n  quality_gates:\n    - test\n    - coverage\n',
      'validation.quality_gates.1',
      4,
      'must be one of `test`, `lint`, `typecheck`, `build`, `security` (got "coverage")',
    ],
    [
      'validation:\n  commands:\n    lint: 5\n',
      'validation.commands.lint',
      3,
      'must be a list or text (got 5)',
    ],
    [
      'validation:\n  commands:\n    lint: [eslint, 3]\n',
      'validation.commands.lint.1',
      3,
      'must be text (got 3)',
    ],
    [
      'model:\n  base_url: ftp://example.com\n',
      'model.base_url',
      2,
      'must be an http(s) URL (got "ftp://example.com")',
    ],
    [
      'model:\n  prices:\n    my-model:\n      input_per_mtok: 1\n',
      'model.prices.my-model.output_per_mtok',
      3,
      'is required (a number)',
    ],
    ['executor:\n  kind: command\n', 'executor.command', 1, 'is required when `executor.kind` is `command`'],
  ])('reports %j at %s, line %i', (text, path, line, message) => {
    const error = configErrorOf(text);
    expect(error.issues).toEqual([{ path, line, message: expect.stringContaining(message) }]);
  });

  it('never echoes what looks like a pasted API key', () => {
    const error = configErrorOf('model:\n  api_key_env: sk-ant-api03-secret\n');
    expect(error.issues).toEqual([
      {
        path: 'model.api_key_env',
        line: 2,
        message: expect.stringContaining('NAME of an environment variable'),
      },
    ]);
    expect(error.message).not.toContain('sk-ant');
  });

  it('explains that command strings run without a shell', () => {
    const error = configErrorOf('validation:\n  commands:\n    test: npm test && npm run lint\n');
    expect(error.issues).toEqual([
      { path: 'validation.commands.test', line: 3, message: expect.stringContaining('without a shell') },
    ]);
  });

  it('names the acknowledgement key when workflow edits are allowed without it', () => {
    const error = configErrorOf('paths:\n  protected: [secrets/**]\n  allow_workflow_edits: true\n');
    expect(error.issues).toEqual([
      {
        path: 'paths.allow_workflow_edits',
        line: 3,
        message: expect.stringContaining(
          'add `i_understand_workflow_edits_run_with_repository_secrets: true`',
        ),
      },
    ]);
  });

  describe('unknown keys', () => {
    it('suggests the key that was probably meant, at its line', () => {
      const error = configErrorOf('orchestrator:\n  max_iterations: 2\n  max_paralel: 4\n');
      expect(error.issues).toEqual([
        {
          path: 'orchestrator.max_paralel',
          line: 3,
          message: 'unknown key `max_paralel`: did you mean `max_parallel`?',
        },
      ]);
    });

    it.each([
      ['orchestator:\n  max_parallel: 2\n', 'orchestator', 'orchestrator'],
      ['budget: { max_cost: 5 }\n', 'budget.max_cost', 'max_cost_usd'],
      ['validation:\n  commands:\n    tset: npm test\n', 'validation.commands.tset', 'test'],
      [
        'model:\n  prices:\n    m: { input_per_mtok: 1, output_per_mtok: 2, output_per_mtk: 3 }\n',
        'model.prices.m.output_per_mtk',
        'output_per_mtok',
      ],
    ])('suggests a near key for %j', (text, path, suggestion) => {
      const [issue] = configErrorOf(text).issues;
      expect(issue).toMatchObject({
        path,
        message: expect.stringContaining(`did you mean \`${suggestion}\`?`),
      });
    });

    it('lists the allowed keys when nothing is close', () => {
      const [issue] = configErrorOf('trigger:\n  emoji: rocket\n').issues;
      expect(issue).toEqual({
        path: 'trigger.emoji',
        line: 2,
        message: 'unknown key `emoji`; allowed here: label, approvers',
      });
    });

    it('reports one issue per unknown key', () => {
      const error = configErrorOf('foo: 1\nbar: 2\nlogging: { lvl: info, colour: true }\n');
      expect(error.issues.map((issue) => [issue.path, issue.line])).toEqual([
        ['foo', 1],
        ['bar', 2],
        ['logging.lvl', 3],
        ['logging.colour', 3],
      ]);
    });
  });

  it('reports every problem, sorted by line', () => {
    const error = configErrorOf(
      'budget:\n  max_cost_usd: -1\norchestrator:\n  max_paralel: 2\n  max_iterations: 11\n',
    );
    expect(error.issues.map((issue) => issue.line)).toEqual([2, 4, 5]);
    expect(error.message.split('\n')[0]).toBe('.github/maestro.yml: 3 problems');
  });

  describe('invalid YAML', () => {
    it.each([
      ['orchestrator:\n  max_parallel: 2\n bad indent: [\n', 3],
      ['trigger:\n  label: "unterminated\n', 3], // the parser reports where the input ran out
      ['orchestrator:\n  max_parallel: 2\n  max_parallel: 3\n', 3],
      ['a: 1\n---\nb: 2\n', 2],
    ])('reports one issue at the parser line for %j', (text, line) => {
      const error = configErrorOf(text);
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]).toMatchObject({
        path: '',
        line,
        message: expect.stringMatching(/^invalid YAML: /),
      });
      expect(error.message).toMatch(/^\.github\/maestro\.yml: 1 problem\n/);
    });
  });

  it.each([
    ['- trigger\n- budget\n', 'got a list'],
    ['just a string\n', 'got a single value'],
    ['42\n', 'got a single value'],
  ])('refuses a document that is not a mapping: %j', (text, got) => {
    expect(configErrorOf(text).issues).toEqual([
      {
        path: '',
        line: 1,
        message: expect.stringContaining(
          `must be a mapping of sections (trigger:, orchestrator:, validation:, …), ${got}`,
        ),
      },
    ]);
  });

  it('refuses alias bombs instead of expanding them', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    expect(() => parseConfigText(lines.join('\n'), source)).toThrow(ConfigError);
  });

  it('throws only ConfigError, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseConfigText(text, source);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as ConfigError).issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatConfigIssues', () => {
  it('prints one line per problem with the file, the line and the key path', () => {
    const error = configErrorOf('# config\n\n\n\n\n\n\n\n\n\norchestrator:\n  max_parallel: 40\n');
    expect(formatConfigIssues(error)).toBe(
      '  .github/maestro.yml:12  orchestrator.max_parallel: must be at most 16 (got 40)',
    );
  });

  it('accepts another source name and leaves out unknown lines', () => {
    const error = new ConfigError('x', [
      { path: 'trigger.label', message: 'must not be empty' },
      { path: '', message: 'is broken', line: 1 },
    ]);
    expect(formatConfigIssues(error, 'repo settings')).toBe(
      '  repo settings  trigger.label: must not be empty\n  repo settings:1  is broken',
    );
  });

  it('puts the formatted problems in the error message', () => {
    const error = configErrorOf('trigger:\n  approvers: triage\n');
    expect(error.message).toBe(`.github/maestro.yml: 1 problem\n${formatConfigIssues(error)}`);
  });
});
