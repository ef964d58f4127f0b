import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import {
  makeCertificateAuthority,
  makeClientCertificate,
  type SubjectSpec,
} from '#filter/testing/certificates.ts';
import {
  demoAuthority,
  demoCertificatePool,
} from '@/features/certificates/testing/certificates.ts';
import { withNodeRealmCrypto } from '@/features/certificates/testing/node-realm-crypto.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { apiCall } from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp } from '@/testing/render.tsx';

startEachTestOnDemo();

function clientCertificate(subject: SubjectSpec) {
  return withNodeRealmCrypto(async () =>
    makeClientCertificate(
      await makeCertificateAuthority({
        subject: { O: 'Acme', CN: 'Acme Issuing CA' },
      }),
      { subject },
    ),
  );
}

test('a certificate pool shows its fields, with the principal to copy', async () => {
  const authority = await demoAuthority();
  const pool = await demoCertificatePool(authority.id, 'orders-services');
  renderApp(`/certificate-authorities/${authority.id}/pools/${pool.id}`);
  expect(
    await screen.findByRole('heading', { level: 1, name: 'orders-services' }),
  ).toBeInTheDocument();
  expect(screen.getByText(`User:${pool.id}`)).toBeInTheDocument();
  expect(
    screen.getByRole('button', { name: /Copy principal/ }),
  ).toBeInTheDocument();
  expect(screen.getByText(pool.filter)).toBeInTheDocument();
  const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
  expect(
    within(crumbs).getByRole('link', { name: 'Acme workload PKI' }),
  ).toHaveAttribute('href', `/certificate-authorities/${authority.id}`);
  expect(screen.getByRole('link', { name: 'Create a copy' })).toHaveAttribute(
    'href',
    `/certificate-authorities/${authority.id}/pools/new?copy_of=${pool.id}`,
  );
});

test('the tester decodes a client certificate in the browser and evaluates each condition', async () => {
  const authority = await demoAuthority();
  const pool = await demoCertificatePool(authority.id, 'orders-services');
  const certificate = await clientCertificate({
    C: 'DE',
    O: 'Acme',
    CN: 'orders-7',
  });
  const { user } = renderApp(
    `/certificate-authorities/${authority.id}/pools/${pool.id}`,
  );
  const input = await screen.findByLabelText('Client certificate (PEM)');
  const requests = spyOnFetch();
  await user.click(input);
  await user.paste(certificate);

  expect(
    await screen.findByText('This certificate matches the filter.'),
  ).toBeInTheDocument();
  const conditions = screen.getByRole('list', { name: 'Conditions' });
  expect(within(conditions).getByText("O == 'Acme'")).toBeInTheDocument();
  expect(conditions).toHaveTextContent(/passes.*passes/s);
  const attributes = screen.getByRole('table', {
    name: 'Subject attributes the filter reads',
  });
  expect(within(attributes).getByText('orders-7')).toBeInTheDocument();
  expect(
    screen.getByText(/Identity in audit logs \(CN\)/).closest('p'),
  ).toHaveTextContent('Identity in audit logs (CN): orders-7');
  expect(screen.getByText('CN=Acme Issuing CA,O=Acme')).toBeInTheDocument();
  // What a matching certificate may then do, from the pool's role bindings.
  expect(
    await screen.findByRole('heading', {
      name: 'What this certificate may do',
    }),
  ).toBeInTheDocument();
  // The certificate went nowhere: only role bindings were read.
  expect(
    requests.sent.every(
      (request) =>
        request.method === 'GET' && !request.url.search.includes('BEGIN'),
    ),
  ).toBe(true);
});

test('a certificate outside the filter is said not to match, with the failing condition', async () => {
  const authority = await demoAuthority();
  const pool = await demoCertificatePool(authority.id, 'orders-services');
  const certificate = await clientCertificate({ O: 'Other', CN: 'orders-7' });
  const { user } = renderApp(
    `/certificate-authorities/${authority.id}/pools/${pool.id}`,
  );
  await user.click(await screen.findByLabelText('Client certificate (PEM)'));
  await user.paste(certificate);
  expect(
    await screen.findByText('This certificate does not match the filter.'),
  ).toBeInTheDocument();
  expect(screen.getByRole('list', { name: 'Conditions' })).toHaveTextContent(
    /O == 'Acme'\s*fails/,
  );
});

test('a private key pasted into the tester is named as such', async () => {
  const authority = await demoAuthority();
  const pool = await demoCertificatePool(authority.id, 'orders-services');
  const { user } = renderApp(
    `/certificate-authorities/${authority.id}/pools/${pool.id}`,
  );
  const input = await screen.findByLabelText('Client certificate (PEM)');
  await user.click(input);
  await user.paste(
    '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----',
  );
  expect(input).toHaveAccessibleDescription(/This is a private key/);
});

test('the History and Access tabs show the pool’s own history and role bindings', async () => {
  const authority = await demoAuthority();
  const pool = await demoCertificatePool(authority.id, 'orders-services');
  // A change through Lifeguard, so the history has this test's own entry
  // on top (the log outlives the emulator's reset between tests).
  await apiCall(
    'PUT',
    `/iam/v2/certificate-authorities/${authority.id}/identity-pools/${pool.id}`,
    {
      display_name: pool.display_name,
      description: 'Orders services, one certificate each (reviewed)',
      external_identifier: pool.external_identifier,
      filter: pool.filter,
    },
  );
  const { user } = renderApp(
    `/certificate-authorities/${authority.id}/pools/${pool.id}`,
  );
  await screen.findByRole('heading', { level: 1, name: 'orders-services' });
  await user.click(screen.getByRole('tab', { name: 'History' }));
  const newest = await screen.findAllByRole('heading', {
    name: 'Updated certificate pool',
  });
  expect(newest[0]!.closest('li')).toHaveTextContent(
    'Orders services, one certificate each (reviewed)',
  );
  await user.click(screen.getByRole('tab', { name: 'Access' }));
  expect(
    await screen.findByRole('button', { name: /Grant access/ }),
  ).toBeInTheDocument();
});
