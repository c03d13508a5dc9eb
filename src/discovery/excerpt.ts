import { countTokens } from './count-tokens.js';
import { words } from './string-literals.js';
import { tokenize } from './tokenize.js';

/** Lines either side of a matching line. */
const CONTEXT_LINES = 3;
/** Lines of a matched definition's body shown after its signature. */
const BODY_LINES = 40;
const MAX_LINE_CHARS = 400;
/** Tokens reserved for the `…` marker between windows. */
const GAP_TOKENS = 2;
const DEFINITION =
  /^\s*(?:export\s+)?(?:default\s+)?(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:def|class|function|func|fn|interface|type|struct|enum|trait|impl|module)\b/;
/** A line defining, or holding, what the issue matched outweighs any number of shared words. */
const SCORE = { defines: 40, message: 30, holds: 6 };

export interface Excerpt {
  text: string;
  tokens: number;
  /** The anchors a window was centred on (symbol names, message words), in file order. */
  centredOn: string[];
}

/**
 * The most relevant windows of a file within `maxTokens`. Lines are scored by what the issue matched
 * in this file first — the definition of a named symbol (with its body), the line holding a quoted
 * message, a use of a named symbol — then by how many of the terms they contain. Windows are
 * taken best first, each with the signatures of its enclosing definitions (the class and method a
 * line sits in), then printed in file order with 1-based line numbers. With no match, the head.
 */
export async function focusedExcerpt(
  text: string,
  focus: ReadonlySet<string>,
  maxTokens: number,
  anchors: readonly string[] = [],
  count: (text: string) => Promise<number> = countTokens,
): Promise<Excerpt> {
  const lines = text.split('\n');
  const scored = scoreLines(lines, focus, anchors);
  if (scored.length === 0) scored.push({ line: 0, score: 0, after: CONTEXT_LINES + 40 });
  const chosen = new Set<number>();
  const centredOn = new Set<string>();
  let used = 0;
  const lineCost = async (i: number) => (await count(render(i, lines[i] ?? ''))) + 1;
  const take = async (i: number): Promise<boolean> => {
    if (chosen.has(i)) return true;
    const cost = await lineCost(i);
    if (used + cost > maxTokens) return false;
    chosen.add(i);
    used += cost;
    return true;
  };
  // Each window grows outward from its matching line, so the match itself always gets in first.
  outer: for (const { line, after, anchor } of scored) {
    if (!chosen.has(line - 1) && !chosen.has(line)) used += GAP_TOKENS;
    if (!(await take(line))) break;
    if (anchor) centredOn.add(anchor);
    for (const i of enclosing(lines, line)) if (!(await take(i))) break outer;
    for (const i of outward(line, CONTEXT_LINES, after, lines.length)) if (!(await take(i))) break outer;
  }
  const out: string[] = [];
  let previous = -2;
  for (const i of [...chosen].sort((a, b) => a - b)) {
    if (i !== previous + 1) out.push('…');
    out.push(render(i, lines[i] ?? ''));
    previous = i;
  }
  const rendered = out.join('\n');
  return { text: rendered, tokens: await count(rendered), centredOn: [...centredOn] };
}

interface ScoredLine {
  line: number;
  score: number;
  /** Lines to show after it: a definition's body, else the usual context. */
  after: number;
  anchor?: string;
}

function scoreLines(
  lines: readonly string[],
  focus: ReadonlySet<string>,
  anchors: readonly string[],
): ScoredLine[] {
  const isName = (a: string) => /^[A-Za-z_$][\w$]*$/.test(a);
  const names = anchors.filter(isName).map((name) => {
    const escaped = name.replace(/\$/g, '\\$');
    return {
      name,
      used: new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`),
      assigned: new RegExp(`^\\s*(?:const|let|var)?\\s*${escaped}\\s*[:=]`),
    };
  });
  const messages = anchors.filter((a) => !isName(a)).map((a) => ({ anchor: a, runs: a.split(' | ') }));
  const scored: ScoredLine[] = [];
  lines.forEach((line, i) => {
    if (line.length > MAX_LINE_CHARS * 4) return;
    let score = 0;
    let anchor: string | undefined;
    let after = CONTEXT_LINES;
    const definition = DEFINITION.test(line);
    for (const { name, used, assigned } of names) {
      if (!used.test(line)) continue;
      const defines = definition || assigned.test(line);
      score += defines ? SCORE.defines : SCORE.holds;
      anchor ??= name;
      if (defines) after = Math.max(after, bodyLength(lines, i));
    }
    if (messages.length > 0) {
      const said = ` ${words(line).join(' ')} `;
      for (const m of messages) {
        if (m.runs.some((run) => said.includes(` ${run} `))) {
          score += SCORE.message;
          anchor ??= m.anchor;
        }
      }
    }
    let terms = 0;
    for (const term of new Set(tokenize(line))) if (focus.has(term)) terms++;
    score += definition ? terms * 3 : terms;
    if (score > 0) scored.push({ line: i, score, after, ...(anchor ? { anchor } : {}) });
  });
  scored.sort((a, b) => b.score - a.score || a.line - b.line);
  if (scored.length === 1) scored[0]!.after = Math.max(scored[0]!.after, CONTEXT_LINES + 40);
  return scored;
}

/** Lines of the block a definition opens: until indentation returns to its level (at most BODY_LINES). */
function bodyLength(lines: readonly string[], start: number): number {
  const indent = indentOf(lines[start] ?? '');
  let n = 0;
  for (let i = start + 1; i < lines.length && n < BODY_LINES; i++, n++) {
    const line = lines[i]!;
    if (line.trim() && indentOf(line) <= indent && !/^\s*[)}\]]/.test(line)) break;
  }
  return Math.max(n, CONTEXT_LINES);
}

/** Signatures of the definitions enclosing `line`, innermost first: the method, then its class. */
function enclosing(lines: readonly string[], line: number): number[] {
  const out: number[] = [];
  let indent = indentOf(lines[line] ?? '');
  for (let i = line - 1; i >= 0 && indent > 0; i--) {
    const text = lines[i]!;
    if (!text.trim()) continue;
    const own = indentOf(text);
    if (own < indent) {
      if (DEFINITION.test(text)) out.push(i);
      indent = own;
    }
  }
  return out;
}

function indentOf(line: string): number {
  return (/^[ \t]*/.exec(line)?.[0] ?? '').replace(/\t/g, '    ').length;
}

function render(index: number, line: string): string {
  const clipped = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
  return `${index + 1}| ${clipped}`;
}

/** `centre`, then alternately the lines after and before it, up to `before`/`after` away. */
function* outward(centre: number, before: number, after: number, total: number): Generator<number> {
  for (let d = 1; d <= Math.max(before, after); d++) {
    if (d <= after && centre + d < total) yield centre + d;
    if (d <= before && centre - d >= 0) yield centre - d;
  }
}
