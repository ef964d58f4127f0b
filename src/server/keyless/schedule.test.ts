import { expect, test } from 'vitest';
import {
  EXTERNAL_BUFFER_SECONDS,
  renewAfterSeconds,
  retryDelayMs,
  STS_BUFFER_SECONDS,
} from './schedule.ts';

test("Terraform's buffers: 1 minute for the STS token, 3 for the identity provider's, half the lifetime when it is not longer", () => {
  // The worked examples of the STS reference, §4.4.
  expect(renewAfterSeconds(900, STS_BUFFER_SECONDS)).toBe(840);
  expect(renewAfterSeconds(70, STS_BUFFER_SECONDS)).toBe(10);
  expect(renewAfterSeconds(60, STS_BUFFER_SECONDS)).toBe(30);
  expect(renewAfterSeconds(3600, EXTERNAL_BUFFER_SECONDS)).toBe(3420);
  expect(renewAfterSeconds(120, EXTERNAL_BUFFER_SECONDS)).toBe(60);
  expect(renewAfterSeconds(1, STS_BUFFER_SECONDS)).toBe(0.5);
});

test('failed renewals are retried after 1 s, doubling up to 30 s', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelayMs)).toEqual([
    1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
  ]);
});
