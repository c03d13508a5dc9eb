import { z } from 'zod';

/** A technical decision with its reasoning (the seed's decisions.json entry). */
export const decisionSchema = z.object({
  /** What kind of decision: the seed's three plus anything the planner adds. */
  kind: z.enum(['tech-stack', 'architecture', 'task-ordering', 'other']),
  /** What was being decided, e.g. "Test framework" or "OAuth library". */
  topic: z.string().min(1),
  /** The option chosen. */
  choice: z.string().min(1),
  /** Why, in one or two sentences a reviewer can check. */
  rationale: z.string().min(1),
  /** 0..1; below `decision_engine.confidence_threshold` the plan asks a question instead of assuming. */
  confidence: z.number().min(0).max(1),
  /** Options considered and not chosen. */
  alternatives: z.array(z.string()).default([]),
  /** Where the decision came from: detected in the repository, proposed by the model, or a default. */
  source: z.enum(['repository', 'model', 'default']).default('model'),
});
export type Decision = z.infer<typeof decisionSchema>;

/** Words for a confidence value, as shown in comments and reports. */
export function confidenceLabel(confidence: number): 'high' | 'medium' | 'low' {
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.6) return 'medium';
  return 'low';
}
