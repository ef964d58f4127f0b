/**
 * Resolves after `ms`, or rejects with the abort reason as soon as `signal`
 * aborts (at once when it already has). Every paced wait of the console
 * sleeps with it, so aborting is all it takes to stop one.
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    // A long walk sleeps many times on one signal: leave no listener behind.
    const timer = setTimeout(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
