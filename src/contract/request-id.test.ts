import { expect, test } from 'vitest';
import { requestIdFor } from './request-id.ts';

test('a plain client id is kept; anything else gets a fresh UUID', () => {
  expect(requestIdFor('trace-42.a:b_c')).toBe('trace-42.a:b_c');
  for (const given of [
    undefined,
    '',
    'has space',
    'x'.repeat(129),
    '<script>',
    ['a'],
  ]) {
    expect(requestIdFor(given)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  }
});
