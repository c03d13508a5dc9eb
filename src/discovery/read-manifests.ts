import { parse } from 'smol-toml';

/**
 * Dependency names out of manifests. TOML manifests go through a TOML parser (a regular expression
 * cannot tell a dependency list from a keywords list, nor `requests[socks]` from the list's end);
 * the line-oriented ones (requirements.txt, go.mod, Gemfile) by small tolerant readers.
 */
export function packageJsonDeps(text: string): { deps: string[]; packageManager?: string; scripts: string } {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const names = new Set<string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const value = json[field];
      if (value && typeof value === 'object') for (const k of Object.keys(value)) names.add(k);
    }
    const pm = typeof json.packageManager === 'string' ? json.packageManager.split('@')[0] : undefined;
    const scripts =
      json.scripts && typeof json.scripts === 'object' ? Object.values(json.scripts).join(' ') : '';
    return { deps: [...names], ...(pm ? { packageManager: pm } : {}), scripts };
  } catch {
    return { deps: [], scripts: '' };
  }
}

/** `requirements*.txt`: one requirement per line. */
export function requirementsDeps(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l && !l.startsWith('-'))
    .map((l) => normalisePy(l.split(/[\s<>=!~;[(@]/)[0] ?? ''))
    .filter(Boolean);
}

/** The parts of `pyproject.toml` discovery uses: dependency names and the `[tool.*]` tables present. */
export interface Pyproject {
  deps: string[];
  tools: string[];
}

/**
 * `pyproject.toml`, parsed as TOML: PEP 621 `[project]` dependencies and optional groups, PEP 735
 * `[dependency-groups]`, Poetry's dependency tables and uv's/PDM's dev lists. Only those: keywords
 * and classifiers are lists of strings too, and are not dependencies. Invalid TOML reads as empty.
 */
export function readPyproject(text: string): Pyproject {
  const doc = parseToml(text);
  if (!doc) return { deps: [], tools: [] };
  const names = new Set<string>();
  const addRequirements = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      const name = typeof item === 'string' ? requirementName(item) : undefined;
      if (name) names.add(name);
    }
  };
  const addKeys = (table: unknown) => {
    for (const key of Object.keys(asTable(table))) names.add(normalisePy(key));
  };
  const project = asTable(doc.project);
  addRequirements(project.dependencies);
  for (const group of Object.values(asTable(project['optional-dependencies']))) addRequirements(group);
  for (const group of Object.values(asTable(doc['dependency-groups']))) addRequirements(group);
  const tool = asTable(doc.tool);
  const poetry = asTable(tool.poetry);
  addKeys(poetry.dependencies);
  addKeys(poetry['dev-dependencies']);
  for (const group of Object.values(asTable(poetry.group))) addKeys(asTable(group).dependencies);
  addRequirements(asTable(tool.uv)['dev-dependencies']);
  for (const group of Object.values(asTable(asTable(tool.pdm)['dev-dependencies']))) addRequirements(group);
  names.delete('python');
  return { deps: [...names], tools: Object.keys(tool) };
}

export function pyprojectDeps(text: string): string[] {
  return readPyproject(text).deps;
}

/** A PEP 508 requirement's name: `requests[socks]>=2; python_version<"3.8"` → `requests`. */
function requirementName(requirement: string): string | undefined {
  const name = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(requirement)?.[1];
  return name ? normalisePy(name) : undefined;
}

export function goModDeps(text: string): { module?: string; deps: string[] } {
  const module = /^module\s+(\S+)/m.exec(text)?.[1];
  const deps = new Set<string>();
  for (const block of text.matchAll(/^require\s*\(([^)]*)\)/gm)) {
    for (const line of block[1]!.matchAll(/^\s*(\S+)\s+v/gm)) deps.add(line[1]!);
  }
  for (const line of text.matchAll(/^require\s+(\S+)\s+v/gm)) deps.add(line[1]!);
  return { ...(module ? { module } : {}), deps: [...deps] };
}

/**
 * `Cargo.toml`, parsed as TOML: the crates of `[dependencies]`, `[dev-dependencies]`,
 * `[build-dependencies]`, their `[target.'cfg(…)'.*]` forms and `[workspace.dependencies]`. A
 * renamed dependency (`web = { package = "actix-web" }`) counts as the crate it names.
 */
export function cargoDeps(text: string): string[] {
  const doc = parseToml(text);
  if (!doc) return [];
  const sections = [doc, asTable(doc.workspace), ...Object.values(asTable(doc.target)).map(asTable)];
  const names = new Set<string>();
  for (const section of sections) {
    for (const kind of ['dependencies', 'dev-dependencies', 'build-dependencies']) {
      for (const [key, spec] of Object.entries(asTable(section[kind]))) {
        const renamed = asTable(spec).package;
        names.add(typeof renamed === 'string' ? renamed : key);
      }
    }
  }
  return [...names];
}

export function pomDeps(text: string): string[] {
  return [...text.matchAll(/<artifactId>\s*([\w.-]+)\s*<\/artifactId>/g)].map((m) => m[1]!);
}

export function gradleDeps(text: string): string[] {
  return [...text.matchAll(/["']([\w.-]+):([\w.-]+)(?::[^"']*)?["']/g)].map((m) => m[2]!);
}

export function gemfileDeps(text: string): string[] {
  return [...text.matchAll(/^\s*gem\s+["']([\w.-]+)["']/gm)].map((m) => m[1]!);
}

export function composerDeps(text: string): string[] {
  try {
    const json = JSON.parse(text) as { require?: object; 'require-dev'?: object };
    return [...Object.keys(json.require ?? {}), ...Object.keys(json['require-dev'] ?? {})].filter((n) =>
      n.includes('/'),
    );
  } catch {
    return [];
  }
}

type Table = Record<string, unknown>;

/** The document, or undefined when the text is not valid TOML (a manifest being edited). */
function parseToml(text: string): Table | undefined {
  try {
    return parse(text) as Table;
  } catch {
    return undefined;
  }
}

function asTable(value: unknown): Table {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : {};
}

function normalisePy(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}
