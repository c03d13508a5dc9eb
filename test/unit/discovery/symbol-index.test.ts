import { describe, expect, it } from 'vitest';
import { extractSymbols, SymbolIndex } from '../../../src/discovery/symbol-index.js';

describe('extractSymbols', () => {
  it.each([
    [
      'a.ts',
      'export function parseConfig() {}\nexport class ConfigLoader {\n  async loadFile(path: string): Promise<void> {\n  }\n}\nexport interface Options {}\nexport type Mode = "a";\nexport const DEFAULTS = {};\nconst helper = (x) => x;\nexport enum Color {}\n',
      ['parseConfig', 'ConfigLoader', 'Options', 'Mode', 'Color', 'DEFAULTS', 'helper', 'loadFile'],
    ],
    [
      'b.py',
      'class Order(Base):\n    def total(self):\n        pass\n\nasync def fetch_all():\n    pass\nMAX_ITEMS = 3\n',
      ['total', 'fetch_all', 'Order', 'MAX_ITEMS'],
    ],
    [
      'c.go',
      'package x\n\nfunc (s *Server) Serve() error {}\nfunc NewServer() *Server {}\ntype Server struct {}\n',
      ['Serve', 'NewServer', 'Server'],
    ],
    [
      'd.rs',
      'pub fn parse_args() {}\npub struct Config {}\nenum Mode {}\ntrait Runner {}\npub(crate) async fn run() {}\n',
      ['parse_args', 'run', 'Config', 'Mode', 'Runner'],
    ],
    [
      'E.java',
      'public class UserService {\n    public User findUser(String id) {\n    }\n}\n',
      ['UserService', 'findUser'],
    ],
    [
      'f.rb',
      'module Billing\n  class Invoice\n    def self.build\n    end\n    def paid?\n    end\n  end\nend\n',
      ['build', 'paid?', 'Billing', 'Invoice'],
    ],
    [
      'g.php',
      '<?php\nclass Mailer {\n    public static function sendMail($to) {}\n}\nfunction helper() {}\n',
      ['sendMail', 'helper', 'Mailer'],
    ],
  ])('finds the definitions in %s', (path, text, expected) => {
    expect(new Set(extractSymbols(path, text))).toEqual(new Set(expected));
  });

  it('finds nothing in files of unknown languages', () => {
    expect(extractSymbols('README.md', '# function foo')).toEqual([]);
  });
});

describe('SymbolIndex', () => {
  it('looks names up exactly first, then case-insensitively', () => {
    const index = new SymbolIndex();
    index.add('a.ts', ['ParseError']);
    index.add('b.py', ['parseerror']);
    expect(index.lookup('ParseError')).toEqual(['a.ts']);
    expect(index.lookup('PARSEERROR')).toEqual(['a.ts', 'b.py']);
    expect(index.lookup('missing')).toEqual([]);
  });
});
