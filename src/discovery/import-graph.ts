import { posix } from 'node:path';
import { extensionOf } from './language.js';

/**
 * Import edges: `extractImports` pulls raw specifiers out of one file (cached per blob),
 * `ImportResolver` maps them to repository paths. Unresolvable specifiers (packages, stdlib) vanish.
 */
const JS_IMPORT =
  /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]|require\s*\(\s*['"]([^'"]+)['"]/g;
// `from x import (a,\n b,\n)` (black's format for long imports) and `from x import a, \\\n b` span lines.
const PY_FROM = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|(?:[\w ,\t*]|\\\r?\n)+)/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([\w., \t]+)/gm;
const GO_IMPORT_BLOCK = /^import\s*\(([^)]*)\)/gm;
const GO_IMPORT_LINE = /^import\s+(?:[\w.]+\s+)?"([^"]+)"/gm;
const RUST_USE = /^[ \t]*(?:pub(?:\([^)]*\))?\s+)?use\s+((?:crate|self|super)(?:::\w+)+)/gm;
const RUST_MOD = /^[ \t]*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;/gm;
const JAVA_IMPORT = /^import\s+(?:static\s+)?([\w.]+)\s*;?/gm;
const RUBY_REQUIRE = /^[ \t]*require(_relative)?\s*\(?\s*['"]([^'"]+)['"]/gm;

export function extractImports(path: string, text: string): string[] {
  const ext = extensionOf(path);
  const out = new Set<string>();
  const add = (s: string | undefined) => s && out.add(s);
  if (/^(ts|tsx|mts|cts|js|jsx|mjs|cjs|vue|svelte)$/.test(ext)) {
    for (const m of text.matchAll(JS_IMPORT)) add(m[1] ?? m[2] ?? m[3]);
  } else if (ext === 'py' || ext === 'pyi') {
    for (const m of text.matchAll(PY_FROM)) {
      const base = m[1] ?? '';
      const names = (m[2] ?? '').replace(/#[^\n]*/g, '').replace(/[()\\]/g, ' ');
      for (const name of names.split(',').map((s) => s.trim().split(/\s/)[0])) {
        if (name && name !== '*') add(`${base}${base.endsWith('.') ? '' : '.'}${name}`);
      }
      add(base);
    }
    for (const m of text.matchAll(PY_IMPORT)) {
      for (const name of (m[1] ?? '').split(',')) add(name.trim().split(/\s/)[0]);
    }
  } else if (ext === 'go') {
    for (const m of text.matchAll(GO_IMPORT_BLOCK)) {
      for (const q of (m[1] ?? '').matchAll(/"([^"]+)"/g)) add(q[1]);
    }
    for (const m of text.matchAll(GO_IMPORT_LINE)) add(m[1]);
  } else if (ext === 'rs') {
    for (const m of text.matchAll(RUST_USE)) add(m[1]);
    for (const m of text.matchAll(RUST_MOD)) add(`mod:${m[1]}`);
  } else if (ext === 'java' || ext === 'kt' || ext === 'scala') {
    for (const m of text.matchAll(JAVA_IMPORT)) add(m[1]);
  } else if (ext === 'rb') {
    for (const m of text.matchAll(RUBY_REQUIRE)) add(m[1] ? `./${m[2]}` : m[2]);
  }
  return [...out];
}

const JS_EXTENSIONS = [
  '',
  '.ts',
  '.tsx',
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '.mts',
  '.d.ts',
  '.vue',
  '/index.ts',
  '/index.tsx',
  '/index.js',
  '/index.jsx',
];
const SOURCE_ROOTS = ['', 'src/', 'lib/', 'app/', 'python/', 'pkg/'];

/**
 * Resolves specifiers against the set of repository paths. Its edges are cached per tree in the
 * rank index: a change to how specifiers resolve must bump `FORMAT` in rank-index-codec.ts.
 */
export class ImportResolver {
  readonly #paths: ReadonlySet<string>;
  readonly #pyModules = new Map<string, string>();
  readonly #suffix = new Map<string, string>();
  readonly #goDirs = new Map<string, string[]>();
  readonly #goModule: string | undefined;

  constructor(paths: readonly string[], goModule?: string) {
    this.#paths = new Set(paths);
    this.#goModule = goModule;
    for (const p of paths) {
      const ext = extensionOf(p);
      if (ext === 'py') {
        const mod = p.replace(/(\/__init__)?\.py$/, '').replace(/\//g, '.');
        for (const root of SOURCE_ROOTS) {
          const r = root.replace('/', '.');
          if (!root || mod.startsWith(r)) this.#pyModules.set(mod.slice(r.length), p);
        }
      } else if (ext === 'java' || ext === 'kt' || ext === 'scala') {
        const m = /(?:^|\/)((?:com|org|net|io|dev|app|me|de|fr|uk)\/.*)\.\w+$/.exec(p);
        if (m?.[1]) this.#suffix.set(m[1].replace(/\//g, '.'), p);
      } else if (ext === 'go' && !p.endsWith('_test.go')) {
        const dir = posix.dirname(p);
        const list = this.#goDirs.get(dir) ?? [];
        list.push(p);
        this.#goDirs.set(dir, list);
      }
    }
  }

  resolve(from: string, spec: string): string[] {
    const ext = extensionOf(from);
    if (ext === 'py' || ext === 'pyi') return this.#python(from, spec);
    if (ext === 'go') return this.#go(spec);
    if (ext === 'rs') return this.#rust(from, spec);
    if (ext === 'java' || ext === 'kt' || ext === 'scala') return one(this.#suffix.get(spec));
    if (ext === 'rb')
      return this.#firstExisting(
        spec.startsWith('.') ? posix.join(posix.dirname(from), spec) : `lib/${spec}`,
        ['.rb'],
      );
    return this.#js(from, spec);
  }

  #js(from: string, spec: string): string[] {
    let base: string;
    if (spec.startsWith('.')) base = posix.join(posix.dirname(from), spec);
    else if (spec.startsWith('@/') || spec.startsWith('~/')) base = `src/${spec.slice(2)}`;
    else if (spec.startsWith('/')) base = spec.slice(1);
    else return [];
    const stripped = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
    return this.#firstExisting(base, JS_EXTENSIONS)
      .concat(stripped !== base ? this.#firstExisting(stripped, JS_EXTENSIONS) : [])
      .slice(0, 1);
  }

  #python(from: string, spec: string): string[] {
    let mod = spec;
    if (spec.startsWith('.')) {
      const dots = /^\.+/.exec(spec)![0].length;
      let dir = posix.dirname(from);
      for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
      const rest = spec.slice(dots);
      mod = `${dir === '.' ? '' : dir.replace(/\//g, '.')}${rest ? `${dir === '.' ? '' : '.'}${rest}` : ''}`;
    }
    return one(this.#pyModules.get(mod));
  }

  #go(spec: string): string[] {
    if (!this.#goModule || !spec.startsWith(`${this.#goModule}/`)) return [];
    return (this.#goDirs.get(spec.slice(this.#goModule.length + 1)) ?? []).slice(0, 8);
  }

  #rust(from: string, spec: string): string[] {
    const dir = posix.dirname(from);
    if (spec.startsWith('mod:'))
      return this.#firstExisting(posix.join(dir, spec.slice(4)), ['.rs', '/mod.rs']);
    const parts = spec.split('::');
    const head = parts.shift();
    const crateSrc = /^(.*?\/)?src\//.exec(from)?.[0] ?? '';
    const root = head === 'crate' ? crateSrc : head === 'super' ? posix.dirname(dir) : dir;
    for (let i = parts.length; i > 0; i--) {
      const hit = this.#firstExisting(posix.join(root, ...parts.slice(0, i)), ['.rs', '/mod.rs']);
      if (hit.length) return hit;
    }
    return [];
  }

  #firstExisting(base: string, suffixes: readonly string[]): string[] {
    for (const s of suffixes) {
      const candidate = posix.normalize(base + s);
      if (this.#paths.has(candidate)) return [candidate];
    }
    return [];
  }
}

function one(path: string | undefined): string[] {
  return path ? [path] : [];
}
