import { screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { demoProviderId, resetEmulator } from '@/testing/emulator.ts';
import { renderApp } from '@/testing/render.tsx';
import { createTestPool } from '@/testing/writes.ts';

beforeEach(() => resetEmulator('demo'));

test('a pool deleted with its provider is in the log filtered by its id, with the filter it had', async () => {
  // The demo's staging Keycloak has no pools of its own.
  const keycloak = await demoProviderId('sso.staging');
  const pool = await createTestPool(keycloak, {
    filter: 'claims.aud == "went-with-its-provider"',
  });
  const deleted = await fetch(
    new URL(`/api/iam/v2/identity-providers/${keycloak}`, window.location.href),
    { method: 'DELETE', headers: { 'x-lifeguard-csrf': '1' } },
  );
  expect(deleted.status).toBe(204);

  const { user } = renderApp(`/audit?pool_id=${pool.id}`);
  const table = await screen.findByRole('table', {
    name: 'Audit log entries, newest first',
  });
  const [gone] = await within(table).findAllByText(
    'Deleted pool with its provider',
  );
  const row = gone!.closest('tr')!;
  await user.click(within(row).getByText(/^\d+ fields:/));
  expect(
    within(row).getByRole('table', { name: 'Changed fields' }),
  ).toHaveTextContent('claims.aud == "went-with-its-provider"');
});
