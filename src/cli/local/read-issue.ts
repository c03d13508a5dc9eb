import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ValidationError } from '../../core/errors.js';
import type { IssueSnapshot } from '../../core/plan/plan-revision.js';

/**
 * An issue from markdown (used by `run` and `context`): the first `# ` heading (or the first
 * non-empty line) is the title, the rest is the body. `labels:` on a line of its own in a leading front-matter block
 * is honoured so local runs can exercise label-based chain selection.
 */
export function parseIssueMarkdown(text: string): IssueSnapshot {
  let rest = text.replace(/^\uFEFF/, '');
  const labels: string[] = [];
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(rest);
  if (front) {
    const line = /^labels:\s*(.*)$/m.exec(front[1] ?? '');
    if (line?.[1])
      labels.push(
        ...line[1]
          .replace(/^\[|\]$/g, '')
          .split(',')
          .map((l) => l.trim().replace(/^["']|["']$/g, ''))
          .filter(Boolean),
      );
    rest = rest.slice(front[0].length);
  }
  // First `# ` heading (else the first non-empty line) is the title; everything else is the body.
  const lines = rest.replace(/\r\n/g, '\n').split('\n');
  let index = lines.findIndex((l) => /^#\s+\S/.test(l));
  if (index === -1) index = lines.findIndex((l) => l.trim() !== '');
  if (index === -1) return { title: '', body: '', labels, comments: [] };
  const title = (lines[index] ?? '').replace(/^#+\s*/, '').trim();
  const body = [...lines.slice(0, index), ...lines.slice(index + 1)].join('\n').trim();
  return { title, body, labels, comments: [] };
}

export async function readIssueFile(path: string, cwd: string): Promise<IssueSnapshot> {
  const full = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    throw new ValidationError(
      path,
      `cannot read the issue file (${(error as NodeJS.ErrnoException).code ?? 'error'}); pass a markdown file with the issue's title and body`,
      { cause: error },
    );
  }
  return parseIssueMarkdown(text);
}

/** A one-line request from the command line: the first line is the title, the rest the body. */
export function issueFromRequest(request: string): IssueSnapshot {
  return parseIssueMarkdown(request);
}
