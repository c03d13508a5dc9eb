import { gitClient } from './git-client.js';

/** The demo's fixed identity: a sample project's one commit, not Maestro's work. */
const DEMO_AUTHOR = { name: 'Maestro Demo', email: 'demo@maestro.invalid' };

/** `git init` + one commit of everything in `dir`, with a fixed identity (the demo's sample project). */
export async function initRepository(dir: string, message: string): Promise<string> {
  const git = gitClient(dir, DEMO_AUTHOR);
  await git.raw(['init', '-q', '-b', 'main']);
  await git.raw(['add', '-A']);
  await git.raw(['commit', '-q', '-m', message]);
  return (await git.revparse(['HEAD'])).trim();
}
