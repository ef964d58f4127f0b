import { expect, test } from 'vitest';
import { pageTokenOf } from './page-token.ts';

test('the page_token of an absolute or a relative link', () => {
  expect(
    pageTokenOf(
      'https://api.confluent.cloud/iam/v2/identity-providers?page_size=100&page_token=abc%3D',
    ),
  ).toBe('abc=');
  expect(pageTokenOf('/iam/v2/identity-providers?page_token=t2')).toBe('t2');
});

test('no token: no link, a link without one, or a link that does not parse', () => {
  for (const link of [undefined, null, '', '/things?page_size=10']) {
    expect(pageTokenOf(link)).toBeUndefined();
  }
  expect(pageTokenOf('http://[bad')).toBeUndefined();
});
