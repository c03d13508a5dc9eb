import nock from 'nock';
import { afterEach } from 'vitest';

// No test reaches the real network: every HTTP peer is a nock scope or a local server.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});
