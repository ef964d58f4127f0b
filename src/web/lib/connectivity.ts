import { useSyncExternalStore } from 'react';
import { abortableSleep } from './abortable-sleep.ts';

/**
 * What cannot be reached: Lifeguard's own server (no answer at all), or the
 * Confluent API behind it (the server answered 502, 503 or 504).
 */
export type Unreachable = 'server' | 'upstream';

/** Where a failed call went: Confluent's API through the server, or Lifeguard's own. */
export type CallTarget = 'upstream' | 'lifeguard';

/** An outage noticed by a failed call, until a probe says it is over. */
export type Outage = {
  problem: Unreachable;
  /** When the first failure of this outage arrived (ms since the epoch). */
  since: number;
  /** Why the last probe failed, in words, if one has. */
  reason: string | undefined;
  /** When the next probe runs (ms since the epoch), once one is scheduled. */
  nextProbeAt: number | undefined;
  /** The backoff step the first probe starts from (see {@link probeDelay}). */
  firstProbeStep: number;
};

/** First probe delay; it doubles per failed probe up to {@link PROBE_CAP_MS}. */
export const PROBE_BASE_MS = 1_000;
export const PROBE_CAP_MS = 10_000;

/**
 * An outage starting this soon after the last recovery continues that one's
 * backoff: a route that keeps failing while /readyz is fine must not turn the
 * recovery refetch into a retry loop every second.
 */
export const RELAPSE_WINDOW_MS = 30_000;

/**
 * Which outage, if any, a failed call reveals. No answer (status 0) means the
 * server is out of reach. 502 (the server could not connect upstream, or
 * Confluent's own gateway failed), 503 and 504 mean the upstream is, when the
 * call went upstream; from Lifeguard's own API they mean a proxy in front of
 * the server, or the server itself, is failing.
 */
export function classifyFailure(
  status: number,
  target: CallTarget,
): Unreachable | undefined {
  if (status === 0) return 'server';
  if (status === 502 || status === 503 || status === 504) {
    return target === 'upstream' ? 'upstream' : 'server';
  }
  return undefined;
}

/** Milliseconds before probe number `step` (0-based): 1 s, 2 s, 4 s … up to 10 s. */
export function probeDelay(step: number): number {
  return Math.min(PROBE_BASE_MS * 2 ** step, PROBE_CAP_MS);
}

let outage: Outage | undefined;
let lastRecoveredAt = Number.NEGATIVE_INFINITY;
let relapses = 0;
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

/**
 * Notes a failed call (status 0 when no answer arrived); starts an outage if
 * the failure is one of connectivity. A later failure of a different kind
 * during the outage changes what the banner blames, not when it began.
 */
export function reportFailure(
  status: number,
  target: CallTarget,
  now: number = Date.now(),
): void {
  const problem = classifyFailure(status, target);
  if (!problem) return;
  if (outage) {
    if (outage.problem !== problem) {
      outage = { ...outage, problem, reason: undefined };
      notify();
    }
    return;
  }
  relapses = now - lastRecoveredAt < RELAPSE_WINDOW_MS ? relapses + 1 : 0;
  outage = {
    problem,
    since: now,
    reason: undefined,
    nextProbeAt: undefined,
    firstProbeStep: relapses,
  };
  notify();
}

/** The current outage, if any. */
export function getOutage(): Outage | undefined {
  return outage;
}

/** Ends the outage (a probe succeeded). */
export function markRecovered(now: number = Date.now()): void {
  if (!outage) return;
  outage = undefined;
  lastRecoveredAt = now;
  notify();
}

/** Forgets every outage (tests start from a healthy state). */
export function resetConnectivity(): void {
  outage = undefined;
  lastRecoveredAt = Number.NEGATIVE_INFINITY;
  relapses = 0;
  notify();
}

function updateOutage(changes: Partial<Outage>) {
  if (!outage) return;
  outage = { ...outage, ...changes };
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current outage, re-rendering when it starts, changes or ends. */
export function useOutage(): Outage | undefined {
  return useSyncExternalStore(subscribe, getOutage, () => undefined);
}

/** The outcome of one probe: ok, or what is still out of reach and why. */
export type ProbeResult =
  { ok: true } | { ok: false; problem: Unreachable; reason: string };

// /readyz's reason is a clause ("the upstream answered 503").
function sentence(clause: string): string {
  return `${clause.charAt(0).toUpperCase()}${clause.slice(1)}.`;
}

// A field of a JSON body, when it is an object; zod stays off the first
// screen (docs/decisions/012-declarative-router-and-first-screen-budget.md).
function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (Reflect.get(body, name) as unknown)
    : undefined;
}

/**
 * Asks the server whether the thing out of reach is back: /healthz for the
 * server itself, /readyz (which calls the upstream) for Confluent. The body
 * is checked too, so an HTML fallback page answering 200 does not count.
 */
export async function probe(
  problem: Unreachable,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const path = problem === 'server' ? '/healthz' : '/readyz';
  let response: Response;
  try {
    response = await fetch(new URL(path, window.location.href), {
      headers: { accept: 'application/json' },
      cache: 'no-store',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return {
      ok: false,
      problem: 'server',
      reason: 'Lifeguard’s server did not answer.',
    };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (problem === 'server') {
    return response.ok && field(body, 'status') === 'ok'
      ? { ok: true }
      : {
          ok: false,
          problem: 'server',
          reason: `Lifeguard’s server answered ${response.status}.`,
        };
  }
  if (response.ok && field(body, 'status') === 'ready') return { ok: true };
  const reason = field(body, 'reason');
  return typeof reason === 'string'
    ? { ok: false, problem: 'upstream', reason: sentence(reason) }
    : {
        ok: false,
        problem: 'server',
        reason: `Lifeguard’s server answered ${response.status}.`,
      };
}

/**
 * Probes with backoff while an outage lasts, noting each failed probe's
 * reason and the next probe's time on the outage; resolves when a probe
 * succeeds (the caller then marks the recovery) or the outage has ended.
 * Rejects when `signal` aborts.
 */
export async function waitForRecovery(signal: AbortSignal): Promise<void> {
  let step = outage?.firstProbeStep ?? 0;
  while (outage) {
    const delay = probeDelay(step);
    step += 1;
    updateOutage({ nextProbeAt: Date.now() + delay });
    await abortableSleep(delay, signal);
    if (!outage) return;
    const result = await probe(outage.problem, signal);
    if (result.ok) return;
    updateOutage({ problem: result.problem, reason: result.reason });
  }
}
