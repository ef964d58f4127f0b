import { tokenNotices } from '#filter/token.ts';
import { formatRelative } from '@/components/ui/relative-time.tsx';

function isoOf(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/**
 * Why Confluent's token exchange would refuse a token before any filter runs
 * (another issuer, expired, not valid yet), as clauses: "it expired 3 hours
 * ago". Empty when nothing the console can see stops it.
 */
export function rejectionReasons(
  claims: Record<string, unknown>,
  providerIssuer: string | undefined,
  now: number = Date.now(),
): string[] {
  return tokenNotices(claims, providerIssuer, now).map((notice) => {
    if (notice.kind === 'issuer') {
      return `it was issued by ${String(claims.iss)}, not by this provider (${providerIssuer})`;
    }
    if (notice.kind === 'expired') {
      return `it expired ${formatRelative(isoOf(Number(claims.exp)), now)}`;
    }
    return `it only becomes valid ${formatRelative(isoOf(Number(claims.nbf)), now)}`;
  });
}

/** "Confluent would reject this token: it expired 3 hours ago." */
export function rejectionHeadline(reasons: readonly string[]): string {
  const clauses =
    reasons.length > 1
      ? `${reasons.slice(0, -1).join(', ')} and ${reasons.at(-1)}`
      : reasons[0];
  return `Confluent would reject this token: ${clauses}.`;
}
