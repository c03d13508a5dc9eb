import fc from 'fast-check';
import nock from 'nock';
import { afterEach } from 'vitest';

// No test reaches the real network: every HTTP peer is a nock scope or a local server.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});

// Property tests replay one fixed seed, so `npm test` passes every time, on every machine, not
// most times. Exploring is a separate job: `npm run test:soak` runs them under many random seeds,
// and a counterexample it finds becomes a named regression case beside the property.
// FC_SEED=n replays a seed that soak printed.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261207) });
