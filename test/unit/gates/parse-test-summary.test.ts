import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTestSummary, stripAnsi } from '../../../src/core/gates/parse-test-summary.js';

// Real output, trimmed of stack traces; each was captured from the runner named.
const VITEST = `
 RUN  v4.1.12 /tmp/gs/vt

 ❯ a.test.ts (4 tests | 2 failed | 1 skipped) 6ms
     ✓ adds 1ms
     × subtracts wrong 3ms
     ↓ skipped one
   × top level fails 0ms
 ✓ b.test.ts (1 test) 2ms

⎯⎯⎯⎯⎯⎯⎯ Failed Tests 2 ⎯⎯⎯⎯⎯⎯⎯

 FAIL  a.test.ts > math > subtracts wrong
AssertionError: expected +0 to be 2 // Object.is equality

 ❯ a.test.ts:4:43

⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[1/2]⎯

 FAIL  a.test.ts > top level fails
Error: boom
 ❯ a.test.ts:7:37

⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[2/2]⎯


 Test Files  1 failed | 1 passed (2)
      Tests  2 failed | 2 passed | 1 skipped (5)
   Start at  22:38:22
   Duration  279ms (transform 19ms, setup 0ms, import 37ms, tests 7ms, environment 0ms)
`;

const VITEST_FILE_FAILED = `
⎯⎯⎯⎯⎯⎯ Failed Suites 1 ⎯⎯⎯⎯⎯⎯⎯

 FAIL  test/broken.test.ts [ test/broken.test.ts ]
Error: Cannot find module './missing.js'

 Test Files  1 failed | 3 passed (4)
      Tests  40 passed (40)
`;

const JEST = `
 PASS  src/math.test.js
 FAIL  src/cart.test.js
  cart
    ✓ adds an item (3 ms)
    ✕ applies a discount (5 ms)
    ○ skipped keeps totals

  ● cart › applies a discount

    expect(received).toBe(expected) // Object.is equality

    Expected: 90
    Received: 100

 FAIL  src/broken.test.js
  ● Test suite failed to run

    Cannot find module './nope' from 'src/broken.test.js'

Test Suites: 2 failed, 1 passed, 3 total
Tests:       1 failed, 1 skipped, 2 passed, 4 total
Snapshots:   0 total
Time:        1.012 s
Ran all test suites.
`;

const NODE_TAP = `
TAP version 13
# Subtest: adds
ok 1 - adds
  ---
  duration_ms: 0.707956
  ...
# Subtest: subtracts wrong
not ok 2 - subtracts wrong
  ---
  duration_ms: 0.594226
  location: '/tmp/gs/nt/math.test.mjs:4:1'
  failureType: 'testCodeFailure'
  error: '0 == 2'
  ...
# Subtest: suite
    # Subtest: nested fails
    not ok 1 - nested fails
      ---
      duration_ms: 0.20786
      failureType: 'testCodeFailure'
      error: 'x'
      ...
    # Subtest: nested ok
    ok 2 - nested ok
    # Subtest: skipped
    ok 3 - skipped # SKIP
    # Subtest: later
    not ok 4 - later # TODO
    1..4
not ok 3 - suite
  ---
  duration_ms: 0.577932
  type: 'suite'
  failureType: 'subtestsFailed'
  error: '1 subtest failed'
  ...
1..3
# tests 5
# suites 1
# pass 2
# fail 2
# cancelled 0
# skipped 1
# todo 0
# duration_ms 71.454283
`;

const NODE_SPEC = `
✔ adds (0.72475ms)
✖ subtracts wrong (0.596489ms)
  AssertionError [ERR_ASSERTION]: 0 == 2

▶ suite
  ✖ nested fails (0.205416ms)
    AssertionError [ERR_ASSERTION]: x

  ✔ nested ok (0.064626ms)
  ﹣ skipped (0.056895ms) # SKIP
✖ suite (0.572113ms)
ℹ tests 5
ℹ suites 1
ℹ pass 2
ℹ fail 2
ℹ cancelled 0
ℹ skipped 1
ℹ todo 0
ℹ duration_ms 96.60167

✖ failing tests:

test at math.test.mjs:4:1
✖ subtracts wrong (0.596489ms)
  AssertionError [ERR_ASSERTION]: 0 == 2

test at math.test.mjs:5:27
✖ nested fails (0.205416ms)
  AssertionError [ERR_ASSERTION]: x
`;

