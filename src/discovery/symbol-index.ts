import { extensionOf } from './language.js';
import { type Postings, postingsOf } from './rank-index.js';

/**
 * Definitions per language, found by regex: good enough to map "the issue names `ParseError`" to
 * the file that defines it, without a parser per language. Each pattern captures the name in group 1.
 */
const TS_JS = [
  /^[ \t]*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/gm,
  /^[ \t]*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/gm,
  /^[ \t]*(?:export\s+)?(?:declare\s+)?(?:interface|type|enum|namespace)\s+([A-Za-z_$][\w$]*)/gm,
  /^[ \t]*export\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)/gm,
  /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>/gm,
  /^[ \t]+(?:(?:public|private|protected|static|async|readonly|override|get|set)\s+)*(#?[A-Za-z_$][\w$]*)[ \t]*\([^)\n]*\)[ \t]*(?::[^{\n]+)?\{[ \t]*$/gm,
];
const PYTHON = [
  /^[ \t]*(?:async\s+)?def\s+([A-Za-z_]\w*)/gm,
  /^[ \t]*class\s+([A-Za-z_]\w*)/gm,
  /^([A-Z][A-Z0-9_]+)\s*[:=]/gm,
];
const GO = [
  /^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/gm,
  /^type\s+([A-Za-z_]\w*)/gm,
  /^[ \t]*(?:const|var)\s+([A-Z]\w*)\s/gm,
  /^\t([A-Za-z_]\w*)\s+(?:struct|interface)\s*\{/gm,
];
const RUST = [
  /^[ \t]*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:const\s+)?(?:unsafe\s+)?(?:extern\s+"[^"]*"\s+)?fn\s+([A-Za-z_]\w*)/gm,
  /^[ \t]*(?:pub(?:\([^)]*\))?\s+)?(?:struct|enum|trait|type|union|mod)\s+([A-Za-z_]\w*)/gm,
  /^[ \t]*(?:pub(?:\([^)]*\))?\s+)?(?:const|static)\s+([A-Z_][A-Z0-9_]*)\s*:/gm,
  /^[ \t]*macro_rules!\s*([A-Za-z_]\w*)/gm,
];
const JVM = [
  /^[ \t]*(?:(?:public|private|protected|abstract|final|static|sealed|data|open|internal)\s+)*(?:class|interface|enum|record|object|trait)\s+([A-Za-z_]\w*)/gm,
  /^[ \t]+(?:(?:public|private|protected|static|final|abstract|synchronized|override|suspend)\s+)+[\w<>[\], \t?]*?[ \t]([a-zA-Z_]\w*)[ \t]*\(/gm,
  /^[ \t]*(?:(?:private|override|suspend|internal|public)\s+)*fun\s+(?:<[^>]*>\s*)?(?:[\w.]+\.)?([A-Za-z_]\w*)/gm,
];
const RUBY = [/^[ \t]*def\s+(?:self\.)?([A-Za-z_]\w*[?!=]?)/gm, /^[ \t]*(?:class|module)\s+([A-Z]\w*)/gm];
const PHP = [
  /^[ \t]*(?:(?:public|private|protected|static|abstract|final)\s+)*function\s+&?\s*([A-Za-z_]\w*)/gm,
  /^[ \t]*(?:abstract\s+|final\s+)?(?:class|interface|trait|enum)\s+([A-Za-z_]\w*)/gm,
];
const C_LIKE = [
  /^(?:static[ \t]+|inline[ \t]+|extern[ \t]+)*[A-Za-z_][\w \t*&:<>,]*?\b([A-Za-z_]\w*)[ \t]*\([^;\n]*$/gm,
  /^[ \t]*(?:typedef\s+)?(?:struct|class|enum|union)\s+([A-Za-z_]\w*)/gm,
  /^#define\s+([A-Za-z_]\w*)/gm,
];
const CSHARP = [
  /^[ \t]*(?:(?:public|private|protected|internal|static|abstract|sealed|partial)\s+)*(?:class|interface|struct|enum|record)\s+([A-Za-z_]\w*)/gm,
  /^[ \t]+(?:(?:public|private|protected|internal|static|virtual|override|async)\s+)+[\w<>[\], \t?]*?[ \t]([A-Za-z_]\w*)[ \t]*\(/gm,
];

const PATTERNS: Record<string, RegExp[]> = {
  ts: TS_JS,
  tsx: TS_JS,
  mts: TS_JS,
  cts: TS_JS,
  js: TS_JS,
  jsx: TS_JS,
  mjs: TS_JS,
  cjs: TS_JS,
  vue: TS_JS,
  svelte: TS_JS,
  py: PYTHON,
  pyi: PYTHON,
  go: GO,
  rs: RUST,
  java: JVM,
  kt: JVM,
  kts: JVM,
  scala: JVM,
  rb: RUBY,
  php: PHP,
  c: C_LIKE,
  h: C_LIKE,
  cc: C_LIKE,
  cpp: C_LIKE,
  cxx: C_LIKE,
  hpp: C_LIKE,
  cs: CSHARP,
  swift: JVM,
};

const NOT_NAMES = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'return',
  'constructor',
  'function',
  'else',
  'new',
  'with',
  'sizeof',
]);

/** Names defined in a file (deduplicated, in order of first appearance). */
export function extractSymbols(path: string, text: string): string[] {
  const patterns = PATTERNS[extensionOf(path)];
  if (!patterns) return [];
  const found = new Set<string>();
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const name = match[1]?.replace(/^#/, '');
      if (name && name.length > 1 && !NOT_NAMES.has(name)) found.add(name);
    }
  }
  return [...found];
}

