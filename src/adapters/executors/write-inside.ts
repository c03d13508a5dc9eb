import { constants } from 'node:fs';
import { lstat, open, readlink, unlink } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';

/**
 * Writes a file the workspace guard allowed, and checks again on the open file itself: between
 * the guard's check and the write, a process could swap a parent directory for a symlink (the
 * reported race). `O_NOFOLLOW` covers the last component; for the rest, the descriptor's real path
 * (`/proc/self/fd/N`) must still be inside `root` before a byte is written — otherwise nothing is
 * written, a file this call created out there is removed, and the write counts as an escape.
 */
export async function writeInside(
  root: string,
  path: string,
  content: string,
): Promise<'written' | 'escaped'> {
  const existed = await lstat(path).then(
    () => true,
    () => false,
  );
  const flags = constants.O_WRONLY | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);
  const handle = await open(path, flags, 0o644);
  try {
    const real = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
    if (real !== undefined && !inside(root, real)) {
      if (!existed) await unlink(real).catch(() => undefined);
      return 'escaped';
    }
    await handle.truncate(0);
    await handle.writeFile(content, 'utf8');
    return 'written';
  } finally {
    await handle.close();
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
