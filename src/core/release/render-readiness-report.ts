import { code, oneLine } from '../report/markdown.js';
import type { NothingToRelease, ReleaseCheck, ReleaseProposal, VersionBump } from './release-proposal.js';

export interface GateOutcome {
  name: string;
  passed: boolean;
}

const CONVENTION_TITLES: Record<ReleaseProposal['convention'], string> = {
  changesets: 'Changesets',
  'release-please': 'release-please',
  'keep-a-changelog': 'Keep a Changelog',
  'npm-version': 'npm version (package.json only)',
};

/**
 * The release pull request's body: the convention, the versions, the file checks and the gates
 * with ✅/❌, and what Maestro leaves to people (publishing, tagging, deploying). Names from the
 * repository are in code spans, so a scoped package (`@org/pkg`) never mentions a team.
 */
export function renderReadinessReport(
  proposal: ReleaseProposal | NothingToRelease,
  checks: readonly ReleaseCheck[],
  gates: readonly GateOutcome[],
): string {
  if (proposal.kind === 'nothing-to-release') {
    return [
      '## Release readiness',
      '',
      `Nothing to release: ${oneLine(proposal.why)}`,
      '',
      ...renderGates(gates),
    ].join('\n');
  }
  const failed = checks.filter((check) => !check.ok).length + gates.filter((gate) => !gate.passed).length;
  const lines = [
    '## Release readiness',
    '',
    failed === 0
      ? '**Ready:** every check and gate passed.'
      : `**Not ready:** ${failed} of ${checks.length + gates.length} checks and gates failed.`,
    '',
    `- Convention: ${CONVENTION_TITLES[proposal.convention]}, found in ${proposal.detectedBy.map(code).join(' and ')}`,
    ...proposal.bumps.map((bump) => `- Version: ${renderBump(bump)}`),
    '',
    '### Release files',
    '',
    ...(checks.length > 0
      ? checks.map((check) => `- ${mark(check.ok)} ${oneLine(check.name)}: ${oneLine(check.detail)}`)
      : ['No checks ran.']),
    '',
    ...renderGates(gates),
  ];
  if (proposal.notes.length > 0)
    lines.push('', '### Notes', '', ...proposal.notes.map((note) => `- ${oneLine(note)}`));
  lines.push(
    '',
    `**Not done by Maestro:** publishing, tagging, deploying — after merge, ${proposal.publishStep}.`,
  );
  return lines.join('\n');
}

function renderBump(bump: VersionBump): string {
  const why = bump.level === 'requested' ? 'as requested' : bump.level;
  return `${code(bump.name)} ${bump.from} → **${bump.to}** (${why})`;
}

function renderGates(gates: readonly GateOutcome[]): string[] {
  const body =
    gates.length > 0
      ? gates.map((gate) => `- ${mark(gate.passed)} ${code(gate.name)}`)
      : ['No gates ran on the default branch.'];
  return ['### Gates on the default branch', '', ...body];
}

function mark(ok: boolean): string {
  return ok ? '✅' : '❌';
}
