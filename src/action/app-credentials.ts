import { createPrivateKey } from 'node:crypto';
import { ValidationError } from '../core/errors.js';

/**
 * A GitHub App's own credentials, given to the Action so it mints installation tokens itself and
 * mints a new one before the old expires (GitHub's installation tokens last one hour; a run of
 * several hours outlives any token handed in through `github-token`).
 */
export interface AppCredentials {
  /** The App's numeric id, or its client id (`Iv1.…`, `Iv23…`); both sign the App's JWT. */
  appId: string;
  /** The App's private key, PEM (`-----BEGIN RSA PRIVATE KEY-----` …). */
  privateKey: string;
}

const SOURCE = 'action inputs';
const HOW_KEY =
  'paste the whole .pem file GitHub generated for the App (App settings → Private keys), BEGIN and END lines included, into a secret and pass that secret';

/**
 * `app-id` and `app-private-key`: both or neither. Undefined when neither is given; otherwise
 * checked here, before any request, so a wrong secret fails with what to fix rather than as a
 * 401 from GitHub later.
 */
export function readAppCredentials(appId: string, privateKey: string): AppCredentials | undefined {
  if (appId === '' && privateKey === '') return undefined;
  if (appId === '' || privateKey === '') {
    const missing = appId === '' ? 'app-id' : 'app-private-key';
    throw new ValidationError(
      SOURCE,
      `app-id and app-private-key go together (the App's id and its private key); ${missing} is empty. Pass both, or neither to use github-token.`,
    );
  }
  if (!/^(?:[1-9][0-9]{0,15}|Iv[0-9A-Za-z.]{4,64})$/.test(appId)) {
    throw new ValidationError(
      SOURCE,
      `app-id must be the App's numeric id or its client id (App settings → About), got "${appId.slice(0, 40)}"`,
    );
  }
  return { appId, privateKey: parsePrivateKey(privateKey) };
}

/**
 * The key as PEM. Secrets stored through some UIs or `.env` files carry `\n` as two characters:
 * those are turned back into newlines (as Probot does for `PRIVATE_KEY`). The key must parse as a
 * private key: a public key, a certificate or a truncated paste is refused here.
 */
function parsePrivateKey(text: string): string {
  const pem = text.includes('\n') ? text : text.replace(/\\n/g, '\n');
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new ValidationError(SOURCE, `app-private-key is not a PEM private key: ${HOW_KEY}.`);
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') {
      throw new ValidationError(
        SOURCE,
        `app-private-key is a ${key.asymmetricKeyType ?? 'non-RSA'} key; GitHub Apps sign with RSA keys: ${HOW_KEY}.`,
      );
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError(SOURCE, `app-private-key does not parse as a private key (${HOW_KEY}).`, {
      cause: error,
    });
  }
  return pem.trim();
}
