import { screen, waitFor, within } from '@testing-library/react';
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

test('creating a certificate pool lands on its page with the four fields as typed', async () => {
  const authority = await demoAuthority();
  const { user, router } = renderApp(
    `/certificate-authorities/${authority.id}/pools/new`,
  );
  await user.type(await screen.findByLabelText('Display name'), 'batch-jobs');
  await user.type(screen.getByLabelText('Description'), 'Nightly batches.');
  const identifier = screen.getByLabelText('External identifier');
  expect(identifier).toHaveValue('CN');
  await user.selectOptions(identifier, 'UID');
  const filter = await filterField();
  // An empty filter is allowed, and said to admit nobody.
  expect(
    screen.getByText(/nobody can use this pool until you write one/),
  ).toBeInTheDocument();
  filter.type("O == 'Acme' && CN.startsWith('batch-')");
  const requests = spyOnFetch();
  await user.click(screen.getByRole('button', { name: 'Create pool' }));

  expect(
    await screen.findByRole('heading', { level: 1, name: 'batch-jobs' }),
  ).toBeInTheDocument();
  expect(await screen.findByText('Created batch-jobs')).toBeInTheDocument();
  const poolId = router.state.location.pathname.split('/').at(-1)!;
  const post = requests.sent.find((request) => request.method === 'POST');
  expect(post!.url.search).toBe('');
  expect(JSON.parse(post!.body!)).toEqual({
    display_name: 'batch-jobs',
    description: 'Nightly batches.',
    external_identifier: 'UID',
    filter: "O == 'Acme' && CN.startsWith('batch-')",
  });
  const stored = await apiCall<CertificatePool>(
    'GET',
    `/iam/v2/certificate-authorities/${authority.id}/identity-pools/${poolId}`,
  );
  expect(stored).toMatchObject({
    display_name: 'batch-jobs',
    external_identifier: 'UID',
    principal: poolId,
  });
});

test('another certificate field can be typed, and true is said to admit every certificate', async () => {
  const authority = await demoAuthority();
  const { user } = renderApp(
    `/certificate-authorities/${authority.id}/pools/new`,
  );
  await user.type(await screen.findByLabelText('Display name'), 'everyone');
  await user.selectOptions(
    screen.getByLabelText('External identifier'),
    'Another field…',
  );
  await user.type(screen.getByLabelText('Certificate field'), 'SERIALNUMBER');
  (await filterField()).type('true');
  expect(
    screen.getByText(
      /true matches every certificate this certificate authority issued/,
    ),
  ).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Create pool' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: 'everyone' }),
  ).toBeInTheDocument();
  expect(screen.getByText('SERIALNUMBER')).toBeInTheDocument();
});

test('a filter outside the certificate dialect is refused at the field before anything is sent', async () => {
  const authority = await demoAuthority();
  const { user } = renderApp(
    `/certificate-authorities/${authority.id}/pools/new`,
  );
  await user.type(await screen.findByLabelText('Display name'), 'claims');
  const filter = await filterField();
  filter.type('claims.sub == "x"');
  const requests = spyOnFetch();
  await user.click(screen.getByRole('button', { name: 'Create pool' }));
  await waitFor(() =>
    expect(filter.element).toHaveAccessibleDescription(
      /This filter cannot be saved/,
    ),
  );
  expect(requests.sent.filter((r) => r.method === 'POST')).toEqual([]);
});

test('a copy starts from the pool’s fields under a new name', async () => {
  const authority = await demoAuthority();
  const source = await demoCertificatePool(authority.id, 'orders-services');
  renderApp(
    `/certificate-authorities/${authority.id}/pools/new?copy_of=${source.id}`,
  );
  expect(await screen.findByLabelText('Display name')).toHaveValue(
    'orders-services (copy)',
  );
  expect((await filterField()).value()).toBe(source.filter);
  expect(screen.getByLabelText('External identifier')).toHaveValue('CN');
  expect(screen.getByRole('link', { name: 'orders-services' })).toBeVisible();
});

test('what was typed is kept as a draft when leaving, and offered back', async () => {
  const authority = await demoAuthority();
  const { user } = renderApp(
    `/certificate-authorities/${authority.id}/pools/new`,
  );
  await user.type(await screen.findByLabelText('Display name'), 'half-done');
  (await filterField()).type("CN == 'a'");
  await user.click(screen.getByRole('link', { name: 'Cancel' }));
  const leaving = await screen.findByRole('alertdialog', {
    name: 'Discard your changes?',
  });
  await user.click(
    within(leaving).getByRole('button', { name: 'Keep as draft' }),
  );
  await user.click(
    await screen.findByRole('link', { name: 'New certificate pool' }),
  );
  const notice = await screen.findByRole('status', {
    name: /You have unsaved changes/,
  });
  expect(screen.getByLabelText('Display name')).toHaveValue('');
  await user.click(within(notice).getByRole('button', { name: 'Restore' }));
  expect(screen.getByLabelText('Display name')).toHaveValue('half-done');
  expect((await filterField()).value()).toBe("CN == 'a'");
});
