import { z } from 'zod';
import { MaestroError } from '../errors.js';
import { type ChainName, chainAliases, chainNameSchema, chainNames, resolveChainName } from './chains.js';

export interface IntentInput {
  /** The label names as GitHub returns them. */
  labels: readonly string[];
  title: string;
  body?: string | null;
  /** `--chain` or `/maestro chain <name>`; wins over everything else. */
  override?: string;
}

/** Which chain an issue asks for and why; kept in the session state and shown in the planning comment. */
export const intentClassificationSchema = z.object({
  /** The chain Maestro will run. */
  chain: chainNameSchema,
  /** What decided it: an explicit override, a label, keywords in the text, or nothing (default). */
  source: z.enum(['override', 'label', 'keyword', 'default']),
  /** What matched: the override or label as written, or keywords as `word (title|body)`. */
  matched: z.array(z.string()),
  /** Anything a reader should know: conflicts, aliases, the seed's E001 default. */
  notes: z.array(z.string()),
});
export type IntentClassification = z.infer<typeof intentClassificationSchema>;

// When two chains score the same, the more specific one wins: the seed's chain-map order, whose
// feature words ("add", "build") are the most generic of all.
const precedence: readonly ChainName[] = ['fix', 'test', 'refactor', 'feature', 'review', 'release'];

// A Map, not an object literal: label names are user text, and `constructor` must not resolve.
const labelChains: ReadonlyMap<string, ChainName> = new Map(
  Object.entries({
    bug: 'fix',
    bugfix: 'fix',
    regression: 'fix',
    enhancement: 'feature',
    feature: 'feature',
    'feature-request': 'feature',
    test: 'test',
    tests: 'test',
    testing: 'test',
    refactor: 'refactor',
    refactoring: 'refactor',
    'tech-debt': 'refactor',
    'technical-debt': 'refactor',
    review: 'review',
    audit: 'review',
    release: 'release',
    deploy: 'release',
  } satisfies Record<string, ChainName>),
);

// The seed's chain map, with the inflections issue titles actually use. Whole words only, so
// "prefix" is not "fix", "address" is not "add" and "latest" is not "test".
const keywords: Readonly<Record<ChainName, readonly string[]>> = {
  fix: 'fix fixes fixed fixing bug bugs buggy error errors broken crash crashes crashed crashing exception exceptions regression fails failing failure'.split(
    ' ',
  ),
  test: 'test tests testing spec specs coverage'.split(' '),
  refactor: 'refactor refactors refactoring refactored cleanup debt restructure simplify'.split(' '),
  feature:
    'feature features implement implements implementing add adds adding build builds building support'.split(
      ' ',
    ),
  review: 'review reviews check audit audits'.split(' '),
  release: 'deploy deployment release releases ship'.split(' '),
};

/** A word in the title counts this many times a word in the body: titles are short and deliberate. */
const titleWeight = 2;

/**
 * Pick the chain for an issue: override, then labels, then keywords, then the feature default
 * (the seed's E001). Pure and deterministic, so a re-plan of the same issue picks the same chain.
 */
export function classifyIntent(input: IntentInput): IntentClassification {
  if (input.override !== undefined) return fromOverride(input.override);
  return fromLabels(input.labels) ?? fromKeywords(input.title, input.body ?? '') ?? defaultIntent();
}

function fromOverride(override: string): IntentClassification {
  const chain = resolveChainName(override);
  if (chain === undefined) {
    const aliases = Object.entries(chainAliases).map(([alias, target]) => `${alias} for ${target}`);
    throw new MaestroError(
      `E002: unknown chain "${override.trim()}". Valid chains: ${chainNames.join(', ')} (also ${aliases.join(', ')}).`,
      { code: 'E002' },
    );
  }
  const isAlias = chain !== override.trim().toLowerCase();
  return {
    chain,
    source: 'override',
    matched: [override.trim()],
    notes: isAlias ? [`"${override.trim()}" is another name for the ${chain} chain`] : [],
  };
}

function fromLabels(labels: readonly string[]): IntentClassification | undefined {
  const hits = labels.flatMap((label) => {
    const chain = labelChains.get(normaliseLabel(label));
    return chain === undefined ? [] : [{ label, chain }];
  });
  const chain = pickByPrecedence(new Set(hits.map((hit) => hit.chain)));
  if (chain === undefined) return undefined;
  return {
    chain,
    source: 'label',
    matched: hits.filter((hit) => hit.chain === chain).map((hit) => hit.label),
    notes: conflictNote('labels', chain, new Set(hits.map((hit) => hit.chain))),
  };
}

function fromKeywords(title: string, body: string): IntentClassification | undefined {
  const titleWords = new Set(words(title));
  const bodyWords = new Set(words(body));
  const scores = new Map<ChainName, { score: number; matched: string[] }>();
  for (const chain of precedence) {
    const inTitle = keywords[chain].filter((word) => titleWords.has(word));
    const inBody = keywords[chain].filter((word) => bodyWords.has(word));
    const score = titleWeight * inTitle.length + inBody.length;
    if (score === 0) continue;
    scores.set(chain, {
      score,
      matched: [...inTitle.map((word) => `${word} (title)`), ...inBody.map((word) => `${word} (body)`)],
    });
  }
  const best = Math.max(0, ...[...scores.values()].map((entry) => entry.score));
  if (best === 0) return undefined;
  const tied = new Set([...scores].filter(([, entry]) => entry.score === best).map(([chain]) => chain));
  const chain = pickByPrecedence(tied)!;
  return {
    chain,
    source: 'keyword',
    matched: scores.get(chain)!.matched,
    notes: conflictNote('keywords', chain, tied),
  };
}

function defaultIntent(): IntentClassification {
  return {
    chain: 'feature',
    source: 'default',
    matched: [],
    notes: ['E001: intent unclassifiable, defaulted to feature'],
  };
}

/** `Type: Bug`, `kind/bug` and `tech debt` all become the map's keys (`bug`, `tech-debt`). */
function normaliseLabel(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/^(?:type|kind|category)\s*[:/]\s*/, '')
    .replace(/[\s_]+/g, '-');
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

function pickByPrecedence(candidates: ReadonlySet<ChainName>): ChainName | undefined {
  return precedence.find((chain) => candidates.has(chain));
}

function conflictNote(what: string, chosen: ChainName, candidates: ReadonlySet<ChainName>): string[] {
  const others = precedence.filter((chain) => chain !== chosen && candidates.has(chain));
  if (others.length === 0) return [];
  return [`${what} also point to ${others.join(', ')}; chose ${chosen}, the more specific`];
}
