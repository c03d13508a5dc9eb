import type { PathLookup } from './path-lookup.js';
import type { SymbolIndex } from './symbol-index.js';

export type MentionKind = 'frame' | 'path' | 'file name' | 'module' | 'symbol';

/** One file an issue points at, how, and how strongly (0..1). */
export interface Mention {
  path: string;
  kind: MentionKind;
  /** The text that matched: `src/a.ts:12`, `ParseError`, `pkg.mod`. */
  value: string;
  weight: number;
}

const CODE_EXT =
  'py|pyi|ts|tsx|js|jsx|mjs|cjs|mts|go|rs|java|kt|scala|rb|php|cs|c|h|cc|cpp|hpp|swift|vue|svelte';
const PY_FRAME = /File "([^"]+)", line (\d+)/g;
const JS_FRAME = /\bat (?:[^\s(]+ )?\(?((?:[A-Za-z]:)?[^\s():]+):(\d+)(?::\d+)?\)?/g;
const FILE_LINE = new RegExp(`((?:[\\w.@-]+/)*[\\w.@-]+\\.(?:${CODE_EXT})):(\\d+)`, 'g');
const PATHISH = /(?:^|[\s`'"([<])((?:\.{0,2}\/)?(?:[\w.@-]+\/)+[\w.@-]+)/g;
const FILE_NAME = /\b([\w-]+(?:\.[\w-]+)*\.[A-Za-z][A-Za-z0-9]{0,9})\b/g;
const DOTTED = /\b([A-Za-z_]\w+(?:\.[A-Za-z_]\w*){1,8})\b/g;
const BACKTICK = /`([^`\n]{1,200})`/g;
const CAMEL = /\b([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+|[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*)\b/g;
const SNAKE = /\b([a-z][a-z0-9]*_[a-z0-9_]+|[A-Z][A-Z0-9]*_[A-Z0-9_]+)\b/g;
const CALL = /\b([A-Za-z_]\w{2,})\(\)/g;

const MAX_DEFINERS = 12;

/** Everything in the issue that points at files: stack frames, paths, file names, modules, symbols. */
export function extractMentions(text: string, lookup: PathLookup, symbols: SymbolIndex): Mention[] {
  const out: Mention[] = [];
  const add = (paths: readonly string[], kind: MentionKind, value: string, weight: number) => {
    for (const path of paths) out.push({ path, kind, value, weight });
  };
  // The frame nearest the failure weighs most: the last one in a Python traceback, the first in a
  // JavaScript stack; callers further away decay.
  const inFrames = new Set<string>();
  for (const re of [PY_FRAME, JS_FRAME, FILE_LINE]) {
    const frames = [...text.matchAll(re)];
    frames.forEach((m, i) => {
      const distance = re === PY_FRAME ? frames.length - 1 - i : re === JS_FRAME ? i : 0;
      const weight = Math.max(0.6, 0.9 ** distance);
      add(lookup.bySuffix(m[1]!).slice(0, 3), 'frame', `${m[1]}:${m[2]}`, weight);
      inFrames.add(m[1]!).add(m[1]!.split('/').pop()!);
    });
  }
  for (const m of text.matchAll(PATHISH)) {
    const fragment = m[1]!.replace(/[.,:;)]+$/, '');
    if (inFrames.has(fragment)) continue; // already weighed as a stack frame
    if (/\.[A-Za-z][A-Za-z0-9]{0,9}$/.test(fragment))
      add(lookup.bySuffix(fragment).slice(0, 3), 'path', fragment, 1);
    else if (fragment.split('/').length >= 2)
      add(lookup.byModule(fragment).slice(0, 3), 'module', fragment, 0.8);
  }
  for (const m of text.matchAll(FILE_NAME)) {
    if (inFrames.has(m[1]!)) continue;
    const hits = lookup.byFileName(m[1]!);
    if (hits.length > 0 && hits.length <= 5) add(hits, 'file name', m[1]!, 0.8 / Math.sqrt(hits.length));
  }
  for (const m of text.matchAll(DOTTED)) dotted(m[1]!, lookup, add);
  const seen = new Set<string>();
  const symbol = (name: string, weight: number) => {
    if (seen.has(name) || name.length < 3) return;
    seen.add(name);
    const definers = symbols.lookup(name);
    if (definers.length === 0 || definers.length > MAX_DEFINERS) return;
    add(definers, 'symbol', name, weight / Math.sqrt(definers.length));
  };
  for (const m of text.matchAll(BACKTICK)) {
    for (const id of m[1]!.match(/[A-Za-z_][\w]*/g) ?? []) symbol(id, 0.7);
  }
  for (const re of [CALL, CAMEL, SNAKE]) {
    for (const m of text.matchAll(re)) symbol(m[1]!, 0.5);
  }
  return out;
}

/** `pkg.sub.mod.Name` → the file for the longest module prefix (≥ 2 segments) that exists. */
function dotted(
  value: string,
  lookup: PathLookup,
  add: (paths: readonly string[], kind: MentionKind, value: string, weight: number) => void,
): void {
  const parts = value.split('.');
  for (let take = parts.length; take >= 2; take--) {
    const hits = lookup.byModule(parts.slice(0, take).join('/'));
    if (hits.length > 0 && hits.length <= 3) {
      add(hits, 'module', parts.slice(0, take).join('.'), take === parts.length ? 0.8 : 0.7);
      return;
    }
  }
}
