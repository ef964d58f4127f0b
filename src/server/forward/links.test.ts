import { expect, test } from 'vitest';
import { UpstreamLinks } from './links.ts';

test('a Location on the upstream becomes the same path under /api, resolved as a browser would', () => {
  const links = new UpstreamLinks('https://api.example/base');
  expect(
    links.location('https://api.example/base/iam/v2/identity-providers/op-1'),
  ).toBe('/api/iam/v2/identity-providers/op-1');
  expect(links.location('/base/iam/v2/identity-providers?page_size=5')).toBe(
    '/api/iam/v2/identity-providers?page_size=5',
  );
  expect(
    links.location('https://api.example/base/iam/../../elsewhere'),
  ).toBeUndefined();
  expect(links.location('https://evil.example/base/iam')).toBeUndefined();
  expect(links.location('https://api.example/other/iam')).toBeUndefined();
  expect(links.location('http://[bad')).toBeUndefined();
});

test('links inside a JSON answer and a Location agree on where they point', () => {
  const links = new UpstreamLinks('https://api.example');
  const self = 'https://api.example/iam/v2/identity-providers/op-1';
  expect(links.inBody(`{"metadata":{"self":"${self}"}}`)).toBe(
    `{"metadata":{"self":"${links.location(self)}"}}`,
  );
});
