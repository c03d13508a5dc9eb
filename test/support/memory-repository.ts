import { createHash } from 'node:crypto';
import type { RepoFile, RepositoryReader } from '../../src/ports/repository-port.js';

/** A `RepositoryReader` over an in-memory file map, for tests of code that only reads a repository. */
export function memoryRepository(files: Record<string, string>, root = '/repo'): RepositoryReader {
  const blob = (content: string) =>
    createHash('sha1')
      .update(`blob ${Buffer.byteLength(content)}\0${content}`)
      .digest('hex');
  return {
    root,
    async listFiles(): Promise<RepoFile[]> {
      return Object.entries(files).map(([path, content]) => ({
        path,
        blob: blob(content),
        size: Buffer.byteLength(content),
        mode: '100644',
      }));
    },
    async readFile(path: string): Promise<Buffer> {
      const content = files[path];
      if (content === undefined) throw new Error(`ENOENT: ${path} is not in the in-memory repository`);
      return Buffer.from(content);
    },
    async headCommit(): Promise<string | undefined> {
      return undefined;
    },
  };
}
