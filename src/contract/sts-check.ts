/**
 * Asks the embedded emulator's STS whether it would exchange a token for a
 * pool (Lifeguard's own API, answered only while the server runs on its
 * emulator; with Confluent as the upstream the path does not exist).
 */
export const STS_CHECK_API = '/api/lifeguard/sts-check';

/** The longest subject token the check sends on, in characters. */
export const STS_CHECK_TOKEN_MAX_LENGTH = 16 * 1024;

/**
 * The lifetime asked for the STS token, in seconds: short, since the check
 * throws the token away at once.
 */
export const STS_CHECK_EXPIRES_IN = 60;

/** An identity pool id as Confluent and the emulator write it: `pool-` and base62. */
export const POOL_ID_PATTERN = /^pool-[A-Za-z0-9]{1,64}$/;

/** `POST /api/lifeguard/sts-check` takes this JSON body. */
export type StsCheckInput = {
  /** The pool to exchange into, e.g. `pool-AzXR`. */
  identity_pool_id: string;
  /** The JWT exactly as the identity provider issued it. */
  subject_token: string;
};

/** The statuses of a refused exchange: 400 by Confluent's spec, 401 and 403 as an STS may also say it. */
export const STS_REFUSAL_STATUSES = [400, 401, 403] as const;

/**
 * What the STS decided (200): the issued token itself is never part of it,
 * only how long it would have been valid; a refusal carries the STS's own
 * words (the details of its `Failure` body) and its status.
 */
export type StsCheckResult =
  | { exchanged: true; expiresIn: number }
  | {
      exchanged: false;
      status: (typeof STS_REFUSAL_STATUSES)[number];
      reason: string;
    };
