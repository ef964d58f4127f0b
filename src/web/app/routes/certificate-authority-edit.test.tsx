import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { makeCertificateAuthority } from '#filter/testing/certificates.ts';
import type { CertificateAuthority } from '@/features/certificates/api/authorities.ts';
import {
  demoAuthority,
  pemFile,
} from '@/features/certificates/testing/certificates.ts';
import { withNodeRealmCrypto } from '@/features/certificates/testing/node-realm-crypto.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { apiCall } from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp } from '@/testing/render.tsx';

startEachTestOnDemo();

test('an edit replaces the authority with every field, keeping the chain it does not replace', async () => {
  const authority = await demoAuthority();
  const { user, router } = renderApp(
    `/certificate-authorities/${authority.id}/edit`,
  );
  const description = await screen.findByLabelText('Description');
  expect(screen.getByLabelText('New certificate chain (PEM)')).toHaveValue('');
  expect(screen.getByLabelText('Chain file name')).toHaveValue(
    'acme-workload-chain.pem',
  );
  expect(screen.getByLabelText('CRL URL')).toHaveValue(authority.crl_url);
  await user.clear(description);
  await user.type(description, 'Rotated yearly.');
  const requests = spyOnFetch();
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  expect(
    await screen.findByText('Saved Acme workload PKI'),
  ).toBeInTheDocument();
  await waitFor(() =>
    expect(router.state.location.pathname).toBe(
      `/certificate-authorities/${authority.id}`,
    ),
  );
  const put = requests.sent.find((request) => request.method === 'PUT');
  expect(JSON.parse(put!.body!)).toEqual({
    display_name: 'Acme workload PKI',
    description: 'Rotated yearly.',
    certificate_chain_filename: 'acme-workload-chain.pem',
    crl_url: authority.crl_url,
    require_crl_on_client_certificate: true,
  });
  const stored = await apiCall<CertificateAuthority>(
    'GET',
    `/iam/v2/certificate-authorities/${authority.id}`,
  );
  expect(stored.description).toBe('Rotated yearly.');
  expect(stored.fingerprints).toEqual(authority.fingerprints);
});

test('a new chain replaces the registered one, with its file name', async () => {
  const authority = await demoAuthority();
  const ca = await withNodeRealmCrypto(() =>
    makeCertificateAuthority({ subject: { CN: 'Replacement CA' } }),
  );
  const { user, router } = renderApp(
    `/certificate-authorities/${authority.id}/edit`,
  );
  await user.upload(
    await screen.findByLabelText('New chain file (.pem, .crt)'),
    pemFile('replacement.pem', ca.pem),
  );
  await waitFor(() =>
    expect(screen.getByLabelText('Chain file name')).toHaveValue(
      'replacement.pem',
    ),
  );
  // The demo's CRL was issued by its old chain: none now.
  await user.click(screen.getByRole('radio', { name: 'None' }));
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  // Not the toast: the test before may have left one with the same text.
  await waitFor(() =>
    expect(router.state.location.pathname).toBe(
      `/certificate-authorities/${authority.id}`,
    ),
  );
  const stored = await apiCall<CertificateAuthority>(
    'GET',
    `/iam/v2/certificate-authorities/${authority.id}`,
  );
  expect(stored.certificate_chain_filename).toBe('replacement.pem');
  expect(stored.fingerprints).toHaveLength(1);
  expect(stored.fingerprints).not.toEqual(authority.fingerprints);
});

test('a change made elsewhere meanwhile is shown before anything is overwritten', async () => {
  const authority = await demoAuthority();
  const { user } = renderApp(`/certificate-authorities/${authority.id}/edit`);
  const name = await screen.findByLabelText('Display name');
  await user.clear(name);
  await user.type(name, 'Acme PKI (renamed)');
  // Someone else changes the description in the meantime.
  await apiCall('PUT', `/iam/v2/certificate-authorities/${authority.id}`, {
    display_name: authority.display_name,
    description: 'Changed by someone else.',
    certificate_chain_filename: authority.certificate_chain_filename,
    crl_url: authority.crl_url,
    require_crl_on_client_certificate: true,
  });
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  const dialog = await screen.findByRole('alertdialog', {
    name: 'This certificate authority was changed by someone else',
  });
  expect(within(dialog).getByText('Changed by someone else.')).toBeVisible();
  await user.click(
    within(dialog).getByRole('button', { name: 'Save mine over theirs' }),
  );
  expect(
    await screen.findByText('Saved Acme PKI (renamed)'),
  ).toBeInTheDocument();
  const stored = await apiCall<CertificateAuthority>(
    'GET',
    `/iam/v2/certificate-authorities/${authority.id}`,
  );
  // Mine replaced the name; theirs kept the description I did not touch.
  expect(stored.display_name).toBe('Acme PKI (renamed)');
  expect(stored.description).toBe('Changed by someone else.');
});
