/**
 * `npm start`: the GitHub App's process. Reads `.env` (when present), validates the environment
 * before anything else, and either explains exactly what to set (exit 1) or starts Probot's
 * server with Maestro's app function. SIGINT/SIGTERM stop accepting webhooks, let queued work
 * finish (bounded), then exit.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appEnvironment } from './app-environment.js';
import { startAppServer } from './start-server.js';
import { startupHelp } from './startup-help.js';

const envFile = join(process.cwd(), '.env');
// Variables already set win over the file, as with dotenv (Node's loader does not override either).
if (existsSync(envFile)) process.loadEnvFile(envFile);

const result = appEnvironment(process.env);
if (result.kind === 'problems') {
  process.stderr.write(startupHelp(result.problems));
  process.exitCode = 1;
} else {
  const running = await startAppServer(result.env, { warnings: result.warnings });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.logger.info(`${signal}: stopping Maestro (finishing queued work)…`);
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
