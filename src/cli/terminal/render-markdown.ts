import { styleText } from 'node:util';
import type { Tokens } from 'marked';

export interface TerminalStyle {
  /** Colour and emphasis as ANSI styles; off for NO_COLOR, --no-color or a pipe. */
  colour: boolean;
  /** The terminal's width in columns: tables are fitted to it. */
  width: number;
}

type Format = Parameters<typeof styleText>[0];

/**
 * Markdown (the plan, the report) rendered for a terminal with marked + marked-terminal: headings,
 * lists and tables drawn to fit `width`. Colours come from `util.styleText` so they follow our
 * decision (`colour`), not the library's own guess from the process's streams. The libraries are
 * imported here, on first use, so commands that print no markdown never load them.
 */
export async function renderMarkdownForTerminal(markdown: string, style: TerminalStyle): Promise<string> {
  const [{ Marked }, { markedTerminal }] = await Promise.all([import('marked'), import('marked-terminal')]);
  const paint = (format: Format) => (text: string) =>
    style.colour ? styleText(format, text, { validateStream: false }) : text;
  const plain = (text: string) => text;
  // Shared with the renderer by reference: set per table just before it is drawn.
  const tableOptions: { colWidths?: (number | null)[]; wordWrap: boolean; style: object } = {
    wordWrap: true,
    style: style.colour ? { head: ['cyan'], border: ['gray'] } : { head: [], border: [] },
  };
  const extension = markedTerminal({
    width: style.width,
    reflowText: true,
    emoji: false,
    tab: 2,
    tableOptions,
    code: paint('yellow'),
    codespan: paint('yellow'),
    blockquote: paint(['gray', 'italic']),
    html: paint('gray'),
    heading: paint(['green', 'bold']),
    firstHeading: paint(['magenta', 'bold']),
    strong: paint('bold'),
    em: paint('italic'),
    del: paint(['dim', 'strikethrough']),
    link: paint('blue'),
    href: paint(['blue', 'underline']),
    hr: plain,
    listitem: plain,
    table: plain,
    paragraph: plain,
  }) as unknown as { renderer: Record<string, (...args: unknown[]) => string> };
  const { renderer } = extension;
  const drawTable = renderer.table!;
  const drawText = renderer.text!;
  // marked-terminal 7 with marked 18: the text of a tight list item carries inline tokens
  // (bold, code) that it would print as raw markdown, and a task item would get two boxes.
  renderer.text = function (this: { parser: { parseInline(t: unknown): string } }, token: unknown) {
    const inline = (token as { tokens?: unknown[] }).tokens;
    return inline ? this.parser.parseInline(inline) : drawText.call(this, token);
  };
  renderer.checkbox = () => '';
  renderer.table = function (this: unknown, token: unknown) {
    // cli-table3 reads a present-but-undefined colWidths as given: the key goes when it fits.
    const widths = fittedColumnWidths(token as Tokens.Table, style.width);
    if (widths) tableOptions.colWidths = widths;
    else delete tableOptions.colWidths;
    return drawTable.call(this, token);
  };
  const marked = new Marked(extension as never);
  const rendered = await marked.parse(withoutHtmlBreaks(markdown));
  return rendered.replace(/\n{3,}/g, '\n\n');
}

/** `<br>` and `<sub>` (used inside GitHub tables) read as line breaks and plain text in a terminal. */
function withoutHtmlBreaks(markdown: string): string {
  return markdown.replace(/<br\s*\/?>/gi, ' — ').replace(/<\/?sub>/gi, '');
}

/**
 * Column widths for a table so that it fits `width` (cli-table3 wraps the words inside): each
 * column keeps its natural width when everything fits; otherwise the room is shared in proportion
 * to the natural widths, never below a readable minimum. `undefined` lets the table size itself.
 */
export function fittedColumnWidths(table: Tokens.Table, width: number): number[] | undefined {
  const columns = table.header.length;
  if (columns === 0) return undefined;
  const natural = table.header.map(
    (h, i) => Math.max(h.text.length, ...table.rows.map((r) => r[i]?.text.length ?? 0)) + 2,
  );
  const borders = columns + 1;
  const total = natural.reduce((a, b) => a + b, 0) + borders;
  if (total <= width) return undefined;
  const room = Math.max(width - borders, columns * MIN_COLUMN);
  const sum = natural.reduce((a, b) => a + b, 0);
  const widths = natural.map((n) => Math.max(MIN_COLUMN, Math.floor((n / sum) * room)));
  // Rounding and minimums can overshoot: take the excess back from the widest columns.
  let excess = widths.reduce((a, b) => a + b, 0) - room;
  while (excess > 0) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= MIN_COLUMN) break;
    widths[widest]! -= 1;
    excess -= 1;
  }
  return widths;
}

const MIN_COLUMN = 6;
