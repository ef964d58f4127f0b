import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import {
  makeCertificateAuthority,
  makeClientCertificate,
  type SubjectSpec,
} from '#filter/testing/certificates.ts';
import { demoAuthority } from '@/features/certificates/testing/certificates.ts';
import { withNodeRealmCrypto } from '@/features/certificates/testing/node-realm-crypto.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { renderApp } from '@/testing/render.tsx';

startEachTestOnDemo();

function clientCertificate(subject: SubjectSpec) {
  return withNodeRealmCrypto(async () =>
    makeClientCertificate(await makeCertificateAuthority(), { subject }),
  );
}

test('a certificate reaches every pool whose filter matches its subject, with the roles they hold', async () => {
  const authority = await demoAuthority();
  const certificate = await clientCertificate({
    O: 'Acme',
    OU: 'payments',
    CN: 'orders-7',
    UID: 'svc-orders-7',
  });
  const { user } = renderApp(`/certificate-authorities/${authority.id}/reach`);
  await user.click(await screen.findByLabelText('Client certificate (PEM)'));
  await user.paste(certificate);

  expect(
    await screen.findByText(
      'It reaches 3 of the 3 certificate pools of this authority.',
    ),
  ).toBeInTheDocument();
  const reached = screen.getByRole('list', { name: 'Pools it reaches' });
  expect(
    within(reached).getByRole('link', { name: 'payments-and-billing' }),
  ).toBeInTheDocument();
  expect(reached).toHaveTextContent(/svc-orders-7\s*\(UID\)/);
  expect(
    await screen.findByRole('heading', {
      name: 'What this certificate may do',
    }),
  ).toBeInTheDocument();
});

test('a certificate of another organisation reaches only the pool that admits every certificate', async () => {
  const authority = await demoAuthority();
  const certificate = await clientCertificate({ O: 'Other', CN: 'x' });
  const { user } = renderApp(`/certificate-authorities/${authority.id}/reach`);
  await user.click(await screen.findByLabelText('Client certificate (PEM)'));
  await user.paste(certificate);
  expect(
    await screen.findByText(
      'It reaches 1 of the 3 certificate pools of this authority.',
    ),
  ).toBeInTheDocument();
  expect(
    within(screen.getByRole('list', { name: 'Pools it reaches' })).getByRole(
      'link',
      { name: 'any-acme-workload' },
    ),
  ).toBeInTheDocument();
});
