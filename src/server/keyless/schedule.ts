// Terraform's buffers (terraform-provider-confluent, oauth.go): a token
// counts as valid until its lifetime minus the buffer has passed, so a
// renewal never races the expiry (docs: the STS reference, §4.4).
export const STS_BUFFER_SECONDS = 60;
export const EXTERNAL_BUFFER_SECONDS = 180;

/**
 * Seconds after issue at which a token of `lifetimeSeconds` is renewed:
 * the lifetime less the buffer, or half the lifetime when it is not longer
 * than the buffer (a 60 s STS token after 30 s, not at once).
 */
export function renewAfterSeconds(
  lifetimeSeconds: number,
  bufferSeconds: number,
): number {
  return lifetimeSeconds > bufferSeconds
    ? lifetimeSeconds - bufferSeconds
    : lifetimeSeconds / 2;
}

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;

/**
 * How long to wait after the `failures`-th failed renewal in a row: 1 s,
 * doubling, at most 30 s, so an identity provider or STS that is down is
 * not hammered, and one that comes back is used within half a minute.
 */
export function retryDelayMs(failures: number): number {
  return Math.min(
    LAST_RETRY_MS,
    FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1),
  );
}
