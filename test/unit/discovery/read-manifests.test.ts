import { describe, expect, it } from 'vitest';
import { cargoDeps, pyprojectDeps, readPyproject } from '../../../src/discovery/read-manifests.js';

describe('pyproject.toml, read as TOML', () => {
  const pyproject = `
[project]
name = "service"
keywords = ["django", "web", "fastapi"]
classifiers = ["Framework :: Flask", "Programming Language :: Python :: 3"]
dependencies = [
  "requests[socks]>=2.31",
  "SQLAlchemy_Utils ; python_version >= '3.9'",
  "pydantic>=2,<3",
]

[project.optional-dependencies]
cli = ["click>=8"]

[dependency-groups]
test = ["pytest>=8", { include-group = "lint" }]
lint = ["ruff"]

[tool.poetry.dependencies]
python = "^3.11"
celery = "^5"

[tool.poetry.group.dev.dependencies]
mypy = "*"

[tool.uv]
dev-dependencies = ["httpx"]
`;

  it('reads every dependency list, past an extra like requests[socks]', () => {
    expect(pyprojectDeps(pyproject).sort()).toEqual(
      [
        'celery',
        'click',
        'httpx',
        'mypy',
        'pydantic',
        'pytest',
        'requests',
        'ruff',
        'sqlalchemy-utils',
      ].sort(),
    );
  });

  it('does not read keywords, classifiers or the project name as dependencies', () => {
    const deps = pyprojectDeps(pyproject);
    for (const notADependency of ['django', 'web', 'fastapi', 'service', 'python']) {
      expect(deps).not.toContain(notADependency);
    }
    expect(deps.some((d) => d.includes('framework'))).toBe(false);
  });

  it('names the [tool.*] tables present, and reads nothing from invalid TOML', () => {
    expect(readPyproject(pyproject).tools.sort()).toEqual(['poetry', 'uv']);
    expect(readPyproject('[project\ndependencies = ["x"')).toEqual({ deps: [], tools: [] });
  });
});

describe('Cargo.toml, read as TOML', () => {
  it('reads the dependency tables, target-specific and workspace ones, and renamed crates', () => {
    const cargo = `
[package]
name = "svc"
keywords = ["tokio", "cli"]

[dependencies]
serde = { version = "1", features = ["derive"] }
web = { package = "actix-web", version = "4" }

[dev-dependencies]
insta = "1"

[target.'cfg(unix)'.dependencies]
nix = "0.29"

[workspace.dependencies]
clap = "4"
`;
    expect(cargoDeps(cargo).sort()).toEqual(['actix-web', 'clap', 'insta', 'nix', 'serde']);
  });
});
