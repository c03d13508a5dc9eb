import { sanitizeInbound } from '../core/policy/sanitize-inbound.js';
import type { DiscoveryResult, InstructionFile, StackInfo } from '../discovery/discover.js';
import { repositoryContext } from './prompts/planning-prompt.js';

/** The stack as a few lines of text for the planner's context. */
export function describeStack(stack: StackInfo): string {
  const lines = [
    `Languages: ${stack.languages.map((l) => `${l.name} ${Math.round(l.share * 100)}%`).join(', ') || 'unknown'}`,
    `Package managers: ${stack.packageManagers.join(', ') || 'none detected'}`,
    `Frameworks: ${stack.frameworks.join(', ') || 'none detected'}`,
    `Test runners: ${stack.testRunners.join(', ') || 'none detected'}`,
    `CI: ${stack.ci.join(', ') || 'none detected'}`,
  ];
  return lines.join('\n');
}

/**
 * Repository instruction files (AGENTS.md, CLAUDE.md, …) for the planner to follow. They are
 * markdown anyone with a merged PR could have written, so hidden content is stripped like issue text.
 */
export function describeInstructions(files: readonly InstructionFile[]): string {
  return files
    .filter((f) => f.text.trim() !== '')
    .map((f) => `--- ${f.path}${f.truncated ? ' (truncated)' : ''} ---\n${sanitizeInbound(f.text).text}`)
    .join('\n\n');
}

/** The stable, cacheable repository part of every prompt: stack, instructions, packed files. */
export function repositoryContextOf(discovery: DiscoveryResult): string {
  return repositoryContext({
    stackSummary: describeStack(discovery.stack),
    instructions: describeInstructions(discovery.instructions),
    files: discovery.context.text,
  });
}
