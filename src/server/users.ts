import { ROLES, type Role } from '#contract/auth.ts';
import { isPasswordHash } from './passwords.ts';

export type LocalUser = { username: string; role: Role; hash: string };

const USERNAME = /^[A-Za-z0-9._@+-]{1,100}$/;

/**
 * Local users as AUTH_USERS (comma- or line-separated) or AUTH_USERS_FILE
 * (one per line, # comments) hold them: `username:role:scrypt$…`.
 */
export function parseUsers(
  text: string,
): { ok: true; users: Map<string, LocalUser> } | { ok: false; error: string } {
  const users = new Map<string, LocalUser>();
  const entries = text
    .split(/[\n,]/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line.length > 0);
  for (const [index, entry] of entries.entries()) {
    const [username = '', role = '', hash = '', ...rest] = entry.split(':');
    const where = `entry ${index + 1} (${USERNAME.test(username) ? username : 'unnamed'})`;
    if (rest.length > 0 || !hash) {
      return {
        ok: false,
        error: `${where} must be username:role:hash, the hash from \`npm run user:hash\``,
      };
    }
    if (!USERNAME.test(username)) {
      return {
        ok: false,
        error: `${where}: a username is 1 to 100 letters, digits or . _ @ + -`,
      };
    }
    if (!(ROLES as readonly string[]).includes(role)) {
      return {
        ok: false,
        error: `${where}: the role must be ${ROLES.join(' or ')}, not "${role}"`,
      };
    }
    if (!isPasswordHash(hash)) {
      return {
        ok: false,
        error: `${where}: the hash is not one \`npm run user:hash\` prints (scrypt$N$r$p$salt$hash)`,
      };
    }
    if (users.has(username)) {
      return { ok: false, error: `${where}: ${username} is listed twice` };
    }
    users.set(username, { username, role: role as Role, hash });
  }
  if (users.size === 0) {
    return { ok: false, error: 'lists no users' };
  }
  return { ok: true, users };
}
