import { analyseStep } from './analyse-step.js';
import { handoffStep, planStep } from './bookkeeping-steps.js';
import { gatesAfterStep, requireGreenBaseline, validateStep, verifyStep } from './gate-steps.js';
import { prepareReleaseStep } from './release-step.js';
import { inspectStep, reviewReportStep } from './review-steps.js';
import type { StepHandlers } from './step-runner.js';
import { generateTasksStep, implementStep, writeTestsStep } from './task-steps.js';

/** One handler per step id (chains.ts names the steps; nothing else looks at the chain's name). */
export const stepHandlers: StepHandlers = {
  plan: planStep,
  'generate-tasks': generateTasksStep,
  implement: implementStep,
  validate: validateStep,
  handoff: handoffStep,
  analyse: analyseStep,
  inspect: inspectStep,
  verify: verifyStep,
  'write-tests': writeTestsStep,
  'gates-before': requireGreenBaseline,
  'gates-after': gatesAfterStep,
  report: reviewReportStep,
  'verify-default-branch': requireGreenBaseline,
  'prepare-release': prepareReleaseStep,
};