const MOCHA = `
  Array
    #indexOf()
      ✔ should return the index
      1) should return -1 when the value is not present
  String
    - is pending


  1 passing (8ms)
  1 pending
  1 failing

  1) Array
       #indexOf()
         should return -1 when the value is not present:

      AssertionError [ERR_ASSERTION]: 0 == -1
      + expected - actual
`;

const PYTEST_QUIET = `
tests/test_x.py:7: ValueError
=========================== short test summary info ============================
FAILED tests/test_x.py::test_bad - assert 1 == 2
FAILED tests/test_x.py::TestK::test_m - ValueError: x
2 failed, 1 passed, 1 skipped in 0.58s
`;

const PYTEST = `
tests/test_x.py:7: ValueError
=========================== short test summary info ============================
FAILED tests/test_x.py::test_bad - assert 1 == 2
FAILED tests/test_x.py::test_param[a-b] - assert False
ERROR tests/test_db.py::test_conn - ConnectionError
===== 2 failed, 3 passed, 2 skipped, 1 xfailed, 1 error, 4 warnings in 0.47s =====
`;

const PYTEST_COLLECTION = `
E   ModuleNotFoundError: No module named 'nope'
=========================== short test summary info ============================
ERROR tests/test_err.py
!!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!
1 error in 0.49s
`;

const GO_VERBOSE = `
=== RUN   TestAdd
--- PASS: TestAdd (0.00s)
=== RUN   TestSub
    sub_test.go:12: got 0, want 2
--- FAIL: TestSub (0.00s)
=== RUN   TestTable
=== RUN   TestTable/empty
    table_test.go:20: boom
--- FAIL: TestTable (0.00s)
    --- FAIL: TestTable/empty (0.00s)
=== RUN   TestSlow
    slow_test.go:9: skipping in short mode
--- SKIP: TestSlow (0.00s)
FAIL
FAIL\texample.com/calc\t0.004s
ok  \texample.com/calc/util\t0.002s
FAIL
`;

const GO_QUIET = `
--- FAIL: TestSub (0.00s)
    sub_test.go:12: got 0, want 2
FAIL
FAIL\texample.com/calc\t0.004s
ok  \texample.com/calc/util\t(cached)
FAIL
`;

const GO_BUILD_FAILED = `
# example.com/calc
./calc.go:5:2: undefined: nope
FAIL\texample.com/calc [build failed]
ok  \texample.com/calc/util\t0.002s
FAIL
`;

const CARGO = `
running 4 tests
test more::ignored ... ignored
test more::passes ... ok
test more::fails ... FAILED
test tests::it_works ... ok

failures:

---- more::fails stdout ----

thread 'more::fails' (29518) panicked at src/lib.rs:19:26:
assertion \`left == right\` failed

failures:
    more::fails

test result: FAILED. 2 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.07s

     Running tests/api.rs (target/debug/deps/api-0b1c)

running 3 tests
test list ... ok
test create ... ok
test delete ... ok

test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
`;

