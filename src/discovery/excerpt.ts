import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { tokenize } from './tokenize.js';

/** Lines either side of a matching line. */
const CONTEXT_LINES = 3;
const MAX_LINE_CHARS = 400;
/** Tokens reserved for the `…` marker between windows. */
const GAP_TOKENS = 2;

/**
 * The most relevant windows of a file within `maxTokens`: lines are scored by how many focus terms
 * they contain (definitions of focus symbols count triple), windows of ±3 lines are taken best
 * first, then printed in file order with 1-based line numbers. With no matching line, the head.
 */
export function focusedExcerpt(
  text: string,
  focus: ReadonlySet<string>,
  maxTokens: number,
): { text: string; tokens: number } {
  const lines = text.split('\n');
  const scored: { line: number; score: number }[] = [];
  lines.forEach((line, i) => {
    if (line.length > MAX_LINE_CHARS * 4) return;
    let score = 0;
    for (const term of new Set(tokenize(line))) if (focus.has(term)) score++;
    if (score > 0 && /\b(def|class|function|func|fn|interface|type|struct|const)\b/.test(line)) score *= 3;
    if (score > 0) scored.push({ line: i, score });
  });
  scored.sort((a, b) => b.score - a.score || a.line - b.line);
  if (scored.length === 0) scored.push({ line: 0, score: 0 });
  const chosen = new Set<number>();
  let used = 0;
  const lineCost = (i: number) => countTokens(render(i, lines[i] ?? '')) + 1;
  // Each window grows outward from its matching line, so the match itself always gets in first.
  outer: for (const { line } of scored) {
    const after = CONTEXT_LINES + (scored.length === 1 ? 40 : 0);
    if (!chosen.has(line - 1) && !chosen.has(line)) used += GAP_TOKENS;
    for (const i of outward(line, CONTEXT_LINES, after, lines.length)) {
      if (chosen.has(i)) continue;
      const cost = lineCost(i);
      if (used + cost > maxTokens) break outer;
      chosen.add(i);
      used += cost;
    }
  }
  const out: string[] = [];
  let previous = -2;
  for (const i of [...chosen].sort((a, b) => a - b)) {
    if (i !== previous + 1) out.push('…');
    out.push(render(i, lines[i] ?? ''));
    previous = i;
  }
  const rendered = out.join('\n');
  return { text: rendered, tokens: rendered ? countTokens(rendered) : 0 };
}

function render(index: number, line: string): string {
  const clipped = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
  return `${index + 1}| ${clipped}`;
}

/** `centre`, then alternately the lines after and before it, up to `before`/`after` away. */
function* outward(centre: number, before: number, after: number, total: number): Generator<number> {
  yield centre;
  for (let d = 1; d <= Math.max(before, after); d++) {
    if (d <= after && centre + d < total) yield centre + d;
    if (d <= before && centre - d >= 0) yield centre - d;
  }
}
