import { z } from 'zod';
import { type ReviewFinding, reviewFindingSchema } from '../../core/chains/review-finding.js';

/**
 * The seed's step output (`maestro-coordinate`): the last JSON block of an agent's answer,
 * `{ quality_score, findings, hints_for_next }`. Missing or malformed → the output's tail becomes the
 * summary and the hints are empty (the seed's E004 and W001: continue, the next step still gets
 * findings).
 *
 * A review reports its findings as an ARRAY under `findings` (`{ file, line?, severity, what, why }`)
 * and its summary under `summary`; the seed's string `findings` stays the summary otherwise. Each
 * entry is checked on its own: a malformed one (or one past `maxFindings`) is dropped and counted
 * in the summary, so one bad entry does not cost the others.
 */
const stepOutputSchema = z.object({
  quality_score: z.number().min(0).max(10).nullable().optional(),
  summary: z.string().nullable().optional(),
  findings: z
    .union([z.string(), z.array(z.unknown())])
    .nullable()
    .optional(),
  hints_for_next: z.string().nullable().optional(),
});
type StepOutput = z.infer<typeof stepOutputSchema>;

export interface StepReport {
  summary: string;
  qualityScore?: number;
  hints: string;
  /** Present when the block had a `findings` array (possibly empty): the valid entries. */
  findings?: ReviewFinding[];
  /** No JSON block was found: the summary is the raw output's tail (the seed's E004). */
  raw?: true;
}

const maxSummary = 500;
/** A review's findings beyond this many are dropped (and counted), like malformed ones. */
export const maxFindings = 200;
/** Only the end of the output is searched: the block is "the last JSON block in your response". */
const searchWindow = 100_000;
/** Characters `matchingBrace` may scan in all for one report: bounds the walk on hostile output. */
const scanBudget = 4_000_000;

export function parseStepReport(output: string): StepReport {
  const parsed = lastJsonObject(output.slice(-searchWindow));
  const fallback = tail(output.trim(), maxSummary) || '(no output)';
  if (!parsed) return { summary: fallback, hints: '', raw: true };
  const findings = Array.isArray(parsed.findings) ? validFindings(parsed.findings) : undefined;
  const text = parsed.summary?.trim() || (typeof parsed.findings === 'string' ? parsed.findings.trim() : '');
  const note = findings?.note ?? '';
  // A findings array without a summary: its count says more than the JSON block's own tail would.
  const summary = text || (findings ? `${findings.valid.length} findings reported` : fallback);
  return {
    summary: `${tail(summary, maxSummary - note.length)}${note}`,
    ...(typeof parsed.quality_score === 'number' ? { qualityScore: parsed.quality_score } : {}),
    hints: parsed.hints_for_next ?? '',
    ...(findings ? { findings: findings.valid } : {}),
  };
}

function validFindings(entries: readonly unknown[]): { valid: ReviewFinding[]; note: string } {
  const valid: ReviewFinding[] = [];
  let malformed = 0;
  for (const entry of entries) {
    const result = reviewFindingSchema.safeParse(entry);
    if (!result.success) malformed++;
    else if (valid.length < maxFindings) valid.push(result.data);
  }
  const overLimit = entries.length - malformed - valid.length;
  const notes = [
    malformed > 0 ? `${malformed} malformed findings dropped` : '',
    overLimit > 0 ? `${overLimit} findings over the limit of ${maxFindings} dropped` : '',
  ].filter(Boolean);
  return { valid, note: notes.length > 0 ? ` (${notes.join('; ')})` : '' };
}

function lastJsonObject(text: string): StepOutput | undefined {
  const key = Math.max(
    ...['"quality_score"', '"summary"', '"findings"', '"hints_for_next"'].map((k) => text.lastIndexOf(k)),
  );
  if (key < 0) return undefined;
  // Walk outwards from the last key: the nearest `{` before it whose balanced object parses wins.
  // A review's findings are objects inside the block, so the walk passes one `{` per finding.
  const budget = { left: scanBudget };
  let start = text.lastIndexOf('{', key);
  while (start >= 0 && budget.left > 0) {
    const end = matchingBrace(text, start, budget);
    if (end > key) {
      budget.left -= end - start; // JSON.parse reads it all again
      const candidate = tryParse(text.slice(start, end + 1));
      if (candidate) return candidate;
    }
    start = start === 0 ? -1 : text.lastIndexOf('{', start - 1);
  }
  return undefined;
}

/**
 * The index of the `}` closing the `{` at `start`, skipping braces inside JSON strings; -1 if none
 * (or when the scan budget runs out).
 */
function matchingBrace(text: string, start: number, budget: { left: number }): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    if (--budget.left < 0) return -1;
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

function tryParse(candidate: string): StepOutput | undefined {
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
