import type { LinkReference } from './changelog-sections.js';
import type { LinkLine } from './release-proposal.js';

const COMPARE_HEAD = /^(.*\/compare\/)(.+?)\.\.\.HEAD$/;

export interface ReleaseLinks {
  unreleased: LinkLine;
  release: LinkLine;
  /** The Unreleased definition as it is now, which the new one replaces. */
  previous: string;
  /** The tag the release will have, inferred from the previous tag's prefix (`v1.2.0` → `v1.3.0`). */
  tag: string;
}

/**
 * Keep a Changelog's compare links for a new release: `[Unreleased]` moves to compare the new tag
 * with HEAD, and `[1.3.0]` compares the previous tag with the new one. Undefined when the
 * changelog has no `[Unreleased]: …/compare/<tag>...HEAD` definition to follow.
 */
export function releaseLinks(links: readonly LinkReference[], next: string): ReleaseLinks | undefined {
  const unreleased = links.find((link) => link.label.trim().toLowerCase() === 'unreleased');
  const match = unreleased ? COMPARE_HEAD.exec(unreleased.url) : null;
  if (!unreleased || !match) return undefined;
  const base = match[1]!;
  const previousTag = match[2]!;
  const tag = `${tagPrefix(previousTag)}${next}`;
  const unreleasedUrl = `${base}${tag}...HEAD`;
  const releaseUrl = `${base}${previousTag}...${tag}`;
  return {
    unreleased: {
      label: unreleased.label,
      url: unreleasedUrl,
      line: `[${unreleased.label}]: ${unreleasedUrl}`,
    },
    release: { label: next, url: releaseUrl, line: `[${next}]: ${releaseUrl}` },
    previous: `[${unreleased.label}]: ${unreleased.url}`,
    tag,
  };
}

/** `v1.2.0` → `v`, `pkg@1.2.0` → `pkg@`, `1.2.0` → ``. */
export function tagPrefix(tag: string): string {
  return tag.replace(/\d+\.\d+\.\d+.*$/, '');
}
