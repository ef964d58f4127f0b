import { readFile, stat } from 'node:fs/promises';
import { decodeJwt } from 'jose';
import { CredentialError } from '../credentials.ts';
import type { ExternalToken } from './external-token.ts';

/**
 * What identifies one version of the file: inode, size and modification
 * time, so a token swapped in by rename (Kubernetes projected volumes) is
 * noticed as surely as one rewritten in place.
 */
export async function fileSignature(file: string): Promise<string> {
  try {
    const info = await stat(file);
    return `${info.ino}:${info.size}:${info.mtimeMs}`;
  } catch (error) {
    throw unreadable(file, error);
  }
}

function unreadable(file: string, error: unknown) {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new CredentialError(
    `Lifeguard cannot read its identity provider token file (${file}: ${code}).`,
  );
}

/**
 * The subject token in `file`, with the lifetime left by its `exp` (read
 * without verifying: the STS verifies it; Lifeguard only needs to know
 * when it runs out). The messages name the file, never the token.
 */
export async function readTokenFile(
  file: string,
  nowMs: number,
): Promise<ExternalToken> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw unreadable(file, error);
  }
  const token = text.trim();
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new CredentialError(
      `Lifeguard's identity provider token file (${file}) is empty or holds more than one token.`,
    );
  }
  let exp: unknown;
  try {
    exp = decodeJwt(token).exp;
  } catch {
    throw new CredentialError(
      `Lifeguard's identity provider token file (${file}) does not hold a JWT, the only kind of token Confluent's STS exchanges.`,
    );
  }
  if (typeof exp !== 'number') return { token };
  const lifetimeSeconds = exp - nowMs / 1000;
  if (lifetimeSeconds <= 0) {
    throw new CredentialError(
      `The token in Lifeguard's identity provider token file (${file}) expired at ${new Date(exp * 1000).toISOString()}; whatever writes that file has stopped renewing it.`,
    );
  }
  return { token, lifetimeSeconds };
}
