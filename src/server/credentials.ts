import { readFile, stat } from 'node:fs/promises';

/** Produces the Authorization header for each upstream call. */
export type CredentialSource = {
  authorization: () => Promise<string>;
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
