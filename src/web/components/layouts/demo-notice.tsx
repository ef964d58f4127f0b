import { useEffect, useState } from 'react';

// The upstream /healthz names, without zod: a hand check of `unknown`, as
// the first screen's other readers do (decision 012), though this one loads
// after it.
function upstreamOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (Reflect.get(body, 'upstream') as unknown)
    : undefined;
}

/**
 * Says, in the header, when Lifeguard's server runs on its demo emulator
 * rather than a Confluent organisation (its /healthz names the upstream).
 * Nothing is shown until that answer comes, nor when the check fails.
 */
export function DemoNotice() {
  const [isDemo, setIsDemo] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    fetch(new URL('/healthz', window.location.href), {
      headers: { accept: 'application/json' },
      signal: controller.signal,
    })
      .then((response) => (response.ok ? response.json() : undefined))
      .then((body: unknown) => setIsDemo(upstreamOf(body) === 'emulator'))
      .catch(() => {
        // Aborted, or no answer: the connectivity banner speaks for that.
      });
    return () => controller.abort();
  }, []);
  if (!isDemo) return null;
  return (
    <p
      data-slot="demo-notice"
      // 16 px high, centred on the header's edge: half in the header's 8 px
      // padding, half in the page's 24 px, over nobody's text at any width.
      className="absolute top-full left-1/2 z-10 -translate-x-1/2 -translate-y-1/2 rounded-md border border-amber-300 bg-amber-50 px-2 text-[0.6875rem] leading-[0.875rem] font-medium whitespace-nowrap text-amber-900"
    >
      Demo data: the local emulator
    </p>
  );
}
