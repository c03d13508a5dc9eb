import type { ImportResolver } from './import-graph.js';

/** The import graph as adjacency both ways, over the files being ranked. */
export interface ImportGraph {
  imports: ReadonlyMap<string, readonly string[]>;
  importedBy: ReadonlyMap<string, readonly string[]>;
}

export function buildImportGraph(
  files: readonly { path: string; imports: readonly string[] }[],
  resolver: ImportResolver,
): ImportGraph {
  const imports = new Map<string, string[]>();
  const importedBy = new Map<string, string[]>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const spec of file.imports) {
      for (const target of resolver.resolve(file.path, spec)) if (target !== file.path) targets.add(target);
    }
    imports.set(file.path, [...targets]);
    for (const t of targets) {
      const list = importedBy.get(t);
      if (list) list.push(file.path);
      else importedBy.set(t, [file.path]);
    }
  }
  return { imports, importedBy };
}
