import { describe, expect, it } from 'vitest';
import { extractImports, ImportResolver } from '../../../src/discovery/import-graph.js';

const PATHS = [
  'src/a.ts',
  'src/b.ts',
  'src/lib/index.ts',
  'src/c.tsx',
  'pkg/__init__.py',
  'pkg/models.py',
  'pkg/views.py',
  'pkg/sub/util.py',
  'go/internal/store/store.go',
  'go/internal/store/store_test.go',
  'go/cmd/main.go',
  'crate/src/lib.rs',
  'crate/src/parser.rs',
  'crate/src/parser/lexer.rs',
];
const resolver = new ImportResolver(PATHS, 'example.com/app');
const edges = (from: string, text: string) =>
  extractImports(from, text).flatMap((s) => resolver.resolve(from, s));

describe('import resolution', () => {
  it('resolves TS/JS relative imports, .js extensions and index files', () => {
    const text =
      "import { b } from './b.js';\nimport x from './lib';\nconst c = require('./c');\nimport fs from 'node:fs';\n";
    expect(edges('src/a.ts', text).sort()).toEqual(['src/b.ts', 'src/c.tsx', 'src/lib/index.ts']);
  });

  it('resolves Python absolute and relative imports', () => {
    const text = 'from pkg.models import Order\nfrom .sub.util import helper\nimport os\n';
    expect(edges('pkg/views.py', text).sort()).toEqual(['pkg/models.py', 'pkg/sub/util.py']);
  });

  it('resolves Go imports inside the module to the package files, without tests', () => {
    const text = 'package main\n\nimport (\n\t"fmt"\n\t"example.com/app/go/internal/store"\n)\n';
    expect(edges('go/cmd/main.go', text)).toEqual(['go/internal/store/store.go']);
  });

  it('resolves Rust mod declarations and crate paths', () => {
    expect(edges('crate/src/lib.rs', 'mod parser;\nuse crate::parser::lexer::Token;\n').sort()).toEqual([
      'crate/src/parser.rs',
      'crate/src/parser/lexer.rs',
    ]);
  });
});
