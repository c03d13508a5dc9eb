// The one place Maestro counts (and cuts by) tokens. Repository files, issue bodies and CI logs are
// untrusted: any of them may hold special-token text such as `<|endoftext|>` or `<|im_start|>`.
// gpt-tokenizer throws on such text by default ("Disallowed special token found"), so one hostile
// file or issue would crash discovery and planning. Here special-token text is ordinary text: it is
// counted as the characters it is made of, never as a control token.
//
// The o200k tables are loaded on first use (a dynamic import): compiling them and building the
// encoder costs ~0.5 s, which a warm `maestro context` whose counts are all known (see
// token-count-memo.ts), `maestro --help` and most of the App never need to pay.

/** Exact o200k_base counting and cutting, special-token text treated as plain text. */
export interface Tokenizer {
  count(text: string): number;
  /** `text` cut to its first `maxTokens` tokens (at a token boundary). */
  truncate(text: string, maxTokens: number): string;
}

/** No special token is recognised, so none is refused: `<|endoftext|>` is just eleven characters. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() } as const;

let loading: Promise<Tokenizer> | undefined;

/** The tokenizer, loaded once per process on the first call. */
export function loadTokenizer(): Promise<Tokenizer> {
  loading ??= import('gpt-tokenizer/encoding/o200k_base').then(
    (lib): Tokenizer => ({
      count: (text) => lib.countTokens(text, PLAIN_TEXT),
      truncate: (text, maxTokens) =>
        lib.decode(lib.encode(text, PLAIN_TEXT).slice(0, Math.max(0, maxTokens))),
    }),
  );
  return loading;
}

/** The number of o200k tokens in `text`, special-token text counted as plain text. */
export async function countTokens(text: string): Promise<number> {
  return text === '' ? 0 : (await loadTokenizer()).count(text);
}

/** `text` cut to its first `maxTokens` tokens (at a token boundary), special-token text kept as text. */
export async function truncateToTokens(text: string, maxTokens: number): Promise<string> {
  return (await loadTokenizer()).truncate(text, maxTokens);
}
