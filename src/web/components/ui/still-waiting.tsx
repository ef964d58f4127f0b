import { useEffect, useState } from 'react';

/** How long loading rows may show before the page says it is still waiting. */
export const STILL_WAITING_MS = 3_000;

/**
 * Mounted while a list loads: after {@link STILL_WAITING_MS} it says that
 * Confluent has not answered yet, rather than leaving only blank loading rows
 * until Lifeguard's server gives up. The live region is there (empty, taking
 * no room) from the start, so the words are announced when they appear.
 * `className` applies once they do.
 */
export function StillWaiting({ className }: { className?: string }) {
  const [isLate, setIsLate] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setIsLate(true), STILL_WAITING_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <p role="status" className={isLate ? className : undefined}>
      {isLate && 'Still waiting for Confluent…'}
    </p>
  );
}
