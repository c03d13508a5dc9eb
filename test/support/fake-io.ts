import type { CliIo } from '../../src/cli/io.js';

/** A CLI surface that records output and answers prompts from a list (undefined = end of input). */
export function fakeIo(options: {
  cwd: string;
  env?: Record<string, string | undefined>;
  answers?: string[];
}) {
  const out: string[] = [];
  const err: string[] = [];
  const prompts: string[] = [];
  const answers = [...(options.answers ?? [])];
  const io: CliIo = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    env: options.env ?? {},
    cwd: options.cwd,
    isTTY: false,
    readLine: async (prompt) => {
      prompts.push(prompt);
      return answers.shift();
    },
  };
  return {
    io,
    prompts,
    get stdout() {
      return out.join('');
    },
    get stderr() {
      return err.join('');
    },
  };
}
