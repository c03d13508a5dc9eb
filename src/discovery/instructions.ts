import { countTokens, truncateToTokens } from './count-tokens.js';

/** An instruction file for agents and contributors, as it will be shown to the model. */
export interface InstructionFile {
  path: string;
  /** Content, cut to the budget ('' when the budget ran out before it). */
  text: string;
  tokens: number;
  truncated: boolean;
}

const ROOT_FILES = [
  'AGENTS.md',
  'CLAUDE.md',
  '.github/copilot-instructions.md',
  'CONTRIBUTING.md',
  '.github/CONTRIBUTING.md',
  'docs/CONTRIBUTING.md',
];
const NESTED = /(^|\/)(AGENTS|CLAUDE)\.md$/;

/** Finds the instruction files (root ones first, then nested AGENTS.md / CLAUDE.md) and reads them within `budgetTokens`. */
export async function findInstructions(
  paths: readonly string[],
  read: (path: string) => Promise<string | undefined>,
  budgetTokens = 4000,
  count: (text: string) => Promise<number> = countTokens,
): Promise<InstructionFile[]> {
  const present = new Set(paths);
  const ordered = [
    ...ROOT_FILES.filter((p) => present.has(p)),
    ...paths
      .filter((p) => NESTED.test(p) && p.includes('/') && !ROOT_FILES.includes(p))
      .sort((a, b) => a.split('/').length - b.split('/').length),
  ];
  const out: InstructionFile[] = [];
  let remaining = budgetTokens;
  for (const path of ordered) {
    const text = (await read(path)) ?? '';
    const tokens = await count(text);
    if (tokens <= remaining) {
      out.push({ path, text, tokens, truncated: false });
      remaining -= tokens;
    } else {
      const cut = remaining > 50 ? await truncateToTokens(text, remaining) : '';
      const cutTokens = await count(cut);
      out.push({ path, text: cut, tokens: cutTokens, truncated: true });
      remaining = Math.max(0, remaining - cutTokens);
    }
  }
  return out;
}
