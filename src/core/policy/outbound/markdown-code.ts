/** A stretch of markdown that either is code (rendered literally) or is not. */
export interface MarkdownSegment {
  code: boolean;
  text: string;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Splits markdown into fenced code blocks and the rest, by whole lines (so every non-code segment
 * starts at a line start). An unclosed fence runs to the end, as on GitHub. A backtick fence's
 * info string cannot contain a backtick (CommonMark), which is what tells a fence from a code span.
 */
export function splitFencedCode(text: string): MarkdownSegment[] {
  return scanFences(text).segments;
}

/** The fence (e.g. ```` ``` ```` or `~~~~`) of a code block still open at the end of `text`. */
export function openFenceAtEnd(text: string): string | undefined {
  return scanFences(text).openFence;
}

function scanFences(text: string): { segments: MarkdownSegment[]; openFence: string | undefined } {
  const lines = text.split(/(?<=\n)/);
  const segments: MarkdownSegment[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const bare = line.replace(/\r?\n$/, '');
    if (fence === undefined) {
      const open = FENCE_OPEN.exec(bare);
      const isFence = open !== null && !(open[1]!.startsWith('`') && open[2]!.includes('`'));
      if (isFence) fence = open![1]!;
      push(segments, isFence, line);
    } else {
      push(segments, true, line);
      const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
      if (close.test(bare)) fence = undefined;
    }
  }
  return { segments, openFence: fence };
}

/** Splits non-fenced markdown further into inline code spans and the rest. */
export function splitCodeSpans(text: string): MarkdownSegment[] {
  const runs = [...text.matchAll(/`+/g)].map((m) => ({ at: m.index, length: m[0].length }));
  // For each run, the index of the next run of the same length (a span closes only on that).
  const next = new Array<number | undefined>(runs.length);
  const lastSeen = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    next[r] = lastSeen.get(runs[r]!.length);
    lastSeen.set(runs[r]!.length, r);
  }
  const segments: MarkdownSegment[] = [];
  let at = 0;
  for (let r = 0; r < runs.length; r++) {
    const close = next[r];
    if (close === undefined) continue;
    const open = runs[r]!;
    const end = runs[close]!.at + open.length;
    push(segments, false, text.slice(at, open.at));
    push(segments, true, text.slice(open.at, end));
    at = end;
    r = close;
  }
  push(segments, false, text.slice(at));
  return segments;
}

/**
 * Puts `content` (which has no backticks) into a code span at `offset` of a prose part, given the
 * characters around the part. The fence is a backtick run of a length no other run in the block
 * has, so it cannot pair with a stray backtick, and a space keeps it from merging with an adjacent
 * backtick; either mistake would leave the content live.
 */
export type CodeSpanWriter = (content: string, offset: number, length: number) => string;

/**
 * Applies `transform` to prose only, leaving fenced blocks (and code spans, if asked) untouched.
 * `transform` gets a writer for code spans that are safe to insert into that prose.
 */
export function mapProse(
  text: string,
  transform: (prose: string, codeSpan: CodeSpanWriter) => string,
  options: { spans: boolean },
): string {
  return splitFencedCode(text)
    .map((block) => {
      if (block.code) return block.text;
      const lengths = new Set([...block.text.matchAll(/`+/g)].map((m) => m[0].length));
      let fenceLength = 1;
      while (lengths.has(fenceLength)) fenceLength++;
      const fence = '`'.repeat(fenceLength);
      const parts = options.spans ? splitCodeSpans(block.text) : [{ code: false, text: block.text }];
      return parts
        .map((part, index) => {
          if (part.code) return part.text;
          const before = parts[index - 1]?.text.at(-1);
          const after = parts[index + 1]?.text[0];
          const codeSpan: CodeSpanWriter = (content, offset, length) => {
            const left = offset > 0 ? part.text[offset - 1] : before;
            const right = offset + length < part.text.length ? part.text[offset + length] : after;
            return `${left === '`' ? ' ' : ''}${fence}${content}${fence}${right === '`' ? ' ' : ''}`;
          };
          return transform(part.text, codeSpan);
        })
        .join('');
    })
    .join('');
}

function push(segments: MarkdownSegment[], code: boolean, text: string): void {
  if (text === '') return;
  const last = segments[segments.length - 1];
  if (last && last.code === code) last.text += text;
  else segments.push({ code, text });
}
