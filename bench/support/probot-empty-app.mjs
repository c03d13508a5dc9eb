/**
 * The webhook benchmark's baseline: Probot's own `run()` (the server `probot run` starts) with an
 * app that handles every event and does nothing. Reads APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT.
 */
import { run } from 'probot';

await run((app) => {
  app.onAny(async () => {});
});
process.stdout.write(`READY ${process.env.PORT}\n`);
// A clean exit on SIGTERM, so `node --cpu-prof` (bench:webhook --cpu-prof) writes this server's profile too.
process.once('SIGTERM', () => process.exit(0));
