import { readFileSync } from 'node:fs';
import { z } from 'zod';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything the App process reads from its environment, parsed once at start. */
export interface AppEnvironment {
  appId: number;
  /** PEM text, from PRIVATE_KEY (raw, `\n`-escaped or base64) or the file at PRIVATE_KEY_PATH. */
  privateKey: string;
  webhookSecret: string;
  port: number;
  host: string | undefined;
  logLevel: LogLevel;
  webhookPath: string | undefined;
  /** A smee.io channel for local development (Probot's WEBHOOK_PROXY_URL). */
  webhookProxyUrl: string | undefined;
  /** REST API root: `https://api.github.com`, or `GHE_PROTOCOL://GHE_HOST/api/v3`. */
  apiBaseUrl: string;
  /** Where repositories are cloned from: `https://github.com`, or `GHE_PROTOCOL://GHE_HOST`. */
  gitBaseUrl: string;
  /** Jobs run at once across issues (each issue's jobs always run one after another). */
  concurrency: number;
  /** Minutes between reconciliation sweeps; 0 turns the sweep off. */
  reconcileMinutes: number;
  /** REDIS_URL: the queue, dedupe and Probot's throttling shared by replicas (unset: one process). */
  redisUrl: string | undefined;
  /** Values no comment, log or error may echo: model keys, the webhook secret, the private key. */
  secrets: string[];
}

export type AppEnvironmentResult =
  | { kind: 'ok'; env: AppEnvironment; warnings: string[] }
  /** One line per variable, `NAME: what is wrong and what to set`. */
  | { kind: 'problems'; problems: string[] };

type Env = Readonly<Record<string, string | undefined>>;

const text = z.string().trim().min(1).optional();
const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional()
    .transform((value) => value ?? fallback);

/** The variables, as zod parses them; required ones are checked separately so each gets its own help. */
const envSchema = z.object({
  APP_ID: z
    .string()
    .trim()
    .regex(/^\d+$/, "must be the App's numeric ID (App settings → General)")
    .optional(),
  PRIVATE_KEY: text,
  PRIVATE_KEY_PATH: text,
  WEBHOOK_SECRET: text,
  PORT: integer(0, 65_535, 3000),
  HOST: text,
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  WEBHOOK_PATH: z.string().trim().startsWith('/', 'must be a path starting with /').optional(),
  WEBHOOK_PROXY_URL: z.url({ message: 'must be a URL such as https://smee.io/abc' }).optional(),
  GHE_HOST: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'must be a host name such as github.example.com (no https://, no path)')
    .optional(),
  GHE_PROTOCOL: z.enum(['https', 'http'], { message: 'must be https or http' }).default('https'),
  MAESTRO_CONCURRENCY: integer(1, 64, 4),
  MAESTRO_RECONCILE_MINUTES: integer(0, 24 * 60, 15),
  REDIS_URL: z
    .url({
      protocol: /^rediss?$/,
      message: 'must be a Redis URL such as redis://:password@redis.internal:6379/0 (or rediss:// for TLS)',
    })
    .optional(),
});

const REQUIRED: Array<{ name: string; help: string }> = [
  { name: 'APP_ID', help: "the App's numeric ID, shown on its settings page (General → About)" },
  {
    name: 'PRIVATE_KEY',
    help: 'the App\'s private key (PEM text, base64 or with "\\n" escapes), or PRIVATE_KEY_PATH=path/to/key.pem',
  },
  {
    name: 'WEBHOOK_SECRET',
    help: 'the webhook secret set in the App settings (every delivery is verified with it)',
  },
];

/**
 * Validates the App's environment without side effects beyond reading PRIVATE_KEY_PATH
 * (`readFile` is injectable for tests). Empty strings count as unset: `.env` files often carry
 * `APP_ID=` lines copied from the example.
 */
