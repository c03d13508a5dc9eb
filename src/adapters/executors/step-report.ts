import { z } from 'zod';

/**
 * The seed's step output (`maestro-coordinate`): the last JSON block of an agent's answer,
 * `{ quality_score, findings, hints_for_next }`. Missing or malformed → the output's tail becomes the
 * summary and the hints are empty (the seed's W001: continue, the next step still gets findings).
 */
const stepOutputSchema = z.object({
  quality_score: z.number().min(0).max(10).nullable().optional(),
  findings: z.string().optional(),
  hints_for_next: z.string().nullable().optional(),
});

export interface StepReport {
  summary: string;
  qualityScore?: number;
  hints: string;
}

const maxSummary = 500;
/** Only the end of the output is searched: the block is "the last JSON block in your response". */
const searchWindow = 20_000;

export function parseStepReport(output: string): StepReport {
  const parsed = lastJsonObject(output.slice(-searchWindow));
  const fallback = tail(output.trim(), maxSummary) || '(no output)';
  if (!parsed) return { summary: fallback, hints: '' };
  return {
    summary: parsed.findings?.trim() ? tail(parsed.findings.trim(), maxSummary) : fallback,
    ...(typeof parsed.quality_score === 'number' ? { qualityScore: parsed.quality_score } : {}),
    hints: parsed.hints_for_next ?? '',
  };
}

function lastJsonObject(text: string): z.infer<typeof stepOutputSchema> | undefined {
  const key = Math.max(
    ...['"quality_score"', '"findings"', '"hints_for_next"'].map((k) => text.lastIndexOf(k)),
  );
  if (key < 0) return undefined;
  // Walk outwards from the last key: the nearest `{` before it whose balanced object parses wins.
  let start = text.lastIndexOf('{', key);
  for (let attempts = 0; start >= 0 && attempts < 20; attempts++) {
    const end = matchingBrace(text, start);
    if (end > key) {
      const candidate = tryParse(text.slice(start, end + 1));
      if (candidate) return candidate;
    }
    start = text.lastIndexOf('{', start - 1);
  }
  return undefined;
}

/** The index of the `}` closing the `{` at `start`, skipping braces inside JSON strings; -1 if none. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i;
  }
  return -1;
}

function tryParse(candidate: string): z.infer<typeof stepOutputSchema> | undefined {
  try {
    const result = stepOutputSchema.safeParse(JSON.parse(candidate));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

export function tail(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(-(max - 1))}`;
}
