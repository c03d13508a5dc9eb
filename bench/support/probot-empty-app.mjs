/**
 * The webhook benchmark's baseline: Probot's own `run()` (the server `probot run` starts) with an
 * app that handles every event and does nothing. Reads APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT.
 */
import { run } from 'probot';

await run((app) => {
  app.onAny(async () => {});
});
process.stdout.write(`READY ${process.env.PORT}\n`);
