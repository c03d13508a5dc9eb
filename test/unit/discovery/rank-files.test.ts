import { describe, expect, it } from 'vitest';
import { type IndexedFile, rankFiles } from '../../../src/discovery/rank-files.js';
import { termFrequencies, tokenize } from '../../../src/discovery/tokenize.js';

function file(path: string, text: string, symbols: string[] = [], imports: string[] = []): IndexedFile {
  const terms = tokenize(text);
  return { path, tf: Object.fromEntries(termFrequencies(terms)), length: terms.length, symbols, imports };
}

// The issue's words are all over the report and session files; the one file that matters only
// defines the symbol the issue names, with almost none of its words.
const FILES = [
  file(
    'src/report/render-report.ts',
    'render report message line number error summary report message line number',
    ['renderReport'],
  ),
  file('src/session/session-log.ts', 'session log message line number error when invalid message line', [
    'SessionLog',
  ]),
  file('src/core/errors.ts', 'export class ConfigFault extends Error {}', ['ConfigFault'], []),
  file(
    'src/config/load.ts',
    "import { ConfigFault } from '../core/errors.js'; load config yaml",
    ['loadConfig'],
    ['../core/errors.js'],
  ),
  file('test/config.test.ts', 'config error message line number invalid config', []),
  file('docs/errors.md', 'error message line number invalid config docs', []),
];
const ISSUE = {
  title: 'Error message has no line number',
  body: 'When the config is invalid, `ConfigFault` should say which line is wrong.',
};

describe('rankFiles', () => {
  it('puts the file defining a mentioned symbol first where plain BM25 does not', () => {
    const bm25 = rankFiles({ files: FILES, issue: ISSUE, mode: 'bm25' });
    const fused = rankFiles({ files: FILES, issue: ISSUE });
    expect(bm25[0]?.path).not.toBe('src/core/errors.ts');
    expect(fused[0]?.path).toBe('src/core/errors.ts');
    expect(fused[0]?.reasons).toContain('defines ConfigFault');
  });

  it('normalises scores so the top file is 1', () => {
    const fused = rankFiles({ files: FILES, issue: ISSUE });
    expect(fused[0]?.score).toBe(1);
    expect(fused.every((f) => f.score > 0 && f.score <= 1)).toBe(true);
  });

  it('boosts import neighbours of strong candidates, saying why', () => {
    const fused = rankFiles({ files: FILES, issue: ISSUE });
    const load = fused.find((f) => f.path === 'src/config/load.ts');
    expect(load?.reasons).toContain('imports src/core/errors.ts');
  });

  it('demotes tests and docs unless the issue is about them', () => {
    const files = [
      file('test/parser.test.ts', 'parser token stream'),
      file('src/parser.ts', 'parser token stream'),
    ];
    const plain = rankFiles({ files, issue: { title: 'parser token stream', body: '' } });
    expect(plain[0]?.path).toBe('src/parser.ts');
    const aboutTests = rankFiles({ files, issue: { title: 'parser token stream test is flaky', body: '' } });
    expect(aboutTests.find((f) => f.path === 'test/parser.test.ts')?.score).toBe(1);
  });

  it('lets an explicit path in the issue outrank BM25', () => {
    const fused = rankFiles({
      files: FILES,
      issue: { title: 'Error message line number', body: 'Broken in src/config/load.ts' },
    });
    expect(fused[0]?.path).toBe('src/config/load.ts');
    expect(fused[0]?.reasons).toContain('mentions path src/config/load.ts');
  });
});
