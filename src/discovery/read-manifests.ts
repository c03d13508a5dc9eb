/**
 * Dependency names out of manifests, by small tolerant parsers (no TOML/XML library needed for names).
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

/** `pyproject.toml`: PEP 621 `dependencies = [...]`, optional groups, and Poetry dependency tables. */
export function pyprojectDeps(text: string): string[] {
  const names = new Set<string>();
  for (const list of text.matchAll(/^\s*(?:dependencies|[\w-]+)\s*=\s*\[([^\]]*)\]/gm)) {
    for (const q of list[1]!.matchAll(/["']([A-Za-z0-9_.-]+)/g)) names.add(normalisePy(q[1]!));
  }
  for (const table of text.matchAll(
    /^\[tool\.poetry\.(?:[\w.-]+\.)?dependencies\]\s*\n([\s\S]*?)(?=^\[|(?![\s\S]))/gm,
  )) {
    for (const line of table[1]!.matchAll(/^([A-Za-z0-9_.-]+)\s*=/gm)) names.add(normalisePy(line[1]!));
  }
  names.delete('python');
  return [...names];
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

export function cargoDeps(text: string): string[] {
  const names = new Set<string>();
  for (const table of text.matchAll(
    /^\[(?:[\w.-]*\.)?(?:dev-|build-)?dependencies\]\s*\n([\s\S]*?)(?=^\[|(?![\s\S]))/gm,
  )) {
    for (const line of table[1]!.matchAll(/^([A-Za-z0-9_-]+)\s*=/gm)) names.add(line[1]!);
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

function normalisePy(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}
