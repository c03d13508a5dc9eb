import type { PathLookup } from './path-lookup.js';
import { PhraseIndex } from './string-literals.js';
import type { SymbolLookup } from './symbol-index.js';

export type MentionKind = 'frame' | 'path' | 'file name' | 'module' | 'symbol' | 'message';

/** One file an issue points at, how, and how strongly (0..1). */
export interface Mention {
  path: string;
  kind: MentionKind;
  /** The text that matched: `src/a.ts:12`, `ParseError`, `pkg.mod`, a message's words. */
  value: string;
  weight: number;
}

const CODE_EXT =
  'py|pyi|ts|tsx|js|jsx|mjs|cjs|mts|go|rs|java|kt|scala|rb|php|cs|c|h|cc|cpp|hpp|swift|vue|svelte';
const PY_FRAME = /File "([^"]+)", line (\d+)/g;
const JS_FRAME = /\bat (?:[^\s(]+ )?\(?((?:[A-Za-z]:)?[^\s():]+):(\d+)(?::\d+)?\)?/g;
const FILE_LINE = new RegExp(`((?:[\\w.@-]+/)*[\\w.@-]+\\.(?:${CODE_EXT})):(\\d+)`, 'g');
const PATHISH = /(?:^|[\s`'"([<])((?:\.{0,2}\/)?(?:[\w.@-]+\/)+[\w.@-]+)/g;
const FILE_NAME = /(?<![\w./-])([\w-]+(?:\.[\w-]+)*\.[A-Za-z][A-Za-z0-9]{0,9})\b/g;
const DOTTED = /\b([A-Za-z_]\w+(?:\.[A-Za-z_]\w*){1,8})\b/g;
const BACKTICK = /`([^`\n]{1,200})`/g;
const FENCE = /^[ \t]*(```|~~~)[^\n]*\n([\s\S]*?)^[ \t]*\1[ \t]*$/gm;
const CAMEL =
  /\b([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+|[A-Z]{2,}[a-z][A-Za-z0-9]*|[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*)\b/g;
const SNAKE = /\b([a-z][a-z0-9]*_[a-z0-9_]+|[A-Z][A-Z0-9]*_[A-Z0-9_]+)\b/g;
/** A single capitalised word: a class name when (and only when) a file defines exactly it. */
const CLASS_WORD = /\b([A-Z][a-z0-9]{2,})\b/g;
const CALL = /\b([A-Za-z_]\w{2,})\(/g;
const IMPORT_LINE =
  /^[ \t]*(?:from[ \t]+\S+[ \t]+)?import[ \t]|^[ \t]*(?:const|let|var)[ \t].*\brequire\(|^[ \t]*use[ \t]/;
/** `pkg.errors.BadThing: message` — the last line of a traceback names where the class lives, not the bug. */
const EXCEPTION_LINE = /^[ \t]*(?:E[ \t]+)?([\w.]+(?:Error|Exception|Warning|Exit|Fault)):/gm;

const QUOTED = /"[^"\n]{8,300}"|'[^'\n]{8,300}'|“[^”\n]{8,300}”/g;
const EXCEPTION_MESSAGE = /^[ \t]*(?:E[ \t]+)?[\w.]+(?:Error|Exception|Warning|Exit|Fault):[^\n]*/gm;
/** A message matched in running prose needs this many words to be more than a common phrase. */
const MIN_PROSE_PHRASE_WORDS = 5;

/** `python -m pkg.help`: an issue template's command for system information, not where the bug is. */
const RUN_MODULE = /\bpython[\d.]*[ \t]+-m[ \t]+([\w.]+)/g;

const MAX_DEFINERS = 12;
/** A message found in more files than this is boilerplate, not a pointer. */
const MAX_MESSAGE_FILES = 5;

/** Symbol evidence by where the name was seen: code-like context counts, prose words barely. */
const SYMBOL_WEIGHT = { backtick: 0.6, call: 0.5, shaped: 0.45, fence: 0.4, classWord: 0.4, words: 0.3 };

type Add = (paths: readonly string[], kind: MentionKind, value: string, weight: number) => void;

/**
 * Everything in the issue that points at files: stack frames, paths, file names, modules, symbols.
 * Evidence is graded: a frame or path whose directories match is strong; a name seen only in an
 * import line, an exception type or template prose is weak, so it breaks ties without outranking
 * the text match of the file that holds the bug.
 */
export function extractMentions(text: string, lookup: PathLookup, symbols: SymbolLookup): Mention[] {
  const out: Mention[] = [];
  const add: Add = (paths, kind, value, weight) => {
    for (const path of paths) out.push({ path, kind, value, weight });
  };
  const inFrames = frames(text, lookup, add);
  for (const m of text.matchAll(PATHISH)) {
    const fragment = m[1]!.replace(/[.,:;)]+$/, '');
    if (inFrames.has(fragment)) continue; // already weighed as a stack frame
    if (/\.[A-Za-z][A-Za-z0-9]{0,9}$/.test(fragment)) {
      const hit = lookup.matchSuffix(fragment);
      // Only the file name matched: `/home/alice/app/setup.cfg` is the reporter's file, not ours.
      add(hit.paths.slice(0, 3), 'path', fragment, hit.segments >= 2 ? 1 : 0.2 / Math.sqrt(hit.paths.length));
    } else if (fragment.split('/').length >= 2)
      add(lookup.byModule(fragment).slice(0, 3), 'module', fragment, 0.8);
  }
  for (const m of text.matchAll(FILE_NAME)) {
    if (inFrames.has(m[1]!)) continue;
    const hits = lookup.byFileName(m[1]!);
    if (hits.length > 0 && hits.length <= 5) add(hits, 'file name', m[1]!, 0.8 / Math.sqrt(hits.length));
  }
  const { prose, code } = splitFences(text);
  const weakLines = new Set([
    ...importLines(code),
    ...[...text.matchAll(EXCEPTION_LINE)].map((m) => m[1]!),
    ...[...text.matchAll(RUN_MODULE)].map((m) => m[1]!),
  ]);
  for (const m of text.matchAll(DOTTED)) dotted(m[1]!, lookup, add, isWeak(m[1]!, weakLines) ? 0.3 : 1);
  const exceptionTypes = new Set([...text.matchAll(EXCEPTION_LINE)].map((m) => m[1]!.split('.').pop()!));
  symbolMentions(prose, code, symbols, add, exceptionTypes);
  return out;
}

/**
 * The text without paths from the reporter's own machine (`/home/alice/app/tox.ini`, whose
 * directories match nothing here): their words would make BM25 favour our own `tox.ini`.
 */
export function withoutForeignPaths(text: string, lookup: PathLookup): string {
  return text.replace(PATHISH, (all, fragment: string) => {
    if (!/^(?:\/|~\/|[A-Za-z]:)/.test(fragment)) return all;
    const hit = lookup.matchSuffix(fragment.replace(/[.,:;)]+$/, ''));
    return hit.segments >= 2 ? all : all.slice(0, all.length - fragment.length);
  });
}

/** Stack frames; the frame nearest the failure weighs most (last in Python, first in JavaScript). */
function frames(text: string, lookup: PathLookup, add: Add): Set<string> {
  const inFrames = new Set<string>();
  for (const re of [PY_FRAME, JS_FRAME, FILE_LINE]) {
    const found = [...text.matchAll(re)];
    found.forEach((m, i) => {
      const distance = re === PY_FRAME ? found.length - 1 - i : re === JS_FRAME ? i : 0;
      const hit = lookup.matchSuffix(m[1]!);
      // A bare `test_x.py:7` that only matches a nested file by name is the reporter's own script:
      // run from our repository, the frame would carry its directory.
      const own = hit.segments >= 2 || lookup.has(m[1]!.replace(/^\.?\//, ''));
      add(hit.paths.slice(0, 3), 'frame', `${m[1]}:${m[2]}`, own ? Math.max(0.6, 0.9 ** distance) : 0.2);
      inFrames.add(m[1]!).add(m[1]!.split('/').pop()!);
    });
  }
  return inFrames;
}

function symbolMentions(
  prose: string,
  code: string,
  symbols: SymbolLookup,
  add: Add,
  exceptionTypes: ReadonlySet<string>,
): void {
  const best = new Map<string, { weight: number; exact: boolean }>();
  const see = (name: string, found: number, exact = false) => {
    if (name.length < 3) return;
    // The exception's class is where it is defined, rarely where it is raised wrongly.
    let weight = exceptionTypes.has(name) ? Math.min(found, 0.2) : found;
    // `get`, `list`: a plain lowercase word names too many things to count as more than a hint.
    if (!/[A-Z_]/.test(name) && found !== SYMBOL_WEIGHT.backtick)
      weight = Math.min(weight, SYMBOL_WEIGHT.words);
    const seen = best.get(name);
    if (!seen || seen.weight < weight) best.set(name, { weight, exact: exact && (seen?.exact ?? true) });
  };
  for (const m of prose.matchAll(BACKTICK)) {
    const inner = m[1]!;
    // `Session.send(x)` is code; `pip list` is a command line, whose plain words name nothing.
    const codeLike = !/\s/.test(inner.trim()) || /[(.=[:]/.test(inner);
    for (const id of inner.match(/[A-Za-z_]\w*/g) ?? []) {
      if (codeLike) see(id, SYMBOL_WEIGHT.backtick);
      else if (/_|[a-z][A-Z]|^[A-Z]/.test(id)) see(id, SYMBOL_WEIGHT.words);
    }
  }
  const plain = prose.replace(BACKTICK, ' ');
  for (const m of plain.matchAll(CALL)) see(m[1]!, SYMBOL_WEIGHT.call);
  for (const re of [CAMEL, SNAKE]) for (const m of plain.matchAll(re)) see(m[1]!, SYMBOL_WEIGHT.shaped);
  for (const m of plain.matchAll(CLASS_WORD)) see(m[1]!, SYMBOL_WEIGHT.classWord, true);
  for (const line of code.split('\n')) {
    if (IMPORT_LINE.test(line)) continue; // a reproduction's imports are incidental
    for (const m of line.matchAll(CALL)) see(m[1]!, SYMBOL_WEIGHT.fence);
    for (const re of [CAMEL, SNAKE]) for (const m of line.matchAll(re)) see(m[1]!, SYMBOL_WEIGHT.fence);
    for (const m of line.matchAll(CLASS_WORD)) see(m[1]!, SYMBOL_WEIGHT.fence, true);
  }
  for (const [name, { weight, exact }] of [...best].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const definers = exact ? symbols.lookupExact(name) : symbols.lookup(name);
    if (definers.length === 0 || definers.length > MAX_DEFINERS) continue;
    add(definers, 'symbol', name, weight / Math.sqrt(definers.length));
  }
}

/**
 * Files whose message-like string literals appear, word for word, in the issue: the error text a
 * reporter pastes is produced by the file that needs the fix. Longer matches weigh more.
 */
export function messageMentions(
  text: string,
  files: readonly { path: string; literals?: readonly string[] }[],
): Mention[] {
  // A run of words quoted by the reporter (code, backticks, quotes, an exception line) is a message
  // they saw; in running prose, only a long run is more than a common phrase.
  const quoted = new PhraseIndex(quotedParts(text));
  const prose = new PhraseIndex(text);
  const matchWords = (literal: string) => {
    const inText = prose.match(literal); // the whole text: nothing there, nothing quoted either
    if (inText === 0) return 0;
    return quoted.match(literal) || (inText >= MIN_PROSE_PHRASE_WORDS ? inText : 0);
  };
  const byLiteral = new Map<string, { paths: string[]; words: number }>();
  for (const file of files) {
    for (const literal of file.literals ?? []) {
      const found = byLiteral.get(literal);
      if (found) {
        if (found.words > 0) found.paths.push(file.path);
        continue;
      }
      const words = matchWords(literal);
      byLiteral.set(literal, { paths: words > 0 ? [file.path] : [], words });
    }
  }
  const out: Mention[] = [];
  for (const [literal, { paths, words }] of byLiteral) {
    if (words === 0 || paths.length > MAX_MESSAGE_FILES) continue;
    const weight = Math.min(0.95, 0.5 + 0.1 * words) / Math.sqrt(paths.length);
    for (const path of paths) out.push({ path, kind: 'message', value: literal, weight });
  }
  return out;
}

/** The parts of the issue a reporter quoted: fenced code, backticks, quotation marks, exception lines. */
function quotedParts(text: string): string {
  const parts: string[] = [];
  for (const re of [FENCE, BACKTICK, QUOTED, EXCEPTION_MESSAGE])
    for (const m of text.matchAll(re)) parts.push(m[0]);
  return parts.join('\n');
}

/** Prose and fenced code apart: code is read for calls and names, never for plain words. */
function splitFences(text: string): { prose: string; code: string } {
  const code: string[] = [];
  const prose = text.replace(FENCE, (_all, _fence, body: string) => {
    code.push(body);
    return '\n';
  });
  return { prose, code: code.join('\n') };
}

function importLines(code: string): string[] {
  return code.split('\n').filter((line) => IMPORT_LINE.test(line));
}

function isWeak(dottedName: string, weakLines: ReadonlySet<string>): boolean {
  for (const line of weakLines) if (line.includes(dottedName)) return true;
  return false;
}

/** `pkg.sub.mod.Name` → the file for the longest module prefix (≥ 2 segments) that exists. */
function dotted(value: string, lookup: PathLookup, add: Add, scale: number): void {
  const parts = value.split('.');
  for (let take = parts.length; take >= 2; take--) {
    const hits = lookup.byModule(parts.slice(0, take).join('/'));
    if (hits.length > 0 && hits.length <= 3) {
      add(hits, 'module', parts.slice(0, take).join('.'), (take === parts.length ? 0.8 : 0.7) * scale);
      return;
    }
  }
}
