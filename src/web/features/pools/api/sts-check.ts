import { queryOptions, useMutation } from '@tanstack/react-query';
import {
  STS_CHECK_API,
  type StsCheckInput,
  type StsCheckResult,
} from '#contract/sts-check.ts';
import { lifeguardApi } from '@/lib/api-client.ts';

export type { StsCheckInput, StsCheckResult };

// /healthz is a page, not part of Lifeguard's API document, and two fields
// do not justify loading zod into the tester's chunk: checked by hand, as
// the first screen's readers of the same answer are (decision 012).
function upstreamOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return null;
  }
  const upstream: unknown = Reflect.get(body, 'upstream');
  return typeof upstream === 'string' ? upstream : null;
}

/** What Lifeguard's server runs on (`emulator`, `confluent-cloud`, an origin), or null when it does not say. */
export async function getServerUpstream(
  signal?: AbortSignal,
): Promise<string | null> {
  const response = await fetch(new URL('/healthz', window.location.href), {
    headers: { accept: 'application/json' },
    signal,
  });
  if (!response.ok) return null;
  return upstreamOf(await response.json().catch(() => null));
}

export async function checkWithSts(
  input: StsCheckInput,
): Promise<StsCheckResult> {
  const { data } = await lifeguardApi().POST(STS_CHECK_API, { body: input });
  return data!;
}

export const serverQueries = {
  // A server's upstream is fixed for its lifetime.
  upstream: () =>
    queryOptions({
      queryKey: ['server', 'upstream'],
      queryFn: ({ signal }) => getServerUpstream(signal),
      staleTime: Infinity,
    }),
};

/** Asks the emulator's STS about one token; the caller shows every outcome. */
export function useStsCheck() {
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: checkWithSts,
  });
}
