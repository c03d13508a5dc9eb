/**
 * Well-known credential formats, redacted wherever they appear. Each pattern is anchored on a
 * fixed prefix so ordinary prose does not match; lengths follow the issuers' published formats
 * with some slack.
 */
export const SECRET_PATTERNS: readonly RegExp[] = [
  // GitHub: personal (ghp_), OAuth (gho_), user-to-server (ghu_), installation (ghs_), refresh (ghr_).
  /\bgh[pousr]_[A-Za-z0-9]{30,255}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g,
  // Legacy installation tokens.
  /\bv1\.[0-9a-f]{40}\b/g,
  // Anthropic (sk-ant-…), OpenAI project and user keys (sk-proj-…, sk-…).
  /(?<![A-Za-z0-9_-])sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/g,
  // AWS access key ids (long-term AKIA, temporary ASIA, and the other documented prefixes).
  /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA)[A-Z0-9]{16}(?![A-Z0-9])/g,
  // JSON Web Tokens: base64url header `{"…` and payload, optional signature.
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  // PEM private keys; an unterminated block is redacted to the end.
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*$)/g,
  // Slack, Google API and npm tokens.
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bAIza[A-Za-z0-9_-]{35}/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
];

/**
 * An AWS secret access key is 40 base64 characters with no prefix of its own, so it is only
 * recognisable next to its name (`aws_secret_access_key = …`, `AWS_SECRET_ACCESS_KEY: "…"`).
 * Group 1 keeps the name and separator; the value is replaced.
 */
export const AWS_SECRET_ASSIGNMENT =
  /((?:aws_?)?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi;