export function appEnvironment(
  env: Env,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): AppEnvironmentResult {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, value]) => value?.trim()));
  const parsed = envSchema.safeParse(blankless);
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
  const values = parsed.success ? parsed.data : undefined;

  const missing = REQUIRED.filter(({ name }) => !blankless[name]);
  const keyMissing = missing.some((m) => m.name === 'PRIVATE_KEY') && !blankless.PRIVATE_KEY_PATH;
  for (const { name, help } of missing) {
    if (name === 'PRIVATE_KEY' && !keyMissing) continue;
    problems.push(`${name}: not set — ${help}`);
  }

  const key = keyMissing ? undefined : privateKeyFrom(blankless, readFile);
  if (key?.kind === 'problem') problems.push(key.problem);
  if (problems.length > 0 || !values || key?.kind !== 'ok') return { kind: 'problems', problems };

  const ghe = values.GHE_HOST ? `${values.GHE_PROTOCOL}://${values.GHE_HOST}` : undefined;
  const modelKeys = Object.entries(blankless)
    .filter(([name]) => name.endsWith('_API_KEY'))
    .map(([, value]) => value!.trim());
  const warnings =
    modelKeys.length === 0
      ? [
          'No model key (ANTHROPIC_API_KEY or OPENAI_API_KEY) is set: repositories must plan in the Action ' +
            '(`planning.runs_in: action` in .github/maestro.yml) or planning fails with a comment saying so.',
        ]
      : [];
  return {
    kind: 'ok',
    warnings,
    env: {
      appId: Number(values.APP_ID),
      privateKey: key.pem,
      webhookSecret: values.WEBHOOK_SECRET!,
      port: values.PORT,
      host: values.HOST,
      logLevel: values.LOG_LEVEL,
      webhookPath: values.WEBHOOK_PATH,
      webhookProxyUrl: values.WEBHOOK_PROXY_URL,
      apiBaseUrl: ghe ? `${ghe}/api/v3` : 'https://api.github.com',
      gitBaseUrl: ghe ?? 'https://github.com',
      concurrency: values.MAESTRO_CONCURRENCY,
      reconcileMinutes: values.MAESTRO_RECONCILE_MINUTES,
      redisUrl: values.REDIS_URL,
      secrets: [...modelKeys, values.WEBHOOK_SECRET!, key.pem, ...redisPassword(values.REDIS_URL)],
    },
  };
}

const PEM = /-----BEGIN ([A-Z ]+ )?PRIVATE KEY-----[\s\S]+-----END ([A-Z ]+ )?PRIVATE KEY-----/;

/** PRIVATE_KEY wins over PRIVATE_KEY_PATH, as in Probot. */
function privateKeyFrom(
  env: Env,
  readFile: (path: string) => string,
): { kind: 'ok'; pem: string } | { kind: 'problem'; problem: string } {
  if (env.PRIVATE_KEY) {
    const raw = env.PRIVATE_KEY.trim().replaceAll('\\n', '\n');
    const pem = PEM.test(raw) ? raw : Buffer.from(raw, 'base64').toString('utf8').trim();
    if (PEM.test(pem)) return { kind: 'ok', pem };
    return {
      kind: 'problem',
      problem:
        'PRIVATE_KEY: is not a PEM private key ("-----BEGIN RSA PRIVATE KEY-----…"), raw, with "\\n" escapes or base64',
    };
  }
  const path = env.PRIVATE_KEY_PATH!.trim();
  let pem: string;
  try {
    pem = readFile(path).trim();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { kind: 'problem', problem: `PRIVATE_KEY_PATH: cannot read ${path} (${reason})` };
  }
  if (PEM.test(pem)) return { kind: 'ok', pem };
  return {
    kind: 'problem',
    problem: `PRIVATE_KEY_PATH: ${path} is not a PEM private key (download one from the App settings)`,
  };
}

/** A password in REDIS_URL is a secret like the others: never echoed in a comment or a log. */
function redisPassword(url: string | undefined): string[] {
  const password = url ? decodeURIComponent(new URL(url).password) : '';
  return password ? [password] : [];
}
