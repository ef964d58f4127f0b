import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { CertificatePool } from '@/features/certificates/api/pools.ts';
import {
  demoAuthority,
  demoCertificatePool,
} from '@/features/certificates/testing/certificates.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { apiCall } from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { filterField } from '@/testing/filter-field.ts';
import { renderApp } from '@/testing/render.tsx';

startEachTestOnDemo();

test('an edit shows a filter change for review, then replaces the pool with all four fields', async () => {
  const authority = await demoAuthority();
  const pool = await demoCertificatePool(authority.id, 'orders-services');
  const { user, router } = renderApp(
    `/certificate-authorities/${authority.id}/pools/${pool.id}/edit`,
  );
  const filter = await filterField();
  expect(filter.value()).toBe(pool.filter);
  filter.replace("O == 'Acme' && CN.startsWith('orders-v2-')");
  const requests = spyOnFetch();
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  const review = await screen.findByRole('alertdialog', {
    name: 'Change this pool’s filter?',
  });
  expect(within(review).getByText(pool.filter)).toBeVisible();
  expect(requests.sent.filter((r) => r.method === 'PUT')).toEqual([]);
  await user.click(
    within(review).getByRole('button', { name: 'Save the new filter' }),
  );

  expect(await screen.findByText('Saved orders-services')).toBeInTheDocument();
  expect(router.state.location.pathname).toBe(
    `/certificate-authorities/${authority.id}/pools/${pool.id}`,
  );
  const put = requests.sent.find((request) => request.method === 'PUT');
  expect(JSON.parse(put!.body!)).toEqual({
    display_name: 'orders-services',
    description: pool.description,
    external_identifier: 'CN',
    filter: "O == 'Acme' && CN.startsWith('orders-v2-')",
  });
  const stored = await apiCall<CertificatePool>(
    'GET',
    `/iam/v2/certificate-authorities/${authority.id}/identity-pools/${pool.id}`,
  );
  expect(stored.filter).toBe("O == 'Acme' && CN.startsWith('orders-v2-')");
});

test('a field changed elsewhere keeps its value when mine is saved over theirs', async () => {
  const authority = await demoAuthority();
  const pool = await demoCertificatePool(authority.id, 'payments-and-billing');
  const { user } = renderApp(
    `/certificate-authorities/${authority.id}/pools/${pool.id}/edit`,
  );
  const name = await screen.findByLabelText('Display name');
  await user.clear(name);
  await user.type(name, 'payments');
  await apiCall(
    'PUT',
    `/iam/v2/certificate-authorities/${authority.id}/identity-pools/${pool.id}`,
    {
      display_name: pool.display_name,
      description: 'Changed elsewhere.',
      external_identifier: pool.external_identifier,
      filter: pool.filter,
    },
  );
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  const dialog = await screen.findByRole('alertdialog', {
    name: 'This certificate pool was changed by someone else',
  });
  await user.click(
    within(dialog).getByRole('button', { name: 'Save mine over theirs' }),
  );
  expect(await screen.findByText('Saved payments')).toBeInTheDocument();
  const stored = await apiCall<CertificatePool>(
    'GET',
    `/iam/v2/certificate-authorities/${authority.id}/identity-pools/${pool.id}`,
  );
  expect(stored).toMatchObject({
    display_name: 'payments',
    description: 'Changed elsewhere.',
  });
});

test('nothing changed, nothing to save', async () => {
  const authority = await demoAuthority();
  const pool = await demoCertificatePool(authority.id, 'any-acme-workload');
  renderApp(`/certificate-authorities/${authority.id}/pools/${pool.id}/edit`);
  expect(
    await screen.findByRole('button', { name: 'Save changes' }),
  ).toBeDisabled();
  expect(screen.getByText('No changes to save')).toBeInTheDocument();
});
