/** Language of a file by extension (or well-known name); undefined for files that are not code or text we rank by language. */
const BY_EXTENSION: Record<string, string> = {
  ts: 'TypeScript',
  tsx: 'TypeScript',
  mts: 'TypeScript',
  cts: 'TypeScript',
  js: 'JavaScript',
  jsx: 'JavaScript',
  mjs: 'JavaScript',
  cjs: 'JavaScript',
  py: 'Python',
  pyi: 'Python',
  go: 'Go',
  rs: 'Rust',
  java: 'Java',
  kt: 'Kotlin',
  kts: 'Kotlin',
  scala: 'Scala',
  rb: 'Ruby',
  php: 'PHP',
  cs: 'C#',
  c: 'C',
  h: 'C',
  cc: 'C++',
  cpp: 'C++',
  cxx: 'C++',
  hpp: 'C++',
  hh: 'C++',
  swift: 'Swift',
  m: 'Objective-C',
  mm: 'Objective-C',
  sh: 'Shell',
  bash: 'Shell',
  zsh: 'Shell',
  ps1: 'PowerShell',
  lua: 'Lua',
  pl: 'Perl',
  pm: 'Perl',
  r: 'R',
  dart: 'Dart',
  ex: 'Elixir',
  exs: 'Elixir',
  erl: 'Erlang',
  hs: 'Haskell',
  ml: 'OCaml',
  clj: 'Clojure',
  vue: 'Vue',
  svelte: 'Svelte',
  html: 'HTML',
  htm: 'HTML',
  css: 'CSS',
  scss: 'SCSS',
  sass: 'SCSS',
  less: 'Less',
  sql: 'SQL',
  md: 'Markdown',
  mdx: 'Markdown',
  rst: 'reStructuredText',
  json: 'JSON',
  yaml: 'YAML',
  yml: 'YAML',
  toml: 'TOML',
  xml: 'XML',
  proto: 'Protocol Buffers',
  tf: 'HCL',
  gradle: 'Gradle',
  zig: 'Zig',
  nim: 'Nim',
};

const BY_NAME: Record<string, string> = {
  Dockerfile: 'Dockerfile',
  Makefile: 'Makefile',
  Rakefile: 'Ruby',
  Gemfile: 'Ruby',
};

/** Languages whose files are documentation or data rather than program code. */
export const NON_CODE = new Set(['Markdown', 'reStructuredText', 'JSON', 'YAML', 'TOML', 'XML']);

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function languageOf(path: string): string | undefined {
  return BY_NAME[baseName(path)] ?? BY_EXTENSION[extensionOf(path)];
}
