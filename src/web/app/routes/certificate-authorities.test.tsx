import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { demoAuthority } from '@/features/certificates/testing/certificates.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { injectFault, resetEmulator } from '@/testing/emulator.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';

startEachTestOnDemo();

test('the list shows each authority with its id, first expiry, CRL and pool count', async () => {
  const authority = await demoAuthority();
  renderApp('/certificate-authorities');
  const link = await screen.findByRole('link', { name: 'Acme workload PKI' });
  expect(link).toHaveAttribute(
    'href',
    `/certificate-authorities/${authority.id}`,
  );
  const row = link.closest('tr')!;
  expect(within(row).getByText(authority.id)).toBeInTheDocument();
  expect(
    within(row).getByText(
      `Earliest of ${authority.fingerprints.length} certificates`,
    ),
  ).toBeInTheDocument();
  expect(within(row).getByText(authority.crl_url!)).toBeInTheDocument();
  expect(
    within(row).getByText('Required on client certificates'),
  ).toBeInTheDocument();
  expect(await within(row).findByText('3')).toBeInTheDocument();
  expect(document.title).toBe('Certificate authorities · Lifeguard');
  expect(
    screen.getByRole('link', { name: 'Register a certificate authority' }),
  ).toHaveAttribute('href', '/certificate-authorities/new');
  // The section is in the header's navigation.
  expect(
    within(screen.getByRole('navigation', { name: 'Sections' })).getByRole(
      'link',
      { name: 'Certificate authorities' },
    ),
  ).toHaveAttribute('aria-current', 'page');
});

test('an organisation without authorities is told what one is for', async () => {
  await resetEmulator('empty');
  renderApp('/certificate-authorities');
  expect(
    await screen.findByRole('heading', {
      name: 'No certificate authorities yet',
    }),
  ).toBeInTheDocument();
  expect(
    screen.getAllByRole('link', { name: 'Register a certificate authority' }),
  ).toHaveLength(2);
});

test('a viewer sees why registering is not theirs to do', async () => {
  renderApp('/certificate-authorities', { session: VIEWER_SESSION });
  await screen.findByRole('link', { name: 'Acme workload PKI' });
  const register = screen.getByRole('button', {
    name: 'Register a certificate authority',
  });
  expect(register).toBeDisabled();
  expect(register).toHaveAccessibleDescription(/viewer/i);
});

test('a failing list explains itself and offers a retry', async () => {
  await injectFault({
    match: { path: 'certificate-authorities$' },
    respond: { status: 500 },
    times: 1,
  });
  const { user } = renderApp('/certificate-authorities');
  expect(await screen.findByRole('alert')).toHaveTextContent('Request id');
  await user.click(screen.getByRole('button', { name: 'Retry' }));
  expect(
    await screen.findByRole('link', { name: 'Acme workload PKI' }),
  ).toBeInTheDocument();
});
