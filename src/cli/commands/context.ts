import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { GitRepositoryReader } from '../../adapters/git/git-repository-reader.js';
import { defaultCacheDir, fsCacheStore } from '../../adapters/local/fs-cache-store.js';
import { ValidationError } from '../../core/errors.js';
import { type FileAnalysis, inProcessAnalyser } from '../../discovery/analyse-file.js';
import { type DiscoveryResult, discover } from '../../discovery/discover.js';
import type { FileAnalyser } from '../../ports/file-analyser-port.js';
import type { CommandContext } from '../command-context.js';
import { parseIssueMarkdown } from '../local/read-issue.js';

const DEFAULT_BUDGET = 27_000;
const JSON_FILES = 50;
const SUMMARY_FILES = 20;

interface ContextOptions {
  issueFile?: string;
  repo?: string;
  budget: string;
  json?: boolean;
}

/** `maestro context`: shows what discovery selects for an issue, without calling a model. */
export function contextCommand(ctx: CommandContext): Command {
  return new Command('context')
    .description('Show the files discovery ranks and packs for an issue (no model call)')
    .requiredOption('--issue-file <file>', 'markdown file: first "# " heading (or first line) is the title')
    .option('--repo <dir>', 'git repository to search (default: current directory)')
    .option('--budget <tokens>', 'token budget of the packed context', String(DEFAULT_BUDGET))
    .option('--json', 'print one JSON object instead of a summary')
    .action(async (options: ContextOptions) => {
      const budget = Number(options.budget);
      if (!/^\d+$/.test(options.budget) || !Number.isSafeInteger(budget) || budget <= 0) {
        ctx.io.stderr(
          `[Maestro] ✗ --budget must be a positive whole number of tokens (got "${options.budget}"), e.g. --budget 27000\n`,
        );
        return ctx.exit(1);
      }
      const issuePath = resolve(ctx.io.cwd, options.issueFile ?? '');
      let markdown: string;
      try {
        markdown = await readFile(issuePath, 'utf8');
      } catch {
        ctx.io.stderr(
          `[Maestro] ✗ cannot read the issue file ${issuePath}; pass --issue-file with a markdown file\n`,
        );
        return ctx.exit(1);
      }
      let repo: GitRepositoryReader;
      try {
        repo = await GitRepositoryReader.open(resolve(ctx.io.cwd, options.repo ?? '.'));
      } catch (error) {
        const message = error instanceof ValidationError ? error.message : String(error);
        ctx.io.stderr(`[Maestro] ✗ ${message}\n`);
        return ctx.exit(1);
      }
      const analyser = threadedAnalyser((m) => ctx.io.stderr(`[Maestro] ${m}\n`));
      const result = await discover({
        repo,
        cache: fsCacheStore(defaultCacheDir(ctx.io.env)),
        issue: parseIssueMarkdown(markdown),
        budgetTokens: budget,
        topN: Math.max(JSON_FILES, 200),
        analyser,
      }).finally(() => analyser.close());
      ctx.io.stdout(options.json ? `${JSON.stringify(toJson(result))}\n` : renderSummary(result));
    });
}

/**
 * A cold run analyses every file: on worker threads when there are many. The pool's module (and
 * node:worker_threads) is loaded on the first batch, so a warm run, which analyses nothing, never
 * loads it.
 */
function threadedAnalyser(warn: (message: string) => void): ClosableAnalyser {
  return lazyAnalyser(async () => {
    const { AnalysisPool } = await import('../../adapters/local/analysis-pool.js');
    return new AnalysisPool(inProcessAnalyser, { warn });
  });
}

type ClosableAnalyser = FileAnalyser<FileAnalysis> & { close(): Promise<void> };

/** An analyser made by `make` on its first batch; `release` and `close` reach it once it exists. */
export function lazyAnalyser(make: () => Promise<ClosableAnalyser>): ClosableAnalyser {
  let made: Promise<ClosableAnalyser> | undefined;
  return {
    analyse(jobs, total) {
      made ??= make();
      return made.then((analyser) => analyser.analyse(jobs, total));
    },
    release() {
      void made?.then((analyser) => analyser.release?.());
    },
    close: async () => (await made)?.close(),
  };
}

function toJson(result: DiscoveryResult) {
  return {
    budget: result.context.budget,
    tokens: result.context.tokens,
    stack: result.stack,
    hidden: result.hidden,
    files: result.ranked.map((f) => ({
      path: f.path,
      score: f.score,
      tokens: f.tokens,
      included: f.included,
      excerpt: f.excerpt,
      reasons: f.reasons,
    })),
  };
}

function renderSummary(result: DiscoveryResult): string {
  const { stack, inventory, timings } = result;
  const dropped = Object.entries(inventory.dropped)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  const lines = [
    `[Maestro] Stack: ${
      stack.languages
        .slice(0, 4)
        .map((l) => `${l.name} ${Math.round(l.share * 100)}%`)
        .join(', ') || 'unknown'
    }`,
    `[Maestro]   → package managers: ${stack.packageManagers.join(', ') || '—'}; frameworks: ${stack.frameworks.join(', ') || '—'}; tests: ${stack.testRunners.join(', ') || '—'}; CI: ${stack.ci.length} file(s)`,
    `[Maestro] Files: ${inventory.kept} indexed of ${inventory.total}${dropped ? ` (dropped ${dropped})` : ''}`,
    `[Maestro] Instructions: ${result.instructions.map((i) => `${i.path}${i.truncated ? ' (truncated)' : ''}`).join(', ') || 'none found'}`,
    ...result.hidden.map(
      (h) => `[Maestro] ⚠ Hidden content removed from ${h.path}: ${describeRemoved(h.removed)}`,
    ),
    `[Maestro] Top ${Math.min(SUMMARY_FILES, result.ranked.length)} files:`,
  ];
  result.ranked.slice(0, SUMMARY_FILES).forEach((f, i) => {
    const mark = f.included ? (f.excerpt ? 'excerpt' : 'whole  ') : '—      ';
    lines.push(
      `  ${String(i + 1).padStart(2)}. ${f.score.toFixed(3)}  ${mark}  ${f.path}  (${f.tokens} tok; ${f.reasons.slice(0, 3).join('; ')})`,
    );
  });
  const included = result.ranked.filter((f) => f.included).length;
  lines.push(
    `[Maestro] Context: ${result.context.tokens} of ${result.context.budget} tokens, ${included} file(s) packed`,
    `[Maestro] Timings: list ${timings.listMs} ms, analyse ${timings.analyseMs} ms, rank ${timings.rankMs} ms, pack ${timings.packMs} ms (cache ${timings.cacheHits} hit / ${timings.cacheMisses} miss)`,
  );
  return `${lines.join('\n')}\n`;
}

/** `html-comments 2, invisible-unicode 14`: what the sanitiser counted, never the removed text. */
export function describeRemoved(removed: Record<string, number>): string {
  return Object.entries(removed)
    .map(([pass, n]) => `${pass} ${n}`)
    .join(', ');
}
