import { simpleGit } from 'simple-git';

/** `git init` + one commit of everything in `dir`, with a fixed identity (the demo's sample project). */
export async function initRepository(dir: string, message: string): Promise<string> {
  const git = simpleGit({ baseDir: dir });
  await git.raw(['init', '-q', '-b', 'main']);
  await git.raw(['add', '-A']);
  await git.raw([
    '-c',
    'user.name=Maestro Demo',
    '-c',
    'user.email=demo@maestro.invalid',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-q',
    '-m',
    message,
  ]);
  return (await git.revparse(['HEAD'])).trim();
}
