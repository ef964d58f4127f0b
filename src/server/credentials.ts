import { readFile, stat } from 'node:fs/promises';

/** Produces the Authorization header for each upstream call. */
export type CredentialSource = {
  authorization: () => Promise<string>;
  /** What /readyz shows of a credential that renews itself; no token in it. */
  state?: () => CredentialState;
  /**
   * The upstream answered 401 to this header: a credential that can
   * renew itself does so before the next call.
   */
  rejected?: (authorization: string) => void;
};

/** A keyless credential as /readyz reports it (times in ISO 8601). */
export type CredentialState = {
  kind: 'keyless';
  identityPool: string;
  externalToken: 'client-credentials' | 'file';
  stsTokenExpiresAt: string | null;
  lastRenewedAt: string | null;
  /** Why the latest renewal failed, while it is the latest. */
  lastError?: string;
};

export class CredentialError extends Error {}

export function basicCredentials(
  key: string,
  secret: string,
): CredentialSource {
  const header = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  return { authorization: async () => header };
}

export function bearerCredentials(token: string): CredentialSource {
  const header = `Bearer ${token}`;
  return { authorization: async () => header };
}

/**
 * A Bearer token kept in a file that another process rotates (a sidecar,
 * a mounted Kubernetes secret). The file is stat'ed on every call and re-read
 * when its inode, size or modification time changes, so a rotated token is
 * used from the next request on, including when the file is swapped by rename.
 */
export function tokenFileCredentials(file: string): CredentialSource {
  let cached: { signature: string; header: string } | undefined;
  return {
    authorization: async () => {
      let signature: string;
      try {
        const info = await stat(file);
        signature = `${info.ino}:${info.size}:${info.mtimeMs}`;
      } catch {
        throw new CredentialError(
          `Lifeguard cannot read its access token file (${file}).`,
        );
      }
      if (cached?.signature !== signature) {
        const token = (await readFile(file, 'utf8')).trim();
        if (!/^[\x21-\x7e]+$/.test(token)) {
          throw new CredentialError(
            `Lifeguard's access token file (${file}) is empty or holds more than one token.`,
          );
        }
        cached = { signature, header: `Bearer ${token}` };
      }
      return cached.header;
    },
  };
}
