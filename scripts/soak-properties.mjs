#!/usr/bin/env node
// Runs every property-test file (those importing fast-check) under several random seeds, one
// after another, and prints the seed of each failure so it can be replayed with FC_SEED=n and
// turned into a named regression case. `npm test` pins one seed (test/support/setup.ts); this explores.
// Usage: node scripts/soak-properties.mjs [rounds=5]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const rounds = Number(process.argv[2] ?? 5);
if (!Number.isInteger(rounds) || rounds < 1) {
  process.stderr.write(`soak: rounds must be a positive whole number, got ${process.argv[2]}\n`);
  process.exit(2);
}
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.test.ts') && readFileSync(path, 'utf8').includes("from 'fast-check'"))
      files.push(path);
  }
};
walk('test');
const say = (line) => process.stdout.write(`${line}\n`);
const failures = [];
for (let round = 1; round <= rounds; round++) {
  const seed = String(Math.floor(Math.random() * 2 ** 31));
  const result = spawnSync('npx', ['vitest', 'run', ...files], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FC_SEED: seed },
    encoding: 'utf8',
  });
  const ok = result.status === 0;
  say(`round ${round}/${rounds}: FC_SEED=${seed} ${files.length} files: ${ok ? 'passed' : 'FAILED'}`);
  if (!ok) {
    failures.push(seed);
    say(
      (result.stdout + result.stderr)
        .split('\n')
        .filter((l) => /FAIL|Counterexample|seed/.test(l))
        .join('\n'),
    );
  }
}
if (failures.length > 0) {
  say(`replay with: FC_SEED=<seed> npx vitest run <file>  (failed seeds: ${failures.join(', ')})`);
  process.exit(1);
}
