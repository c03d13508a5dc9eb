import { describe, expect, it } from 'vitest';
import { detectStack } from '../../../src/discovery/detect-stack.js';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({
    packageManager: 'pnpm@9.0.0',
    dependencies: { react: '1', next: '1', probot: '1' },
    devDependencies: { vitest: '1' },
  }),
  'pnpm-lock.yaml': '',
  'services/api/pyproject.toml':
    '[project]\ndependencies = ["fastapi>=0.1", "SQLAlchemy"]\n[tool.pytest.ini_options]\n',
  'go.mod': 'module example.com/app\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.0\n)\n',
  'Cargo.toml': '[package]\nname = "x"\n[dependencies]\ntokio = "1"\n',
  '.github/workflows/ci.yml': '',
  'src/index.tsx': 'x'.repeat(300),
  'services/api/main.py': 'x'.repeat(100),
};
const files = Object.keys(FILES).map((path) => ({
  path,
  blob: 'b',
  size: FILES[path]!.length,
  mode: '100644',
}));

describe('detectStack', () => {
  it('finds languages, package managers, frameworks, test runners, CI and dependencies', async () => {
    const stack = await detectStack(files, files, async (p) => FILES[p]);
    expect(stack.languages[0]).toMatchObject({ name: 'TypeScript', bytes: 300 });
    expect(stack.packageManagers).toEqual(expect.arrayContaining(['pnpm', 'go modules', 'cargo']));
    expect(stack.frameworks).toEqual(
      expect.arrayContaining(['react', 'next', 'probot', 'fastapi', 'sqlalchemy', 'gin', 'tokio']),
    );
    expect(stack.testRunners).toEqual(expect.arrayContaining(['vitest', 'pytest', 'go test', 'cargo test']));
    expect(stack.ci).toEqual(['.github/workflows/ci.yml']);
    expect(stack.dependencies).toEqual(
      expect.arrayContaining(['react', 'fastapi', 'github.com/gin-gonic/gin', 'tokio']),
    );
    expect(stack.goModule).toBe('example.com/app');
  });
});
