import { MaestroError } from '../../core/errors.js';
import { GITHUB_BODY_LIMIT } from '../../core/policy/outbound/truncate-body.js';
import { type RedactOptions, redactOutbound } from '../../core/policy/redact-outbound.js';
import { type MarkerState, renderStateMarker } from '../../core/state/state-marker.js';
import type { CommentKey } from '../../ports/issue-host-port.js';

/** Larger markers would crowd out the text people read; state that big belongs elsewhere. */
export const MAX_MARKER_LENGTH = 40_000;
/** Between the visible text and the marker: a blank line keeps the marker out of the last paragraph. */
const SEPARATOR = '\n\n';
/** Any real marker (the redactor escapes look-alikes in the visible text, so only ours remain). */
const MARKER_RE = /<!-- maestro:state v1 [A-Za-z0-9_-]+ -->/g;

/** The redaction settings of one adapter; `issueNumber` and `maxLength` are added per body. */
export type RedactSettings = Pick<RedactOptions, 'secrets' | 'allowedImageHosts'>;

/**
 * A body as posted: redacted visible text, a blank line, then the marker. The marker goes on
 * after redaction (which would escape it) and the redactor's limit leaves room for it, so the
 * whole body stays under GitHub's 65,536 characters however long the text is.
 */
export function composeBody(
  visible: string,
  state: MarkerState | undefined,
  settings: RedactSettings & { issueNumber: number },
): string {
  const marker = state ? renderStateMarker(state) : '';
  if (marker.length > MAX_MARKER_LENGTH) {
    throw new MaestroError(
      `The state marker for this ${state?.kind} comment is ${marker.length} characters, over the ${MAX_MARKER_LENGTH} ` +
        'allowed: keep large state out of the marker (store a hash or a reference instead).',
      { code: 'github.marker-too-large' },
    );
  }
  const reserved = marker ? marker.length + SEPARATOR.length : 0;
  const text = redactOutbound(visible, { ...settings, maxLength: GITHUB_BODY_LIMIT - 1 - reserved }).text;
  if (!marker) return text;
  return text.trim() ? `${text}${SEPARATOR}${marker}` : marker;
}

/** GitHub's limit for issue and PR titles. */
const TITLE_LIMIT = 256;

/** A title gets the same redaction as a body, on one line and within GitHub's 256 characters. */
export function composeTitle(title: string, settings: RedactSettings & { issueNumber: number }): string {
  const text = redactOutbound(title, settings).text.replace(/\s+/g, ' ').trim();
  return text.length <= TITLE_LIMIT ? text : `${text.slice(0, TITLE_LIMIT - 1)}…`;
}

/** What people see of one of Maestro's comments: the body without its marker. */
export function visibleOf(body: string): string {
  return body.replace(MARKER_RE, '').trim();
}

/** The marker state to store: the comment key moves into `data.key`, where lookups read it. */
export function markerFor(state: MarkerState & CommentKey): MarkerState {
  const { key, ...rest } = state;
  return key === undefined ? rest : { ...rest, data: { ...rest.data, key } };
}
