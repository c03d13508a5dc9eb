import type { StepHandler } from './step-context.js';

export const prepareReleaseStep: StepHandler = async () => ({ kind: 'failed', detail: 'WIP' });
