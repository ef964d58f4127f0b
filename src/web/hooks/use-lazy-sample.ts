import { useEffect, useState } from 'react';

/**
 * What a tester's sample (a pasted token, a PEM certificate) decodes to,
 * for the filter editor's completions and lint. The decoder comes from
 * `loadDecoder`, a module-level function that imports it on demand, so it
 * stays out of the form's chunk; the sample never leaves the browser.
 */
export function useLazySample<T>(
  sample: string,
  loadDecoder: () => Promise<(sample: string) => T | undefined>,
): T | undefined {
  const [decoded, setDecoded] = useState<T>();
  const isBlank = !sample.trim();
  // A cleared sample clears the result in this very render; another
  // sample's result replaces the last one once the decoder has it.
  if (isBlank && decoded !== undefined) setDecoded(undefined);
  useEffect(() => {
    if (isBlank) return;
    let isCurrent = true;
    void loadDecoder().then((decode) => {
      if (isCurrent) setDecoded(decode(sample));
    });
    return () => {
      isCurrent = false;
    };
  }, [isBlank, sample, loadDecoder]);
  return decoded;
}
