import type { Actor } from '../../ports/issue-host-port.js';

/** The part of a webhook's user object Maestro keeps. */
export interface PayloadUser {
  login: string;
  id: number;
  type?: string;
}

export function actorOf(user: PayloadUser): Actor {
  return { login: user.login, id: user.id, type: user.type ?? 'User' };
}

/**
 * Bots never command Maestro (security rule 1), and its own writes come back as webhooks: dropping
 * them here keeps the queue free of echoes. The engine checks Maestro's own id again.
 */
export function isBot(user: PayloadUser | null | undefined): boolean {
  return !user || user.type === 'Bot';
}
