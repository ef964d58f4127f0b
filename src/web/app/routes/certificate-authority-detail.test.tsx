import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { demoAuthority } from '@/features/certificates/testing/certificates.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { apiCall } from '@/testing/emulator.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';

startEachTestOnDemo();

function colonHex(hex: string) {
  return hex.toUpperCase().match(/../g)!.join(':');
}

test('an authority shows its fields, each certificate of its chain, its CRL and its pools', async () => {
  const authority = await demoAuthority();
  renderApp(`/certificate-authorities/${authority.id}`);

  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'Acme workload PKI',
    }),
  ).toBeInTheDocument();
  expect(screen.getByText('acme-workload-chain.pem')).toBeInTheDocument();
  expect(screen.getByText(authority.crl_url!)).toBeInTheDocument();
  expect(
    screen.getByText(/Yes: a client certificate is refused/),
  ).toBeInTheDocument();
  const chain = screen.getByRole('table', {
    name: 'Certificates of the chain',
  });
  const rows = within(chain).getAllByRole('row').slice(1);
  expect(rows).toHaveLength(authority.fingerprints.length);
  expect(
    within(rows[0]!).getByText(colonHex(authority.fingerprints[0]!)),
  ).toBeInTheDocument();
  expect(
    within(rows[0]!).getByText(authority.serial_numbers[0]!.toUpperCase()),
  ).toBeInTheDocument();

  const pools = await screen.findByRole('table', {
    name: 'Certificate pools, page 1',
  });
  expect(
    await within(pools).findByRole('link', { name: 'orders-services' }),
  ).toBeInTheDocument();
  expect(
    within(pools).getByText('Matches every certificate of this authority'),
  ).toBeInTheDocument();
  expect(
    await screen.findByRole('meter', {
      name: 'Certificate pools of this authority',
    }),
  ).toHaveAttribute('aria-valuetext', '3 of 1000 certificate pools');
  expect(
    screen.getByRole('link', { name: 'New certificate pool' }),
  ).toHaveAttribute(
    'href',
    `/certificate-authorities/${authority.id}/pools/new`,
  );
});

test('deleting an authority says its pools and their role bindings go too', async () => {
  const authority = await demoAuthority();
  const { user, router } = renderApp(
    `/certificate-authorities/${authority.id}`,
  );
  await screen.findByRole('heading', { level: 1, name: 'Acme workload PKI' });
  await user.click(screen.getByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('alertdialog');
  expect(
    await within(dialog).findByText(
      '3 certificate pools will be deleted with it',
    ),
  ).toBeInTheDocument();
  expect(dialog).toHaveTextContent(/role bindings that name those pools/);
  const confirm = within(dialog).getByRole('button', {
    name: 'Delete authority and 3 certificate pools',
  });
  expect(confirm).toBeDisabled();
  await user.type(
    within(dialog).getByLabelText(/to confirm/),
    'Acme workload PKI',
  );
  await user.click(confirm);

  expect(
    await screen.findByText(
      'Deleted Acme workload PKI and its 3 certificate pools',
    ),
  ).toBeInTheDocument();
  await waitFor(() =>
    expect(router.state.location.pathname).toBe('/certificate-authorities'),
  );
  const list = await apiCall<{ data: unknown[] }>(
    'GET',
    '/iam/v2/certificate-authorities',
  );
  expect(list.data).toEqual([]);
});

test('an unknown authority says so, with the way back', async () => {
  renderApp('/certificate-authorities/op-nothere');
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'Certificate authority not found',
    }),
  ).toBeInTheDocument();
  expect(
    screen.getByRole('link', { name: 'Back to certificate authorities' }),
  ).toHaveAttribute('href', '/certificate-authorities');
});

test('a viewer sees the actions, disabled, with the reason', async () => {
  const authority = await demoAuthority();
  renderApp(`/certificate-authorities/${authority.id}`, {
    session: VIEWER_SESSION,
  });
  await screen.findByRole('heading', { level: 1, name: 'Acme workload PKI' });
  expect(screen.getByRole('button', { name: 'Edit' })).toBeDisabled();
  expect(screen.getByRole('button', { name: 'Delete' })).toBeDisabled();
  expect(
    screen.getByRole('button', { name: 'New certificate pool' }),
  ).toBeDisabled();
});
