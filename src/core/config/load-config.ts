import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError, type ConfigIssue, errorMessage } from '../errors.js';
import { configSchema, defaultConfig, type MaestroConfig } from './config-schema.js';
import { didYouMean } from './did-you-mean.js';

type Segment = string | number;
type Located = { path: Segment[]; message: string };
type YamlDocument = ReturnType<typeof parseDocument>;

/**
 * Parses the text of `.github/maestro.yml` (or any config source) into the complete config.
 * 1. YAML syntax errors → one issue at the parser's line.
 * 2. An empty document (or only comments) → the defaults; a document that is not a mapping → an issue.
 * 3. Schema problems → one issue per problem, each with its dotted key path, what is allowed and
 *    the line it is on (looked up in the YAML syntax tree), sorted by line.
 * Throws `ConfigError` naming `source` and the number of problems.
 */
export function parseConfigText(text: string, source: string): MaestroConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw configError(source, [{ path: '', message: `invalid YAML: ${syntaxError.message}`, line }]);
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return defaultConfig();
  if (!isMap(contents)) {
    const line = lineAt(doc, lineCounter, []);
    const got = isSeq(contents) ? 'a list' : 'a single value';
    const message = `must be a mapping of sections (trigger:, orchestrator:, validation:, …), got ${got}`;
    throw configError(source, [{ path: '', message, line }]);
  }

  let data: unknown;
  try {
    data = withoutEmptySections(doc.toJS({ maxAliasCount: 100 }));
  } catch (error) {
    throw configError(source, [{ path: '', message: `could not be read: ${errorMessage(error)}` }]);
  }
  const result = configSchema.safeParse(data);
  if (result.success) return result.data;

  const issues = result.error.issues
    .flatMap((issue) => describeIssue(issue, [], data))
    .map(({ path, message }) => ({ path: path.join('.'), message, line: lineAt(doc, lineCounter, path) }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  throw configError(source, issues);
}

/**
 * One line per problem, `  <source>:<line>  <key.path>: <message>`, ready for a terminal or a
 * comment. `source` defaults to the one named in the error's message.
 */
export function formatConfigIssues(error: ConfigError, source: string = sourceOf(error)): string {
  return formatIssueLines(error.issues, source);
}

function formatIssueLines(issues: readonly ConfigIssue[], source: string): string {
  return issues
    .map((issue) => {
      const where = issue.line === undefined ? source : `${source}:${issue.line}`;
      const what = issue.path ? `${issue.path}: ${issue.message}` : issue.message;
      return `  ${where}  ${what}`;
    })
    .join('\n');
}

function configError(source: string, issues: ConfigIssue[]): ConfigError {
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  return new ConfigError(`${source}: ${count}\n${formatIssueLines(issues, source)}`, issues);
}

function sourceOf(error: ConfigError): string {
  return /^(.*): \d+ problems?$/m.exec(error.message)?.[1] ?? 'config';
}

// `trigger:` with every key commented out parses as null; it means "the defaults", like an absent section.
function withoutEmptySections(data: unknown): unknown {
  if (!isRecord(data)) return data;
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null));
}

/** Turns one zod issue into one or more located, user-worded problems. */
function describeIssue(issue: z.core.$ZodIssue, prefix: Segment[], data: unknown): Located[] {
  const path = [...prefix, ...issue.path.map(toSegment)];
  const received = valueAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(path);
      return issue.keys.map((key) => ({ path: [...path, key], message: unknownKeyMessage(key, known) }));
    }
    case 'invalid_union':
      return describeUnion(issue, path, data, received);
    case 'invalid_type':
      return [{ path, message: typeMessage(issue.expected, received) }];
    case 'too_big':
    case 'too_small':
      return [{ path, message: rangeMessage(issue, received) }];
    case 'invalid_value': {
      const allowed = issue.values.map((value) => `\`${String(value)}\``).join(', ');
      return [{ path, message: `must be one of ${allowed} (got ${describeValue(received)})` }];
    }
    case 'invalid_format':
      return [
        {
          path,
          message:
            issue.format === 'url'
              ? `must be an http(s) URL (got ${describeValue(received)})`
              : issue.message,
        },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}

/** A branch whose problems are deeper than a wrong type "matched"; report its problems, else list the types. */
function describeUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  path: Segment[],
  data: unknown,
  received: unknown,
): Located[] {
  const matched = issue.errors.find((branch) =>
    branch.every((inner) => inner.code !== 'invalid_type' || inner.path.length > 0),
  );
  if (matched && matched.length > 0) return matched.flatMap((inner) => describeIssue(inner, path, data));
  const expected = issue.errors.flatMap((branch) =>
    branch.flatMap((inner) => (inner.code === 'invalid_type' ? [typeName(inner.expected)] : [])),
  );
  if (expected.length === 0) return [{ path, message: issue.message }];
  return [
    { path, message: `must be ${[...new Set(expected)].join(' or ')} (got ${describeValue(received)})` },
  ];
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  const suggestion = didYouMean(key, known);
  if (suggestion) return `unknown key \`${key}\`: did you mean \`${suggestion}\`?`;
  return known.length > 0
    ? `unknown key \`${key}\`; allowed here: ${known.join(', ')}`
    : `unknown key \`${key}\``;
}

function typeMessage(expected: string, received: unknown): string {
  if (received === undefined) return `is required (${typeName(expected)})`;
  return `must be ${typeName(expected)} (got ${describeValue(received)})`;
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping (key: value)',
    record: 'a mapping (key: value)',
  };
  return names[expected] ?? expected;
}

function rangeMessage(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, received: unknown): string {
  const big = issue.code === 'too_big';
  const limit = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'array' || issue.origin === 'string' || issue.origin === 'set') {
    if (!big && limit === 1) return 'must not be empty';
    const unit = issue.origin === 'string' ? 'character' : 'item';
    return `must have ${big ? 'at most' : 'at least'} ${limit} ${unit}${limit === 1 ? '' : 's'}`;
  }
  const bound = big ? (inclusive ? 'at most' : 'less than') : inclusive ? 'at least' : 'greater than';
  return `must be ${bound} ${limit} (got ${describeValue(received)})`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** The keys the schema knows at a path (an object's fields, or an enum-keyed record's keys). */
function knownKeysAt(path: readonly Segment[]): string[] {
  let schema: z.ZodType | undefined = configSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[String(segment)];
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else return [];
  }
  schema = unwrap(schema);
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodRecord && schema.keyType instanceof z.ZodEnum)
    return schema.keyType.options.map(String);
  return [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (;;) {
    if (
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}

/** The 1-based line of the deepest part of `path` present in the document (a key's own line where there is one). */
function lineAt(doc: YamlDocument, lineCounter: LineCounter, path: readonly Segment[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = startOf(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === String(segment));
      if (!pair) break;
      offset = startOf(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = startOf(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function startOf(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as { range?: readonly number[] | null }).range;
  return range?.[0];
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function valueAt(data: unknown, path: readonly Segment[]): unknown {
  let current = data;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current)) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

function toSegment(key: PropertyKey): Segment {
  return typeof key === 'number' ? key : String(key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
