/**
 * One named step of a sanitiser: text in, text out, plus how many things it changed. The count is
 * what gets reported ("removed 3 HTML comments"); the removed payload itself is never returned, so a
 * report can be posted or logged without echoing an attacker's text.
 */
export interface PassResult {
  text: string;
  count: number;
}

export type TextPass = (text: string) => PassResult;
