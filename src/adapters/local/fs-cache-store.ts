import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CacheStore } from '../../ports/cache-port.js';

/** `MAESTRO_CACHE_DIR` when set, else `~/.cache/maestro/discovery`. */
export function defaultCacheDir(env: Record<string, string | undefined>): string {
  const fromEnv = env.MAESTRO_CACHE_DIR?.trim();
  return fromEnv ? fromEnv : join(homedir(), '.cache', 'maestro', 'discovery');
}

/** One file per key under `dir`; writes go to a temp file renamed into place. */
export function fsCacheStore(dir: string): CacheStore {
  const fileFor = (key: string) => join(dir, `${key.replace(/[^A-Za-z0-9._-]/g, '_')}.bin`);
  return {
    async load(key) {
      try {
        return await readFile(fileFor(key));
      } catch {
        return undefined;
      }
    },
    async save(key, data) {
      await mkdir(dir, { recursive: true });
      const target = fileFor(key);
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, data);
      await rename(temp, target);
    },
  };
}
