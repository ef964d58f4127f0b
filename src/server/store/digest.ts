import { createHash } from 'node:crypto';

/**
 * What the store keeps of a secret or personal key (a session token, a
 * name typed at sign-in): its SHA-256, so reading the database reveals
 * neither.
 */
export function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
