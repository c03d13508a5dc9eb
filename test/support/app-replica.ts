/**
 * One App replica for the several-replica tests, run as its own process
 * (`node --import tsx test/support/app-replica.ts`): the real `npm start` path — environment
 * checks, Probot's server, the webhook middleware, the queue chosen by REDIS_URL, Probot's
 * installation auth — with GitHub at `GHE_HOST` (fake-github-server.ts) and the real engine
 * (`handleIssueEvent`). Only what lies beyond GitHub is local: discovery reads the demo sample's
 * repository at MAESTRO_TEST_SAMPLE (instead of a clone) and the model is the demo's recorded
 * session. Prints `READY <port>` once listening; SIGTERM stops it gracefully.
 */

import { GitRepositoryReader } from '../../src/adapters/git/git-repository-reader.js';
import { OctokitIssueHost } from '../../src/adapters/github/octokit-issue-host.js';
import { ScriptedModel } from '../../src/adapters/model/scripted-model.js';
import { appEnvironment } from '../../src/app/app-environment.js';
import { startAppServer } from '../../src/app/start-server.js';
import { defaultConfig } from '../../src/core/config/config-schema.js';
import { priceTable, UsageLedger } from '../../src/core/usage/usage-ledger.js';
import { memoryCacheStore } from '../../src/ports/cache-port.js';
import { systemClock } from '../../src/ports/clock-port.js';
import { appBot } from './fake-github.js';
import { demoSession } from './github-journey.js';

const result = appEnvironment(process.env);
if (result.kind !== 'ok') throw new Error(result.problems.join('\n'));
const sample = process.env.MAESTRO_TEST_SAMPLE;
if (!sample) throw new Error('MAESTRO_TEST_SAMPLE (the sample repository to plan on) is not set');

const running = await startAppServer(result.env, {
  app: {
    redis: {
      prefix: process.env.MAESTRO_TEST_REDIS_PREFIX,
      leaseMs: Number(process.env.MAESTRO_TEST_LEASE_MS ?? 30_000),
      pollMs: 50,
    },
    depsFor: (target) => {
      const ledger = new UsageLedger(priceTable(defaultConfig().model.prices));
      return {
        host: new OctokitIssueHost({
          client: target.client,
          repo: target.repo,
          self: appBot,
          secrets: result.env.secrets,
          logger: target.logger,
          settleMs: 0,
        }),
        clock: systemClock,
        logger: target.logger,
        role: 'app',
        openModel: async () => ({
          model: ScriptedModel.fromValue(demoSession(), 'demo session', { ledger }),
          ledger,
          label: 'replay',
        }),
        checkout: async () => GitRepositoryReader.open(sample),
        cache: memoryCacheStore(),
      };
    },
  },
});
process.stdout.write(`READY ${running.port}\n`);
process.once('SIGTERM', () => {
  void running.stop().then(() => process.exit(0));
});
