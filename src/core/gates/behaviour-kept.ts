import type { GateReport } from './gate-schema.js';

/**
 * The refactor chain's promise, checked on the gates' results: every gate that passed before the
 * change passes after it, and no test that passed before is missing or failing. Test identity
 * comes from the runner's output: failing names when it prints them, and the passed count (a
 * test deleted or skipped lowers it even when nothing fails). Returns what broke, empty when kept.
 */
export function behaviourProblems(baseline: GateReport | undefined, after: GateReport | undefined): string[] {
  if (!baseline || !after) return ['the gates did not run both before and after the change'];
  const problems: string[] = [];
  for (const before of baseline.runs.filter((r) => r.outcome === 'passed')) {
    const now = after.runs.find((r) => r.name === before.name);
    if (!now) {
      problems.push(`the ${before.name} gate passed before the change and did not run after it`);
      continue;
    }
    if (now.outcome !== 'passed') {
      const named = now.failures.length ? `: ${now.failures.slice(0, 5).join(', ')}` : '';
      problems.push(
        `the ${before.name} gate passed before the change and is ${now.outcome} after it${named}`,
      );
    }
    const was = before.counts?.passed;
    const is = now.counts?.passed;
    if (was !== undefined && is !== undefined && is < was)
      problems.push(
        `${was - is} test(s) of the ${before.name} gate that passed before are missing or failing (${was} passed before, ${is} after)`,
      );
  }
  return problems;
}
