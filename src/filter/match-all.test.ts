import { expect, test } from 'vitest';
import { isMatchAllFilter } from './match-all.ts';

test.each([
  ['true', true],
  [' (true) \n', true],
  ['((true))', true],
  ['claims.aud == "true"', false],
  ['true && claims.sub == "x"', false],
  ['!true', false],
  ['', false],
])('%j matches every token: %s', (source, expected) => {
  expect(isMatchAllFilter(source)).toBe(expected);
});
