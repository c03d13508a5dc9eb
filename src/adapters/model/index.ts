export { AiSdkModel, type AiSdkModelOptions, type SdkLanguageModel, toTokenUsage } from './ai-sdk-model.js';
export {
  createModel,
  type ModelDeps,
  type ModelSettings,
  type ProviderId,
  type ResolvedProvider,
  resolveProvider,
} from './create-model.js';
export { RecordingModel } from './recording-model.js';
export {
  classifyFailure,
  type FailureVerdict,
  formatDuration,
  type ProviderContext,
  type RequestedWait,
  type RetryOptions,
  redactSecrets,
  serverRequestedWait,
  withRetries,
} from './retry-policy.js';
export {
  type RecordedEntry,
  type RecordedSession,
  recordedEntrySchema,
  recordedSessionSchema,
  ScriptedModel,
} from './scripted-model.js';
