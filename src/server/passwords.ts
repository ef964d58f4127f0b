import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// OWASP's scrypt floor is N=2^17 with r=8, p=1; 2^15 keeps a login under
// ~100 ms on a small machine while each guess still costs 32 MiB.
const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const FORMAT =
  /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/;

function derive(
  password: string,
  salt: Buffer,
  cost: number,
  blockSize: number,
  parallelism: number,
  length: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      length,
      {
        N: cost,
        r: blockSize,
        p: parallelism,
        maxmem: 256 * cost * blockSize,
      },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, both base64url: what AUTH_USERS holds. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(
    password,
    salt,
    COST,
    BLOCK_SIZE,
    PARALLELISM,
    KEY_LENGTH,
  );
  return [
    'scrypt',
    COST,
    BLOCK_SIZE,
    PARALLELISM,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

export function isPasswordHash(text: string): boolean {
  const match = FORMAT.exec(text);
  if (!match) return false;
  const cost = Number(match[1]);
  // A power of two, and bounded so a config value cannot exhaust memory.
  return cost >= 2 ** 10 && cost <= 2 ** 20 && (cost & (cost - 1)) === 0;
}

// Unknown users are checked against this, so a failure takes as long
// whether or not the name exists.
let decoy: Promise<string> | undefined;

/** Whether `password` matches `hash`, in time independent of where they differ. */
export async function verifyPassword(
  password: string,
  hash: string | undefined,
): Promise<boolean> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  const encoded = hash && isPasswordHash(hash) ? hash : await decoy;
  const [, cost, blockSize, parallelism, salt, expected] =
    FORMAT.exec(encoded)!;
  const want = Buffer.from(expected!, 'base64url');
  const got = await derive(
    password,
    Buffer.from(salt!, 'base64url'),
    Number(cost),
    Number(blockSize),
    Number(parallelism),
    want.length,
  );
  return timingSafeEqual(got, want) && encoded === hash;
}
