import { baseName } from './language.js';

/**
 * Finds repository paths from fragments of paths seen in an issue: a full path, an absolute path
 * from another machine (`/home/u/proj/src/a.py`), a file name, or an extension-less module path.
 */
export class PathLookup {
  readonly paths: readonly string[];
  readonly #set: ReadonlySet<string>;
  readonly #byBase = new Map<string, string[]>();
  readonly #modules = new Map<string, string[]>();

  constructor(paths: readonly string[]) {
    this.paths = [...paths].sort();
    this.#set = new Set(paths);
    for (const p of paths) {
      const base = baseName(p);
      const list = this.#byBase.get(base);
      if (list) list.push(p);
      else this.#byBase.set(base, [p]);
    }
    // Same-named files in path order, never listing (or cache) order: ranking must be deterministic.
    for (const list of this.#byBase.values()) list.sort();
  }

  has(path: string): boolean {
    return this.#set.has(path);
  }

  byFileName(name: string): readonly string[] {
    return this.#byBase.get(name) ?? [];
  }

  /**
   * Paths matching the longest suffix of `fragment` (segment-aligned); e.g.
   * `/site-packages/pkg/a/b.py` → `pkg/a/b.py` or `src/pkg/a/b.py`. Needs at least the file name.
   */
  bySuffix(fragment: string): readonly string[] {
    return this.matchSuffix(fragment).paths;
  }

  /**
   * Like `bySuffix`, also saying how many trailing segments matched: 1 means only the file name did,
   * so `/home/alice/app/setup.cfg` may well be the reporter's own file rather than ours.
   */
  matchSuffix(fragment: string): { paths: readonly string[]; segments: number } {
    const clean = fragment.replace(/\\/g, '/').replace(/^\.?\//, '');
    const segments = clean.split('/').filter(Boolean);
    if (this.#set.has(clean)) return { paths: [clean], segments: segments.length };
    const candidates = this.byFileName(segments[segments.length - 1] ?? '');
    if (candidates.length === 0) return { paths: [], segments: 0 };
    for (let take = segments.length; take >= 1; take--) {
      const suffix = segments.slice(segments.length - take).join('/');
      const hits = candidates.filter((p) => p === suffix || p.endsWith(`/${suffix}`));
      if (hits.length) return { paths: hits, segments: take };
    }
    return { paths: [], segments: 0 };
  }

  /** Paths whose extension-less form ends with the module path `a/b/c` (or is its package index). */
  byModule(modulePath: string): readonly string[] {
    const cached = this.#modules.get(modulePath);
    if (cached) return cached;
    const hits = this.#scanModule(modulePath);
    this.#modules.set(modulePath, hits);
    return hits;
  }

  #scanModule(modulePath: string): string[] {
    const want = modulePath.replace(/^\/+|\/+$/g, '');
    const tail = want.slice(want.lastIndexOf('/') + 1);
    const hits: string[] = [];
    for (const p of this.paths) {
      if (!p.includes(tail)) continue;
      const stem = p.replace(/\.[A-Za-z0-9]+$/, '').replace(/\/(__init__|index|mod)$/, '');
      if (stem === want || stem.endsWith(`/${want}`)) hits.push(p);
    }
    return hits;
  }
}
