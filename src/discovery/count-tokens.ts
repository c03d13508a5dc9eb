// The one place Maestro counts (and cuts by) tokens. Repository files, issue bodies and CI logs are
// untrusted: any of them may hold special-token text such as `<|endoftext|>` or `<|im_start|>`.
// gpt-tokenizer throws on such text by default ("Disallowed special token found"), so one hostile
// file or issue would crash discovery and planning. Here special-token text is ordinary text: it is
// counted as the characters it is made of, never as a control token.
import {
  countTokens as countWithOptions,
  decode,
  encode as encodeWithOptions,
} from 'gpt-tokenizer/encoding/o200k_base';

/** No special token is recognised, so none is refused: `<|endoftext|>` is just eleven characters. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() } as const;

/** The number of o200k tokens in `text`, special-token text counted as plain text. */
export function countTokens(text: string): number {
  return countWithOptions(text, PLAIN_TEXT);
}

/** `text` cut to its first `maxTokens` tokens (at a token boundary), special-token text kept as text. */
export function truncateToTokens(text: string, maxTokens: number): string {
  return decode(encodeWithOptions(text, PLAIN_TEXT).slice(0, Math.max(0, maxTokens)));
}
