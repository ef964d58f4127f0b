import { expect, test } from 'vitest';
import type { CertificatePool } from './api/pools.ts';
import {
  certificatePoolBodyOf,
  certificatePoolFormValuesOf,
} from './schemas.ts';

const POOL = {
  id: 'pool-1',
  display_name: 'orders',
  description: 'Orders.',
  external_identifier: 'CN',
  filter: "O == 'Acme'",
  principal: 'pool-1',
  state: 'ENABLED',
} satisfies CertificatePool;

test('a PUT carries all four fields: mine where I changed them, theirs elsewhere', () => {
  const base = certificatePoolFormValuesOf(POOL);
  const current: CertificatePool = { ...POOL, description: 'Theirs.' };
  expect(
    certificatePoolBodyOf({ ...base, filter: 'true' }, base, current),
  ).toEqual({
    display_name: 'orders',
    description: 'Theirs.',
    external_identifier: 'CN',
    filter: 'true',
  });
});

test('a pool made elsewhere without a description edits as empty', () => {
  const { description: _, ...bare } = POOL;
  expect(
    certificatePoolFormValuesOf(bare as unknown as CertificatePool).description,
  ).toBe('');
});
