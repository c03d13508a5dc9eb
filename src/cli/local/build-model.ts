import { resolve } from 'node:path';
import { openConfiguredModel } from '../../adapters/model/open-configured-model.js';
import { ScriptedModel } from '../../adapters/model/scripted-model.js';
import type { MaestroConfig } from '../../core/config/config-schema.js';
import { priceTable, UsageLedger } from '../../core/usage/usage-ledger.js';
import type { Clock } from '../../ports/clock-port.js';
import { systemClock } from '../../ports/clock-port.js';
import type { Logger } from '../../ports/logger-port.js';
import type { ModelPort } from '../../ports/model-port.js';
import { cliLogger } from '../cli-logger.js';
import type { CliIo } from '../io.js';

export interface LocalModel {
  model: ModelPort;
  ledger: UsageLedger;
  /** Shown in the banner and the session metadata. */
  label: string;
  replay: boolean;
}

/**
 * The configured provider, checked before any work starts so a missing key is reported first.
 * `replayFile` swaps in a recorded session — for tests and the labelled offline demo only; the
 * caller prints the replay banner.
 */
export async function buildLocalModel(
  config: MaestroConfig,
  deps: {
    env: Record<string, string | undefined>;
    cwd: string;
    clock: Clock;
    logger: Logger;
    replayFile?: string;
  },
): Promise<LocalModel> {
  const ledger = new UsageLedger(priceTable(config.model.prices));
  if (deps.replayFile) {
    const model = await ScriptedModel.fromFile(resolve(deps.cwd, deps.replayFile), { ledger });
    return { model, ledger, label: model.describe('planning'), replay: true };
  }
  return { ...openConfiguredModel(config, deps), replay: false };
}

/** The CLI's model: checked before any work, with the replay banner when a recording stands in for it. */
export async function openLocalModel(
  config: MaestroConfig,
  io: CliIo,
  replayFile: string | undefined,
): Promise<LocalModel> {
  const logger = cliLogger(io, config.logging.level);
  const local = await buildLocalModel(config, {
    env: io.env,
    cwd: io.cwd,
    clock: systemClock,
    logger,
    replayFile,
  });
  if (local.replay) {
    io.stdout(
      `[Maestro] ⚠ REPLAY: answers come from a recorded model session (${local.label}); no model is called.\n`,
    );
  }
  return local;
}
