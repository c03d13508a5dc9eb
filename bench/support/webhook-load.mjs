/**
 * The load side of the webhook benchmark, in its own process so the server under test shares its
 * CPU with nothing of the bench's: autocannon at N connections against one URL for D seconds,
 * cycling through pre-signed deliveries (a file of JSON lines, `{event, body, signature}`) with a
 * fresh X-GitHub-Delivery per request. Prints autocannon's result as one JSON line.
 *
 *   node bench/support/webhook-load.mjs <url> <deliveries.jsonl> <connections> <seconds>
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const [url, file, connections, seconds] = process.argv.slice(2);
const deliveries = readFileSync(file, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
let next = 0;
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  method: 'POST',
  requests: [
    {
      setupRequest: (request) => {
        const d = deliveries[next++ % deliveries.length];
        return {
          ...request,
          body: d.body,
          headers: {
            'content-type': 'application/json',
            'x-github-event': d.event,
            'x-github-delivery': randomUUID(),
            'x-hub-signature-256': d.signature,
          },
        };
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    sent: next,
  })}\n`,
);