/** Where names are defined; `SymbolIndex` in memory, `IndexedSymbols` over a cached rank index. */
export interface SymbolLookup {
  /** Files defining `name` in path order: exact matches when there are any, else case-insensitive ones. */
  lookup(name: string): readonly string[];
  /** Files defining exactly `name` (case-sensitive), in path order. */
  lookupExact(name: string): readonly string[];
  has(name: string): boolean;
}

/**
 * symbol → files defining it. Exact names first; the case-insensitive fallback only serves names
 * shaped like identifiers (`parse_url` for `Parse_URL`), never a plain lowercase word, and never maps
 * a lowercase word to an UPPER_CASE constant: "fetchy" in prose is the project, not `FETCHY = …`.
 */
export class SymbolIndex implements SymbolLookup {
  readonly #exact = new Map<string, string[]>();
  readonly #lower = new Map<string, { name: string; path: string }[]>();

  add(path: string, symbols: readonly string[]): void {
    for (const s of symbols) {
      push(this.#exact, s, path);
      const list = this.#lower.get(s.toLowerCase());
      if (!list) this.#lower.set(s.toLowerCase(), [{ name: s, path }]);
      else list.push({ name: s, path });
    }
  }

  /** Files defining `name` in path order: exact matches when there are any, else case-insensitive ones. */
  lookup(name: string): readonly string[] {
    const exact = this.#exact.get(name);
    if (exact) return [...exact].sort();
    if (!/[A-Z_]/.test(name) || name.length < 4) return [];
    const lowerCaseQuery = name === name.toLowerCase();
    const found = (this.#lower.get(name.toLowerCase()) ?? [])
      .filter((d) => !(lowerCaseQuery && d.name === d.name.toUpperCase()))
      .map((d) => d.path);
    return [...new Set(found)].sort();
  }

  /** Files defining exactly `name` (case-sensitive), in path order. */
  lookupExact(name: string): readonly string[] {
    return [...(this.#exact.get(name) ?? [])].sort();
  }

  has(name: string): boolean {
    return this.lookup(name).length > 0;
  }
}

function push(map: Map<string, string[]>, key: string, path: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [path]);
  else if (list[list.length - 1] !== path) list.push(path);
}

/**
 * The same lookups as `SymbolIndex`, over a rank index's postings (documents in path order): the
 * names are searched in the cached tables instead of being added to maps on every run.
 */
export class IndexedSymbols implements SymbolLookup {
  readonly #paths: readonly string[];
  readonly #exact: Postings;
  readonly #lower: Postings;

  constructor(index: { paths: readonly string[]; symbols: Postings; lowerSymbols: Postings }) {
    this.#paths = index.paths;
    this.#exact = index.symbols;
    this.#lower = index.lowerSymbols;
  }

  lookup(name: string): readonly string[] {
    const exact = postingsOf(this.#exact, name);
    if (exact) return Array.from(exact.docs, (d) => this.#paths[d]!);
    if (!/[A-Z_]/.test(name) || name.length < 4) return [];
    const found = postingsOf(this.#lower, name.toLowerCase());
    if (!found) return [];
    // A lowercase word never finds an UPPER_CASE constant: keep documents with another spelling.
    const lowerCaseQuery = name === name.toLowerCase();
    const docs = Array.from(found.docs).filter((_, i) => !lowerCaseQuery || found.values[i] === 1);
    return docs.map((d) => this.#paths[d]!);
  }

  lookupExact(name: string): readonly string[] {
    const exact = postingsOf(this.#exact, name);
    return exact ? Array.from(exact.docs, (d) => this.#paths[d]!) : [];
  }

  has(name: string): boolean {
    return this.lookup(name).length > 0;
  }
}