describe('parseTestSummary', () => {
  it.each([
    [
      'vitest',
      VITEST,
      { passed: 2, failed: 2, skipped: 1 },
      ['a.test.ts > math > subtracts wrong', 'a.test.ts > top level fails'],
    ],
    [
      'vitest with a file that did not load',
      VITEST_FILE_FAILED,
      { passed: 40, failed: 0, skipped: 0 },
      ['test/broken.test.ts'],
    ],
    ['jest', JEST, { passed: 2, failed: 1, skipped: 1 }, ['cart › applies a discount', 'src/broken.test.js']],
    ['node:test (TAP)', NODE_TAP, { passed: 2, failed: 2, skipped: 1 }, ['subtracts wrong', 'nested fails']],
    [
      'node:test (spec)',
      NODE_SPEC,
      { passed: 2, failed: 2, skipped: 1 },
      ['subtracts wrong', 'nested fails'],
    ],
    [
      'mocha',
      MOCHA,
      { passed: 1, failed: 1, skipped: 1 },
      ['Array #indexOf() should return -1 when the value is not present'],
    ],
    [
      'pytest -q',
      PYTEST_QUIET,
      { passed: 1, failed: 2, skipped: 1 },
      ['tests/test_x.py::test_bad', 'tests/test_x.py::TestK::test_m'],
    ],
    [
      'pytest',
      PYTEST,
      { passed: 3, failed: 3, skipped: 3 },
      ['tests/test_x.py::test_bad', 'tests/test_x.py::test_param[a-b]', 'tests/test_db.py::test_conn'],
    ],
    [
      'pytest with a collection error',
      PYTEST_COLLECTION,
      { passed: 0, failed: 1, skipped: 0 },
      ['tests/test_err.py'],
    ],
    [
      'go test -v',
      GO_VERBOSE,
      { passed: 1, failed: 2, skipped: 1 },
      ['TestSub', 'TestTable', 'TestTable/empty'],
    ],
    ['cargo test, summed over test binaries', CARGO, { passed: 5, failed: 1, skipped: 1 }, ['more::fails']],
  ])('reads %s', (_runner, output, counts, failures) => {
    expect(parseTestSummary(output)).toEqual({ counts, failures });
  });

  it('gives no counts for go test without -v, which lists only the failing tests', () => {
    expect(parseTestSummary(GO_QUIET)).toEqual({ failures: ['TestSub'] });
  });

  it('names the package when a go package did not build', () => {
    expect(parseTestSummary(GO_BUILD_FAILED)).toEqual({ failures: ['example.com/calc'] });
  });

  it.each([
    ['12 passed, 1 failed', { passed: 12, failed: 1, skipped: 0 }],
    ['Results: 3 failed, 40 passed, 2 skipped', { passed: 40, failed: 3, skipped: 2 }],
    ['done: 7 passed', { passed: 7, failed: 0, skipped: 0 }],
  ])('falls back to a plain "%s" line', (line, counts) => {
    expect(parseTestSummary(`running…\n${line}\n`)).toEqual({ counts, failures: [] });
  });

  it('prefers a known runner over a plain line elsewhere in the output', () => {
    const output = `fixture says 99 passed, 99 failed\n${PYTEST_QUIET}`;
    expect(parseTestSummary(output).counts).toEqual({ passed: 1, failed: 2, skipped: 1 });
  });

  it('reads a summary through colour codes', () => {
    const coloured =
      '\u001b[31m     \u001b[31m×\u001b[31m subtracts wrong\u001b[39m\u001b[32m 3\u001b[2mms\u001b[22m\u001b[39m\n' +
      '\u001b[41m\u001b[1m FAIL \u001b[22m\u001b[49m a.test.ts\u001b[2m > \u001b[22mmath\u001b[2m > \u001b[22msubtracts wrong\n' +
      '\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[31m2 failed\u001b[39m\u001b[22m\u001b[2m | \u001b[22m\u001b[1m\u001b[32m2 passed\u001b[39m\u001b[22m\u001b[2m | \u001b[22m\u001b[33m1 skipped\u001b[39m\u001b[90m (5)\u001b[39m\n';
    expect(parseTestSummary(coloured)).toEqual({
      counts: { passed: 2, failed: 2, skipped: 1 },
      failures: ['a.test.ts > math > subtracts wrong'],
    });
  });

  it('finds nothing in output that is not a test summary', () => {
    expect(parseTestSummary('src/a.ts(3,1): error TS2304: Cannot find name "x".\n')).toEqual({
      failures: [],
    });
  });
});

describe('stripAnsi', () => {
  it('removes colour codes and keeps the last redraw of a line', () => {
    expect(stripAnsi('\u001b[32mok\u001b[39m\nprogress 10%\rprogress 100%\r\nend')).toBe(
      'ok\nprogress 100%\nend',
    );
  });
  it('removes terminal hyperlinks but keeps their text', () => {
    expect(stripAnsi('see \u001b]8;;https://vitest.dev\u0007the docs\u001b]8;;\u0007.')).toBe(
      'see the docs.',
    );
  });
});

describe('parseTestSummary on arbitrary output', () => {
  it('never throws and only reports whole, non-negative counts', () => {
    const noise = fc.constantFrom(
      '\n',
      ' passed',
      ' failed',
      '1',
      '42',
      '# pass ',
      'Tests  ',
      '\u001b[31m',
      'FAIL\t',
      '✖ ',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), noise), { maxLength: 40 }), (parts) => {
        const { counts, failures } = parseTestSummary(parts.join(''));
        for (const n of Object.values(counts ?? {})) expect(Number.isInteger(n) && n >= 0).toBe(true);
        expect(failures.every((f) => f.trim() !== '')).toBe(true);
      }),
    );
  });
});
