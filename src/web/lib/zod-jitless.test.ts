import { expect, test } from 'vitest';
import './zod-jitless.ts';

test('zod is jitless once the console has started, so no schema probes eval', async () => {
  const { config } = await import('zod/v4/core');
  expect(config().jitless).toBe(true);
  const { z } = await import('zod');
  const probe = globalThis.Function;
  let calls = 0;
  // Any `new Function` from here on would be what the CSP refuses.
  globalThis.Function = new Proxy(probe, {
    construct(target, args) {
      calls += 1;
      return Reflect.construct(target, args) as object;
    },
  });
  try {
    const schema = z.object({ name: z.string(), tags: z.array(z.string()) });
    expect(schema.parse({ name: 'a', tags: ['b'] })).toEqual({
      name: 'a',
      tags: ['b'],
    });
  } finally {
    globalThis.Function = probe;
  }
  expect(calls).toBe(0);
});
