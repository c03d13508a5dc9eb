import type { UsageTotals } from '../usage/usage-ledger.js';
import { formatTokens, formatUsd } from './markdown.js';
import { codeLine, section } from './report-text.js';

/** Phases in the order they run; any other key the ledger reports follows, alphabetically. */
const PHASE_ORDER = ['planning', 'task-generation', 'implementation', 'validation', 'handoff'];

/** Tokens by phase, USD, and how much input the provider served from its cache. */
export function renderCost(usage: {
  readonly byPhase: Readonly<Partial<Record<string, UsageTotals>>>;
  readonly total: UsageTotals;
}): string {
  const phases = Object.keys(usage.byPhase).sort((a, b) => orderOf(a) - orderOf(b) || a.localeCompare(b));
  const rows = phases.flatMap((phase) => {
    const totals = usage.byPhase[phase];
    return totals ? [row(codeLine(phase, 40), totals)] : [];
  });
  const table = [
    '| Phase | Calls | Input tokens | Output tokens | Cache hits | Cache writes | USD |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    row('**Total**', usage.total),
  ].join('\n');
  const unpriced = usage.total.unpricedModels.slice(0, 10);
  const warning = unpriced.length
    ? `⚠️ **Unpriced models** (their calls count as $0, so the real cost is higher): ${unpriced.map((m) => codeLine(m, 80)).join(', ')}. Add them under \`model.prices\` in \`.github/maestro.yml\`.`
    : '';
  return section('Cost', table, warning);
}

function orderOf(phase: string): number {
  const index = PHASE_ORDER.indexOf(phase);
  return index === -1 ? PHASE_ORDER.length : index;
}

function row(label: string, t: UsageTotals): string {
  const hitRate = t.inputTokens > 0 ? ` (${Math.round((100 * t.cachedInputTokens) / t.inputTokens)}%)` : '';
  const usd = t.unpricedModels.length ? `${formatUsd(t.costUsd)} ⚠️ unpriced` : formatUsd(t.costUsd);
  return `| ${label} | ${t.calls} | ${formatTokens(t.inputTokens)} | ${formatTokens(t.outputTokens)} | ${formatTokens(t.cachedInputTokens)}${hitRate} | ${formatTokens(t.cacheWriteTokens)} | ${usd} |`;
}
