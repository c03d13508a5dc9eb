/**
 * What a link or image destination really points to, after the decoding a renderer applies:
 * surrounding `<>`, character references (`&#106;avascript:`), and whitespace or control characters
 * that URL parsers drop (`java\tscript:`). Only used to classify, never to rewrite.
 */
export function normalizeDestination(raw: string): string {
  return (
    raw
      .trim()
      .replace(/^<|>$/g, '')
      .replace(/&#[xX]([0-9a-fA-F]{1,6});?|&#([0-9]{1,7});?/g, (_m, hex?: string, dec?: string) =>
        safeCodePoint(hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? '', 10)),
      )
      .replace(/&colon;/gi, ':')
      .replace(/&tab;|&newline;/gi, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u0020\u007F-\u009F]/g, '')
  );
}

/** Schemes that run code or smuggle content instead of navigating. */
export function isDangerousDestination(raw: string): boolean {
  return /^(?:javascript|vbscript|data|file):/i.test(normalizeDestination(raw));
}

/** The lower-cased host an absolute https URL points to; undefined when it is not one. */
export function httpsHost(raw: string): string | undefined {
  const destination = normalizeDestination(raw);
  // Relative URLs resolve against github.com, where GitHub itself serves them.
  if (!/^[a-z][a-z0-9+.-]*:|^\/\//i.test(destination)) return 'github.com';
  try {
    const url = new URL(destination);
    return url.protocol === 'https:' && url.username === '' && url.password === '' ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

function safeCodePoint(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}
