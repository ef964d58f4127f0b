import { screen, waitFor } from '@testing-library/react';
import { expect, test } from 'vitest';
import {
  makeCertificateAuthority,
  makeClientCertificate,
} from '#filter/testing/certificates.ts';
import type { CertificateAuthority } from '@/features/certificates/api/authorities.ts';
import { pemFile } from '@/features/certificates/testing/certificates.ts';
import { withNodeRealmCrypto } from '@/features/certificates/testing/node-realm-crypto.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { apiCall } from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp } from '@/testing/render.tsx';

startEachTestOnDemo();

function colonHex(hex: string) {
  return hex.toUpperCase().match(/../g)!.join(':');
}

test('registering a real chain picked as a file previews it, then lands on the authority', async () => {
  const ca = await withNodeRealmCrypto(() =>
    makeCertificateAuthority({
      subject: { O: 'Register Tests', CN: 'Register Test CA' },
    }),
  );
  const { user, router } = renderApp('/certificate-authorities/new');

  await user.type(await screen.findByLabelText('Display name'), 'Test PKI');
  await user.type(screen.getByLabelText('Description'), 'Made by a test.');
  await user.upload(
    screen.getByLabelText('Chain file (.pem, .crt)'),
    pemFile('test-ca.pem', ca.pem),
  );
  await waitFor(() =>
    expect(screen.getByLabelText('Chain file name')).toHaveValue('test-ca.pem'),
  );
  expect(screen.getByLabelText('Certificate chain (PEM)')).toHaveValue(ca.pem);
  // What is about to be registered, decoded in the browser.
  expect(
    await screen.findByText('The chain holds 1 certificate'),
  ).toBeInTheDocument();
  expect(
    screen.getByText('CN=Register Test CA,O=Register Tests'),
  ).toBeInTheDocument();
  expect(screen.getByText(/Issued by\s+itself \(a root\)/)).toBeInTheDocument();

  const requests = spyOnFetch();
  await user.click(
    screen.getByRole('button', { name: 'Register certificate authority' }),
  );

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Test PKI' }),
  ).toBeInTheDocument();
  expect(await screen.findByText('Registered Test PKI')).toBeInTheDocument();
  const caId = router.state.location.pathname.split('/').at(-1)!;
  const stored = await apiCall<CertificateAuthority>(
    'GET',
    `/iam/v2/certificate-authorities/${caId}`,
  );
  expect(stored).toMatchObject({
    display_name: 'Test PKI',
    description: 'Made by a test.',
    certificate_chain_filename: 'test-ca.pem',
  });
  // No CRL was chosen, so none was sent.
  const post = requests.sent.find((request) => request.method === 'POST');
  expect(JSON.parse(post!.body!)).toEqual({
    display_name: 'Test PKI',
    description: 'Made by a test.',
    certificate_chain: ca.pem,
    certificate_chain_filename: 'test-ca.pem',
    require_crl_on_client_certificate: false,
  });
  // Confluent's fingerprint, formatted as openssl prints it.
  expect(
    screen.getByText(colonHex(stored.fingerprints[0]!)),
  ).toBeInTheDocument();
});

test('a client certificate is refused by the service, and its reason shows at the chain', async () => {
  const leaf = await withNodeRealmCrypto(async () =>
    makeClientCertificate(await makeCertificateAuthority(), {
      subject: { CN: 'orders-1' },
    }),
  );
  const { user } = renderApp('/certificate-authorities/new');

  await user.type(await screen.findByLabelText('Display name'), 'Leaf only');
  const chain = screen.getByLabelText('Certificate chain (PEM)');
  await user.click(chain);
  await user.paste(leaf);
  await user.type(screen.getByLabelText('Chain file name'), 'leaf.pem');
  await user.click(
    screen.getByRole('button', { name: 'Register certificate authority' }),
  );

  await waitFor(() =>
    expect(chain).toHaveAccessibleDescription(
      /certificate 1 \(CN=orders-1\) is not a CA certificate/,
    ),
  );
  expect(chain).toHaveAttribute('aria-invalid', 'true');
  expect(chain).toHaveFocus();
  // Everything typed stays.
  expect(screen.getByLabelText('Display name')).toHaveValue('Leaf only');
  expect(chain).toHaveValue(leaf);
});

test('a private key is refused before anything is sent', async () => {
  const { user } = renderApp('/certificate-authorities/new');
  await user.type(await screen.findByLabelText('Display name'), 'Oops');
  const chain = screen.getByLabelText('Certificate chain (PEM)');
  await user.click(chain);
  await user.paste(
    '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n',
  );
  await user.type(screen.getByLabelText('Chain file name'), 'key.pem');
  const requests = spyOnFetch();
  await user.click(
    screen.getByRole('button', { name: 'Register certificate authority' }),
  );
  await waitFor(() =>
    expect(chain).toHaveAccessibleDescription(/private key must never leave/),
  );
  expect(requests.sent.filter((r) => r.method === 'POST')).toEqual([]);
});

test('a new CRL needs the CRL check, as Confluent has required since June 2026', async () => {
  const ca = await withNodeRealmCrypto(() => makeCertificateAuthority());
  const { user } = renderApp('/certificate-authorities/new');
  await user.type(await screen.findByLabelText('Display name'), 'With CRL');
  await user.upload(
    screen.getByLabelText('Chain file (.pem, .crt)'),
    pemFile('ca.pem', ca.pem),
  );
  await user.click(screen.getByRole('radio', { name: 'Fetched from a URL' }));
  await user.type(
    screen.getByLabelText('CRL URL'),
    'http://crl.example.com/ca.crl',
  );
  const requireCheck = screen.getByRole('checkbox', {
    name: 'Require a CRL check on client certificates',
  });
  await user.click(
    screen.getByRole('button', { name: 'Register certificate authority' }),
  );
  await waitFor(() =>
    expect(requireCheck).toHaveAccessibleDescription(
      /accepts a new revocation list only with this checked/,
    ),
  );
  await user.click(requireCheck);
  await user.click(
    screen.getByRole('button', { name: 'Register certificate authority' }),
  );
  expect(
    await screen.findByRole('heading', { level: 1, name: 'With CRL' }),
  ).toBeInTheDocument();
  expect(screen.getByText('http://crl.example.com/ca.crl')).toBeInTheDocument();
});
