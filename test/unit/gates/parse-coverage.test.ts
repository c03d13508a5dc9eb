import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCoverageTotal } from '../../../src/core/gates/parse-coverage.js';

// Each as the tool prints it (trimmed of the test run before it).
const ISTANBUL_TABLE = `
----------|---------|----------|---------|---------|-------------------
File      | % Stmts | % Branch | % Funcs | % Lines | Uncovered Line #s 
----------|---------|----------|---------|---------|-------------------
All files |   83.33 |       50 |     100 |   85.71 |                   
 index.js |   83.33 |       50 |     100 |   85.71 | 3                 
----------|---------|----------|---------|---------|-------------------
`;

const VITEST_V8 = `
 Test Files  1 passed (1)
      Tests  2 passed (2)

 % Coverage report from v8
-----------|---------|----------|---------|---------|-------------------
File       | % Stmts | % Branch | % Funcs | % Lines | Uncovered Line #s 
-----------|---------|----------|---------|---------|-------------------
All files  |   66.66 |       50 |     100 |   66.66 |                   
 math.ts   |   66.66 |       50 |     100 |   66.66 | 5-6               
-----------|---------|----------|---------|---------|-------------------
`;

const BUN = `
-------------|---------|---------|-------------------
File         | % Funcs | % Lines | Uncovered Line #s
-------------|---------|---------|-------------------
All files    |   66.67 |   77.78 |
 src/math.ts |   66.67 |   77.78 | 4-5
-------------|---------|---------|-------------------

 2 pass
 0 fail
`;

const TEXT_SUMMARY = `
=============================== Coverage summary ===============================
Statements   : 83.33% ( 5/6 )
Branches     : 50% ( 1/2 )
Functions    : 100% ( 2/2 )
Lines        : 85.71% ( 6/7 )
================================================================================
`;

const NODE_TAP = `
# tests 2
# pass 2
# fail 0
# start of coverage report
# ----------------------------------------------------------
# file       | line % | branch % | funcs % | uncovered lines
# ----------------------------------------------------------
# index.js   |  85.71 |    50.00 |  100.00 | 3
# index.test.js | 100.00 | 100.00 | 100.00 | 
# ----------------------------------------------------------
# all files  |  90.91 |    75.00 |  100.00 |
# ----------------------------------------------------------
# end of coverage report
`;

const NODE_SPEC = `
ℹ tests 2
ℹ pass 2
ℹ start of coverage report
ℹ ----------------------------------------------------------
ℹ file      | line % | branch % | funcs % | uncovered lines
ℹ ----------------------------------------------------------
ℹ index.js  |  85.71 |    50.00 |  100.00 | 3
ℹ ----------------------------------------------------------
ℹ all files |  85.71 |    50.00 |  100.00 |
ℹ ----------------------------------------------------------
ℹ end of coverage report
`;

const COVERAGE_PY = `
Name                 Stmts   Miss  Cover   Missing
--------------------------------------------------
mypkg/__init__.py        2      0   100%
mypkg/core.py           98     10    90%   12-20, 44
--------------------------------------------------
TOTAL                  100     10    90%
`;

const PYTEST_COV_BRANCH = `
============================= test session starts ==============================
collected 3 items

tests/test_core.py ...                                                   [100%]

---------- coverage: platform linux, python 3.12.3-final-0 -----------
Name                Stmts   Miss Branch BrPart  Cover
-----------------------------------------------------
mypkg/core.py          40      4     12      2  88.46%
-----------------------------------------------------
TOTAL                  40      4     12      2  88.46%

============================== 3 passed in 0.05s ===============================
`;

const GO_TEST = `
ok  	example.com/app/parse	0.003s	coverage: 92.3% of statements
ok  	example.com/app/store	0.011s	coverage: 61.0% of statements
	example.com/app/cmd		coverage: 0.0% of statements
ok  	example.com/app/api	0.007s	coverage: 75.5% of statements
`;

const GO_COVER_FUNC = `
ok  	example.com/app/parse	0.003s	coverage: 92.3% of statements
ok  	example.com/app/store	0.011s	coverage: 61.0% of statements
example.com/app/parse/parse.go:10:	Parse		100.0%
example.com/app/store/store.go:8:	Open		50.0%
total:						(statements)	70.4%
`;

const TARPAULIN = `
|| Tested/Total Lines:
|| src/lib.rs: 6/7
|| 
85.71% coverage, 6/7 lines covered
`;

describe('parseCoverageTotal', () => {
  it.each([
    ['the istanbul table, by its % Lines column', ISTANBUL_TABLE, 85.71],
    ['the vitest v8 table', VITEST_V8, 66.66],
    ["bun's table, which has no statements column", BUN, 77.78],
    ["istanbul's text-summary, by its Lines row", TEXT_SUMMARY, 85.71],
    ["node's coverage table in TAP", NODE_TAP, 90.91],
    ["node's coverage table from the spec reporter", NODE_SPEC, 85.71],
    ['coverage.py', COVERAGE_PY, 90],
    ['pytest-cov with branch coverage', PYTEST_COV_BRANCH, 88.46],
    ['go test -cover, by the last package', GO_TEST, 75.5],
    ['go tool cover -func, by its total', GO_COVER_FUNC, 70.4],
    ['cargo tarpaulin', TARPAULIN, 85.71],
  ])('reads %s', (_name, output, expected) => {
    expect(parseCoverageTotal(output)).toBe(expected);
  });

  it('takes the first number of a total row when no header names the lines column', () => {
    expect(parseCoverageTotal('All files |   83.33 |       50 |     100 |   85.71 |')).toBe(83.33);
  });

  it('uses Statements from a text-summary that has no Lines row', () => {
    expect(parseCoverageTotal('Statements   : 70.5% ( 141/200 )\nBranches     : 50% ( 1/2 )')).toBe(70.5);
  });

  it('reads through colour codes', () => {
    const coloured = ISTANBUL_TABLE.replace('85.71 |  ', '\u001b[33;1m85.71\u001b[0m |  ').replace(
      'All files',
      '\u001b[1mAll files\u001b[22m',
    );
    expect(parseCoverageTotal(coloured)).toBe(85.71);
  });

  it('rounds to two decimals', () => {
    expect(parseCoverageTotal('TOTAL    3    1    66.666666%')).toBe(66.67);
  });

  it('takes the last total when a workspace prints several tables', () => {
    expect(parseCoverageTotal(`${ISTANBUL_TABLE}\n${VITEST_V8}`)).toBe(66.66);
  });

  it.each([
    ['empty output', ''],
    ['a test run without coverage', ' Test Files  1 passed (1)\n      Tests  2 passed (2)\n'],
    [
      'a text-summary with nothing measured',
      'Statements   : Unknown% ( 0/0 )\nLines        : Unknown% ( 0/0 )',
    ],
    ['go with no statements', 'ok  \texample.com/app\t0.002s\tcoverage: [no statements]'],
    ['a TOTAL row that is not coverage.py', 'TOTAL  27  3  88.89%  4  0  100.00%  21  1  95.24%  0  0  -'],
    ['a percentage over 100', 'TOTAL    3    1    250%'],
    ['prose that mentions coverage', 'We aim for 90% coverage of all files.'],
  ])('returns undefined for %s', (_name, output) => {
    expect(parseCoverageTotal(output)).toBeUndefined();
  });

  it('never throws and returns a percentage or nothing, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const value = parseCoverageTotal(text);
        expect(value === undefined || (value >= 0 && value <= 100)).toBe(true);
      }),
    );
  });
});
