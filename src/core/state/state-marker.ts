import { z } from 'zod';

/**
 * Machine state hidden in Maestro's own comments: `<!-- maestro:state v1 <base64url JSON> -->`.
 * Base64url keeps the payload free of `-->` and markdown. A marker is only trusted when the
 * comment's author is Maestro's bot account (checked by the caller, by id) — anyone can paste a
 * look-alike marker into their own comment.
 */
const MARKER_RE = /<!-- maestro:state v1 ([A-Za-z0-9_-]+) -->/;

export const markerStateSchema = z.object({
  /** Which comment this is. */
  kind: z.enum(['plan', 'tracking', 'notice']),
  issue: z.number().int().optional(),
  revision: z.number().int().optional(),
  hash: z.string().optional(),
  status: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type MarkerState = z.infer<typeof markerStateSchema>;

export function renderStateMarker(state: MarkerState): string {
  return `<!-- maestro:state v1 ${Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')} -->`;
}

export type ParsedMarker =
  | { kind: 'found'; state: MarkerState }
  | { kind: 'absent' }
  | { kind: 'corrupt'; reason: string };

export function parseStateMarker(body: string): ParsedMarker {
  const match = MARKER_RE.exec(body);
  if (!match?.[1]) return { kind: 'absent' };
  try {
    const json: unknown = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'));
    const parsed = markerStateSchema.safeParse(json);
    return parsed.success
      ? { kind: 'found', state: parsed.data }
      : { kind: 'corrupt', reason: parsed.error.message };
  } catch (error) {
    return { kind: 'corrupt', reason: error instanceof Error ? error.message : String(error) };
  }
}
