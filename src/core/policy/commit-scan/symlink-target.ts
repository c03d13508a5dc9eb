/**
 * Whether a symlink stored at `linkPath` (repository-relative) with `target` stays inside the
 * repository, resolved lexically from the link's directory: an absolute target, a Windows drive or
 * UNC path, or one whose `..` segments climb above the root (even to come back down) leaves it.
 * A link to the root itself is refused too (it would expose `.git`). Targets through other
 * symlinks are not followed; each of those is checked where it is.
 */
export function symlinkStaysInside(linkPath: string, target: string): boolean {
  if (target === '' || target.includes('\0')) return false;
  const unified = target.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified)) return false;
  const stack = linkPath.split('/').filter((s) => s !== '' && s !== '.');
  stack.pop(); // the link's own name: targets are relative to its directory
  for (const segment of unified.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (stack.length === 0) return false;
      stack.pop();
    } else stack.push(segment);
  }
  return stack.length > 0 && stack[0]?.toLowerCase() !== '.git';
}
