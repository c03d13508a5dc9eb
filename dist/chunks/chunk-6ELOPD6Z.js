import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);

// src/core/tasks/category-instructions.ts
var fileTools = [
  "list_files",
  "read_file",
  "search",
  "write_file",
  "edit_file",
  "delete_file"
];
var allBuiltinTools = [...fileTools, "run_command", "finish"];
var specialists = {
  frontend: {
    name: "frontend-developer",
    brief: "Build user-facing code that follows the repository's existing components, styles and accessibility practices; keep markup semantic and run the existing UI tests.",
    commands: "allowed-commands"
  },
  backend: {
    name: "backend-architect",
    brief: "Implement server-side logic and APIs with clear boundaries, validated inputs and explicit error handling; keep interfaces backwards compatible unless the task says otherwise, and run the tests.",
    commands: "allowed-commands"
  },
  database: {
    name: "database-admin",
    brief: "Change schemas, migrations and queries safely: migrations must be reversible where the tooling allows, never drop data silently, and keep indexes in mind for new queries.",
    commands: "allowed-commands"
  },
  testing: {
    name: "test-automator",
    brief: "Write focused, deterministic tests in the repository's existing framework and style; cover the acceptance criteria and edge cases, and run the tests to show they pass (or fail first, for a bug).",
    commands: "allowed-commands"
  },
  security: {
    name: "security-auditor",
    brief: "Find and fix the security weakness the task names with the smallest safe change; prefer validation at the boundary and least privilege, add a test that demonstrates the fix, and never weaken an existing check.",
    commands: "allowed-commands"
  },
  devops: {
    name: "deployment-engineer",
    brief: "Change build, packaging and deployment configuration reproducibly; pin versions, keep secrets out of files, and remember that CI workflow files are protected unless the repository allows edits.",
    commands: "allowed-commands"
  },
  docs: {
    name: "api-documenter",
    brief: "Write accurate, concise documentation that matches the code as it is: check names, options and examples against the source, and keep the existing structure and tone.",
    commands: "read-only-git"
  },
  performance: {
    name: "performance-engineer",
    brief: "Improve the measured bottleneck the task names without changing behaviour; measure before and after where the repository has benchmarks, and keep the tests passing.",
    commands: "allowed-commands"
  },
  refactoring: {
    name: "refactoring-specialist",
    brief: "Restructure code without changing its behaviour: small steps, the tests passing before and after, no new features, and public interfaces kept unless the task says otherwise.",
    commands: "allowed-commands"
  },
  general: {
    name: "general-purpose",
    brief: "Carry out the task with the smallest change that meets its acceptance criteria, following the repository's conventions, and run the tests.",
    commands: "allowed-commands"
  }
};
function instructionsFor(category) {
  const specialist = specialists[category];
  return `You are the ${specialist.name}. ${specialist.brief}`;
}
function toolsAllowedFor(_category) {
  return [...allBuiltinTools];
}
function commandScopeFor(category) {
  return specialists[category].commands;
}
function commandsAllowedFor(category, allowed) {
  if (commandScopeFor(category) === "allowed-commands") return allowed.map((argv) => [...argv]);
  return allowed.filter((argv) => argv[0] === "git").map((argv) => [...argv]);
}

export {
  instructionsFor,
  toolsAllowedFor,
  commandsAllowedFor
};
