/**
 * The facts about a repository the decision engine reasons from. Built from discovery's
 * `StackInfo` (see `stackFacts`) so the decision rules stay independent of how detection works.
 */
export interface StackFacts {
  /** Languages with their share of the code by bytes, largest first. */
  languages: { name: string; share: number }[];
  packageManagers: string[];
  frameworks: string[];
  testRunners: string[];
  dependencies: string[];
}

/** The usual test framework for a language when a repository has none yet. */
export const DEFAULT_TEST_RUNNER: Record<string, string> = {
  TypeScript: 'vitest',
  JavaScript: 'vitest',
  Python: 'pytest',
  Go: 'go test',
  Rust: 'cargo test',
  Java: 'JUnit 5',
  Kotlin: 'JUnit 5',
  Ruby: 'RSpec',
  PHP: 'PHPUnit',
  'C#': 'xUnit',
};
