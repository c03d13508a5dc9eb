import {
  ABSENT_MODE,
  type AddedLine,
  type CandidateFile,
  type CommitCandidate,
  SYMLINK_MODE,
} from '../../core/policy/commit-scan/commit-candidate.js';
import type { GitRaw } from './git-client.js';

/** Options every candidate diff shares: exact bytes, no program from config or attributes. */
const DIFF_OPTIONS = [
  '-M',
  '--no-ext-diff',
  '--no-textconv',
  '--no-color',
  '--no-relative',
  '--ignore-submodules=none',
];

/**
 * What a commit of `toTree` on top of `fromTree` with `message` would record. `git` should be a
 * `quietGit`: simple-git takes 50 ms longer for each `diff` (bench:checkpoint).
 */
export function candidateBetween(
  git: GitRaw,
  fromTree: string,
  toTree: string,
  message: string,
): Promise<CommitCandidate> {
  return readCandidate(git, ['diff', ...DIFF_OPTIONS], [fromTree, toTree, '--'], message);
}

/** What an existing commit records against its first parent (everything, for a root commit). */
export async function candidateOfCommit(git: GitRaw, commit: string): Promise<CommitCandidate> {
  const message = await git.raw(['log', '-1', '--format=%B', '--end-of-options', commit, '--']);
  return readCandidate(
    git,
    ['diff-tree', '-r', '--root', '--no-commit-id', '--diff-merges=first-parent', ...DIFF_OPTIONS],
    [commit, '--'],
    message,
  );
}

async function readCandidate(
  git: GitRaw,
  command: string[],
  range: string[],
  message: string,
): Promise<CommitCandidate> {
  // One process for both listings (a checkpoint's cost is mostly its processes): the raw records
  // (exact modes, blobs and paths), then the patch. `--text` so a secret inside a "binary" file is
  // still seen; `-U0`: added lines only.
  const { raw, patch } = splitRawAndPatch(
    await git.raw([
      '-c',
      'core.quotePath=false',
      ...command,
      '--raw',
      '-z',
      '--no-abbrev',
      '-p',
      '-U0',
      '--text',
      ...range,
    ]),
  );
  const added = addedLines(patch);
  const files = parseRaw(raw).map((file) => ({ ...file, addedLines: added.get(file.path) ?? [] }));
  for (const file of files) {
    if (file.newMode === SYMLINK_MODE && file.newBlob)
      file.symlinkTarget = await git.raw(['cat-file', 'blob', file.newBlob]);
  }
  return { message, files: files.map(({ newBlob: _blob, ...file }) => file) };
}

type RawFile = Omit<CandidateFile, 'addedLines'> & { newBlob?: string };

const RAW_HEADER = /^:\d{6} \d{6} [0-9a-f]+ [0-9a-f]+ ([A-Z])\d*$/;

/**
 * `--raw -z -p` output: NUL-separated raw records (a header, then one path, or two for a rename
 * or copy), a NUL, then the patch. The records are consumed field by field, so nothing in the
 * patch (a changed file's lines can hold anything, NULs included) is ever read as a record.
 */
export function splitRawAndPatch(output: string): { raw: string; patch: string } {
  const fields: string[] = [];
  let pos = 0;
  const field = () => {
    const end = output.indexOf('\0', pos);
    const value = output.slice(pos, end < 0 ? output.length : end);
    pos = end < 0 ? output.length : end + 1;
    return value;
  };
  while (output.startsWith(':', pos)) {
    const start = pos;
    const header = field();
    const letter = RAW_HEADER.exec(header)?.[1];
    if (letter === undefined) {
      pos = start;
      break;
    }
    fields.push(header, field());
    if (letter === 'R' || letter === 'C') fields.push(field());
  }
  if (output[pos] === '\0') pos += 1; // the separator before the patch
  const patch = output.slice(pos);
  // Fail closed: a record this parser did not recognise would otherwise go unscanned.
  if (patch !== '' && !patch.startsWith('diff --git ')) {
    throw new Error(
      "git's diff output was not in the expected form; nothing is committed. Report this with your git version.",
    );
  }
  return { raw: fields.join('\0'), patch };
}

const STATUS: Record<string, CandidateFile['status']> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
};

/** `:<old mode> <new mode> <old sha> <new sha> <status>\0<path>\0[<new path>\0]` records. */
export function parseRaw(raw: string): RawFile[] {
  const fields = raw.split('\0');
  const files: RawFile[] = [];
  for (let i = 0; i < fields.length; i++) {
    const header = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/.exec(fields[i]?.trim() ?? '');
    if (!header) continue;
    const [, oldMode = ABSENT_MODE, newMode = ABSENT_MODE, , newSha = '', letter = 'M'] = header;
    const status = STATUS[letter] ?? 'modified';
    const first = fields[++i] ?? '';
    const second = status === 'renamed' || status === 'copied' ? (fields[++i] ?? '') : undefined;
    files.push({
      path: second ?? first,
      ...(second !== undefined ? { oldPath: first } : {}),
      status,
      oldMode,
      newMode,
      ...(/^0+$/.test(newSha) ? {} : { newBlob: newSha }),
    });
  }
  return files;
}

/**
 * The added lines of a `-U0 --text` patch, by new path, with their line numbers. A hunk's
 * header gives how many old and new lines follow, so a content line that looks like a header
 * (`+++ x`, `diff --git`) is never mistaken for one.
 */
export function addedLines(patch: string): Map<string, AddedLine[]> {
  const out = new Map<string, AddedLine[]>();
  let path: string | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let line = 0;
  for (const text of patch.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      if (text.startsWith('+')) {
        if (path !== undefined) out.get(path)?.push({ line, text: text.slice(1) });
        line += 1;
        newLeft -= 1;
      } else if (text.startsWith('-')) oldLeft -= 1;
      else if (!text.startsWith('\\')) {
        oldLeft -= 1;
        newLeft -= 1;
        line += 1;
      }
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(text);
    if (hunk) {
      oldLeft = Number(hunk[1] ?? 1);
      line = Number(hunk[2]);
      newLeft = Number(hunk[3] ?? 1);
      continue;
    }
    if (text.startsWith('diff --git ')) path = undefined;
    else if (text.startsWith('+++ ')) {
      // git ends the name with a TAB when it contains a space (for `patch`).
      const name = text.slice(4).replace(/\t$/, '');
      path = name === '/dev/null' ? undefined : stripPrefix(name.startsWith('"') ? unquote(name) : name);
      if (path !== undefined && !out.has(path)) out.set(path, []);
    }
  }
  return out;
}

function stripPrefix(name: string): string {
  return name.startsWith('b/') ? name.slice(2) : name;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git's C-style quoting of unusual path names: `"a\tb\303\251"` → the raw bytes, as UTF-8. */
function unquote(quoted: string): string {
  const body = quoted.slice(1, quoted.endsWith('"') ? -1 : undefined);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
