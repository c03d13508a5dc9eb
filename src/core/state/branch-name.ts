/**
 * The run branch: `maestro/issue-<n>-<slug>` on GitHub, `maestro/<slug>-<suffix>` locally. The slug
 * comes from the issue title, so it is reduced to `[a-z0-9-]` — no shell, ref or option syntax can
 * survive (`$(…)`, `..`, `--upload-pack=…`, `@{`, spaces) — and capped in length.
 */
export function slugify(title: string, max = 40): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'change';
}

export function runBranchName(title: string, options: { issueNumber?: number; suffix?: string }): string {
  if (options.issueNumber !== undefined) return `maestro/issue-${options.issueNumber}-${slugify(title)}`;
  const suffix = (options.suffix ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  return `maestro/${slugify(title)}${suffix ? `-${suffix}` : ''}`;
}
